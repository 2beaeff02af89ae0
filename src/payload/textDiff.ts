/**
 * A line diff of two texts, for `Compare with previous` on payloads that are not JSON.
 *
 * Uses jsdiff (`diff` on npm: Myers' O(ND) algorithm, maintained since 2011, no dependencies, its own
 * types). Bounded twice, because both sides are strangers' payloads: each text is cut to
 * TEXT_DIFF_MAX_CHARS first, and the diff gives up after `maxEditLength` edits (two unrelated 64 kB texts
 * would otherwise cost O(N·D) ≈ seconds) and says so instead.
 */

import { diffLines } from 'diff';

/** Characters of each side compared: 64 k, a few thousand lines of a log payload. */
export const TEXT_DIFF_MAX_CHARS = 65_536;
/** Edits (lines added plus removed) before the diff gives up. */
export const TEXT_DIFF_MAX_EDITS = 1_000;
/** Milliseconds the diff may run before it gives up (it runs in the click that asked for it). */
export const TEXT_DIFF_MAX_MS = 200;

export interface DiffLine {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

export type TextDiff =
  | { lines: DiffLine[]; cut: boolean; tooDifferent?: undefined }
  | { lines?: undefined; cut: boolean; tooDifferent: true };

function splitLines(value: string): string[] {
  const lines = value.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** The lines of `b` against those of `a`: removed ones from `a`, added ones from `b`, the rest same. */
export function diffText(a: string, b: string, maxChars = TEXT_DIFF_MAX_CHARS): TextDiff {
  const cut = a.length > maxChars || b.length > maxChars;
  const changes = diffLines(a.slice(0, maxChars), b.slice(0, maxChars), {
    maxEditLength: TEXT_DIFF_MAX_EDITS,
    // A wall-clock bound too: on a loaded 2-core machine even 1,000 edits over 64 kB can take long.
    timeout: TEXT_DIFF_MAX_MS,
  });
  if (changes === undefined) return { cut, tooDifferent: true };
  const lines: DiffLine[] = [];
  for (const change of changes) {
    const kind = change.added ? 'added' : change.removed ? 'removed' : 'same';
    for (const text of splitLines(change.value)) lines.push({ kind, text });
  }
  return { lines, cut };
}
