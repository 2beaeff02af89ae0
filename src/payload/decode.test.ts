import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePayload, hasControlChars, sniffKind } from './decode';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('sniffKind', () => {
  it.each([
    ['', 'empty'],
    ['{"a":1}', 'json'],
    ['  [1, 2]\n', 'json'],
    ['42', 'json'],
    ['-1.5e3', 'json'],
    ['true', 'json'],
    ['null', 'json'],
    ['"str"', 'json'],
    ['hello world', 'text'],
    ['line 1\r\nline 2\ttab', 'text'],
    ['3 apples', 'text'],
    ['{not json', 'text'],
    ['truely', 'text'],
    ['héllo ✓ 😀', 'text'],
    ['a\u0000b', 'binary'],
    ['bell\u0007', 'binary'],
    ['del\u007f', 'binary'],
    ['c1\u0085', 'binary'],
  ])('classifies %j as %s', (s, kind) => {
    expect(sniffKind(utf8(s))).toBe(kind);
  });

  it('classifies invalid UTF-8 as binary', () => {
    expect(sniffKind(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toBe('binary');
    expect(sniffKind(new Uint8Array([0x61, 0xc3]))).toBe('binary');
  });
});

describe('decodePayload', () => {
  it('decodes JSON into a value and a 2-space pretty string', () => {
    expect(decodePayload(utf8('{"a":[1,2]}'))).toEqual({
      kind: 'json',
      text: '{"a":[1,2]}',
      json: { a: [1, 2] },
      pretty: '{\n  "a": [\n    1,\n    2\n  ]\n}',
    });
  });

  it('returns text as-is without an error', () => {
    expect(decodePayload(utf8('temp=21.5'))).toEqual({ kind: 'text', text: 'temp=21.5' });
  });

  it('reports JSON-looking text that does not parse as text with the parser message', () => {
    const d = decodePayload(utf8('{"a":'));
    expect(d.kind).toBe('text');
    expect(d.text).toBe('{"a":');
    expect(d.error).toMatch(/^Not valid JSON: ./);
  });

  it('does not call number-like prose invalid JSON', () => {
    expect(decodePayload(utf8('3 apples'))).toEqual({ kind: 'text', text: '3 apples' });
  });

  it('skips pretty-printing above maxPrettyBytes and says to show raw', () => {
    const d = decodePayload(utf8('{"big":"xxxxxxxxxx"}'), { maxPrettyBytes: 10 });
    expect(d.kind).toBe('json');
    expect(d.json).toEqual({ big: 'xxxxxxxxxx' });
    expect(d.pretty).toBeUndefined();
    expect(d.error).toBe('Payload is 20 B, too large to pretty-print (limit 10 B); showing raw');
  });

  it('pretty-prints JSON of exactly maxPrettyBytes', () => {
    expect(decodePayload(utf8('[1]'), { maxPrettyBytes: 3 }).pretty).toBe('[\n  1\n]');
  });

  it('returns binary and empty payloads without text', () => {
    expect(decodePayload(new Uint8Array([0xff, 0x00]))).toEqual({ kind: 'binary' });
    expect(decodePayload(new Uint8Array())).toEqual({ kind: 'empty', text: '' });
  });

  it('never throws, and always agrees with sniffKind', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(decodePayload(bytes).kind).toBe(sniffKind(bytes));
      }),
    );
  });

  it('round-trips any JSON value it is given', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        const d = decodePayload(utf8(text));
        expect(d.kind).toBe('json');
        expect(JSON.stringify(d.json)).toBe(text);
      }),
    );
  });
});

describe('hasControlChars', () => {
  it('allows tab, LF and CR but flags other C0, DEL and C1 characters', () => {
    expect(hasControlChars('a\tb\nc\rd')).toBe(false);
    expect(hasControlChars('\u001b[0m')).toBe(true);
    expect(hasControlChars('\u007f')).toBe(true);
    expect(hasControlChars('\u009f')).toBe(true);
    expect(hasControlChars('\u00a0')).toBe(false);
  });
});
