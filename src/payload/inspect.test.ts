import { describe, expect, it } from 'vitest';
import {
  checkWhole,
  inspectPayload,
  jsonDepth,
  LARGE_PAYLOAD_BYTES,
  MAX_JSON_DEPTH,
  PREVIEW_BYTES,
  utf8Boundary,
} from './inspect';

const utf8 = (s: string) => new TextEncoder().encode(s);
const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('jsonDepth', () => {
  it.each([
    ['1', 0],
    ['[]', 1],
    ['{"a":[1,{"b":[]}]}', 4],
    ['["[[[[", "]]]"]', 1],
    ['{"k\\"[[": [1]}', 2],
    [deepArray(10_000), 10_000],
  ])('counts the nesting of %s as %i, ignoring brackets inside strings', (text, depth) => {
    expect(jsonDepth(text)).toBe(depth);
  });
});

describe('utf8Boundary', () => {
  it('backs a cut up to the start of a multi-byte character', () => {
    const bytes = utf8('a😀b'); // 61 f0 9f 98 80 62
    expect(utf8Boundary(bytes, 3)).toBe(1);
    expect(utf8Boundary(bytes, 5)).toBe(5);
    expect(utf8Boundary(bytes, 99)).toBe(6);
  });
});

describe('inspectPayload', () => {
  it('parses ordinary JSON and records its depth', () => {
    const i = inspectPayload(utf8('{"a":[1,2]}'));
    expect(i).toMatchObject({
      kind: 'json',
      parsed: true,
      json: { a: [1, 2] },
      depth: 2,
      partial: false,
      unchecked: false,
    });
  });

  it('classifies empty, text, binary and broken JSON like decodePayload', () => {
    expect(inspectPayload(new Uint8Array())).toMatchObject({ kind: 'empty', text: '' });
    expect(inspectPayload(utf8('temp=21.5'))).toMatchObject({
      kind: 'text',
      text: 'temp=21.5',
      parsed: false,
    });
    expect(inspectPayload(Uint8Array.from([0xff, 0]))).toMatchObject({ kind: 'binary', partial: false });
    expect(inspectPayload(utf8('a\u0000b')).kind).toBe('binary');
    const broken = inspectPayload(utf8('{"a":'));
    expect(broken.kind).toBe('text');
    expect(broken.error).toMatch(/^Not valid JSON: /);
    expect(inspectPayload(utf8('3 apples')).error).toBeUndefined();
  });

  it('does not parse JSON nested deeper than the limit, and leaves the verdict to the whole check', () => {
    const text = deepArray(MAX_JSON_DEPTH + 1);
    const i = inspectPayload(utf8(text));
    expect(i).toMatchObject({
      kind: 'text',
      parsed: false,
      depth: MAX_JSON_DEPTH + 1,
      unchecked: true,
      text,
    });
    expect(i.note).toBe(
      'Nested 1,001 levels deep, too deep to pretty-print or show as a tree (limit 1,000 levels); showing the raw text.',
    );
    expect(inspectPayload(utf8(deepArray(MAX_JSON_DEPTH))).parsed).toBe(true);
  });

  it('a 20 kB payload nested 10,000 levels deep is examined without parsing it', () => {
    const i = inspectPayload(utf8(deepArray(10_000)));
    expect(i.parsed).toBe(false);
    expect(i.depth).toBe(10_000);
  });

  it('decodes only the first 256 kB of a payload over 1 MiB, and flags it for the whole check', () => {
    const text = `{"items":[${'"x",'.repeat(400_000)}"end"]}`;
    const bytes = utf8(text);
    expect(bytes.length).toBeGreaterThan(LARGE_PAYLOAD_BYTES);
    const i = inspectPayload(bytes);
    expect(i).toMatchObject({ kind: 'text', partial: true, parsed: false, unchecked: true });
    expect(i.text?.length).toBe(PREVIEW_BYTES);
    expect(i.note).toMatch(
      /^Payload is 1\.6 MB, too large to pretty-print or show as a tree \(limit 1\.0 MB\)/,
    );
  });

  it('gives a large plain-text payload no JSON note', () => {
    const i = inspectPayload(utf8('log line\n'.repeat(200_000)));
    expect(i.partial).toBe(true);
    expect(i.note).toBeUndefined();
  });

  it('calls a large payload binary when its head is binary, with nothing left to check', () => {
    const bytes = new Uint8Array(LARGE_PAYLOAD_BYTES + 1);
    expect(inspectPayload(bytes)).toMatchObject({ kind: 'binary', partial: true, unchecked: false });
  });

  it('never cuts the head inside a multi-byte character', () => {
    const bytes = utf8('😀'.repeat(300_000));
    expect(inspectPayload(bytes)).toMatchObject({ kind: 'text', partial: true });
  });
});

describe('checkWhole', () => {
  it('classifies the whole payload, however deep', () => {
    expect(checkWhole(utf8(deepArray(100_000)))).toEqual({ kind: 'json' });
    expect(checkWhole(utf8(`${'['.repeat(5000)}`))).toMatchObject({
      kind: 'text',
      error: expect.stringMatching(/^Not valid JSON/),
    });
  });

  it('finds invalid UTF-8 after the previewed head', () => {
    const bytes = new Uint8Array(LARGE_PAYLOAD_BYTES + 10).fill(0x61);
    bytes[LARGE_PAYLOAD_BYTES + 5] = 0xff;
    expect(inspectPayload(bytes).kind).toBe('text');
    expect(checkWhole(bytes)).toEqual({ kind: 'binary' });
  });
});
