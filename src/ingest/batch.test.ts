import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { RawMessage } from '../mqtt/types';
import { BATCH_MS, BatchBuilder, batchDelay } from './batch';
import { Ingest } from './ingest';

const messageArb: fc.Arbitrary<RawMessage> = fc.record({
  topic: fc.string({ maxLength: 20 }),
  payload: fc.uint8Array({ maxLength: 64 }),
  qos: fc.constantFrom(0, 1, 2) as fc.Arbitrary<0 | 1 | 2>,
  retain: fc.boolean(),
  dup: fc.boolean(),
});

describe('packed batches', () => {
  it('unpack into the log as the same messages, in order, with properties where they were', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(messageArb, fc.boolean())), (items) => {
        const builder = new BatchBuilder();
        items.forEach(([m, withProps], i) => {
          builder.add(withProps ? { ...m, props: { contentType: `c${i}` } } : m, 1000 + i);
        });
        const { batch } = builder.take();
        const ingest = new Ingest(1000, Number.POSITIVE_INFINITY, () => {});
        ingest.pushBatch(batch);
        const out: RawMessage[] = [];
        ingest.buffer.forEachSince(0, (m) => out.push(m));
        expect(out).toHaveLength(items.length);
        out.forEach((m, i) => {
          const [src, withProps] = items[i] as [RawMessage, boolean];
          expect(m.topic).toBe(src.topic);
          expect([...m.payload]).toEqual([...src.payload]);
          expect([m.qos, m.retain, m.dup, m.time]).toEqual([src.qos, src.retain, src.dup, 1000 + i]);
          expect(m.props).toEqual(withProps ? { contentType: `c${i}` } : undefined);
        });
      }),
    );
  });

  it('starts empty again after take', () => {
    const builder = new BatchBuilder();
    builder.add({ topic: 'a', payload: new Uint8Array([1]), qos: 0, retain: false, dup: false }, 1);
    builder.take();
    expect(builder.size).toBe(0);
    expect(builder.take().batch.topics).toEqual([]);
  });
});

describe('batchDelay', () => {
  it("keeps the app's 8 ms and ends a widget's longer batches on the wall-clock boundary", () => {
    vi.useFakeTimers({ now: 1_000_013 });
    try {
      expect(batchDelay(BATCH_MS)).toBe(8);
      expect(batchDelay(250)).toBe(1_000_250 - 1_000_013);
    } finally {
      vi.useRealTimers();
    }
  });
});
