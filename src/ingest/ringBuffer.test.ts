import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RingBuffer } from './ringBuffer';

function contents<T>(rb: RingBuffer<T>): T[] {
  const out: T[] = [];
  for (let i = 0; i < rb.size; i++) out.push(rb.at(i) as T);
  return out;
}

describe('RingBuffer takeAll and restore (Clear, then Undo)', () => {
  it('puts the cleared items back under their own seqs, before what arrived since', () => {
    const rb = new RingBuffer<string>(10);
    for (const s of ['a', 'b', 'c']) rb.push(s, 2);
    const taken = rb.takeAll();
    expect(rb.size).toBe(0);
    expect(rb.bySeq(0)).toBeUndefined();
    rb.push('d', 2);
    expect(rb.restore(taken)).toBe(true);
    expect(contents(rb)).toEqual(['a', 'b', 'c', 'd']);
    expect(rb.bySeq(1)).toBe('b');
    expect(rb.bySeq(3)).toBe('d');
    expect(rb.bytes).toBe(8);
    expect(rb.evicted).toBe(0);
  });

  it('keeps the caps: the oldest restored items give way and count as evicted', () => {
    const rb = new RingBuffer<string>(3, 100);
    for (const s of ['a', 'b', 'c']) rb.push(s, 1);
    const taken = rb.takeAll();
    rb.push('d', 1);
    rb.push('e', 1);
    expect(rb.restore(taken)).toBe(true);
    expect(contents(rb)).toEqual(['c', 'd', 'e']);
    expect(rb.firstSeq).toBe(2);
    expect(rb.evicted).toBe(2);
  });

  it('refuses a snapshot that no longer lines up (cleared again since) and changes nothing', () => {
    const rb = new RingBuffer<string>(5);
    rb.push('a', 1);
    const first = rb.takeAll();
    rb.push('b', 1);
    rb.clear();
    rb.push('c', 1);
    expect(rb.restore(first)).toBe(false);
    expect(contents(rb)).toEqual(['c']);
  });

  it('restores exactly what was held for any pushes before and after the Clear', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 20 }),
        fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 20 }),
        (capacity, before, after) => {
          const expected = new RingBuffer<number>(capacity, 12);
          const rb = new RingBuffer<number>(capacity, 12);
          for (const n of before) {
            rb.push(n, n);
            expected.push(n, n);
          }
          const taken = rb.takeAll();
          for (const n of after) {
            rb.push(n, n);
            expected.push(n, n);
          }
          expect(rb.restore(taken)).toBe(true);
          expect(contents(rb)).toEqual(contents(expected));
          expect(rb.firstSeq).toBe(expected.firstSeq);
          expect(rb.bytes).toBe(expected.bytes);
        },
      ),
    );
  });
});

