/**
 * The live log's search box: a tiny query language compiled once into a predicate over log entries.
 *
 *   temp "living room" -debug topic:sensors/+/temp payload:error
 *
 * Terms are ANDed. A bare term matches the topic or the payload preview as a case-insensitive substring;
 * `"…"` keeps spaces, `-` negates, `topic:` takes a filter in the session's topic syntax (MQTT `+`/`#`, or AMQP `*`/`#`; case-sensitive) and
 * `payload:` searches only the preview. Matching runs against strings made at ingest (topic + preview),
 * never parsed payloads, because the predicate runs over the whole log window on every keystroke.
 */

import { MQTT_SYNTAX, type TopicSyntax } from '../topics/syntax';

export type LogTerm =
  /** `foldCase` is false when the needle has no letters, so the haystack need not be lower-cased. */
  | { kind: 'text' | 'payload'; needle: string; negate: boolean; foldCase: boolean }
  | { kind: 'topic'; filter: string; negate: boolean };

export type LogQuery = { readonly terms: readonly LogTerm[]; readonly syntax: TopicSyntax };

export type LogEntryText = { topic: string; preview: string };

type Token = { raw: string; negate: boolean; field: 'topic' | 'payload' | null; value: string };

const WHITESPACE = /\s/;

function startsWithField(input: string, i: number, field: string): boolean {
  return input.slice(i, i + field.length).toLowerCase() === field;
}

/**
 * Splits on unquoted whitespace. An unclosed quote runs to the end of the input rather than being an
 * error: the user is usually still typing it.
 */
function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    while (i < input.length && WHITESPACE.test(input[i] as string)) i++;
    if (i >= input.length) break;
    const start = i;
    // A lone '-' is a literal search for '-', not a negation of nothing.
    const negate = input[i] === '-' && i + 1 < input.length && !WHITESPACE.test(input[i + 1] as string);
    if (negate) i++;
    // Prefixes are recognised only unquoted, so `"topic:x"` searches for that literal text.
    let field: Token['field'] = null;
    if (startsWithField(input, i, 'topic:')) field = 'topic';
    else if (startsWithField(input, i, 'payload:')) field = 'payload';
    if (field) i += field.length + 1;
    let value = '';
    while (i < input.length && !WHITESPACE.test(input[i] as string)) {
      if (input[i] === '"') {
        const close = input.indexOf('"', i + 1);
        const end = close === -1 ? input.length : close;
        value += input.slice(i + 1, end);
        i = close === -1 ? input.length : close + 1;
      } else {
        value += input[i];
        i++;
      }
    }
    tokens.push({ raw: input.slice(start, i), negate, field, value });
  }
  return tokens;
}

/**
 * Parses a search string. Terms that cannot be used (an invalid `topic:` filter) are left out and
 * explained in `errors`, so the rest of the query still filters while the user fixes it.
 */
export function parseLogQuery(
  input: string,
  syntax: TopicSyntax = MQTT_SYNTAX,
): { query: LogQuery; errors: string[] } {
  const terms: LogTerm[] = [];
  const errors: string[] = [];
  for (const { raw, negate, field, value } of tokenize(input)) {
    // Empty values (`""`, `topic:` mid-typing) would match everything; dropping them changes nothing.
    if (value === '') continue;
    if (field === 'topic') {
      const err = syntax.validate(value);
      if (err) errors.push(`Ignored "${raw}": ${err.message}`);
      else terms.push({ kind: 'topic', filter: value, negate });
      continue;
    }
    const needle = value.toLowerCase();
    terms.push({ kind: field ?? 'text', needle, negate, foldCase: needle.toUpperCase() !== needle });
  }
  return { query: { terms, syntax }, errors };
}

export function isEmptyQuery(q: LogQuery): boolean {
  return q.terms.length === 0;
}

/**
 * Compiles a query into an entry predicate, or null for the empty query so callers can skip filtering
 * entirely (the common case: most of the time nobody is searching).
 */
export function compileLogQuery(q: LogQuery): ((entry: LogEntryText) => boolean) | null {
  if (isEmptyQuery(q)) return null;
  // Flattened to one shape so the per-entry loop has no type dispatch beyond "is it a topic filter".
  const compiled = q.terms.map((term) =>
    term.kind === 'topic'
      ? {
          negate: term.negate,
          matchTopic: q.syntax.compile(term.filter),
          needle: '',
          foldCase: false,
          inTopic: false,
        }
      : {
          negate: term.negate,
          matchTopic: null,
          needle: term.needle,
          foldCase: term.foldCase,
          inTopic: term.kind === 'text',
        },
  );
  return (entry) => {
    // Lower-cased at most once per entry, and only if some term has letters.
    let lowerTopic: string | undefined;
    let lowerPreview: string | undefined;
    for (const { negate, matchTopic, needle, foldCase, inTopic } of compiled) {
      let hit: boolean;
      if (matchTopic) hit = matchTopic(entry.topic);
      else if (foldCase) {
        hit = false;
        if (inTopic) {
          if (lowerTopic === undefined) lowerTopic = entry.topic.toLowerCase();
          hit = lowerTopic.includes(needle);
        }
        if (!hit) {
          if (lowerPreview === undefined) lowerPreview = entry.preview.toLowerCase();
          hit = lowerPreview.includes(needle);
        }
      } else {
        hit = (inTopic && entry.topic.includes(needle)) || entry.preview.includes(needle);
      }
      if (hit === negate) return false;
    }
    return true;
  };
}

const TOPIC_TERM = /(^|\s)topic:(?:"[^"]*"?|\S)+/i;

/**
 * The filter text with its first `topic:` term replaced by `topic:<filter>`, or removed when `filter`
 * is null; the rest of what the user typed is kept. The topic tree selects a subtree this way, so the
 * selection is visible in the filter box and travels in the link.
 */
export function withTopicTerm(text: string, filter: string | null): string {
  const rest = text.replace(TOPIC_TERM, ' ').trim();
  if (filter === null) return rest;
  const term = /[\s"]/.test(filter) ? `topic:"${filter}"` : `topic:${filter}`;
  return rest ? `${term} ${rest}` : term;
}

/** The filter of the first `topic:` term, or null. */
export function topicTermOf(text: string): string | null {
  const m = TOPIC_TERM.exec(text);
  if (!m) return null;
  const raw = m[0].trim().slice('topic:'.length);
  return raw.startsWith('"') ? raw.slice(1).replace(/"$/, '') : raw;
}
