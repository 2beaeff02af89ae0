import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64Chunks, type ChunkSource, chunkEnd, hexChunks, stringChunks, utf8Chunks } from './chunks';
import { hexDumpLines } from './hexDump';

function drain(source: ChunkSource): string[] {
  const out: string[] = [];
  for (let c = source.next(); c !== null; c = source.next()) out.push(c);
  return out;
}

describe('stringChunks', () => {
  it('concatenates back to the input for any string and chunk size', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.integer({ min: 1, max: 64 }), (s, n) => {
        const source = stringChunks(s, n);
        expect(drain(source).join('')).toBe(s);
        expect(source.position).toBe(s.length);
        expect(source.total).toBe(s.length);
      }),
      { numRuns: 60 },
    );
  }, 30_000);

  it('ends a chunk after a line break in its second half', () => {
    const text = `${'a'.repeat(70)}\n${'b'.repeat(70)}`;
    expect(drain(stringChunks(text, 100))[0]).toBe(`${'a'.repeat(70)}\n`);
  });

  it('never splits a surrogate pair', () => {
    const text = '😀'.repeat(1000);
    for (const c of drain(stringChunks(text, 101))) {
      expect(c.length % 2).toBe(0);
    }
  });

  it('yields nothing for an empty string', () => {
    expect(drain(stringChunks(''))).toEqual([]);
  });
});

describe('chunkEnd', () => {
  it('prefers a cut between two ASCII characters so a joiner keeps its neighbours', () => {
    const text = `${'x'.repeat(50)}👩\u200D👩\u200D👧${'y'.repeat(50)}`;
    const end = chunkEnd(text, 0, 55);
    expect(end).toBeLessThanOrEqual(50);
  });
});

describe('utf8Chunks', () => {
  it('decodes to the same text as one TextDecoder call, multi-byte characters cut anywhere', () => {
    const text = 'héllo ✓ 😀 日本語\n'.repeat(500);
    const bytes = new TextEncoder().encode(text);
    for (const n of [7, 64, 1000, 4096]) {
      const source = utf8Chunks(bytes, n);
      expect(drain(source).join('')).toBe(text);
      expect(source.position).toBe(bytes.length);
    }
  });

  it('ends a window after its last LF when that is in its second half', () => {
    const bytes = new TextEncoder().encode(`${'a'.repeat(60)}\n${'b'.repeat(60)}`);
    expect(utf8Chunks(bytes, 100).next()).toBe(`${'a'.repeat(60)}\n`);
  });
});

describe('hexChunks', () => {
  it('joins to the same dump as hexDumpLines, a chunk of lines at a time', () => {
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7) & 0xff);
    const source = hexChunks(bytes, 5);
    const chunks = drain(source);
    expect(chunks.join('')).toBe(hexDumpLines(bytes).join('\n'));
    expect(chunks.length).toBe(Math.ceil(1000 / 16 / 5));
    expect(source.position).toBe(1000);
  });
});

describe('chunking cost', () => {
  it('stays linear on text without line breaks (each chunk looks only at its own window)', () => {
    const text = 'x'.repeat(4_000_000);
    const bytes = new TextEncoder().encode(text);
    const t = performance.now();
    expect(drain(stringChunks(text, 1024)).length).toBe(Math.ceil(4_000_000 / 1024));
    expect(drain(utf8Chunks(bytes, 1024)).join('').length).toBe(4_000_000);
    // Quadratic scanning would take minutes here; linear takes well under a second even on a loaded CI.
    expect(performance.now() - t).toBeLessThan(10_000);
  });
});

describe('base64Chunks', () => {
  it('concatenates to the base64 of the whole payload whatever the chunk size', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 1, max: 64 }), (bytes, size) => {
        const source = base64Chunks(bytes, size);
        let out = '';
        for (let c = source.next(); c !== null; c = source.next()) out += c;
        expect(out).toBe(Buffer.from(bytes).toString('base64'));
        expect(source.position).toBe(bytes.length);
      }),
    );
  });
});
