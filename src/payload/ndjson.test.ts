import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  base64ToBytes,
  bytesToBase64,
  decodeMessageLine,
  encodeMessageLine,
  type NdjsonMessage,
  type NdjsonProps,
  parseIsoTime,
} from './ndjson';

const utf8 = (s: string) => new TextEncoder().encode(s);
const T = Date.UTC(2024, 4, 1, 12, 0, 0, 123);

const msg = (patch: Partial<NdjsonMessage> = {}): NdjsonMessage => ({
  time: T,
  topic: 'gerrit/nova/change-merged',
  qos: 0,
  retain: false,
  payload: utf8('{"type":"change-merged"}'),
  ...patch,
});

/** A valid line as an object, to break one field at a time. */
const good = () => JSON.parse(encodeMessageLine(msg())) as Record<string, unknown>;
const line = (o: unknown) => JSON.stringify(o);

function decodeOk(text: string, lineNo = 1): NdjsonMessage {
  const r = decodeMessageLine(text, lineNo);
  if ('error' in r) throw new Error(r.error);
  return r.message;
}

function decodeError(text: string, lineNo = 1): string {
  const r = decodeMessageLine(text, lineNo);
  if ('message' in r) throw new Error(`expected an error, decoded ${JSON.stringify(r.message.topic)}`);
  return r.error;
}

describe('encodeMessageLine', () => {
  it('writes one JSON object with time, topic, qos, retain, payload and encoding, in that order', () => {
    expect(encodeMessageLine(msg())).toBe(
      '{"time":"2024-05-01T12:00:00.123Z","topic":"gerrit/nova/change-merged","qos":0,"retain":false,"payload":"{\\"type\\":\\"change-merged\\"}","encoding":"utf8"}',
    );
  });

  it('writes valid UTF-8 as text and everything else as base64', () => {
    const binary = JSON.parse(encodeMessageLine(msg({ payload: new Uint8Array([0x89, 0x50, 0xff, 0x00]) })));
    expect(binary).toMatchObject({ payload: 'iVD/AA==', encoding: 'base64' });
    const text = JSON.parse(encodeMessageLine(msg({ payload: utf8('héllo 😀') })));
    expect(text).toMatchObject({ payload: 'héllo 😀', encoding: 'utf8' });
  });

  it('keeps a UTF-8 byte order mark and control characters as text, byte for byte', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0x00, 0x0a, 0x1b]);
    const o = JSON.parse(encodeMessageLine(msg({ payload: bytes })));
    expect(o).toMatchObject({ payload: '\uFEFFa\u0000\n\u001b', encoding: 'utf8' });
    expect(decodeOk(encodeMessageLine(msg({ payload: bytes }))).payload).toEqual(bytes);
  });

  it('writes an empty payload as empty text', () => {
    expect(JSON.parse(encodeMessageLine(msg({ payload: new Uint8Array() })))).toMatchObject({
      payload: '',
      encoding: 'utf8',
    });
  });

  it('never breaks the line: newlines in topics and payloads are escaped', () => {
    const l = encodeMessageLine(msg({ topic: 'a\nb', payload: utf8('x\r\ny\u2028') }));
    expect(l).not.toMatch(/[\r\n]/);
  });

  it('adds properties only when the message carried some, correlation data in base64', () => {
    expect(encodeMessageLine(msg())).not.toContain('properties');
    expect(encodeMessageLine(msg({ props: {} }))).not.toContain('properties');
    const props: NdjsonProps = {
      contentType: 'application/json',
      responseTopic: 'rpc/reply',
      correlationData: utf8('req-42'),
      messageExpiryInterval: 600,
      payloadFormatIndicator: true,
      userProperties: [
        ['trace', 'span-1'],
        ['trace', 'span-2'],
      ],
      subscriptionIdentifier: [3, 7],
    };
    expect(JSON.parse(encodeMessageLine(msg({ props }))).properties).toEqual({
      contentType: 'application/json',
      responseTopic: 'rpc/reply',
      correlationData: 'cmVxLTQy',
      messageExpiryInterval: 600,
      payloadFormatIndicator: true,
      userProperties: [
        ['trace', 'span-1'],
        ['trace', 'span-2'],
      ],
      subscriptionIdentifier: [3, 7],
    });
  });

  it('writes the time in UTC with milliseconds', () => {
    expect(JSON.parse(encodeMessageLine(msg({ time: 0 }))).time).toBe('1970-01-01T00:00:00.000Z');
  });

  it('encodes 100,000 messages of ~600 bytes well under a second', () => {
    const payload = utf8(
      JSON.stringify({ type: 'change-merged', project: 'openstack/nova', pad: 'x'.repeat(520) }),
    );
    const binary = new Uint8Array(600).map((_, i) => (i * 7) & 0xff);
    const m = msg({ payload });
    const b = msg({ payload: binary });
    const start = performance.now();
    let total = 0;
    for (let i = 0; i < 100_000; i++) total += encodeMessageLine(i % 10 === 0 ? b : m).length;
    const ms = performance.now() - start;
    expect(total).toBeGreaterThan(60_000_000);
    // ~0.3 s in Chromium and ~0.7 s in Node on an idle 2-core machine; the bound catches an accidental
    // quadratic or per-message JSON round trip, not a few percent, so a loaded CI machine passes.
    expect(ms).toBeLessThan(5000);
  }, 30_000);
});

