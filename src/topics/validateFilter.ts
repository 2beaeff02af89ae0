/**
 * Validation of MQTT topic filters (what you subscribe to) and topic names (what you publish to),
 * following MQTT 3.1.1 §4.7 and MQTT 5 §4.7–4.8.
 *
 * Errors are values, not exceptions: the subscribe form shows `message` under the input as the user types,
 * and callers branch on `code`.
 */

export type FilterErrorCode =
  | 'empty'
  | 'nul'
  | 'lone-surrogate'
  | 'too-long'
  | 'hash-not-last'
  | 'hash-not-alone'
  | 'plus-not-alone'
  | 'share-invalid'
  | 'wildcard'
  | 'amqp-slash';

export type FilterError = { code: FilterErrorCode; message: string };

/** The MQTT string length prefix is 16 bits, so no topic or filter can exceed this many UTF-8 bytes. */
export const MAX_TOPIC_BYTES = 65535;

const SHARE_PREFIX = '$share/';

/**
 * UTF-8 length without allocating an encoded copy (a filter is validated on every keystroke).
 * Lone surrogates count 3 bytes, as the U+FFFD that TextEncoder substitutes for them.
 */
export function utf8ByteLength(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4; // a surrogate pair is one 4-byte code point
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** Quote a level for a message; levels can be thousands of characters long, so keep the sentence readable. */
function quoteLevel(level: string): string {
  const shown = level.length > 40 ? `${level.slice(0, 39)}…` : level;
  return `'${shown}'`;
}

/**
 * With the `u` flag a surrogate pair is one code point, so this class only matches surrogates that are not
 * part of a pair. A module-level regex: it is run on every keystroke and must not be rebuilt per call.
 */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** `U+0007`, `U+D83D`, `U+1FFFF`: at least four upper-case hex digits, as Unicode writes them. */
export function formatCodePoint(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Returns the refusal for an unpaired surrogate, or null. mqtt.js encodes strings with TextEncoder, which
 * sends a lone surrogate as U+FFFD: the broker would then match (and deliver) a different topic than the one
 * our own matcher checks against, so such strings are refused rather than silently rewritten.
 */
export function checkLoneSurrogate(s: string, what: string): FilterError | null {
  const m = LONE_SURROGATE.exec(s);
  if (!m) return null;
  return {
    code: 'lone-surrogate',
    message: `${what} contains an unpaired surrogate (${formatCodePoint(s.charCodeAt(m.index))}) at position ${m.index + 1}, which cannot be sent as UTF-8`,
  };
}

/** Checks shared by filters and names: non-empty, no NUL, no lone surrogate, at most 65,535 UTF-8 bytes. */
function checkCommon(s: string, what: 'Topic filter' | 'Topic name'): FilterError | null {
  if (s.length === 0) return { code: 'empty', message: `${what} is empty` };
  const nul = s.indexOf('\u0000');
  if (nul !== -1) {
    return {
      code: 'nul',
      message: `${what} contains a NUL character (U+0000) at position ${nul + 1}, which MQTT forbids`,
    };
  }
  const surrogate = checkLoneSurrogate(s, what);
  if (surrogate) return surrogate;
  // Each UTF-16 unit encodes to at most 3 bytes, so strings up to 21,845 units skip the byte count.
  if (s.length * 3 <= MAX_TOPIC_BYTES) return null;
  const bytes = utf8ByteLength(s);
  if (bytes > MAX_TOPIC_BYTES) {
    return {
      code: 'too-long',
      message: `${what} is ${bytes.toLocaleString('en-US')} bytes in UTF-8; the limit is 65,535 bytes`,
    };
  }
  return null;
}

/** Checks the wildcard placement of a filter's levels (the part after any `$share/<group>/`). */
function checkLevels(levels: readonly string[], offset: number): FilterError | null {
  const count = levels.length + offset;
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i] as string;
    const n = i + 1 + offset; // 1-based level number, counted in the whole filter
    if (level === '#') {
      if (i !== levels.length - 1) {
        return {
          code: 'hash-not-last',
          message: `'#' must be the last level, but it is level ${n} of ${count}`,
        };
      }
    } else if (level.includes('#')) {
      return {
        code: 'hash-not-alone',
        message: `Level ${n} ${quoteLevel(level)} mixes '#' with other characters; '#' must be a level on its own`,
      };
    } else if (level !== '+' && level.includes('+')) {
      return {
        code: 'plus-not-alone',
        message: `Level ${n} ${quoteLevel(level)} mixes '+' with other characters; '+' must be a level on its own`,
      };
    }
  }
  return null;
}

