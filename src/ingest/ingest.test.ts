import { afterEach, describe, expect, it, vi } from 'vitest';
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

  describe('with a least interval between flushes (a widget)', () => {
    afterEach(() => vi.useRealTimers());

    it('flushes arriving messages at most once per interval, and the rest of a burst after it', () => {
      vi.useFakeTimers();
      const frames: IngestFrame[] = [];
      const ingest = new Ingest(10_000, Number.POSITIVE_INFINITY, (cb) => setTimeout(cb, 16));
      ingest.minFlushIntervalMs = 250;
      ingest.onFrame((f) => frames.push(f));
      // One second of batches every 8 ms, as the worker sends them.
      for (let t = 0; t < 1000; t += 8) {
        ingest.push(message(t));
        vi.advanceTimersByTime(8);
      }
      vi.advanceTimersByTime(500);
      expect(frames.length).toBeGreaterThanOrEqual(4);
      expect(frames.length).toBeLessThanOrEqual(5);
      // Nothing is lost: the last frame has every message.
      expect(frames.at(-1)?.received).toBe(125);
    });

    it('flushes just after the wall-clock boundaries, so the widgets of a page redraw in the same frames', () => {
      vi.useFakeTimers();
      const at: number[][] = [[], []];
      const widgets = [0, 1].map((i) => {
        const ingest = new Ingest(1000, Number.POSITIVE_INFINITY, (cb) => setTimeout(cb, 0));
        ingest.minFlushIntervalMs = 250;
        ingest.onFrame(() => at[i]?.push(Date.now()));
        return ingest;
      });
      // Their batches arrive at different moments: every 8 ms, and every 13 ms from 5 ms on.
      for (let t = 0; t < 1000; t++) {
        if (t % 8 === 0) widgets[0]?.push(message(t));
        if (t % 13 === 5) widgets[1]?.push(message(t));
        vi.advanceTimersByTime(1);
      }
      expect(at[0]?.length).toBeGreaterThanOrEqual(3);
      expect(at[1]).toEqual(at[0]);
      // 40 ms past a boundary (for the worker's batch sent on it), give or take the frame (1 ms here).
      for (const t of at[0] ?? []) expect(t % 250).toBeGreaterThanOrEqual(40);
      for (const t of at[0] ?? []) expect(t % 250).toBeLessThanOrEqual(41);
    });

    it('under a flood, where every row of a widget is replaced, flushes twice a second instead of four times', () => {
      vi.useFakeTimers();
      const flushes = (perBatch: number) => {
        const frames: IngestFrame[] = [];
        const ingest = new Ingest(100_000, Number.POSITIVE_INFINITY, (cb) => setTimeout(cb, 16));
        ingest.minFlushIntervalMs = 250;
        ingest.floodFlushIntervalMs = 500;
        ingest.floodMessages = 5;
        ingest.onFrame((f) => frames.push(f));
        // Two seconds of batches every 100 ms.
        for (let t = 0; t < 2000; t += 100) {
          for (let i = 0; i < perBatch; i++) ingest.push(message(t));
          vi.advanceTimersByTime(100);
        }
        vi.advanceTimersByTime(1000);
        return { count: frames.length, received: frames.at(-1)?.received };
      };
      // 10 msgs/s: a flush brings 2 or 3 messages, fewer than the 5 rows: four redraws a second.
      const trickle = flushes(1);
      expect(trickle.count).toBeGreaterThanOrEqual(8);
      expect(trickle.received).toBe(20);
      // 500 msgs/s: each flush replaces every row; after the first, one flush per half second.
      const flood = flushes(50);
      expect(flood.count).toBeLessThanOrEqual(6);
      // Nothing is lost: the last flush has every message.
      expect(flood.received).toBe(1000);
    });

    it('still flushes a clear on the next frame', () => {
      vi.useFakeTimers();
      const frames: IngestFrame[] = [];
      const ingest = new Ingest(100, Number.POSITIVE_INFINITY, (cb) => setTimeout(cb, 16));
      ingest.minFlushIntervalMs = 250;
      ingest.onFrame((f) => frames.push(f));
      ingest.push(message(1));
      vi.advanceTimersByTime(270);
      expect(frames).toHaveLength(1);
      ingest.clear();
      vi.advanceTimersByTime(20);
      expect(frames).toHaveLength(2);
      expect(frames[1]?.buffered).toBe(0);
    });
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
