import type { Ingest } from '../ingest/ingest';
import type { RingSnapshot } from '../ingest/ringBuffer';
import type { IngestFrame, LogEntry } from '../ingest/types';
import { compileQuery, highlightTerms, parseQuery } from '../query/query';
import type { FirehoseState, FirehoseStore, SearchProgress } from '../store/store';
import type { TopicSyntax } from '../topics/syntax';
import { LogIndex } from './logIndex';
import { EntryFacts } from './messageFacts';

export const MIN_CAPACITY = 100;
export const MAX_CAPACITY = 1_000_000;
/** The store (log rows and counters) is updated at most 20 times a second. */
export const VIEW_MIN_INTERVAL_MS = 50;
/**
 * Under a flood, 10 times a second: when a redraw brings at least FLOOD_ROWS messages (more than a tall
 * screen has rows: unless a filter narrows them, every row on screen is replaced, and the counters change
 * anyway), the next one waits FLOOD_VIEW_INTERVAL_MS. Such screens cannot be read at any rate, and each
 * costs a render, a layout and a paint whatever the rate: ~28 % of a core at 1,000 msgs/s as at 20,000
 * (`bench/trace.ts app`), where the bare mqtt.js page spends nothing. The flood ends below 600 msgs/s
 * (60 messages in 100 ms).
 */
export const FLOOD_VIEW_INTERVAL_MS = 100;
export const FLOOD_ROWS = 60;

/** The least time before the next redraw, given how many messages arrived for the last one. */
export function viewInterval(arrivedForLastView: number): number {
  return arrivedForLastView >= FLOOD_ROWS ? FLOOD_VIEW_INTERVAL_MS : VIEW_MIN_INTERVAL_MS;
}
/**
 * Main-thread time a filter pass may take per frame. 8 ms of a 16.7 ms frame leaves room to render and
 * to handle keystrokes, so typing into `Filter messages` never waits for a pass over a full buffer.
 */
export const SCAN_BUDGET_MS = 8;
/** How long a Clear can be undone. The cleared messages stay in memory that long, then go. */
export const UNDO_CLEAR_MS = 10_000;

/** What rows and the inspector highlight: the positive words and regexes of the applied filter. */
export interface Highlight {
  needles: readonly string[];
  regexes: readonly RegExp[];
}
const NO_HIGHLIGHT: Highlight = { needles: [], regexes: [] };

/**
 * The live log: the ring buffer ingest writes, the index of what the filter lets through, pause,
 * clear, capacity and selection. It reads ingest's frames and passes them to the store.
 */
export class LiveLog {
  readonly index = new LogIndex();
  /** Changes identity with every applied filter, so memoised rows redraw their highlights. */
  highlight: Highlight = NO_HIGHLIGHT;
  private viewedVersion = -1;
  private lastViewAt = Number.NEGATIVE_INFINITY;
  /** `received` at the last redraw, and how many messages that redraw brought. */
  private viewedReceived = 0;
  private arrivedForLastView = 0;
  private viewTimer: ReturnType<typeof setTimeout> | null = null;
  /** What the last Clear dropped, while it can be undone. */
  private cleared: {
    snapshot: RingSnapshot<LogEntry>;
    selectedSeq: number | null;
    timer: ReturnType<typeof setTimeout>;
  } | null = null;

  constructor(
    private readonly store: FirehoseStore,
    private readonly ingest: Ingest,
    private readonly syntax: () => TopicSyntax,
  ) {
    ingest.onFrame((frame) => this.onFrame(frame));
  }

  /**
   * Ingest flushes at most once per animation frame; this passes it on to the store at most every
   * VIEW_MIN_INTERVAL_MS (20 times a second; 10 under a flood, see viewInterval), and bumps the log's
   * rows (`viewVersion`) only when there is something new. Under a flood every visible row is replaced on
   * every redraw, and the counters' text changes too: nobody can read 60 such screens a second, and the
   * redraws and their layouts cost most of the main thread (`npm run bench`: redrawn every frame, 20,000 msgs/s arrived 0.6 s late;
   * at 20 updates/s the app keeps up to 28,000–32,000). A trailing timer draws the end of a burst.
   */
  private onFrame(frame: IngestFrame): void {
    const state = this.store.getState();
    // A filter pass runs a slice every frame, ahead of the store's 20-a-second throttle.
    let scanned = false;
    if (this.index.pending) {
      this.index.update(this.ingest.buffer, performance.now() + SCAN_BUDGET_MS);
      scanned = true;
      if (this.index.pending) this.ingest.requestFlush();
    }
    const now = performance.now();
    const wait = this.lastViewAt + viewInterval(this.arrivedForLastView) - now;
    if (wait > 0) {
      this.viewTimer ??= setTimeout(() => {
        this.viewTimer = null;
        this.ingest.requestFlush();
      }, wait);
      return;
    }
    this.lastViewAt = now;
    this.arrivedForLastView = Math.max(0, frame.received - this.viewedReceived);
    this.viewedReceived = frame.received;
    if (state.paused || (frame.version === this.viewedVersion && !scanned)) {
      state.publishFrame(frame, scanned, this.searchProgress());
      return;
    }
    this.viewedVersion = frame.version;
    this.index.update(this.ingest.buffer, performance.now() + SCAN_BUDGET_MS);
    if (this.index.pending) this.ingest.requestFlush();
    state.publishFrame(frame, true, this.searchProgress());
  }

