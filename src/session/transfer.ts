import type { ImportedMessage, Ingest } from '../ingest/ingest';
import type { LogEntry } from '../ingest/types';
import { formatBytes } from '../payload/format';
import { decodeMessageLine, encodeMessageLine, type NdjsonMessage } from '../payload/ndjson';
import type { FirehoseStore } from '../store/store';
import { MQTT_SYNTAX, type TopicSyntax } from '../topics/syntax';
import type { LiveLog } from './liveLog';

/**
 * Export and Import of the log as NDJSON (format: payload/ndjson.ts; README "Export and import").
 *
 * Both run on the main thread in slices of about SLICE_MS and yield to the event loop in between, so
 * the page keeps drawing and answering input while 100,000 messages are written or read; a progress
 * state (`getState`, `subscribe`) tells the UI how far they are.
 *
 * Import is refused while a connection is open or opening. Imported messages are for browsing
 * offline: live ones arriving among them would interleave two timelines in the log, and the topic
 * tree and Latest values would call whichever came last "latest" (a file from yesterday would
 * overwrite this minute's values, or the other way round). Disconnecting on the user's behalf would
 * end a live view they may not be done with; the notice tells them what to do instead.
 */

export type ExportScope = 'shown' | 'all';

export type TransferState =
  | { kind: 'idle' }
  | { kind: 'exporting'; done: number; total: number }
  | { kind: 'importing'; name: string; fraction: number; messages: number };

export interface ExportFile {
  blob: Blob;
  /** Suggested file name, e.g. `firehose-2024-05-01T12-00-00Z.ndjson`. */
  name: string;
  count: number;
}

export interface ImportReport {
  name: string;
  /** `stopped`: a connection opened meanwhile; `failed`: the file could not be read. */
  outcome: 'done' | 'cancelled' | 'stopped' | 'failed';
  /** The read error, for `failed`. */
  detail?: string;
  /** Messages appended to the log (and fed to the topic tree). */
  imported: number;
  /** Of those, how many the buffer still holds: it evicts the oldest beyond its size and byte caps. */
  kept: number;
  badLines: number;
  /** The first MAX_REPORTED_ERRORS bad lines, as `line N: reason`. */
  errors: string[];
}

/** Work done between two yields: short enough that input and frames get through (a frame is 16 ms). */
const SLICE_MS = 12;
/**
 * Text per Blob part. Chromium copies a string into a Blob at ~30–300 MB/s depending on the machine
 * (measured here: 65 MB of NDJSON took 1.8 s in one `new Blob`, a long task), so each slice turns at
 * most this much text into a Blob before yielding: encoding is the cheaper half (100,000 lines in
 * ~0.2 s), and a slice stays within a frame or two even on a slow machine.
 */
const SLICE_CHARS = 512 * 1024;
/** Decoded messages handed to ingest at once: one buffer append and one sink call per batch. */
const IMPORT_BATCH = 2_000;
export const MAX_REPORTED_ERRORS = 10;
/**
 * A longer line is skipped without being held whole: 64 MiB carries a 48 MiB payload in base64, a
 * fifth of the whole 256 MB buffer. Without a cap, a file with no line break (a wrong file, a binary)
 * would be gathered into one string until the tab ran out of memory.
 */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;
const NEWLINE = 0x0a;

export const NDJSON_TYPE = 'application/x-ndjson';

/** `firehose-2024-05-01T12-00-00Z.ndjson`: sortable, and legal on every file system (no `:`). */
export function exportFileName(now: Date): string {
  return `firehose-${now.toISOString().slice(0, 19).replaceAll(':', '-')}Z.ndjson`;
}

const count = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;

/** The buffer's caps when an import ended; `byBytes`: the byte cap, not the count, evicted. */
export interface BufferLimits {
  capacity: number;
  maxBytes: number;
  byBytes: boolean;
}

