import { alignedDelay } from '../lib/clock';
import { RateMeter } from '../lib/rateMeter';
import type { QoS, RawMessage } from '../mqtt/types';
import type { PackedBatch } from './batch';
import { RingBuffer, type RingSnapshot } from './ringBuffer';
import type { Delivery, IngestFrame, IngestSink, LogEntry } from './types';

export const DEFAULT_CAPACITY = 50_000;
/**
 * 256 MB of payload bytes: 50,000 messages of a typical 1–5 kB firehose event fit; a flood of 1 MB
 * payloads evicts by bytes long before the tab runs out of memory.
 */
export const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;

type Schedule = (cb: () => void) => void;

/** A message read from a file: a received message's fields with the time it was received. */
export type ImportedMessage = RawMessage & { time: number };

const defaultSchedule: Schedule =
  typeof requestAnimationFrame === 'function'
    ? (cb) => {
        requestAnimationFrame(cb);
      }
    : (cb) => {
        setTimeout(cb, 16);
      };

/** A throttled flush waits this long past the boundary for the batch its worker sent on it. */
const FLUSH_AFTER_BOUNDARY_MS = 40;

const AS_IS: Delivery = { topic: null, accept: null };
const NO_BYTES = new Uint8Array(0);

/**
 * Memory an entry costs beyond its payload, counted against the byte cap with the payload, so every
 * cache counts: the entry object and its fields (~150 B in V8), the preview string cached the first
 * time a row or the filter reads it (≤ 200 UTF-16 characters, ~420 B), and index slots. Without it a
 * probe filled 441,585 small messages under the 256 MB cap and then grew 180 MB of previews nobody
 * counted. Plus the row's view cached the first time it is drawn (`EntryView`: a summary of ≤ 200
 * characters and up to 6 field cells of ≤ 60, ~1.1 kB at most, ~500 B typical): 1,200 B in all.
 */
export const ENTRY_OVERHEAD_BYTES = 1_200;

/**
 * The only place messages go. A packed batch from the worker is unpacked once, into entries of one
 * object shape (seq and time set in the literal, no property added later), shaped by the topic syntax
 * (`Delivery`), appended to the ring buffer, and handed whole to every sink (topic tree, host events).
 * Then one flush is scheduled on the next animation frame at most (the `pending` flag merges a burst
 * of thousands of messages into one UI update): every frame listener gets the same `IngestFrame`.
 */
export class Ingest {
  readonly buffer: RingBuffer<LogEntry>;
  private received = 0;
  private imported = 0;
  private rated = 0;
  private clears = 0;
  private narrowedOut = 0;
  private pending = false;
  private delivery: Delivery = AS_IS;
  private readonly sinks: IngestSink[] = [];
  private readonly listeners: Array<(frame: IngestFrame) => void> = [];
  private readonly rate = new RateMeter();
  private rateTimer: ReturnType<typeof setInterval> | null = null;
  private waitTimer: ReturnType<typeof setTimeout> | null = null;
  /**
   * Arriving messages are flushed on this interval's wall-clock boundaries, FLUSH_AFTER_BOUNDARY_MS
   * late (0: on the next animation frame). A widget sets 250: four redraws a second are plenty for a
   * status page, and since every widget of a page shares the clock, ten widgets redraw in the same four
   * frames instead of forty. Its worker sends batches on the same boundaries (`alignedDelay`), so each
   * flush comes just after one. Anything the user or the host page did (clear, filter, capacity) still
   * flushes on the next frame.
   */
  minFlushIntervalMs = 0;
  /**
   * Under a flood, arriving messages wait for this interval's boundaries instead (0: never): when the
   * last flush brought at least `floodMessages` messages. A widget sets 500 and its row count: every
   * row it shows is then replaced at each redraw, and two redraws a second cost half of four (ten
   * widgets at 1,000 msgs/s each, bench/widgets.ts) while showing each screenful twice as long. A
   * trickle keeps `minFlushIntervalMs`.
   */
  floodFlushIntervalMs = 0;
  floodMessages = Number.POSITIVE_INFINITY;
  /** `received` at the last flush, and how many messages that flush brought. */
  private flushedReceived = 0;
  private lastFlushBrought = 0;

