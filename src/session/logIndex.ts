import type { RingBuffer } from '../ingest/ringBuffer';
import type { LogEntry } from '../ingest/types';

export type EntryPredicate = (entry: LogEntry) => boolean;

/**
 * Which buffered messages the log shows, as sequence numbers. Without a filter (the common case) it is
 * just the range firstSeq..nextSeq of the ring buffer and costs nothing. With a filter it keeps an
 * append-only list of matching seqs, tests only messages that arrived since the last update, and drops
 * evicted seqs from the head in amortised steps. `update` takes a snapshot: while the view is paused
 * nobody calls it, so the rows on screen stay put as the buffer moves on.
 */
export class LogIndex {
  private predicate: EntryPredicate | null = null;
  private seqs: number[] = [];
  private head = 0;
  private scannedTo = 0;
  private start = 0;
  private end = 0;

  setPredicate(predicate: EntryPredicate | null): void {
    this.predicate = predicate;
    this.rescan();
  }

  /** Forgets the matches found so far: older messages came back (Undo of a Clear), so test them all again. */
  rescan(): void {
    this.seqs = [];
    this.head = 0;
    this.scannedTo = 0;
  }

  /**
   * Brings the view up to date with the buffer. With a filter, tests the messages not yet tested, oldest
   * first, until `deadline` (a `performance.now()` value) passes: re-filtering 100,000 messages takes a
   * few hundred milliseconds, so it is spread over frames and typing never waits for it. The rows shown
   * are the matches found so far; `pending` says more are to come.
   */
  update(buffer: RingBuffer<LogEntry>, deadline = Number.POSITIVE_INFINITY): void {
    this.start = buffer.firstSeq;
    const predicate = this.predicate;
    if (!predicate) {
      this.end = buffer.nextSeq;
      this.total = this.end - this.start;
      return;
    }
    const seqs = this.seqs;
    while (this.head < seqs.length && (seqs[this.head] as number) < this.start) this.head++;
    // Compact once the dead head is both large and the bigger half, so trimming stays O(1) amortised.
    if (this.head > 4096 && this.head * 2 > seqs.length) {
      this.seqs = seqs.slice(this.head);
      this.head = 0;
    }
    const to = buffer.nextSeq;
    let seq = Math.max(this.scannedTo, this.start);
    while (seq < to) {
      // The clock is read every 256 messages: often enough to stop within a fraction of a millisecond.
      const stop = Math.min(to, seq + 256);
      for (; seq < stop; seq++) {
        const entry = buffer.bySeq(seq);
        if (entry && predicate(entry)) this.seqs.push(seq);
      }
      if (performance.now() > deadline) break;
    }
    this.scannedTo = seq;
    this.end = seq;
    this.total = to - this.start;
  }

  /** Messages in the buffer the last update saw (the "of N" in "1,204 of 50,000"). */
  total = 0;

  /** A filter pass is under way: not every buffered message has been tested yet. */
  get pending(): boolean {
    return this.predicate !== null && this.scannedTo < this.start + this.total;
  }

  /** Messages tested so far in this pass (for progress). */
  get scanned(): number {
    return Math.max(0, this.scannedTo - this.start);
  }

  get filtered(): boolean {
    return this.predicate !== null;
  }

  get length(): number {
    return this.predicate ? this.seqs.length - this.head : this.end - this.start;
  }

  seqAt(index: number): number {
    return this.predicate ? (this.seqs[this.head + index] ?? -1) : this.start + index;
  }

  /** Index of a sequence number in the current view, or -1. Binary search: seqs are ascending. */
  indexOf(seq: number): number {
    if (!this.predicate) return seq >= this.start && seq < this.end ? seq - this.start : -1;
    let lo = this.head;
    let hi = this.seqs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.seqs[mid] as number;
      if (v === seq) return mid - this.head;
      if (v < seq) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}