/** The notice for a finished import: what came in, what the buffer kept, which lines were bad. */
export function describeImport(
  report: ImportReport,
  limits: BufferLimits,
): { level: 'info' | 'warning' | 'error'; text: string } {
  const { name, imported, kept, badLines, errors } = report;
  const parts: string[] = [];
  if (report.outcome === 'failed') {
    parts.push(`Could not read ${name}: ${report.detail ?? 'unknown error'}.`);
    if (imported > 0) parts.push(`${plural(imported, 'message')} before the error were imported.`);
  } else if (report.outcome === 'cancelled') {
    parts.push(`Import of ${name} cancelled after ${plural(imported, 'message')}.`);
  } else if (report.outcome === 'stopped') {
    parts.push(
      `Import of ${name} stopped after ${plural(imported, 'message')}: a connection was opened (imported messages are for browsing offline).`,
    );
  } else if (imported === 0 && badLines === 0) {
    parts.push(`${name} holds no messages.`);
  } else {
    parts.push(`Imported ${plural(imported, 'message')} from ${name}.`);
  }
  if (kept < imported) {
    parts.push(
      limits.byBytes
        ? `The buffer kept the last ${count(kept)} (it holds at most ${formatBytes(limits.maxBytes)}).`
        : `The buffer kept the last ${count(kept)} (Buffer size ${count(limits.capacity)}; a larger one keeps more).`,
    );
  }
  if (badLines > 0) {
    const more = badLines > errors.length ? `; and ${plural(badLines - errors.length, 'more line')}` : '';
    parts.push(`Skipped ${plural(badLines, 'malformed line')}: ${errors.join('; ')}${more}.`);
  }
  const level =
    report.outcome === 'failed'
      ? 'error'
      : badLines > 0 || report.outcome === 'stopped' || (imported === 0 && report.outcome === 'done')
        ? 'warning'
        : 'info';
  return { level, text: parts.join(' ') };
}

type Yield = () => Promise<void>;

/**
 * `scheduler.yield()` where the browser has it (Chromium 129+): a task that is not throttled in a
 * background tab the way timers are (to once a second), so an import keeps going while the user
 * looks elsewhere. `setTimeout(0)` otherwise (Node tests, other browsers).
 */
export const yieldToEventLoop: Yield = () => {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
};

export class TransferService {
  private state: TransferState = { kind: 'idle' };
  private readonly listeners = new Set<() => void>();
  private cancelRequested = false;

  constructor(
    private readonly store: FirehoseStore,
    private readonly ingest: Ingest,
    private readonly log: LiveLog,
    private readonly syntax: () => TopicSyntax,
    /** Tests pass their own yield and a smaller line cap. */
    options: { pause?: Yield; maxLineBytes?: number } = {},
  ) {
    this.pause = options.pause ?? yieldToEventLoop;
    this.maxLineBytes = options.maxLineBytes ?? MAX_LINE_BYTES;
  }

  private readonly pause: Yield;
  private readonly maxLineBytes: number;

  /** For `useSyncExternalStore`: called whenever `getState()` changes. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): TransferState => this.state;

  private publish(state: TransferState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }

  /** Messages imported since the session started (never counted as received). */
  get importedTotal(): number {
    return this.ingest.importedTotal;
  }

  /**
   * Messages (not the app's own marker rows) the log shows now, and all the buffer holds; `filtering`
   * while a filter pass is still finding matches (so `shown` will grow).
   */
  counts(): { shown: number; all: number; filtering: boolean } {
    let shown = 0;
    let all = 0;
    this.forEach('shown', () => shown++);
    this.forEach('all', () => all++);
    return { shown, all, filtering: this.log.index.pending };
  }

  private forEach(scope: ExportScope, fn: (entry: LogEntry) => void): void {
    if (scope === 'all') {
      const buffer = this.ingest.buffer;
      buffer.forEachSince(buffer.firstSeq, (entry) => {
        if (entry.marker === undefined) fn(entry);
      });
      return;
    }
    // The filtered view as it stands, paused or not: what the user sees is what they get.
    const index = this.log.index;
    for (let i = 0; i < index.length; i++) {
      const entry = this.log.entry(index.seqAt(i));
      if (entry && entry.marker === undefined) fn(entry);
    }
  }

