import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prettyJson, prettyJsonChunks } from './prettyJson';

function nested(depth: number): unknown {
  let v: unknown = 0;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

function all(value: unknown, chunkChars: number): string[] {
  const source = prettyJsonChunks(value, chunkChars);
  const chunks: string[] = [];
  for (let c = source.next(); c !== null; c = source.next()) chunks.push(c);
  return chunks;
}

describe('prettyJsonChunks', () => {
  it('produces exactly JSON.stringify(value, null, 2) for any JSON value, whatever the chunk size', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 1, max: 200 }), (value, chunkChars) => {
        expect(all(value, chunkChars).join('')).toBe(JSON.stringify(value, null, 2));
      }),
    );
  });

  it('prints scalars and empty containers on one line', () => {
    for (const v of [0, -1.5e-7, 'a"b\n', true, null, [], {}]) {
      expect(all(v, 10).join('')).toBe(JSON.stringify(v, null, 2));
    }
  });

  it('ends every chunk but the last at a line end, and the last without one', () => {
    const value = { items: Array.from({ length: 200 }, (_, i) => ({ id: i, name: `n${i}` })) };
    const chunks = all(value, 256);
    expect(chunks.length).toBeGreaterThan(10);
    for (const c of chunks.slice(0, -1)) expect(c.endsWith('\n')).toBe(true);
    expect(chunks.at(-1)?.endsWith('}')).toBe(true);
  });

  it('keeps chunks near the requested size (a chunk stops at the first line end past it)', () => {
    const value = Array.from({ length: 5000 }, (_, i) => i);
    const chunks = all(value, 1000);
    for (const c of chunks) expect(c.length).toBeLessThan(1000 + 20);
  });

  it('prints 100,000 levels of nesting without recursing (JSON.stringify throws a RangeError there)', () => {
    const deep = nested(100_000);
    expect(() => JSON.stringify(deep, null, 2)).toThrow(RangeError);
    const source = prettyJsonChunks(deep, 32_768);
    const first = source.next() ?? '';
    expect(first.startsWith('[\n  [\n    [')).toBe(true);
    expect(first.length).toBeLessThan(32_768 + 200_002);
    expect(source.position).toBe(first.length);
    expect(Number.isNaN(source.total)).toBe(true);
  });

  it('reports the total once done', () => {
    const source = prettyJsonChunks({ a: [1, 2] }, 4);
    let n = 0;
    while (source.next() !== null) n++;
    expect(n).toBeGreaterThan(1);
    expect(source.total).toBe(JSON.stringify({ a: [1, 2] }, null, 2).length);
    expect(source.position).toBe(source.total);
  });
});

describe('prettyJson', () => {
  it('returns the whole text when it fits', () => {
    expect(prettyJson({ a: [1] })).toEqual({ text: '{\n  "a": [\n    1\n  ]\n}', complete: true });
  });

  it('stops at about maxChars on a line end and says it is incomplete', () => {
    const value = Array.from({ length: 100_000 }, () => 0);
    const out = prettyJson(value, 1000);
    expect(out.complete).toBe(false);
    expect(out.text.length).toBeLessThan(1100);
    expect(out.text.endsWith('\n')).toBe(true);
  });
});
