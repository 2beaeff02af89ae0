/**
 * Topic syntaxes the user can choose between: plain MQTT, or AMQP topic-exchange patterns for RabbitMQ's
 * Web-MQTT plugin, where AMQP applications publish to `amq.topic` with routing keys such as
 * `pulp.server.repo.sync.finish` and the viewer should show and filter them the way those applications
 * name them.
 *
 * Two forms of a topic exist. The DISPLAY form is what the user types and sees (`a/b` in MQTT, `a.b` in
 * AMQP); the WIRE form is what goes over MQTT. In AMQP mode RabbitMQ translates between them (measured on
 * RabbitMQ 3.10): on SUBSCRIBE an MQTT filter's '/' becomes '.' and '+' becomes '*' while '.', '*' and '#'
 * are kept; on delivery a routing key's '.' becomes '/'. Not every AMQP pattern survives that trip (mqtt.js
 * refuses `a.#.b` as an MQTT filter), so `toWire` may subscribe to something broader and say so with
 * `exact: false`; the caller then narrows messages with `compile(pattern)`.
 */

import type { TopicMatcher } from './matchTopic';
import { compileFilter } from './matchTopic';
import type { FilterError } from './validateFilter';
import {
  checkLoneSurrogate,
  filterWarnings,
  MAX_TOPIC_BYTES,
  utf8ByteLength,
  validateFilter,
} from './validateFilter';

export type SyntaxId = 'mqtt' | 'amqp';

export interface WireFilter {
  /** The MQTT filter actually sent in SUBSCRIBE. */
  filter: string;
  /**
   * true when the wire filter delivers exactly what the pattern means; false when it is broader and
   * messages must be narrowed client-side with compile(pattern).
   */
  exact: boolean;
}

export interface TopicSyntax {
  readonly id: SyntaxId;
  readonly label: 'MQTT' | 'AMQP';
  /** Level/word separator in DISPLAY topics: '/' or '.' */
  readonly separator: '/' | '.';
  /** Refusal for a filter/pattern typed in this syntax, or null. */
  validate(filter: string): FilterError | null;
  /** Warnings (see filterWarnings), computed on the WIRE filter. */
  warnings(filter: string): string[];
  /** Matcher over DISPLAY topics, filter assumed valid. */
  compile(filter: string): TopicMatcher;
  /** The MQTT filter to SUBSCRIBE with. */
  toWire(filter: string): WireFilter;
  /** A topic as delivered by the broker -> the display topic. */
  fromWire(topic: string): string;
  /** Display topic -> levels, and back. */
  split(topic: string): string[];
  join(levels: readonly string[]): string;
  /** Filter for a node's whole subtree, given its levels: MQTT `a/b/#`, AMQP `a.b.#`. For zero levels: `#`. */
  subtreeFilter(levels: readonly string[]): string;
  /** Filter for a node's direct children: MQTT `a/b/+`, AMQP `a.b.*`. For zero levels: `+` / `*`. */
  childrenFilter(levels: readonly string[]): string;
  /**
   * Exact topic as a filter (MQTT: the topic; AMQP: the routing key). AMQP has no escaping, so a routing key
   * with a word that is exactly `*` or `#` yields a pattern that also matches other keys.
   */
  exactFilter(levels: readonly string[]): string;
}

// ---------------------------------------------------------------------------------------------------------
// MQTT

export const MQTT_SYNTAX: TopicSyntax = Object.freeze({
  id: 'mqtt',
  label: 'MQTT',
  separator: '/',
  validate: validateFilter,
  warnings: filterWarnings,
  compile: compileFilter,
  toWire: (filter: string): WireFilter => ({ filter, exact: true }),
  fromWire: (topic: string) => topic,
  split: (topic: string) => topic.split('/'),
  join: (levels: readonly string[]) => levels.join('/'),
  subtreeFilter: (levels: readonly string[]) => (levels.length === 0 ? '#' : `${levels.join('/')}/#`),
  childrenFilter: (levels: readonly string[]) => (levels.length === 0 ? '+' : `${levels.join('/')}/+`),
  exactFilter: (levels: readonly string[]) => levels.join('/'),
} as const);

// ---------------------------------------------------------------------------------------------------------
// AMQP (RabbitMQ topic exchange)

/**
 * Words of a pattern with runs of `#` collapsed: `#.#` means the same as `#` (zero or more words, twice),
 * and collapsing keeps `a.#.#` exact on the wire and the matcher's segment list short.
 */
function patternWords(pattern: string): string[] {
  const words: string[] = [];
  for (const word of pattern.split('.')) {
    if (word === '#' && words[words.length - 1] === '#') continue;
    words.push(word);
  }
  return words;
}

/**
 * Routing-key words as RabbitMQ splits them (`rabbit_exchange_type_topic:split_topic_key`): the empty key
 * has ZERO words, so `*` does not match it while `#` does; otherwise every '.' separates, so `a..b` has the
 * three words `a`, ``, `b`.
 */