/**
 * Returns why `filter` is not a valid MQTT topic filter, or null if it is.
 *
 * Shared subscriptions (`$share/<group>/<filter>`, MQTT 5 §4.8.2, also accepted by Mosquitto and EMQX on
 * 3.1.1) are checked too: the group must be non-empty without wildcards, and an inner filter must follow.
 */
export function validateFilter(filter: string): FilterError | null {
  const common = checkCommon(filter, 'Topic filter');
  if (common) return common;
  if (filter.startsWith(SHARE_PREFIX)) {
    const groupEnd = filter.indexOf('/', SHARE_PREFIX.length);
    const group = filter.slice(SHARE_PREFIX.length, groupEnd === -1 ? undefined : groupEnd);
    if (group.length === 0) {
      return { code: 'share-invalid', message: "Shared subscription needs a group name after '$share/'" };
    }
    if (group.includes('+') || group.includes('#')) {
      return {
        code: 'share-invalid',
        message: `Shared subscription group ${quoteLevel(group)} must not contain '+' or '#'`,
      };
    }
    if (groupEnd === -1 || groupEnd === filter.length - 1) {
      return {
        code: 'share-invalid',
        message: `Shared subscription '$share/${group}/' needs a topic filter after the group`,
      };
    }
    return checkLevels(filter.slice(groupEnd + 1).split('/'), 2);
  }
  return checkLevels(filter.split('/'), 0);
}

/** Returns why `topic` cannot be published to (MQTT topic names allow no wildcards), or null if it can. */
export function validateTopicName(topic: string): FilterError | null {
  const common = checkCommon(topic, 'Topic name');
  if (common) return common;
  if (!topic.includes('+') && !topic.includes('#')) return null;
  const levels = topic.split('/');
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i] as string;
    const wildcard = level.includes('#') ? '#' : level.includes('+') ? '+' : null;
    if (wildcard) {
      return {
        code: 'wildcard',
        message: `Topic names cannot contain wildcards; level ${i + 1} ${quoteLevel(level)} contains '${wildcard}'`,
      };
    }
  }
  return null;
}

/**
 * Mosquitto (2.0.11, measured) drops the whole connection, not just the SUBSCRIBE, when a filter holds one
 * of these. MQTT lets a receiver treat them as malformed (MQTT 5 §1.5.4, 3.1.1 §1.5.3), so they are warnings, not refusals: other
 * brokers accept them. C0 and C1 controls; U+007F (DEL) sits between the two ranges. A char-code scan
 * rather than a regex: Biome forbids control characters in regex literals, and the loop is as fast.
 */
function indexOfControlChar(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x01 && c <= 0x1f) || (c >= 0x7f && c <= 0x9f)) return i;
  }
  return -1;
}

/** U+FDD0–U+FDEF and the last two code points of every plane (U+FFFE, U+1FFFF, …, U+10FFFF). */
const NONCHARACTER = /\p{Noncharacter_Code_Point}/u;
/** Mosquitto's measured limit: a filter of 202 or more levels closes the connection. */
export const MAX_MOSQUITTO_LEVELS = 201;

/**
 * Things a broker may refuse in a filter that validateFilter accepts, as sentences to show next to the
 * input. Each kind is reported once, at its first occurrence; positions are 1-based UTF-16 positions, as
 * in validateFilter's messages. Three linear scans, so a 65,535-character filter costs well under a
 * millisecond.
 */
export function filterWarnings(filter: string): string[] {
  const warnings: string[] = [];
  const control = indexOfControlChar(filter);
  if (control !== -1) {
    warnings.push(
      `Contains a control character (${formatCodePoint(filter.charCodeAt(control))}) at position ${control + 1}: brokers such as Mosquitto close the connection on it`,
    );
  }
  const nonchar = NONCHARACTER.exec(filter);
  if (nonchar) {
    const cp = filter.codePointAt(nonchar.index) as number;
    warnings.push(
      `Contains the Unicode noncharacter ${formatCodePoint(cp)} at position ${nonchar.index + 1}: brokers such as Mosquitto close the connection on it`,
    );
  }
  // Count separators with indexOf instead of split('/'): no array of up to 65,536 strings per keystroke.
  let levels = 1;
  for (let i = filter.indexOf('/'); i !== -1; i = filter.indexOf('/', i + 1)) levels++;
  if (levels > MAX_MOSQUITTO_LEVELS) {
    warnings.push(
      `Has ${levels.toLocaleString('en-US')} levels: brokers such as Mosquitto close the connection on filters of more than ${MAX_MOSQUITTO_LEVELS} levels`,
    );
  }
  return warnings;
}