  constructor(
    capacity = DEFAULT_CAPACITY,
    maxBytes = DEFAULT_MAX_BYTES,
    private readonly schedule: Schedule = defaultSchedule,
  ) {
    this.buffer = new RingBuffer<LogEntry>(capacity, maxBytes);
  }

  /** Messages received since the session started (evicted ones included). */
  get receivedTotal(): number {
    return this.received;
  }

  /** Messages loaded from files (Import) since the session started; never part of `receivedTotal`. */
  get importedTotal(): number {
    return this.imported;
  }

  addSink(sink: IngestSink): void {
    this.sinks.push(sink);
  }

  /** Called once per scheduled frame with the counters, by every listener in order. */
  onFrame(listener: (frame: IngestFrame) => void): void {
    this.listeners.push(listener);
  }

  setDelivery(delivery: Delivery): void {
    this.delivery = delivery;
  }

  /** A batch from the ingest worker: payloads stay views into the batch's transferred buffer. */
  pushBatch(batch: PackedBatch): void {
    const { topics, flags, times, offsets, data, props } = batch;
    const { topic: mapTopic, accept } = this.delivery;
    const entries: LogEntry[] = [];
    let nextProps = 0;
    let seq = this.buffer.nextSeq;
    for (let i = 0; i < topics.length; i++) {
      const p = props[nextProps];
      const hasProps = p !== undefined && p[0] === i;
      if (hasProps) nextProps++;
      const wire = topics[i] as string;
      const topic = mapTopic ? mapTopic(wire) : wire;
      if (accept && !accept(topic)) {
        this.narrowedOut++;
        continue;
      }
      const f = flags[i] as number;
      const start = offsets[i] as number;
      entries.push({
        seq: seq++,
        time: times[i] as number,
        topic,
        payload: new Uint8Array(data, start, (offsets[i + 1] as number) - start),
        qos: (f & 3) as QoS,
        retain: (f & 4) !== 0,
        dup: (f & 8) !== 0,
        props: hasProps ? p[1] : undefined,
        preview: undefined,
        view: undefined,
        marker: undefined,
      });
    }
    this.accept(entries);
  }

  /** One message from an in-thread connection (Node, tests). */
  push(message: RawMessage): void {
    const { topic: mapTopic, accept } = this.delivery;
    const topic = mapTopic ? mapTopic(message.topic) : message.topic;
    if (accept && !accept(topic)) {
      this.narrowedOut++;
      this.requestFlush();
      return;
    }
    this.accept([
      {
        seq: this.buffer.nextSeq,
        time: message.time ?? Date.now(),
        topic,
        payload: message.payload,
        qos: message.qos,
        retain: message.retain,
        dup: message.dup,
        props: message.props,
        preview: undefined,
        view: undefined,
        marker: undefined,
      },
    ]);
  }

  /** Writes one of the app's own rows into the log (a gap, a resubscription), between the messages. */
  mark(text: string): void {
    this.buffer.push(
      {
        seq: this.buffer.nextSeq,
        time: Date.now(),
        topic: '',
        payload: NO_BYTES,
        qos: 0,
        retain: false,
        dup: false,
        props: undefined,
        preview: undefined,
        view: undefined,
        marker: text,
      },
      text.length * 2 + ENTRY_OVERHEAD_BYTES,
    );
    this.requestFlush();
  }

  /**
   * Messages loaded from a file (Import), oldest first, with their own times and topics as shown (no
   * delivery shaping or narrowing: that is for what a broker delivers). They go into the buffer and to
   * every sink like live ones, so the filter, inspector, topic tree and Latest values work on them, but
   * they count as imported, not received, and not into messages/s. Sinks get them in runs of one second
   * of file time, each as seen at the end of its second (never later than now), so the topic tree dates
   * them by the file: 50,000 imported messages are not a burst of 50,000 msgs/s happening now.
   */
  importEntries(batch: readonly ImportedMessage[]): void {
    if (batch.length === 0) return;
    const entries: LogEntry[] = [];
    let seq = this.buffer.nextSeq;
    for (const m of batch) {
      entries.push({
        seq: seq++,
        time: m.time,
        topic: m.topic,
        payload: m.payload,
        qos: m.qos,
        retain: m.retain,
        dup: m.dup,
        props: m.props,
        preview: undefined,
        view: undefined,
        marker: undefined,
      });
    }
    for (const entry of entries) {
      this.buffer.push(entry, entry.payload.byteLength + entry.topic.length * 2 + ENTRY_OVERHEAD_BYTES);
    }
    this.imported += entries.length;
    const wallNow = Date.now();
    let start = 0;
    for (let i = 1; i <= entries.length; i++) {
      const second = Math.floor((entries[start] as LogEntry).time / 1000);
      if (i < entries.length && Math.floor((entries[i] as LogEntry).time / 1000) === second) continue;
      const run = start === 0 && i === entries.length ? entries : entries.slice(start, i);
      const seen = Math.min(second * 1000 + 999, wallNow);
      for (const sink of this.sinks) sink.ingest(run, seen);
      start = i;
    }
    this.requestFlush();
  }