  /**
   * The messages of the filtered view (`shown`) or of the whole buffer (`all`) as one NDJSON file, or
   * null while another export or import runs. Written in slices: the lines of each slice become one Blob
   * (the browser copies the strings out as it goes, instead of in one long task at the end), and the
   * file is a Blob of those Blobs, which costs nothing more.
   */
  async exportMessages(scope: ExportScope, now = new Date()): Promise<ExportFile | null> {
    if (this.state.kind !== 'idle') return null;
    this.publish({ kind: 'exporting', done: 0, total: 0 });
    const parts: Blob[] = [];
    let total = 0;
    try {
      if (scope === 'shown') {
        // A filter pass tests the buffer a slice per frame: finish it first (in slices too), so "shown"
        // means every match, not the ones found so far. Driven here, not by frames, which a background
        // tab does not get.
        const index = this.log.index;
        while (index.pending) {
          index.update(this.ingest.buffer, performance.now() + SLICE_MS);
          this.ingest.requestFlush();
          if (index.pending) await this.pause();
        }
      }
      // A snapshot of references: messages evicted while the export runs are still written.
      const entries: LogEntry[] = [];
      this.forEach(scope, (entry) => entries.push(entry));
      total = entries.length;
      const topic = toMqttTopic(this.syntax());
      this.publish({ kind: 'exporting', done: 0, total });
      let i = 0;
      while (i < total) {
        const until = performance.now() + SLICE_MS;
        const lines: string[] = [];
        let chars = 0;
        do {
          const e = entries[i++] as LogEntry;
          const line = encodeMessageLine(topic ? { ...e, topic: topic(e.topic) } : e);
          chars += line.length;
          lines.push(line);
        } while (i < total && chars < SLICE_CHARS && (i % 64 !== 0 || performance.now() < until));
        lines.push('');
        parts.push(new Blob([lines.join('\n')]));
        this.publish({ kind: 'exporting', done: i, total });
        if (i < total) await this.pause();
      }
    } finally {
      this.publish({ kind: 'idle' });
    }
    return { blob: new Blob(parts, { type: NDJSON_TYPE }), name: exportFileName(now), count: total };
  }

  /** Why Import cannot start now, in words for a notice; null when it can. */
  importRefusal(): string | null {
    if (this.state.kind !== 'idle') return 'Wait for the current import or export to finish.';
    if (this.connectionOpen()) {
      return 'Disconnect before importing: imported messages are for browsing offline, and live messages arriving among them would mix two timelines in the log, the topic tree and Latest values.';
    }
    return null;
  }

  private connectionOpen(): boolean {
    const phase = this.store.getState().connection.phase;
    return phase === 'connected' || phase === 'connecting' || phase === 'reconnecting';
  }

  /** Stops a running import at its next slice (what was imported stays); user cancellation, not an error. */
  cancel(): void {
    if (this.state.kind === 'importing') this.cancelRequested = true;
  }