describe('decodeMessageLine', () => {
  it('decodes an exported line back to the message', () => {
    expect(decodeOk(encodeMessageLine(msg()))).toEqual({ ...msg(), props: undefined });
  });

  it('accepts a line with a trailing carriage return (CRLF files)', () => {
    expect(decodeOk(`${encodeMessageLine(msg())}\r`).topic).toBe('gerrit/nova/change-merged');
  });

  it('ignores fields it does not know, such as dup', () => {
    expect(decodeOk(line({ ...good(), dup: true, note: 'x' })).topic).toBe('gerrit/nova/change-merged');
  });

  it('treats an empty properties object as none and ignores unknown property names', () => {
    expect(decodeOk(line({ ...good(), properties: {} })).props).toBeUndefined();
    expect(decodeOk(line({ ...good(), properties: { topicAlias: 3, contentType: 'x' } })).props).toEqual({
      contentType: 'x',
    });
  });

  it('reads a time with an offset or without milliseconds', () => {
    expect(decodeOk(line({ ...good(), time: '2024-05-01T14:00:00.123+02:00' })).time).toBe(T);
    expect(decodeOk(line({ ...good(), time: '2024-05-01T12:00:00Z' })).time).toBe(T - 123);
    expect(decodeOk(line({ ...good(), time: '2024-05-01T12:00:00.1Z' })).time).toBe(T - 23);
  });

  it('names the line number in every error', () => {
    expect(decodeError('{', 42)).toMatch(/^line 42: not valid JSON/);
  });

  it.each([
    ['bad JSON', '{"time":', /not valid JSON/],
    ['an array', '[1,2]', /not a JSON object/],
    ['a number', '42', /not a JSON object/],
    ['null', 'null', /not a JSON object/],
    ['an empty line', '', /not valid JSON/],
  ])('reports %s', (_, text, reason) => {
    expect(decodeError(text)).toMatch(reason);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['a missing time', { time: undefined }, /"time" must be an ISO 8601 string/],
    ['a numeric time', { time: 1714564800123 }, /"time" must be an ISO 8601 string/],
    ['a time that is no date', { time: 'yesterday' }, /"time" is not an ISO 8601 date-time/],
    ['the 30th of February', { time: '2024-02-30T00:00:00.000Z' }, /not an ISO 8601/],
    ['hour 24', { time: '2024-01-01T24:00:00.000Z' }, /not an ISO 8601/],
    ['a time without a zone', { time: '2024-01-01T12:00:00.000' }, /not an ISO 8601/],
    ['a missing topic', { topic: undefined }, /"topic" must be a string/],
    ['a numeric topic', { topic: 7 }, /"topic" must be a string/],
    ['an empty topic', { topic: '' }, /"topic" is empty/],
    ['a topic with a lone surrogate', { topic: 'a/\uD800/b' }, /"topic" has an unpaired surrogate/],
    ['a topic over 65,535 bytes', { topic: 'é'.repeat(40_000) }, /"topic" is 80000 bytes/],
    ['qos 3', { qos: 3 }, /"qos" must be 0, 1 or 2/],
    ['qos as a string', { qos: '1' }, /"qos" must be 0, 1 or 2/],
    ['retain as a number', { retain: 1 }, /"retain" must be true or false/],
    ['a missing payload', { payload: undefined }, /"payload" must be a string/],
    ['a payload object', { payload: { a: 1 } }, /"payload" must be a string/],
    ['a wrong encoding value', { encoding: 'hex' }, /"encoding" must be "utf8" or "base64"/],
    ['a missing encoding', { encoding: undefined }, /"encoding" must be/],
    ['bad base64', { payload: 'not base64!', encoding: 'base64' }, /"payload" is not valid base64/],
    ['unpadded base64', { payload: 'QQ', encoding: 'base64' }, /not valid base64/],
    ['base64 with whitespace', { payload: 'QU JD', encoding: 'base64' }, /not valid base64/],
    ['utf8 text with a lone surrogate', { payload: 'x\uDC00' }, /"payload" has an unpaired surrogate/],
    ['properties that are a string', { properties: 'x' }, /"properties" must be an object/],
    ['properties that are a list', { properties: [] }, /"properties" must be an object/],
    [
      'a numeric content type',
      { properties: { contentType: 1 } },
      /"properties.contentType" must be a string/,
    ],
    ['bad correlation data', { properties: { correlationData: '%%' } }, /correlationData" must be base64/],
    ['a negative expiry', { properties: { messageExpiryInterval: -1 } }, /messageExpiryInterval" must be/],
    ['a fractional expiry', { properties: { messageExpiryInterval: 1.5 } }, /messageExpiryInterval" must be/],
    ['a string format indicator', { properties: { payloadFormatIndicator: 'yes' } }, /must be true or false/],
    ['user properties as an object', { properties: { userProperties: { a: 'b' } } }, /\[name, value\] pairs/],
    ['a user property triple', { properties: { userProperties: [['a', 'b', 'c']] } }, /userProperties\[0\]"/],
    ['a numeric user property value', { properties: { userProperties: [['a', 1]] } }, /\[0\]\[1\]" must be/],
    ['subscription id 0', { properties: { subscriptionIdentifier: 0 } }, /subscriptionIdentifier" must be/],
    ['an empty subscription id list', { properties: { subscriptionIdentifier: [] } }, /empty list/],
    ['a null property', { properties: { contentType: null } }, /contentType" must be a string/],
  ])('reports %s', (_, patch, reason) => {
    expect(decodeError(line({ ...good(), ...patch }), 3)).toMatch(reason);
  });

  it('is not fooled by __proto__ or constructor keys', () => {
    const text = `{"__proto__":{"topic":"evil"},"constructor":1,${encodeMessageLine(msg()).slice(1)}`;
    const m = decodeOk(text);
    expect(m.topic).toBe('gerrit/nova/change-merged');
    expect(({} as Record<string, unknown>).topic).toBeUndefined();
    expect(decodeError('{"__proto__":{"time":"2024-05-01T12:00:00.000Z"}}')).toMatch(/"time"/);
  });

  it('cuts a long JSON error so one line cannot flood the report', () => {
    expect(decodeError(`{"topic":"${'x'.repeat(5000)}`).length).toBeLessThan(200);
  });
});

describe('base64', () => {
  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
      }),
    );
  });

  it('encodes payloads larger than one fromCharCode chunk', () => {
    const big = new Uint8Array(100_000).map((_, i) => i & 0xff);
    const b64 = bytesToBase64(big);
    expect(b64).toBe(Buffer.from(big).toString('base64'));
    expect(Buffer.compare(base64ToBytes(b64) as Uint8Array, big)).toBe(0);
  });
});

describe('parseIsoTime', () => {
  it('reads what Date#toISOString writes, for any representable time', () => {
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (ms) => {
        expect(parseIsoTime(new Date(ms).toISOString())).toBe(ms);
      }),
    );
  });

  it('knows leap years', () => {
    expect(parseIsoTime('2024-02-29T00:00:00.000Z')).toBe(Date.UTC(2024, 1, 29));
    expect(parseIsoTime('2023-02-29T00:00:00.000Z')).toBeNull();
    expect(parseIsoTime('1900-02-29T00:00:00.000Z')).toBeNull();
    expect(parseIsoTime('2000-02-29T00:00:00.000Z')).toBe(Date.UTC(2000, 1, 29));
  });

  it('reads two-digit years as themselves, not as 19xx', () => {
    expect(parseIsoTime('0042-01-01T00:00:00.000Z')).toBe(new Date('0042-01-01T00:00:00.000Z').getTime());
  });
});

