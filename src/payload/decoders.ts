/**
 * Payload decoders as a plug-in list. Each takes the bytes (and the topic, for the one decoder that is
 * keyed by namespace) and returns a value or an error, never throws: a wrong guess must never hide the
 * bytes, so the caller always keeps the raw views (text, hex) beside whatever a decoder made of them.
 *
 * Libraries, chosen for being pure JavaScript (nothing native, nothing to download) and kept up:
 * - CBOR: `cbor2` (hildjj, the successor of node-cbor; RFC 8949, ESM). `cbor-x` is faster but pulls an
 *   optional native `cbor-extract` whose builds the registry mirror does not all serve.
 * - MessagePack: `@msgpack/msgpack` (the msgpack organisation's own, with size limits).
 * - Sparkplug B: `sparkplug-payload` (Eclipse Tahu's reference schema on protobufjs), loaded on demand
 *   only for `spBv1.0/` topics or an explicit choice, so it costs the bundle nothing otherwise.
 * - gzip / deflate: the browser's own `DecompressionStream`, bounded by MAX_INFLATED_BYTES.
 */

import { decodePayload, hasControlChars } from './decode';

export type DecoderId = 'json' | 'text' | 'cbor' | 'msgpack' | 'gzip' | 'deflate' | 'sparkplug';

/** What a decoder made of the bytes: a value to show as JSON, or text. `via` names inflation steps. */
export type Decoding =
  | { ok: true; decoder: DecoderId; value: unknown; text?: undefined; via?: DecoderId }
  | { ok: true; decoder: DecoderId; text: string; value?: undefined; via?: DecoderId }
  | { ok: false; decoder: DecoderId; error: string };

export interface DecoderInfo {
  id: DecoderId;
  label: string;
}

export const DECODERS: readonly DecoderInfo[] = [
  { id: 'json', label: 'JSON' },
  { id: 'text', label: 'UTF-8 text' },
  { id: 'cbor', label: 'CBOR' },
  { id: 'msgpack', label: 'MessagePack' },
  { id: 'gzip', label: 'gzip' },
  { id: 'deflate', label: 'deflate (zlib)' },
  { id: 'sparkplug', label: 'Sparkplug B' },
];

const LABELS = new Map(DECODERS.map((d) => [d.id, d.label]));

export function decoderLabel(id: DecoderId): string {
  return LABELS.get(id) ?? id;
}

export function isDecoderId(v: unknown): v is DecoderId {
  return typeof v === 'string' && LABELS.has(v as DecoderId);
}

/** Inflating past this stops with an error: a 10 kB zip bomb must not become gigabytes of heap. */
export const MAX_INFLATED_BYTES = 16 * 1024 * 1024;

/** Sparkplug B's namespace: the first topic level of every Sparkplug B message. */
export const SPARKPLUG_NAMESPACE = 'spBv1.0';

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Turns what binary decoders return (Maps, Longs, bigints, byte arrays) into plain JSON-able values. */
export function toPlain(v: unknown, depth = 0): unknown {
  if (depth > 200) return '[too deep]';
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'undefined') return null;
  if (v instanceof Uint8Array) return { $bytes: bytesToHex(v.subarray(0, 64)) + (v.length > 64 ? '…' : '') };
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? String(v) : v.toISOString();
  if (Array.isArray(v)) return v.map((x) => toPlain(x, depth + 1));
  if (v instanceof Map) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of v)
      o[typeof k === 'string' ? k : JSON.stringify(toPlain(k, depth + 1))] = toPlain(x, depth + 1);
    return o;
  }
  if (typeof v === 'object') {
    // protobufjs Long: { low, high, unsigned } with toString().
    const maybeLong = v as { low?: unknown; high?: unknown; unsigned?: unknown; toString(): string };
    if (typeof maybeLong.low === 'number' && typeof maybeLong.high === 'number' && 'unsigned' in maybeLong) {
      return maybeLong.toString();
    }
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = toPlain(x, depth + 1);
    return o;
  }
  return String(v);
}

