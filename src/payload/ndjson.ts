/**
 * The Export / Import file format: NDJSON, one message per line and nothing else (no header line).
 *
 * {"time":"2024-05-01T12:00:00.123Z","topic":"gerrit/nova/change-merged","qos":0,"retain":false,"payload":"{\"type\":\"change-merged\"}","encoding":"utf8"}
 *
 * `payload` is the bytes as UTF-8 text when they are valid UTF-8 (`"encoding":"utf8"`), else base64
 * (`"encoding":"base64"`); `properties` (MQTT 5) appears only when the message carried some. Both
 * directions are lossless: a line decodes to exactly the bytes, time and properties it was written
 * from. Decoding never throws: a bad line is `{ error }` naming the line and the reason, because an
 * import reports its bad lines and keeps the rest.
 */

/** MQTT 5 publish properties (structurally `MessageProps` of mqtt/, which this pure module may not import). */
export interface NdjsonProps {
  contentType?: string;
  responseTopic?: string;
  correlationData?: Uint8Array;
  messageExpiryInterval?: number;
  payloadFormatIndicator?: boolean;
  userProperties?: Array<[string, string]>;
  subscriptionIdentifier?: number | number[];
}

/** One message as a line holds it. */
export interface NdjsonMessage {
  /** Epoch milliseconds (the file's ISO 8601 string). */
  time: number;
  topic: string;
  qos: 0 | 1 | 2;
  retain: boolean;
  payload: Uint8Array;
  props?: NdjsonProps | undefined;
}

export type DecodedLine = { message: NdjsonMessage } | { error: string };

/** MQTT strings (topics, property strings) are at most 65,535 bytes of UTF-8 (MQTT 5 §1.5.4). */
export const MAX_MQTT_STRING_BYTES = 65_535;
/** MQTT 5 §3.3.2.3.8: a Subscription Identifier is 1 to 268,435,455. */
const MAX_SUBSCRIPTION_ID = 268_435_455;
const MAX_UINT32 = 4_294_967_295;
/** A JSON.parse message quotes the line; cut it so one bad line cannot flood a notice. */
const MAX_REASON_CHARS = 100;

// `fatal` tells binary from text (invalid UTF-8 throws instead of becoming U+FFFD); `ignoreBOM` keeps
// a leading EF BB BF in the text, where the default would silently drop three payload bytes.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Encoder = new TextEncoder();

// With the `u` flag a surrogate pair is one code point, so this matches only unpaired surrogates: a
// JSON string may carry them, UTF-8 (and so MQTT) cannot.
const LONE_SURROGATE = /\p{Cs}/u;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const ISO_TIME =
  /^([+-]\d{6}|\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(Z|([+-])(\d{2}):(\d{2}))$/;
const MAX_DATE_MS = 8.64e15;

type Base64Native = { toBase64?: () => string };
type Base64Ctor = { fromBase64?: (s: string) => Uint8Array };

export function bytesToBase64(bytes: Uint8Array): string {
  // Uint8Array.prototype.toBase64 (Chromium 140+) is one native pass; btoa over a binary string is the
  // fallback (Node 20, older browsers), 32 kB per fromCharCode call to stay under the argument limit.
  const native = (bytes as Base64Native).toBase64;
  if (typeof native === 'function') return native.call(bytes);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000) as unknown as number[]);
  }
  return btoa(binary);
}