function keyWords(key: string): string[] {
  return key === '' ? [] : key.split('.');
}

/** Whether `seg` matches `words[at .. at + seg.length)` word for word (`*` matches any one word). */
function segmentMatchesAt(seg: readonly string[], words: readonly string[], at: number): boolean {
  for (let j = 0; j < seg.length; j++) {
    const p = seg[j] as string;
    if (p !== '*' && p !== words[at + j]) return false;
  }
  return true;
}

/**
 * General case, for patterns with a `#` anywhere but the end. The pattern is S0 # S1 # … # Sk where every
 * segment Si is a run of fixed-width words, so S0 must sit at the start of the key, Sk at the end, and each
 * middle segment can take its leftmost fit: an earlier fit never leaves less room for the segments after
 * it. That is the classic glob argument, and costs O(key words × pattern words) at worst, where naive
 * backtracking on `#.a.#.a.#…` is exponential.
 */
function compileSegments(words: readonly string[]): TopicMatcher {
  const segments: string[][] = [[]];
  for (const w of words) {
    if (w === '#') segments.push([]);
    else (segments[segments.length - 1] as string[]).push(w);
  }
  const first = segments[0] as string[];
  const last = segments[segments.length - 1] as string[];
  const middle = segments.slice(1, -1).filter((s) => s.length > 0);
  const minWords = segments.reduce((n, s) => n + s.length, 0);

  return (key) => {
    const kw = keyWords(key);
    const n = kw.length;
    if (n < minWords) return false;
    if (!segmentMatchesAt(first, kw, 0)) return false;
    const end = n - last.length; // where the last segment must start
    if (!segmentMatchesAt(last, kw, end)) return false;
    let at = first.length;
    for (const seg of middle) {
      // Leftmost fit of `seg` in kw[at .. end).
      for (;;) {
        if (at + seg.length > end) return false;
        if (segmentMatchesAt(seg, kw, at)) break;
        at++;
      }
      at += seg.length;
    }
    return true;
  };
}

/**
 * Compiles an AMQP topic pattern into a matcher over routing keys (display topics). Like compileFilter,
 * the common shapes walk the key in place without splitting it: no `#` (word-by-word compare) and a single
 * trailing `#` (prefix compare, the shape of every tree "subtree" filter). Only patterns with a `#`
 * elsewhere split the key.
 */
function compileAmqp(pattern: string): TopicMatcher {
  const words = patternWords(pattern);
  const hashes = words.reduce((n, w) => (w === '#' ? n + 1 : n), 0);
  if (words.length === 1 && hashes === 1) return () => true; // `#` matches every key, even the empty one
  if (hashes === 0 && !words.includes('*')) {
    // No wildcards: string equality (split('.') of both sides is the same iff the strings are equal).
    const literal = words.join('.');
    return (key) => key === literal;
  }
  const trailingHash = hashes === 1 && words[words.length - 1] === '#';
  if (hashes > 0 && !trailingHash) return compileSegments(words);

  const fixed = trailingHash ? words.slice(0, -1) : words;
  const n = fixed.length; // >= 1 here
  return (key) => {
    // The empty key has zero words, but the in-place walk below would see one empty word.
    if (key.length === 0) return false;
    let t = 0;
    for (let i = 0; i < n; i++) {
      if (t > key.length) return false; // more pattern words than key words
      let tEnd = key.indexOf('.', t);
      if (tEnd === -1) tEnd = key.length;
      const word = fixed[i] as string;
      if (word !== '*' && (word.length !== tEnd - t || !key.startsWith(word, t))) return false;
      t = tEnd + 1;
    }
    return trailingHash || t > key.length;
  };
}

/** Whether a word can be sent as an MQTT filter level unchanged (mqtt.js refuses `a+b`, `+` is a wildcard). */
function isPlainMqttLevel(word: string): boolean {
  return !word.includes('+') && !word.includes('#');
}

/**
 * The MQTT filter RabbitMQ turns back into `pattern` (or into something broader). See the module comment
 * for the translation rules; each lossy step replaces a part of the pattern by a wildcard, so the wire
 * filter never misses a message the pattern matches.
 */
function amqpToWire(pattern: string): WireFilter {
  const words = patternWords(pattern);
  const levels: string[] = [];
  let exact = true;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    if (word === '#') {
      // MQTT allows '#' only last: `a.#.b` subscribes to `a/#`.
      levels.push('#');
      if (i !== words.length - 1) exact = false;
      break;
    }
    if (word === '*') levels.push('+');
    else if (isPlainMqttLevel(word)) levels.push(word);
    else {
      // A literal `+` or `a#b` word has no MQTT spelling; `+` (RabbitMQ: `*`) still delivers it.
      levels.push('+');
      exact = false;
    }
  }
  // `$share/<group>/…` would be read as a shared subscription (and `$share/#` is invalid), so the first
  // word is widened to '+' whenever more follow. A lone `$share` word is an ordinary topic.
  if (levels.length > 1 && levels[0] === '$share') {
    levels[0] = '+';
    exact = false;
  }
  return { filter: levels.join('/'), exact };
}

