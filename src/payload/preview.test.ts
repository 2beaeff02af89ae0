import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { previewPayload } from './preview';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('previewPayload', () => {
  it('shows (empty) for an empty payload', () => {
    expect(previewPayload(new Uint8Array())).toBe('(empty)');
  });

  it('collapses whitespace runs including newlines into one space and trims', () => {
    expect(previewPayload(utf8('  {\n  "a": 1,\r\n\t"b": 2\n}\n'))).toBe('{ "a": 1, "b": 2 }');
  });

  it('cuts long text to maxChars ending in an ellipsis', () => {
    const p = previewPayload(utf8('x'.repeat(50)), 10);
    expect(p).toBe(`${'x'.repeat(9)}…`);
    expect(p).toHaveLength(10);
  });

  it('keeps text of exactly maxChars whole', () => {
    expect(previewPayload(utf8('abcde'), 5)).toBe('abcde');
  });

  it('does not split an emoji at the cut', () => {
    expect(previewPayload(utf8('ab😀cd'), 4)).toBe('ab…');
  });

  it('marks truncation even when collapsed whitespace leaves the text short', () => {
    const p = previewPayload(utf8(`a${' '.repeat(100)}b`), 5);
    expect(p).toBe('a…');
  });

  it('shows a hex preview with the size for binary payloads', () => {
    const png = new Uint8Array(1200);
    png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(previewPayload(png)).toBe('<binary 1.2 kB> 89 50 4e 47 0d 0a 1a 0a 00 00 00 00 00 00 00 00 …');
  });

  it('shows every byte and no ellipsis for short binary payloads', () => {
    expect(previewPayload(new Uint8Array([0xde, 0xad, 0xbe, 0xef]))).toBe('<binary 4 B> de ad be ef');
  });

  it('treats valid UTF-8 with control characters as binary', () => {
    expect(previewPayload(utf8('\u001b[31mred'))).toMatch(/^<binary 8 B> 1b 5b 33 31/);
  });

  it('keeps a genuine U+FFFD in text as text', () => {
    expect(previewPayload(utf8('bad \ufffd char'))).toBe('bad \ufffd char');
  });

  it('does not mistake a multi-byte character cut at the decode limit for binary', () => {
    // maxChars 2 decodes at most 8 bytes; '€' (3 bytes) straddles byte 8.
    expect(previewPayload(utf8('abcdefg€€€'), 2)).toBe('a…');
  });

  it('only decodes the head of a huge payload', () => {
    const huge = new Uint8Array(8_000_000).fill(0x61);
    huge[huge.length - 1] = 0xff; // invalid UTF-8 far beyond the preview window is never looked at
    const started = performance.now();
    expect(previewPayload(huge, 20)).toBe(`${'a'.repeat(19)}…`);
    expect(performance.now() - started).toBeLessThan(50);
  });

  it('always returns a single line no longer than maxChars for text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.integer({ min: 1, max: 300 }), (s, max) => {
        const p = previewPayload(utf8(s), max);
        expect(p).not.toMatch(/[\n\r]/);
        if (!p.startsWith('<binary '))
          expect(p.length).toBeLessThanOrEqual(Math.max(max, '(whitespace)'.length));
      }),
    );
  });
});