describe('RingBuffer', () => {
  it('keeps the newest items once past capacity and counts the evicted ones', () => {
    const rb = new RingBuffer<string>(3);
    for (const s of ['a', 'b', 'c', 'd', 'e']) rb.push(s, 1);
    expect(contents(rb)).toEqual(['c', 'd', 'e']);
    expect(rb.size).toBe(3);
    expect(rb.evicted).toBe(2);
    expect(rb.firstSeq).toBe(2);
    expect(rb.nextSeq).toBe(5);
  });

  it('evicts the oldest items until the byte total fits maxBytes', () => {
    const rb = new RingBuffer<string>(100, 10);
    rb.push('a', 4);
    rb.push('b', 4);
    rb.push('c', 4);
    expect(contents(rb)).toEqual(['b', 'c']);
    expect(rb.bytes).toBe(8);
    expect(rb.evicted).toBe(1);
  });

  it('always keeps the newest item even when it alone exceeds maxBytes', () => {
    const rb = new RingBuffer<string>(10, 10);
    rb.push('small', 2);
    rb.push('huge', 50);
    expect(contents(rb)).toEqual(['huge']);
    expect(rb.bytes).toBe(50);
  });

  it('finds items by sequence number only while they are held', () => {
    const rb = new RingBuffer<string>(2);
    rb.push('a', 1);
    rb.push('b', 1);
    rb.push('c', 1);
    expect(rb.bySeq(0)).toBeUndefined();
    expect(rb.bySeq(1)).toBe('b');
    expect(rb.bySeq(2)).toBe('c');
    expect(rb.bySeq(3)).toBeUndefined();
    expect(rb.bySeq(1.5)).toBeUndefined();
  });

  it('returns undefined from at() outside 0..size-1', () => {
    const rb = new RingBuffer<number>(4);
    rb.push(1, 1);
    expect(rb.at(-1)).toBeUndefined();
    expect(rb.at(1)).toBeUndefined();
    expect(rb.at(0.5)).toBeUndefined();
  });

  it('clears items and bytes but keeps sequence numbers and the evicted count going', () => {
    const rb = new RingBuffer<string>(2);
    for (const s of ['a', 'b', 'c']) rb.push(s, 5);
    rb.clear();
    expect(rb.size).toBe(0);
    expect(rb.bytes).toBe(0);
    expect(rb.evicted).toBe(1);
    expect(rb.firstSeq).toBe(3);
    expect(rb.nextSeq).toBe(3);
    rb.push('d', 1);
    expect(rb.bySeq(3)).toBe('d');
    expect(rb.bySeq(2)).toBeUndefined();
  });

  it('evicts and counts the oldest items when capacity shrinks, and keeps order when it grows', () => {
    const rb = new RingBuffer<number>(4);
    for (let i = 0; i < 6; i++) rb.push(i, 1); // wraps around the underlying array
    rb.setCapacity(2);
    expect(contents(rb)).toEqual([4, 5]);
    expect(rb.evicted).toBe(4);
    expect(rb.bytes).toBe(2);
    rb.setCapacity(5);
    rb.push(6, 1);
    expect(contents(rb)).toEqual([4, 5, 6]);
    expect(rb.capacity).toBe(5);
  });

  it('iterates items with their seqs from a given seq, clamped to the oldest held', () => {
    const rb = new RingBuffer<string>(3);
    for (const s of ['a', 'b', 'c', 'd']) rb.push(s, 1);
    const seen: [string, number][] = [];
    rb.forEachSince(0, (item, seq) => seen.push([item, seq]));
    expect(seen).toEqual([
      ['b', 1],
      ['c', 2],
      ['d', 3],
    ]);
    const later: string[] = [];
    rb.forEachSince(3, (item) => later.push(item));
    expect(later).toEqual(['d']);
    rb.forEachSince(4, () => expect.unreachable('nothing has seq 4 yet'));
  });

  it('rejects a NaN or negative byte size instead of corrupting the byte total', () => {
    const rb = new RingBuffer<string>(2, 10);
    expect(() => rb.push('a', Number.NaN)).toThrow(RangeError);
    expect(() => rb.push('a', -1)).toThrow(RangeError);
    expect(rb.size).toBe(0);
  });

  it('rejects a capacity below 1 or not an integer', () => {
    expect(() => new RingBuffer(0)).toThrow(RangeError);
    expect(() => new RingBuffer(2.5)).toThrow(RangeError);
    expect(() => new RingBuffer(1).setCapacity(0)).toThrow(RangeError);
  });

  type Op = { type: 'push'; bytes: number } | { type: 'clear' } | { type: 'setCapacity'; n: number };

  it('behaves like a naive array model under random push, clear and setCapacity', () => {
    const op: fc.Arbitrary<Op> = fc.oneof(
      { weight: 8, arbitrary: fc.record({ type: fc.constant('push' as const), bytes: fc.nat(40) }) },
      { weight: 1, arbitrary: fc.constant({ type: 'clear' as const }) },
      {
        weight: 1,
        arbitrary: fc.record({
          type: fc.constant('setCapacity' as const),
          n: fc.integer({ min: 1, max: 8 }),
        }),
      },
    );
    const maxBytes = fc.oneof(fc.constant(Number.POSITIVE_INFINITY), fc.integer({ min: 0, max: 100 }));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        maxBytes,
        fc.array(op, { maxLength: 80 }),
        (cap, max, ops) => {
          const rb = new RingBuffer<number>(cap, max);
          // The model: a plain array of { seq, bytes } items, trimmed from the front with shift().
          let model: { seq: number; bytes: number }[] = [];
          let capacity = cap;
          let nextSeq = 0;
          let evicted = 0;
          const sum = () => model.reduce((s, x) => s + x.bytes, 0);
          const evictWhile = (cond: () => boolean) => {
            while (cond()) {
              model.shift();
              evicted++;
            }
          };
          for (const o of ops) {
            if (o.type === 'push') {
              rb.push(nextSeq, o.bytes);
              model.push({ seq: nextSeq++, bytes: o.bytes });
              evictWhile(() => model.length > capacity);
              evictWhile(() => sum() > max && model.length > 1);
            } else if (o.type === 'clear') {
              rb.clear();
              model = [];
            } else {
              rb.setCapacity(o.n);
              capacity = o.n;
              evictWhile(() => model.length > capacity);
            }
            expect(rb.size).toBe(model.length);
            expect(rb.bytes).toBe(sum());
            expect(rb.evicted).toBe(evicted);
            expect(rb.nextSeq).toBe(nextSeq);
            expect(rb.firstSeq).toBe(model[0]?.seq ?? nextSeq);
            expect(contents(rb)).toEqual(model.map((x) => x.seq));
            for (let s = Math.max(0, nextSeq - 10); s <= nextSeq; s++) {
              expect(rb.bySeq(s)).toBe(model.find((x) => x.seq === s)?.seq);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