  private accept(entries: LogEntry[]): void {
    if (entries.length > 0) {
      for (const entry of entries) {
        // Topic strings are UTF-16 in memory: two bytes a character.
        this.buffer.push(entry, entry.payload.byteLength + entry.topic.length * 2 + ENTRY_OVERHEAD_BYTES);
      }
      this.received += entries.length;
      const now = Date.now();
      for (const sink of this.sinks) sink.ingest(entries, now);
    }
    this.requestFlush(false);
  }

  clear(): void {
    this.buffer.clear();
    this.clears++;
    for (const sink of this.sinks) sink.clear?.();
    this.requestFlush();
  }

  /** Clear, keeping what it dropped until `undoClear` or `forgetCleared`. */
  clearForUndo(): RingSnapshot<LogEntry> {
    const snapshot = this.buffer.takeAll();
    this.clears++;
    for (const sink of this.sinks) sink.clear?.();
    this.requestFlush();
    return snapshot;
  }

  /** Puts back what `clearForUndo` dropped; false when another Clear came in between. */
  undoClear(snapshot: RingSnapshot<LogEntry>): boolean {
    const since = snapshot.firstSeq + snapshot.items.length;
    if (!this.buffer.restore(snapshot)) return false;
    this.clears++;
    for (const sink of this.sinks) sink.restore?.(since);
    this.requestFlush();
    return true;
  }

  forgetCleared(): void {
    for (const sink of this.sinks) sink.forgetCleared?.();
  }

  setCapacity(capacity: number): void {
    this.buffer.setCapacity(capacity);
    this.requestFlush();
  }

  /** Keeps messages/s decaying to 0 on screen when the stream stops. */
  startRateTicker(): void {
    this.rateTimer ??= setInterval(() => this.requestFlush(false), 500);
  }

  stop(): void {
    if (this.rateTimer) clearInterval(this.rateTimer);
    this.rateTimer = null;
    if (this.waitTimer) clearTimeout(this.waitTimer);
    this.waitTimer = null;
  }

  frame(): IngestFrame {
    // Messages are counted into the rate once per frame, not per message: one clock read per frame.
    this.rate.tick(this.received - this.rated);
    this.rated = this.received;
    return {
      version: this.buffer.nextSeq + this.clears,
      received: this.received,
      buffered: this.buffer.size,
      bufferedBytes: this.buffer.bytes,
      evicted: this.buffer.evicted,
      perSecond: this.rate.perSecond(),
      narrowedOut: this.narrowedOut,
    };
  }

  /**
   * Schedules a flush on the next frame unless one is already pending; `prompt: false` (new messages,
   * the rate's tick) waits for the next boundary of `minFlushIntervalMs`.
   */
  requestFlush(prompt = true): void {
    if (this.pending) return;
    const flooded = this.floodFlushIntervalMs > 0 && this.lastFlushBrought >= this.floodMessages;
    const interval = flooded ? this.floodFlushIntervalMs : this.minFlushIntervalMs;
    if (!prompt && interval > 0) {
      this.waitTimer ??= setTimeout(
        () => {
          this.waitTimer = null;
          this.requestFlush();
        },
        alignedDelay(interval, Date.now() - FLUSH_AFTER_BOUNDARY_MS),
      );
      return;
    }
    if (this.waitTimer) clearTimeout(this.waitTimer);
    this.waitTimer = null;
    this.pending = true;
    this.schedule(() => {
      this.pending = false;
      this.lastFlushBrought = Math.max(0, this.received - this.flushedReceived);
      this.flushedReceived = this.received;
      const frame = this.frame();
      for (const listener of this.listeners) listener(frame);
    });
  }
}