  /**
   * Reads an NDJSON file into the log, streamed: the file is read in chunks and split into lines as
   * bytes, each line decoded as strict UTF-8 on its own (a corrupt line is reported, not turned into
   * U+FFFD that would change the payload silently), parsed, and appended in batches through ingest, so
   * the filter, inspector, topic tree and Latest values work on the messages. A bad line is skipped and
   * reported by number; the rest imports. Returns null (after a notice saying why) when refused.
   */
  async importFile(file: Blob, name = fileName(file)): Promise<ImportReport | null> {
    const refusal = this.importRefusal();
    if (refusal) {
      this.store.getState().notify('warning', refusal);
      return null;
    }
    this.cancelRequested = false;
    const report: ImportReport = { name, outcome: 'done', imported: 0, kept: 0, badLines: 0, errors: [] };
    const fromWire = this.syntax().fromWire;
    const utf8 = new TextDecoder('utf-8', { fatal: true });
    const size = Math.max(1, file.size);
    let firstSeq = -1;
    let pending: ImportedMessage[] = [];
    let lineNo = 0;
    let consumed = 0;

    const flush = () => {
      if (pending.length === 0) return;
      if (firstSeq < 0) {
        this.ingest.mark(`imported from ${name}, with the times recorded in the file`);
        firstSeq = this.ingest.buffer.nextSeq;
      }
      this.ingest.importEntries(pending);
      report.imported += pending.length;
      pending = [];
    };
    const bad = (error: string) => {
      report.badLines++;
      if (report.errors.length < MAX_REPORTED_ERRORS) report.errors.push(error);
    };
    const line = (bytes: Uint8Array) => {
      lineNo++;
      consumed += bytes.byteLength + 1;
      if (bytes.byteLength === 0) return;
      if (bytes.byteLength > this.maxLineBytes) {
        bad(`line ${lineNo}: longer than ${formatLimit(this.maxLineBytes)}, skipped`);
        return;
      }
      let text: string;
      try {
        text = utf8.decode(bytes);
      } catch {
        bad(`line ${lineNo}: not UTF-8 text`);
        return;
      }
      if (isBlank(text)) return;
      const decoded = decodeMessageLine(text, lineNo);
      if ('error' in decoded) {
        bad(decoded.error);
        return;
      }
      pending.push(imported(decoded.message, fromWire));
      if (pending.length >= IMPORT_BATCH) flush();
    };
    /** Between slices: draw, answer input, and see whether to go on. */
    let sliceEnd = performance.now() + SLICE_MS;
    const breathe = async (): Promise<boolean> => {
      flush();
      this.publish({
        kind: 'importing',
        name,
        fraction: Math.min(1, consumed / size),
        messages: report.imported,
      });
      await this.pause();
      sliceEnd = performance.now() + SLICE_MS;
      if (this.cancelRequested) report.outcome = 'cancelled';
      else if (this.connectionOpen()) report.outcome = 'stopped';
      return report.outcome === 'done';
    };

    this.publish({ kind: 'importing', name, fraction: 0, messages: 0 });
    const reader = file.stream().getReader();
    // The bytes of a line that spans chunks, kept as pieces and joined once its end arrives (a 10 MB
    // line arrives in ~160 chunks; concatenating on each would copy it 160 times).
    let carry: Uint8Array[] = [];
    let carryBytes = 0;
    let skipping = false;
    try {
      reading: for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        let start = 0;
        for (;;) {
          const end = value.indexOf(NEWLINE, start);
          if (end < 0) {
            if (!skipping && start < value.byteLength) {
              carry.push(value.subarray(start));
              carryBytes += value.byteLength - start;
              if (carryBytes > this.maxLineBytes) {
                bad(`line ${lineNo + 1}: longer than ${formatLimit(this.maxLineBytes)}, skipped`);
                skipping = true;
                carry = [];
              }
            } else if (skipping) {
              consumed += value.byteLength - start;
            }
            break;
          }
          if (skipping) {
            // The rest of an overlong line: its number was counted when it was reported.
            skipping = false;
            lineNo++;
            consumed += carryBytes + end - start + 1;
            carryBytes = 0;
          } else if (carry.length > 0) {
            carry.push(value.subarray(start, end));
            line(concat(carry, carryBytes + end - start));
            carry = [];
            carryBytes = 0;
          } else {
            line(value.subarray(start, end));
          }
          start = end + 1;
          // One clock read per line (~50 ns); an await per line would cost a microtask turn each.
          if (performance.now() >= sliceEnd && !(await breathe())) break reading;
        }
        if (performance.now() >= sliceEnd && !(await breathe())) break;
      }
      if (report.outcome === 'done' && carry.length > 0) line(concat(carry, carryBytes));
      else if (report.outcome === 'done' && skipping) lineNo++;
    } catch (e) {
      report.outcome = 'failed';
      report.detail = e instanceof Error ? e.message : String(e);
    }
    if (report.outcome !== 'done') await reader.cancel().catch(() => {});
    flush();
    const buffer = this.ingest.buffer;
    report.kept =
      firstSeq < 0 ? 0 : Math.min(report.imported, buffer.nextSeq - Math.max(buffer.firstSeq, firstSeq));
    this.publish({ kind: 'idle' });
    const notice = describeImport(report, {
      capacity: buffer.capacity,
      maxBytes: buffer.maxBytes,
      byBytes: buffer.size < buffer.capacity,
    });
    this.store.getState().notify(notice.level, notice.text);
    return report;
  }
}

function formatLimit(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MiB` : `${bytes} bytes`;
}

function fileName(file: Blob): string {
  return typeof (file as File).name === 'string' && (file as File).name !== ''
    ? (file as File).name
    : 'the file';
}

function isBlank(text: string): boolean {
  const c = text.charCodeAt(0);
  return (c === 0x20 || c === 0x09 || c === 0x0d) && text.trim() === '';
}

function concat(pieces: readonly Uint8Array[], bytes: number): Uint8Array {
  const out = new Uint8Array(bytes);
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

function imported(m: NdjsonMessage, fromWire: (topic: string) => string): ImportedMessage {
  return {
    time: m.time,
    topic: fromWire(m.topic),
    payload: m.payload,
    qos: m.qos,
    retain: m.retain,
    // Not in the format: a redelivery flag says something about one connection, not about the message.
    dup: false,
    props: m.props,
  };
}

/**
 * Files hold MQTT topics (`a/b/c`) whatever syntax the viewer shows (`a.b.c` for AMQP), so a file
 * reads the same in any viewer: export converts back, import converts like a delivery. Null: as is.
 */
function toMqttTopic(syntax: TopicSyntax): ((topic: string) => string) | null {
  if (syntax.id === MQTT_SYNTAX.id) return null;
  return (topic) => MQTT_SYNTAX.join(syntax.split(topic));
}