  private searchProgress(): SearchProgress | null {
    const index = this.index;
    if (!index.filtered) return null;
    return { matching: index.length, total: index.total, scanned: index.scanned, pending: index.pending };
  }

  entry(seq: number): LogEntry | undefined {
    return this.ingest.buffer.bySeq(seq);
  }

  /** The newest message in the buffer, filtered or not (the app's own marker rows are skipped). */
  latest(): LogEntry | undefined {
    const buffer = this.ingest.buffer;
    for (let seq = buffer.nextSeq - 1; seq >= buffer.firstSeq && seq >= buffer.nextSeq - 8; seq--) {
      const entry = buffer.bySeq(seq);
      if (entry && entry.marker === undefined) return entry;
    }
    return undefined;
  }

  /** When the newest message arrived, or undefined before the first (and after Clear). */
  latestMessageTime(): number | undefined {
    return this.latest()?.time;
  }

  /**
   * Applies a filter typed in the query language (see query/query.ts). An invalid one is not applied:
   * the error, with its position, is shown under the box and the last valid filter stays in force.
   */
  setFilter(text: string): void {
    const syntax = this.syntax();
    // Parsed once: the same tree gives the predicate and the terms to highlight.
    const { ast, error } = parseQuery(text, syntax);
    if (error) {
      this.store.getState().setFilterError({ ...error, input: text });
      return;
    }
    const predicate = compileQuery(ast, { now: Date.now });
    const facts = new EntryFacts();
    this.index.setPredicate(
      predicate
        ? (entry: LogEntry) =>
            // The app's own rows (gaps, resubscriptions) stay visible whatever the filter.
            entry.marker !== undefined || predicate(facts.reset(entry))
        : null,
    );
    const terms = highlightTerms(ast);
    this.highlight = terms.needles.length + terms.regexes.length > 0 ? terms : NO_HIGHLIGHT;
    this.refresh({ filterText: text, filterError: null });
  }

  /** Re-parses the filter, e.g. after the topic syntax changed what `topic:` means. */
  reapplyFilter(): void {
    this.setFilter(this.store.getState().filterText);
  }

  setPaused(paused: boolean): void {
    if (paused) this.store.getState().setLogView({ paused });
    else this.refresh({ paused });
  }

  select(seq: number | null): void {
    this.store.getState().select(seq);
  }

  /**
   * Empties the log at once, no question asked: for UNDO_CLEAR_MS what it dropped (the messages, the
   * selection, the topic tree) is kept so `undoClear` can put it back. Returns how many messages went.
   */
  clear(): number {
    this.forgetCleared();
    const selectedSeq = this.store.getState().selectedSeq;
    const snapshot = this.ingest.clearForUndo();
    this.cleared = {
      snapshot,
      selectedSeq,
      timer: setTimeout(() => this.forgetCleared(), UNDO_CLEAR_MS),
    };
    this.refresh({ selectedSeq: null });
    return snapshot.items.length;
  }

  /** Undoes the last Clear while it still can; false once it expired or another Clear replaced it. */
  undoClear(): boolean {
    const cleared = this.cleared;
    if (!cleared) return false;
    this.forgetCleared();
    if (!this.ingest.undoClear(cleared.snapshot)) return false;
    this.index.rescan();
    const { selectedSeq } = this.store.getState();
    const reselect =
      selectedSeq === null && cleared.selectedSeq !== null && this.entry(cleared.selectedSeq)
        ? cleared.selectedSeq
        : selectedSeq;
    this.refresh({ selectedSeq: reselect });
    return true;
  }

  private forgetCleared(): void {
    if (!this.cleared) return;
    clearTimeout(this.cleared.timer);
    this.cleared = null;
    this.ingest.forgetCleared();
  }

  setCapacity(capacity: number): string | null {
    if (!Number.isInteger(capacity) || capacity < MIN_CAPACITY || capacity > MAX_CAPACITY) {
      return `Buffer size must be a whole number from ${MIN_CAPACITY.toLocaleString('en-US')} to ${MAX_CAPACITY.toLocaleString('en-US')}`;
    }
    this.ingest.setCapacity(capacity);
    this.store.getState().setCapacity(capacity);
    return null;
  }

  /** Rewrites the topics of buffered messages (a syntax change: `a/b` ↔ `a.b`). */
  relabel(map: (topic: string) => string): void {
    this.ingest.buffer.forEachSince(this.ingest.buffer.firstSeq, (entry) => {
      entry.topic = map(entry.topic);
    });
    this.refresh({});
  }

  private refresh(patch: Parameters<FirehoseState['setLogView']>[0]): void {
    this.index.update(this.ingest.buffer, performance.now() + SCAN_BUDGET_MS);
    if (this.index.pending) this.ingest.requestFlush();
    this.store.getState().setLogView({ ...patch, search: this.searchProgress() });
  }

  dispose(): void {
    if (this.viewTimer) clearTimeout(this.viewTimer);
    this.forgetCleared();
  }
}
