import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RingBuffer } from '../ingest/ringBuffer';
import type { LogEntry } from '../ingest/types';
import { LogIndex } from './logIndex';

function entry(topic: string): LogEntry {
  return {
    seq: 0,
    time: 0,
    topic,
    payload: new Uint8Array(),
    qos: 0,
    retain: false,
    dup: false,
    preview: undefined,
    view: undefined,
  };
}

function fill(buffer: RingBuffer<LogEntry>, topics: string[]): void {
  for (const t of topics) buffer.push(entry(t), 1);
}

describe('LogIndex', () => {
  it('shows the whole buffer without a filter', () => {
    const buffer = new RingBuffer<LogEntry>(3);
    const index = new LogIndex();
    fill(buffer, ['a', 'b', 'c', 'd']);
    index.update(buffer);
    expect(index.length).toBe(3);
    expect([0, 1, 2].map((i) => index.seqAt(i))).toEqual([1, 2, 3]);
    expect(index.indexOf(3)).toBe(2);
    expect(index.indexOf(0)).toBe(-1);
  });

  it('keeps only matching messages and tests each message once', () => {
    const buffer = new RingBuffer<LogEntry>(100);
    const index = new LogIndex();
    let tested = 0;
    index.setPredicate((e) => {
      tested++;
      return e.topic.startsWith('x');
    });
    fill(buffer, ['x1', 'y', 'x2']);
    index.update(buffer);
    fill(buffer, ['y', 'x3']);
    index.update(buffer);
    expect(index.length).toBe(3);
    expect([0, 1, 2].map((i) => index.seqAt(i))).toEqual([0, 2, 4]);
    expect(tested).toBe(5);
    expect(index.indexOf(4)).toBe(2);
  });

  it('drops evicted messages from a filtered view', () => {
    const buffer = new RingBuffer<LogEntry>(2);
    const index = new LogIndex();
    index.setPredicate(() => true);
    fill(buffer, ['a', 'b', 'c']);
    index.update(buffer);
    expect([index.seqAt(0), index.seqAt(1)]).toEqual([1, 2]);
    expect(index.length).toBe(2);
  });

  it('stays on its snapshot until updated, which is how pause works', () => {
    const buffer = new RingBuffer<LogEntry>(10);
    const index = new LogIndex();
    fill(buffer, ['a']);
    index.update(buffer);
    fill(buffer, ['b', 'c']);
    expect(index.length).toBe(1);
    index.update(buffer);
    expect(index.length).toBe(3);
  });

  it('counts the rows that left the head, so the rows after them can be kept where they were', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.boolean(),
        fc.array(fc.array(fc.constantFrom('a', 'b'), { maxLength: 40 }), { maxLength: 20 }),
        (capacity, filtered, chunks) => {
          const buffer = new RingBuffer<LogEntry>(capacity);
          const index = new LogIndex();
          if (filtered) index.setPredicate((e) => e.topic === 'a');
          const list = () => Array.from({ length: index.length }, (_, i) => index.seqAt(i));
          let before = list();
          for (const chunk of chunks) {
            fill(buffer, chunk);
            const dropped = index.dropped;
            index.update(buffer);
            const after = list();
            // What stayed of the old rows is the start of the new list, right after the dropped ones.
            const kept = before.slice(index.dropped - dropped);
            expect(after.slice(0, kept.length)).toEqual(kept);
            before = after;
          }
        },
      ),
    );
  });
});
