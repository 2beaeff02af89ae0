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
});