const text = (maxLength = 40) => fc.string({ unit: 'binary', maxLength });
const propsArb: fc.Arbitrary<NdjsonProps> = fc.record(
  {
    contentType: text(),
    responseTopic: text(),
    correlationData: fc.uint8Array({ maxLength: 40 }),
    messageExpiryInterval: fc.integer({ min: 0, max: 4_294_967_295 }),
    payloadFormatIndicator: fc.boolean(),
    userProperties: fc.array(fc.tuple(text(), text()), { maxLength: 4 }),
    subscriptionIdentifier: fc.oneof(
      fc.integer({ min: 1, max: 268_435_455 }),
      fc.array(fc.integer({ min: 1, max: 268_435_455 }), { minLength: 1, maxLength: 3 }),
    ),
  },
  { requiredKeys: [] },
);
const messageArb: fc.Arbitrary<NdjsonMessage> = fc.record({
  time: fc.integer({ min: -8.64e15, max: 8.64e15 }),
  topic: fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }),
  qos: fc.constantFrom(0 as const, 1 as const, 2 as const),
  retain: fc.boolean(),
  payload: fc.oneof(
    fc.uint8Array({ maxLength: 200 }),
    fc.string({ unit: 'binary', maxLength: 100 }).map((s) => utf8(s)),
  ),
  props: fc.option(propsArb, { nil: undefined }),
});