function validateAmqp(pattern: string): FilterError | null {
  if (pattern.length === 0) return { code: 'empty', message: 'Pattern is empty' };
  const nul = pattern.indexOf('\u0000');
  if (nul !== -1) {
    return {
      code: 'nul',
      message: `Pattern contains a NUL character (U+0000) at position ${nul + 1}, which MQTT forbids`,
    };
  }
  const surrogate = checkLoneSurrogate(pattern, 'Pattern');
  if (surrogate) return surrogate;
  const slash = pattern.indexOf('/');
  if (slash !== -1) {
    return {
      code: 'amqp-slash',
      message: `Pattern contains '/' at position ${slash + 1}: RabbitMQ's Web-MQTT turns '/' into '.', so a '/' in a pattern cannot be matched exactly; use '.' between words`,
    };
  }
  // The wire filter is never longer than the pattern (words map to themselves or to '+'), so short
  // patterns skip building it.
  if (pattern.length * 3 <= MAX_TOPIC_BYTES) return null;
  const bytes = utf8ByteLength(amqpToWire(pattern).filter);
  if (bytes > MAX_TOPIC_BYTES) {
    return {
      code: 'too-long',
      message: `Pattern is ${bytes.toLocaleString('en-US')} bytes in UTF-8 as an MQTT filter; the limit is 65,535 bytes`,
    };
  }
  return null;
}

export const AMQP_SYNTAX: TopicSyntax = Object.freeze({
  id: 'amqp',
  label: 'AMQP',
  separator: '.',
  validate: validateAmqp,
  warnings: (pattern: string) => filterWarnings(amqpToWire(pattern).filter),
  compile: compileAmqp,
  toWire: amqpToWire,
  fromWire: (topic: string) => topic.replaceAll('/', '.'),
  split: (topic: string) => topic.split('.'),
  join: (levels: readonly string[]) => levels.join('.'),
  subtreeFilter: (levels: readonly string[]) => (levels.length === 0 ? '#' : `${levels.join('.')}.#`),
  childrenFilter: (levels: readonly string[]) => (levels.length === 0 ? '*' : `${levels.join('.')}.*`),
  exactFilter: (levels: readonly string[]) => levels.join('.'),
} as const);

// ---------------------------------------------------------------------------------------------------------
// Choosing and converting

export function topicSyntax(id: SyntaxId): TopicSyntax {
  return id === 'amqp' ? AMQP_SYNTAX : MQTT_SYNTAX;
}

export function isSyntaxId(v: unknown): v is SyntaxId {
  return v === 'mqtt' || v === 'amqp';
}

/**
 * MQTT filter -> AMQP pattern: `+` <-> `*`, `#` <-> `#`, '/' <-> '.'. Null where the meaning would change:
 * a level holding '.', a literal `*` level (a wildcard in AMQP), or a shared subscription.
 */
function mqttToAmqp(filter: string): string | null {
  if (filter.startsWith('$share/')) return null;
  const words: string[] = [];
  for (const level of filter.split('/')) {
    if (level.includes('.') || level === '*') return null;
    words.push(level === '+' ? '*' : level);
  }
  return words.join('.');
}

/**
 * AMQP pattern -> MQTT filter. Null where MQTT cannot say it: `#` before the end (`a.#.b`), a literal `+`
 * or a word mixing `+`/`#` with other characters, or a result MQTT would read as `$share/…`.
 */
function amqpToMqtt(pattern: string): string | null {
  const words = patternWords(pattern);
  const levels: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    if (word === '#') {
      if (i !== words.length - 1) return null;
      levels.push('#');
    } else if (word === '*') levels.push('+');
    else if (isPlainMqttLevel(word)) levels.push(word);
    else return null;
  }
  const filter = levels.join('/');
  return filter.startsWith('$share/') ? null : filter;
}

/**
 * Converts a filter written in one syntax to the other, or returns null when it has no equivalent (e.g. AMQP
 * `a.#.b` in MQTT, MQTT `$share/...` in AMQP, or a level containing the other separator). Invalid input
 * gives null too. The one difference left is MQTT's `$` rule (`#` and `+/…` skip `$SYS/…` topics, AMQP has
 * no such rule); RabbitMQ, the only broker AMQP mode talks to, has no `$` topics, so it is ignored here.
 */
export function convertFilter(filter: string, from: SyntaxId, to: SyntaxId): string | null {
  if (topicSyntax(from).validate(filter)) return null;
  if (from === to) return filter;
  const converted = from === 'mqtt' ? mqttToAmqp(filter) : amqpToMqtt(filter);
  if (converted === null || topicSyntax(to).validate(converted)) return null;
  return converted;
}
