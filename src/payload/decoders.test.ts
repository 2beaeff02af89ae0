import { deflateSync, gzipSync } from 'node:zlib';
import { encode as encodeMsgpack } from '@msgpack/msgpack';
import { encode as encodeCbor } from 'cbor2';
import fc from 'fast-check';
import sparkplug from 'sparkplug-payload';
import { describe, expect, it } from 'vitest';
import {
  autoDecode,
  compressionOf,
  DECODERS,
  inflate,
  parseDecoderRules,
  ruleFor,
  runDecoder,
  toPlain,
} from './decoders';

const utf8 = (s: string) => new TextEncoder().encode(s);
const event = {
  type: 'comment-added',
  change: { number: 12345, project: 'openstack/nova' },
  tags: ['a', 'b'],
};

describe('decoders', () => {
  it('decodes CBOR and MessagePack maps to the same plain value as the JSON they encode', async () => {
    expect(await runDecoder('cbor', encodeCbor(event))).toEqual({ ok: true, decoder: 'cbor', value: event });
    expect(await runDecoder('msgpack', encodeMsgpack(event))).toEqual({
      ok: true,
      decoder: 'msgpack',
      value: event,
    });
  });

  it('inflates gzip and zlib payloads and decodes what is inside', async () => {
    const json = utf8(JSON.stringify(event));
    expect(await runDecoder('gzip', gzipSync(json))).toEqual({
      ok: true,
      decoder: 'json',
      value: event,
      via: 'gzip',
    });
    expect(await autoDecode(deflateSync(json))).toEqual({
      ok: true,
      decoder: 'json',
      value: event,
      via: 'deflate',
    });
    expect(compressionOf(gzipSync(json))).toBe('gzip');
    expect(compressionOf(json)).toBeNull();
  });

  it('stops inflating a zip bomb at the cap with an error instead of filling the heap', async () => {
    const bomb = gzipSync(new Uint8Array(4 * 1024 * 1024));
    await expect(inflate(bomb, 'gzip', 1024 * 1024)).rejects.toThrow(/more than 1 MB/);
  });

  it('decodes Sparkplug B under spBv1.0/ by namespace, with 64-bit numbers as exact strings', async () => {
    const spb = sparkplug.get('spBv1.0');
    if (!spb) throw new Error('no Sparkplug B schema');
    const bytes = spb.encodePayload({
      timestamp: 1764650000000,
      seq: 3,
      metrics: [{ name: 'Temperature', type: 'Double', value: 21.5 }],
    });
    const d = await autoDecode(bytes, ['spBv1.0', 'plant1', 'DDATA', 'edge1', 'sensor1']);
    expect(d?.ok && d.decoder).toBe('sparkplug');
    const v = d?.ok
      ? (d.value as { timestamp: string; metrics: { name: string; value: number }[] })
      : undefined;
    expect(v?.timestamp).toBe('1764650000000');
    expect(v?.metrics[0]).toMatchObject({ name: 'Temperature', value: 21.5 });
    // Outside its namespace the same bytes are not taken for Sparkplug.
    expect((await autoDecode(bytes, ['plant1']))?.decoder).not.toBe('sparkplug');
  });

  it('returns errors as values for bytes a decoder cannot read', async () => {
    const junk = new Uint8Array([0xc1, 0xff, 0x00]);
    for (const { id } of DECODERS) {
      const d = await runDecoder(id, junk, []);
      expect(d.decoder === id || (d.ok && d.via === id)).toBe(true);
      if (!d.ok) expect(d.error.length).toBeGreaterThan(0);
    }
  });

  it('never throws and never guesses a lone number out of random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 64 }), async (bytes) => {
        const d = await autoDecode(bytes);
        if (d?.ok && (d.decoder === 'cbor' || d.decoder === 'msgpack')) {
          expect(typeof d.value).toBe('object');
          expect(d.value).not.toBeNull();
        }
        for (const { id } of DECODERS) await runDecoder(id, bytes);
      }),
      { numRuns: 200 },
    );
  });

  it('prefers JSON and text over binary guesses', async () => {
    expect(await autoDecode(utf8('{"a":1}'))).toEqual({ ok: true, decoder: 'json', value: { a: 1 } });
    expect(await autoDecode(utf8('hello'))).toEqual({ ok: true, decoder: 'text', text: 'hello' });
    expect(await autoDecode(new Uint8Array())).toBeUndefined();
  });

  it('turns Maps, bigints, bytes and non-finite numbers into plain JSON values', () => {
    const v = toPlain(
      new Map<unknown, unknown>([
        ['n', 2n ** 70n],
        [1, new Uint8Array([1, 2])],
        ['x', Number.NaN],
      ]),
    );
    expect(v).toEqual({ n: '1180591620717411303424', '1': { $bytes: '0102' }, x: 'NaN' });
    expect(JSON.stringify(v)).toBeTypeOf('string');
  });
});

describe('decoder rules', () => {
  const prefix = (pattern: string, topic: string) => topic.startsWith(pattern.replace(/#$/, ''));

  it('the first matching rule wins', () => {
    const rules = [
      { pattern: 'sensors/cbor/#', decoder: 'cbor' as const },
      { pattern: 'sensors/#', decoder: 'msgpack' as const },
    ];
    expect(ruleFor(rules, 'sensors/cbor/t1', prefix)?.decoder).toBe('cbor');
    expect(ruleFor(rules, 'sensors/t2', prefix)?.decoder).toBe('msgpack');
    expect(ruleFor(rules, 'other', prefix)).toBeUndefined();
  });

  it('keeps good saved rules and names each bad one', () => {
    const { rules, errors } = parseDecoderRules([
      { pattern: 'a/#', decoder: 'cbor' },
      { pattern: '', decoder: 'cbor' },
      { pattern: 'b/#', decoder: 'protobuf' },
      null,
    ]);
    expect(rules).toEqual([{ pattern: 'a/#', decoder: 'cbor' }]);
    expect(errors).toEqual([
      'decoder rule 2: missing or invalid pattern',
      'decoder rule 3: unknown decoder protobuf',
      'decoder rule 4: missing or invalid pattern',
    ]);
    expect(parseDecoderRules('nope').errors).toEqual(['decoder rules: not a list']);
  });
});