describe('round trip', () => {
  it('decodes every encoded message to the same message, and the line is one line of JSON', () => {
    fc.assert(
      fc.property(messageArb, fc.integer({ min: 1, max: 1e6 }), (m, lineNo) => {
        const encoded = encodeMessageLine(m);
        expect(encoded).not.toMatch(/[\n\r]/);
        expect(typeof JSON.parse(encoded)).toBe('object');
        const back = decodeOk(encoded, lineNo);
        const hasProps = m.props !== undefined && Object.keys(m.props).length > 0;
        expect(back).toEqual({ ...m, props: hasProps ? m.props : undefined });
      }),
      { numRuns: 500 },
    );
  });

  it('writes base64 exactly when the payload is not valid UTF-8', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (payload) => {
        let valid = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(payload);
        } catch {
          valid = false;
        }
        expect(JSON.parse(encodeMessageLine(msg({ payload }))).encoding).toBe(valid ? 'utf8' : 'base64');
      }),
    );
  });

  it('reports a lone surrogate in any string it reads instead of importing a changed value', () => {
    const lone = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
    fc.assert(
      fc.property(text(10), lone, text(10), (a, s, b) => {
        expect(decodeError(line({ ...good(), topic: `${a}${s}x${b}` }))).toMatch(/unpaired surrogate/);
      }),
    );
  });
});
