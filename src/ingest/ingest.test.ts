import { describe, expect, it } from 'vitest';
import type { RawMessage } from '../mqtt/types';
import { ENTRY_OVERHEAD_BYTES, Ingest } from './ingest';
import type { IngestFrame } from './types';

const message = (i: number): RawMessage => ({
  topic: `t/${i}`,
  payload: new Uint8Array(10),
  qos: 0,
  retain: false,
  dup: false,
});

describe('Ingest', () => {
  it('publishes one frame for a burst of messages, not one per message', () => {
    const frames: IngestFrame[] = [];
    const pending: Array<() => void> = [];
    const ingest = new Ingest(100, Number.POSITIVE_INFINITY, (cb) => pending.push(cb));
    ingest.onFrame((f) => frames.push(f));
    for (let i = 0; i < 5000; i++) ingest.push(message(i));
    expect(pending).toHaveLength(1);
    pending.shift()?.();
    expect(frames).toHaveLength(1);
    expect(frames[0]).toMatchObject({ received: 5000, buffered: 100, evicted: 4900 });
  });

  it('counts every message, including the evicted ones', () => {
    const pending: Array<() => void> = [];
    const ingest = new Ingest(10, Number.POSITIVE_INFINITY, (cb) => pending.push(cb));
    for (let i = 0; i < 25; i++) ingest.push(message(i));
    expect(ingest.frame()).toMatchObject({ received: 25, buffered: 10, evicted: 15 });
    expect(ingest.buffer.at(0)?.topic).toBe('t/15');
  });

  it('changes the frame version on clear even though no message arrived', () => {
    const ingest = new Ingest(10, Number.POSITIVE_INFINITY, () => {});
    ingest.push(message(1));
    const before = ingest.frame().version;
    ingest.clear();
    expect(ingest.frame().version).not.toBe(before);
    expect(ingest.frame().buffered).toBe(0);
  });

  it('counts the overhead and cached preview of each entry against the byte cap, not only its payload', () => {
    // 10-byte payloads under a 10 kB cap: payload bytes alone would let 1,000 stay; with the entry and
    // its preview counted, far fewer do, so caches cannot grow the heap past the cap unseen.
    const ingest = new Ingest(100_000, 10_000, () => {});
    for (let i = 0; i < 1000; i++) ingest.push(message(i));
    const perEntry = 10 + 't/999'.length * 2 + ENTRY_OVERHEAD_BYTES;
    expect(ingest.buffer.size).toBeLessThanOrEqual(Math.floor(10_000 / (perEntry - 2)));
    expect(ingest.frame().bufferedBytes).toBeLessThanOrEqual(10_000);
  });

  it('keeps its own rows out of the received count', () => {
    const ingest = new Ingest(100, Number.POSITIVE_INFINITY, () => {});
    ingest.push(message(1));
    ingest.mark('connection lost');
    ingest.push(message(2));
    expect(ingest.frame()).toMatchObject({ received: 2, buffered: 3 });
    expect(ingest.buffer.at(1)?.marker).toBe('connection lost');
  });
});
