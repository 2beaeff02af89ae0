/**
 * MQTT topic matching (MQTT 3.1.1 §4.7, MQTT 5 §4.7): does a topic name match a subscription filter?
 *
 * This runs once per incoming message per filter, so at a few thousand messages a second it is on the hot
 * path. Neither entry point splits the topic or allocates per call: levels are located with indexOf and
 * compared in place. `compileFilter` additionally pre-splits the filter once per subscription.
 *
 * Filters are assumed valid (see validateFilter); invalid filters never throw but match unspecified topics.
 */

export type TopicMatcher = (topic: string) => boolean;

const SLASH = 0x2f;
const PLUS = 0x2b;
const HASH = 0x23;
const DOLLAR = 0x24;
const SHARE_PREFIX = '$share/';

const never: TopicMatcher = () => false;

/**
 * Index where the real filter starts: after `$share/<group>/` for shared subscriptions, which deliver
 * messages matching `<filter>` (MQTT 5 §4.8.2). Returns -1 for a shared subscription without a filter.
 */
function filterStart(filter: string): number {
  if (!filter.startsWith(SHARE_PREFIX)) return 0;
  const groupEnd = filter.indexOf('/', SHARE_PREFIX.length);
  if (groupEnd === -1 || groupEnd === filter.length - 1) return -1;
  return groupEnd + 1;
}

/** Whether the level of `s` starting at `start` is exactly the single character `code`. */
function isSingleCharLevel(s: string, start: number, code: number): boolean {
  return s.charCodeAt(start) === code && (start + 1 === s.length || s.charCodeAt(start + 1) === SLASH);
}

/**
 * Topics starting with '$' (e.g. `$SYS/…`) are broker-internal: a filter whose first level is a wildcard
 * must not match them (MQTT 3.1.1 §4.7.2), so `#` and `+/x` skip `$SYS/x` while `$SYS/#` matches it.
 */
function startsWithWildcard(filter: string, start: number): boolean {
  return isSingleCharLevel(filter, start, PLUS) || isSingleCharLevel(filter, start, HASH);
}

/** Matches `filter` against `topic` with no allocation: both strings are walked level by level in place. */
export function matchTopic(filter: string, topic: string): boolean {
  let f = filterStart(filter);
  if (f < 0) return false;
  if (topic.charCodeAt(0) === DOLLAR && startsWithWildcard(filter, f)) return false;
  let t = 0;
  for (;;) {
    let fEnd = filter.indexOf('/', f);
    if (fEnd === -1) fEnd = filter.length;
    // '#' also matches the parent level, so it is checked before "topic exhausted" (`sport/#` ~ `sport`).
    if (fEnd - f === 1 && filter.charCodeAt(f) === HASH) return true;
    if (t > topic.length) return false; // the filter has more levels than the topic
    let tEnd = topic.indexOf('/', t);
    if (tEnd === -1) tEnd = topic.length;
    if (!(fEnd - f === 1 && filter.charCodeAt(f) === PLUS)) {
      const len = fEnd - f;
      if (len !== tEnd - t) return false;
      for (let i = 0; i < len; i++) {
        if (filter.charCodeAt(f + i) !== topic.charCodeAt(t + i)) return false;
      }
    }
    f = fEnd + 1;
    t = tEnd + 1;
    // Past the last filter level: match only if the topic ran out at the same time.
    if (f > filter.length) return t > topic.length;
  }
}

/**
 * Pre-compiles a filter into a matcher. Use it when one filter is tested against many topics (live
 * subscriptions, the log's `topic:` search term): the common shapes get dedicated fast paths.
 */
export function compileFilter(filter: string): TopicMatcher {
  const start = filterStart(filter);
  if (start < 0) return never;
  const inner = start === 0 ? filter : filter.slice(start);
  if (inner === '#') return (topic) => topic.charCodeAt(0) !== DOLLAR;
  // No wildcards: plain string equality, which engines do with a length check plus memcmp.
  if (!inner.includes('+') && !inner.includes('#')) return (topic) => topic === inner;

  const levels = inner.split('/');
  const hashLast = levels[levels.length - 1] === '#';
  // Levels to compare one by one; a trailing '#' is handled after the loop instead.
  const fixed = hashLast ? levels.slice(0, -1) : levels;
  const n = fixed.length;
  const wildcardFirst = startsWithWildcard(inner, 0);

  return (topic) => {
    if (wildcardFirst && topic.charCodeAt(0) === DOLLAR) return false;
    let t = 0;
    for (let i = 0; i < n; i++) {
      if (t > topic.length) return false; // more filter levels than topic levels
      let tEnd = topic.indexOf('/', t);
      if (tEnd === -1) tEnd = topic.length;
      const level = fixed[i] as string;
      if (level !== '+' && (level.length !== tEnd - t || !topic.startsWith(level, t))) return false;
      t = tEnd + 1;
    }
    // With a trailing '#', any remainder (including none) matches; otherwise the topic must be used up.
    return hashLast || t > topic.length;
  };
}
