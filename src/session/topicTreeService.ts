import type { Ingest } from '../ingest/ingest';
import type { IngestSink, LogEntry } from '../ingest/types';
import type { FirehoseStore } from '../store/store';
import { TopicTree } from '../topics/topicTree';

/**
 * The tree is redrawn at most 4 times a second: counts and rates change with every message, and a
 * tree of thousands of rows redrawn 20 times a second would cost the log its frames for figures
 * nobody reads that fast.
 */
export const TREE_MIN_INTERVAL_MS = 250;
/** How often latest messages that have left the log get their payload copied out of their batch. */
const COMPACT_INTERVAL_MS = 5_000;

/**
 * Every topic seen since connecting, as a live hierarchy: an ingest sink that feeds the pure
 * `TopicTree` one batch at a time, off the render path, and tells the store when it is worth redrawing.
 */
export class TopicTreeService implements IngestSink {
  tree: TopicTree<LogEntry>;
  /** The tree before the last Clear, while it can be undone. */
  private cleared: TopicTree<LogEntry> | null = null;
  private clearedSeparator = '';
  private dirty = false;
  private lastBumpAt = Number.NEGATIVE_INFINITY;
  private lastCompactAt = 0;

  constructor(
    private readonly store: FirehoseStore,
    private readonly source: Ingest,
    private separator: string,
    /** False: nothing reads the tree (a log widget), so it is not fed and stays empty. */
    private readonly live = true,
  ) {
    this.tree = new TopicTree<LogEntry>({ separator });
    if (!live) return;
    source.addSink(this);
    source.onFrame(() => this.onFrame());
  }

  ingest(entries: readonly LogEntry[], now: number): void {
    this.tree.ingest(entries, now);
    this.dirty = true;
  }

  /**
   * A fresh tree; the old one is kept (not emptied) while the Clear can be undone, so Undo brings back
   * every topic with its counts, including topics whose messages had already left the log.
   */
  clear(): void {
    this.cleared = this.tree;
    this.clearedSeparator = this.separator;
    this.tree = new TopicTree<LogEntry>({ separator: this.separator });
    this.bump();
  }

  restore(since: number): void {
    const old = this.cleared;
    this.cleared = null;
    if (!old || this.clearedSeparator !== this.separator) {
      this.setSeparator(this.separator);
      return;
    }
    this.tree = old;
    this.ingestRuns(since);
    this.bump();
  }

  forgetCleared(): void {
    this.cleared = null;
  }

  /**
   * A new separator: rebuilt from what the log still holds, fed in runs of one receive second each at
   * that second, so rates are not all piled into the present.
   */
  setSeparator(separator: string): void {
    this.separator = separator;
    this.tree = new TopicTree<LogEntry>({ separator });
    if (!this.live) return;
    this.ingestRuns(this.source.buffer.firstSeq);
    this.bump();
  }

  /** Feeds the buffered messages from `since` on, in runs of one receive second each at that second. */
  private ingestRuns(since: number): void {
    let run: LogEntry[] = [];
    let runSecond = -1;
    this.source.buffer.forEachSince(since, (e) => {
      const second = Math.floor(e.time / 1000);
      if (second !== runSecond && run.length > 0) {
        this.tree.ingest(run, runSecond * 1000 + 999);
        run = [];
      }
      runSecond = second;
      run.push(e);
    });
    if (run.length > 0) this.tree.ingest(run, runSecond * 1000 + 999);
  }

  private onFrame(): void {
    const now = performance.now();
    if (!this.dirty || now - this.lastBumpAt < TREE_MIN_INTERVAL_MS) return;
    if (now - this.lastCompactAt > COMPACT_INTERVAL_MS) {
      this.lastCompactAt = now;
      this.compact();
    }
    this.bump();
  }

  private bump(): void {
    this.dirty = false;
    this.lastBumpAt = performance.now();
    this.store.getState().bumpTree(this.tree.topicCount, this.tree.pruned);
  }

  /**
   * A payload is a view into its worker batch's buffer (~8 ms of traffic). While the log holds the
   * message that pins the batch anyway; once the log has evicted it, a topic's latest message alone
   * would keep a whole batch alive, so its bytes are copied out (once per message, never on ingest).
   */
  private compact(): void {
    const firstSeq = this.source.buffer.firstSeq;
    const visit = (node: (typeof this.tree)['root']) => {
      const latest = node.latest;
      if (latest && latest.seq < firstSeq && latest.payload.byteLength < latest.payload.buffer.byteLength) {
        latest.payload = latest.payload.slice();
      }
      for (const child of node.children.values()) visit(child);
    };
    visit(this.tree.root);
  }
}
