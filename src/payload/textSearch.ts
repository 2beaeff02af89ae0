/**
 * `Search in payload`: where a typed text occurs in what a payload view shows, case-insensitively.
 *
 * Bounded: a one-letter search in 1 MB of text finds hundreds of thousands of matches, and each mark is a
 * DOM element. Matches are counted up to MAX_COUNTED and marked up to `maxMarks` per call.
 */

/** Matches counted before the count reads "100,000+". */
export const MAX_COUNTED = 100_000;

export interface TextMatches {
  /** [start, end) of the first matches, in order, for marking. */
  ranges: Array<[number, number]>;
  /** All matches found, up to MAX_COUNTED. */
  count: number;
  /** The count stopped at MAX_COUNTED. */
  capped: boolean;
}

const SPECIAL = /[.*+?^${}()|[\]\\/]/g;

/** A case-insensitive matcher for `needle` as plain text, or null for an empty needle. */
export function textMatcher(needle: string): RegExp | null {
  if (needle === '') return null;
  return new RegExp(needle.replace(SPECIAL, '\\$&'), 'giu');
}

/** The matches of `matcher` in `text`, marking at most `maxMarks` of them. */
export function findMatches(text: string, matcher: RegExp | null, maxMarks: number): TextMatches {
  const ranges: Array<[number, number]> = [];
  if (matcher === null) return { ranges, count: 0, capped: false };
  const re = new RegExp(matcher.source, matcher.flags);
  let count = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (count >= MAX_COUNTED) return { ranges, count, capped: true };
    if (ranges.length < maxMarks) ranges.push([m.index, m.index + m[0].length]);
    count++;
    // A needle is never empty, so a match always moves on; this guards a zero-width one all the same.
    if (m[0].length === 0) re.lastIndex++;
  }
  return { ranges, count, capped: false };
}