/** Strict base64 (standard alphabet, padded, no whitespace) to bytes, or null. */
export function base64ToBytes(text: string): Uint8Array | null {
  if (text.length % 4 !== 0 || !BASE64.test(text)) return null;
  const native = (Uint8Array as unknown as Base64Ctor).fromBase64;
  if (typeof native === 'function') return native(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The bytes as text if they are valid UTF-8, else null. */
export function utf8Text(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

/** One message as one line of JSON, without the line break. */
export function encodeMessageLine(m: NdjsonMessage): string {
  const text = utf8Text(m.payload);
  // Concatenated, not JSON.stringify of an object: only the strings need escaping, and this runs for
  // every exported message (100,000 of them in ~0.2 s).
  let line = `{"time":"${new Date(m.time).toISOString()}","topic":${JSON.stringify(m.topic)},"qos":${m.qos},"retain":${m.retain},"payload":${
    text === null
      ? `"${bytesToBase64(m.payload)}","encoding":"base64"`
      : `${JSON.stringify(text)},"encoding":"utf8"`
  }`;
  const props = m.props && encodeProps(m.props);
  if (props) line += `,"properties":${props}`;
  return `${line}}`;
}

function encodeProps(p: NdjsonProps): string | null {
  const out: Record<string, unknown> = {};
  let any = false;
  const put = (key: string, value: unknown) => {
    if (value === undefined) return;
    out[key] = value;
    any = true;
  };
  put('contentType', p.contentType);
  put('responseTopic', p.responseTopic);
  put('correlationData', p.correlationData && bytesToBase64(p.correlationData));
  put('messageExpiryInterval', p.messageExpiryInterval);
  put('payloadFormatIndicator', p.payloadFormatIndicator);
  put('userProperties', p.userProperties);
  put('subscriptionIdentifier', p.subscriptionIdentifier);
  return any ? JSON.stringify(out) : null;
}

class LineError extends Error {}

const fail = (why: string): never => {
  throw new LineError(why);
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function cut(text: string): string {
  return text.length > MAX_REASON_CHARS ? `${text.slice(0, MAX_REASON_CHARS)}…` : text;
}

/** A well-formed Unicode string (every string in the file must be, since MQTT strings are UTF-8). */
function checkString(value: unknown, name: string, opts: { mqtt?: boolean } = {}): string {
  if (typeof value !== 'string') return fail(`"${name}" must be a string`);
  if (LONE_SURROGATE.test(value)) return fail(`"${name}" has an unpaired surrogate (not valid UTF-8)`);
  // Only long strings can exceed the limit: a UTF-16 unit is at most 3 bytes of UTF-8.
  if (opts.mqtt && value.length * 3 > MAX_MQTT_STRING_BYTES) {
    const bytes = utf8Encoder.encode(value).byteLength;
    if (bytes > MAX_MQTT_STRING_BYTES) {
      fail(`"${name}" is ${bytes} bytes of UTF-8; MQTT allows at most ${MAX_MQTT_STRING_BYTES}`);
    }
  }
  return value;
}

function checkInteger(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    return fail(`"${name}" must be a whole number from ${min} to ${max}`);
  }
  return value;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * ISO 8601 date-time with `Z` or an offset, to epoch ms; null if malformed or not a real date. Parsed
 * here rather than by Date.parse, which rolls 2024-02-30 over to March 1 in V8 and differs by engine.
 */
export function parseIsoTime(text: string): number | null {
  const m = ISO_TIME.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone, sign, oh, om] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 && leap ? 29 : (DAYS[month - 1] ?? 0);
  if (month < 1 || month > 12 || day < 1 || day > days) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  if (y === '-000000') return null; // ISO 8601 / ECMA-262: year zero is written +000000
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(Number(h), Number(mi), Number(s), Number((frac ?? '0').padEnd(3, '0')));
  let ms = date.getTime();
  if (zone !== 'Z') {
    if (Number(oh) > 23 || Number(om) > 59) return null;
    ms -= (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) * 60_000;
  }
  return Number.isFinite(ms) && Math.abs(ms) <= MAX_DATE_MS ? ms : null;
}

function decodeProps(value: unknown): NdjsonProps | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) return fail('"properties" must be an object');
  const p: NdjsonProps = {};
  let any = false;
  const has = (key: string) => {
    if (value[key] === undefined) return false;
    any = true;
    return true;
  };
  if (has('contentType'))
    p.contentType = checkString(value.contentType, 'properties.contentType', { mqtt: true });
  if (has('responseTopic')) {
    p.responseTopic = checkString(value.responseTopic, 'properties.responseTopic', { mqtt: true });
  }
  if (has('correlationData')) {
    const bytes = typeof value.correlationData === 'string' ? base64ToBytes(value.correlationData) : null;
    p.correlationData = bytes ?? fail('"properties.correlationData" must be base64');
  }
  if (has('messageExpiryInterval')) {
    p.messageExpiryInterval = checkInteger(
      value.messageExpiryInterval,
      'properties.messageExpiryInterval',
      0,
      MAX_UINT32,
    );
  }
  if (has('payloadFormatIndicator')) {
    if (typeof value.payloadFormatIndicator !== 'boolean') {
      fail('"properties.payloadFormatIndicator" must be true or false');
    }
    p.payloadFormatIndicator = value.payloadFormatIndicator as boolean;
  }
  if (has('userProperties')) {
    const list = value.userProperties;
    if (!Array.isArray(list))
      return fail('"properties.userProperties" must be a list of [name, value] pairs');
    p.userProperties = list.map((pair: unknown, i) => {
      if (!Array.isArray(pair) || pair.length !== 2) {
        return fail(`"properties.userProperties[${i}]" must be a [name, value] pair`);
      }
      return [
        checkString(pair[0], `properties.userProperties[${i}][0]`, { mqtt: true }),
        checkString(pair[1], `properties.userProperties[${i}][1]`, { mqtt: true }),
      ];
    });
  }
  if (has('subscriptionIdentifier')) {
    const id = value.subscriptionIdentifier;
    const name = 'properties.subscriptionIdentifier';
    if (Array.isArray(id)) {
      if (id.length === 0) fail(`"${name}" must not be an empty list`);
      p.subscriptionIdentifier = id.map((x: unknown) => checkInteger(x, name, 1, MAX_SUBSCRIPTION_ID));
    } else {
      p.subscriptionIdentifier = checkInteger(id, name, 1, MAX_SUBSCRIPTION_ID);
    }
  }
  // Unknown property names are ignored (a newer writer may add some); known ones must be valid.
  return any ? p : undefined;
}

/**
 * One line of a file (without its line break) to a message, or `{ error: "line N: reason" }`. Fields
 * this format does not know are ignored; every field it knows must be present (properties aside) and
 * valid, so a damaged line is reported instead of importing something other than what was exported.
 */
export function decodeMessageLine(line: string, lineNo: number): DecodedLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    return { error: `line ${lineNo}: not valid JSON (${cut(e instanceof Error ? e.message : String(e))})` };
  }
  try {
    if (!isObject(value)) return fail('not a JSON object');
    if (typeof value.time !== 'string')
      fail('"time" must be an ISO 8601 string such as 2024-05-01T12:00:00.000Z');
    const time =
      parseIsoTime(value.time as string) ??
      fail(`"time" is not an ISO 8601 date-time: ${JSON.stringify(cut(value.time as string))}`);
    const topic = checkString(value.topic, 'topic', { mqtt: true });
    if (topic === '') fail('"topic" is empty');
    const qos = value.qos;
    if (qos !== 0 && qos !== 1 && qos !== 2) return fail('"qos" must be 0, 1 or 2');
    if (typeof value.retain !== 'boolean') fail('"retain" must be true or false');
    if (typeof value.payload !== 'string') fail('"payload" must be a string');
    const text = value.payload as string;
    let payload: Uint8Array;
    if (value.encoding === 'utf8') {
      if (LONE_SURROGATE.test(text)) fail('"payload" has an unpaired surrogate, which is not UTF-8 text');
      payload = utf8Encoder.encode(text);
    } else if (value.encoding === 'base64') {
      payload = base64ToBytes(text) ?? fail('"payload" is not valid base64');
    } else {
      return fail('"encoding" must be "utf8" or "base64"');
    }
    const props = decodeProps(value.properties);
    return {
      message: { time, topic, qos, retain: value.retain as boolean, payload, props },
    };
  } catch (e) {
    if (e instanceof LineError) return { error: `line ${lineNo}: ${e.message}` };
    throw e;
  }
}
