/**
 * The live log's search box: a tiny query language compiled once into a predicate over log entries.
 *
 *   temp "living room" -debug topic:sensors/+/temp payload:error
 *
 * Terms are ANDed. A bare term matches the topic or the payload preview as a case-insensitive substring;
 * `"…"` keeps spaces, `-` negates, `topic:` takes an MQTT filter (wildcards, case-sensitive like MQTT) and
 * `payload:` searches only the preview. Matching runs against strings made at ingest (topic + preview),
 * never parsed payloads, because the predicate runs over the whole log window on every keystroke.
 */

import { compileFilter } from '../topics/matchTopic';
import { validateFilter } from '../topics/validateFilter';

export type LogTerm =
  /** `foldCase` is false when the needle has no letters, so the haystack need not be lower-cased. */
  | { kind: 'text' | 'payload'; needle: string; negate: boolean; foldCase: boolean }
  | { kind: 'topic'; filter: string; negate: boolean };

export type LogQuery = { readonly terms: readonly LogTerm[] };

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
export function parseLogQuery(input: string): { query: LogQuery; errors: string[] } {
  const terms: LogTerm[] = [];
  const errors: string[] = [];
  for (const { raw, negate, field, value } of tokenize(input)) {
    // Empty values (`""`, `topic:` mid-typing) would match everything; dropping them changes nothing.
    if (value === '') continue;
    if (field === 'topic') {
      const err = validateFilter(value);
      if (err) errors.push(`Ignored "${raw}": ${err.message}`);
      else terms.push({ kind: 'topic', filter: value, negate });
      continue;
    }
    const needle = value.toLowerCase();
    terms.push({ kind: field ?? 'text', needle, negate, foldCase: needle.toUpperCase() !== needle });
  }
  return { query: { terms }, errors };
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
          matchTopic: compileFilter(term.filter),
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
