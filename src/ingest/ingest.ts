import { RateMeter } from '../lib/rateMeter';
import type { RawMessage } from '../mqtt/types';
import { RingBuffer } from './ringBuffer';
import type { IngestFrame, LogEntry } from './types';

export const DEFAULT_CAPACITY = 50_000;
/**
 * 256 MB of payload bytes: 50,000 messages of a typical 1–5 kB firehose event fit; a flood of 1 MB
 * payloads evicts by bytes long before the tab runs out of memory.
 */
export const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;

type Schedule = (cb: () => void) => void;

const defaultSchedule: Schedule =
  typeof requestAnimationFrame === 'function'
    ? (cb) => {
        requestAnimationFrame(cb);
      }
    : (cb) => {
        setTimeout(cb, 16);
      };

/**
 * The only place messages go: the transport calls `push` for each one, which appends to the ring
 * buffer and counts, and nothing else. A flush is scheduled on the next animation frame at most once
 * (the `pending` flag merges a burst of thousands of messages into one UI update), so React sees one
 * `IngestFrame` per frame however fast the broker sends. The transport lives in the ingest worker;
 * its batches are unpacked into `push` calls (see workerConnection.ts).
 */
export class Ingest {
  readonly buffer: RingBuffer<LogEntry>;
  private received = 0;
  private rated = 0;
  private clears = 0;
  private pending = false;
  private readonly rate = new RateMeter();
  private rateTimer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly publish: (frame: IngestFrame) => void,
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

  push(message: RawMessage): void {
    const entry = message as LogEntry;
    entry.seq = this.buffer.nextSeq;
    entry.time ??= Date.now();
    this.buffer.push(entry, message.payload.byteLength + message.topic.length);
    this.received++;
    this.requestFlush();
  }

  clear(): void {
    this.buffer.clear();
    this.clears++;
    this.requestFlush();
  }

  setCapacity(capacity: number): void {
    this.buffer.setCapacity(capacity);
    this.requestFlush();
  }

  /** Keeps messages/s decaying to 0 on screen when the stream stops. */
  startRateTicker(): void {
    this.rateTimer ??= setInterval(() => this.requestFlush(), 500);
  }

  stop(): void {
    if (this.rateTimer) clearInterval(this.rateTimer);
    this.rateTimer = null;
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
    };
  }

  /** Schedules a flush on the next frame unless one is already pending. */
  requestFlush(): void {
    if (this.pending) return;
    this.pending = true;
    this.schedule(() => {
      this.pending = false;
      this.publish(this.frame());
    });
  }
}
