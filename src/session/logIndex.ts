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
    this.seqs = [];
    this.head = 0;
    this.scannedTo = 0;
  }

  update(buffer: RingBuffer<LogEntry>): void {
    this.start = buffer.firstSeq;
    this.end = buffer.nextSeq;
    const predicate = this.predicate;
    if (!predicate) return;
    const seqs = this.seqs;
    while (this.head < seqs.length && (seqs[this.head] as number) < this.start) this.head++;
    // Compact once the dead head is both large and the bigger half, so trimming stays O(1) amortised.
    if (this.head > 4096 && this.head * 2 > seqs.length) {
      this.seqs = seqs.slice(this.head);
      this.head = 0;
    }
    buffer.forEachSince(Math.max(this.scannedTo, this.start), (entry, seq) => {
      if (predicate(entry)) this.seqs.push(seq);
    });
    this.scannedTo = this.end;
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