function bytesToHex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}

/** gzip starts 1f 8b; a zlib stream's two header bytes are a multiple of 31 with method 8 (deflate). */
export function compressionOf(bytes: Uint8Array): 'gzip' | 'deflate' | null {
  if (bytes.length >= 10 && bytes[0] === 0x1f && bytes[1] === 0x8b && bytes[2] === 8) return 'gzip';
  if (bytes.length < 2) return null;
  const [cmf = 0, flg = 0] = bytes;
  if ((cmf & 0x0f) === 8 && cmf >> 4 <= 7 && (cmf * 256 + flg) % 31 === 0) return 'deflate';
  return null;
}

export async function inflate(bytes: Uint8Array, format: 'gzip' | 'deflate', max = MAX_INFLATED_BYTES) {
  if (typeof DecompressionStream === 'undefined') throw new Error('this browser has no DecompressionStream');
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream(format));
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > max) {
      await reader.cancel();
      throw new Error(`inflates to more than ${max / (1024 * 1024)} MB; stopped`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function decodeText(bytes: Uint8Array, id: 'json' | 'text'): Decoding {
  const d = decodePayload(bytes, { maxPrettyBytes: 0 });
  if (id === 'json') {
    if (d.kind === 'json') return { ok: true, decoder: 'json', value: d.json };
    return {
      ok: false,
      decoder: 'json',
      error: d.error ?? (d.kind === 'binary' ? 'not UTF-8 text' : 'not JSON'),
    };
  }
  if (d.kind === 'binary') return { ok: false, decoder: 'text', error: 'not valid UTF-8 text' };
  return { ok: true, decoder: 'text', text: d.text ?? '' };
}

async function decodeCbor(bytes: Uint8Array): Promise<Decoding> {
  try {
    const { decode } = await import('cbor2');
    return { ok: true, decoder: 'cbor', value: toPlain(decode(bytes)) };
  } catch (e) {
    return { ok: false, decoder: 'cbor', error: message(e) };
  }
}

async function decodeMsgpack(bytes: Uint8Array): Promise<Decoding> {
  try {
    const { decode } = await import('@msgpack/msgpack');
    return { ok: true, decoder: 'msgpack', value: toPlain(decode(bytes)) };
  } catch (e) {
    return { ok: false, decoder: 'msgpack', error: message(e) };
  }
}

async function decodeSparkplug(bytes: Uint8Array): Promise<Decoding> {
  try {
    // protobufjs looks for Long.js through an eval-based require that the app's CSP (rightly) blocks,
    // and without it 64-bit fields (Sparkplug timestamps, UInt64 metrics) silently lose precision above
    // 2^53. Handing it Long explicitly keeps them exact; toPlain then prints them as strings.
    const [mod, pb, long] = await Promise.all([
      import('sparkplug-payload'),
      import('protobufjs/minimal'),
      import('long'),
    ]);
    const protobuf = (pb as unknown as { default?: typeof pb }).default ?? pb;
    if (!protobuf.util.Long) {
      protobuf.util.Long = long.default;
      protobuf.configure();
    }
    const spb = (mod.get ?? (mod as unknown as { default: typeof mod }).default.get)(SPARKPLUG_NAMESPACE);
    if (!spb) return { ok: false, decoder: 'sparkplug', error: 'Sparkplug B schema unavailable' };
    return { ok: true, decoder: 'sparkplug', value: toPlain(spb.decodePayload(bytes)) };
  } catch (e) {
    return { ok: false, decoder: 'sparkplug', error: message(e) };
  }
}

/** Runs one decoder. Compression decoders inflate, then decode the result automatically (one level). */
export async function runDecoder(id: DecoderId, bytes: Uint8Array, topicLevels: readonly string[] = []) {
  switch (id) {
    case 'json':
    case 'text':
      return decodeText(bytes, id);
    case 'cbor':
      return decodeCbor(bytes);
    case 'msgpack':
      return decodeMsgpack(bytes);
    case 'sparkplug':
      return decodeSparkplug(bytes);
    case 'gzip':
    case 'deflate': {
      let inflated: Uint8Array;
      try {
        inflated = await inflate(bytes, id);
      } catch (e) {
        return { ok: false, decoder: id, error: message(e) } satisfies Decoding;
      }
      const inner = await autoDecode(inflated, topicLevels, false);
      if (!inner)
        return {
          ok: false,
          decoder: id,
          error: 'inflated to bytes no decoder recognises',
        } satisfies Decoding;
      return inner.ok ? { ...inner, via: id } : inner;
    }
  }
}

/** A binary decode result is believed only if it is a non-empty map or array: random bytes often decode
 *  to a lone number under CBOR or MessagePack, and that guess would be noise. */
function plausible(d: Decoding): boolean {
  if (!d.ok || d.value === undefined || d.value === null || typeof d.value !== 'object') return false;
  return Object.keys(d.value as object).length > 0;
}

/**
 * The decoder a payload most likely needs, tried in order: Sparkplug B under `spBv1.0/`; gzip or zlib
 * by their headers; JSON; UTF-8 text; then MessagePack and CBOR, each believed only if it yields a
 * non-empty map or array. Undefined when nothing fits (the hex view is then the answer).
 */
export async function autoDecode(
  bytes: Uint8Array,
  topicLevels: readonly string[] = [],
  allowInflate = true,
): Promise<Decoding | undefined> {
  if (bytes.length === 0) return undefined;
  if (topicLevels[0] === SPARKPLUG_NAMESPACE) return decodeSparkplug(bytes);
  const compression = allowInflate ? compressionOf(bytes) : null;
  if (compression) {
    const d = await runDecoder(compression, bytes, topicLevels);
    if (d.ok) return d;
  }
  const text = decodePayload(bytes, { maxPrettyBytes: 0 });
  if (text.kind === 'json') return { ok: true, decoder: 'json', value: text.json };
  if (text.kind === 'text' && text.text !== undefined && !hasControlChars(text.text))
    return { ok: true, decoder: 'text', text: text.text };
  for (const guess of [decodeMsgpack, decodeCbor]) {
    const d = await guess(bytes);
    if (plausible(d)) return d;
  }
  return undefined;
}

/** A per-topic override: messages whose topic matches `pattern` (in the connection's syntax) use `decoder`. */
export interface DecoderRule {
  pattern: string;
  decoder: DecoderId;
}

/** The first rule whose pattern matches the topic, if any. `matches` compiles a pattern in the current syntax. */
export function ruleFor(
  rules: readonly DecoderRule[],
  topic: string,
  matches: (pattern: string, topic: string) => boolean,
): DecoderRule | undefined {
  return rules.find((r) => matches(r.pattern, topic));
}

/** Saved or linked rules, checked one by one: a bad entry is named and dropped, the rest kept. */
export function parseDecoderRules(raw: unknown): { rules: DecoderRule[]; errors: string[] } {
  const rules: DecoderRule[] = [];
  const errors: string[] = [];
  if (!Array.isArray(raw)) return { rules, errors: raw === undefined ? [] : ['decoder rules: not a list'] };
  raw.slice(0, 100).forEach((r, i) => {
    const rec = r as { pattern?: unknown; decoder?: unknown } | null;
    if (!rec || typeof rec.pattern !== 'string' || rec.pattern === '' || rec.pattern.length > 1024)
      errors.push(`decoder rule ${i + 1}: missing or invalid pattern`);
    else if (!isDecoderId(rec.decoder))
      errors.push(`decoder rule ${i + 1}: unknown decoder ${String(rec.decoder)}`);
    else rules.push({ pattern: rec.pattern, decoder: rec.decoder });
  });
  if (raw.length > 100) errors.push(`decoder rules: only the first 100 of ${raw.length} kept`);
  return { rules, errors };
}
