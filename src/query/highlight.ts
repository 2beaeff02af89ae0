/**
 * Where a filter's words and regexes occur in a text, as sorted, merged [start, end) ranges, for
 * `<mark>`ing them in rows and the inspector. Needles are lower-case (as highlightTerms gives them);
 * matching is case-insensitive on a lower-cased copy, which keeps offsets for the BMP text of rows.
 * At most `limit` ranges: a one-line row never needs more, and a pathological regex cannot stall.
 */
export function highlightRanges(
  text: string,
  needles: readonly string[],
  regexes: readonly RegExp[],
  limit = 64,
): Array<[number, number]> {
  if (text === '' || (needles.length === 0 && regexes.length === 0)) return [];
  const ranges: Array<[number, number]> = [];
  const lower = needles.length > 0 ? text.toLowerCase() : text;
  // toLowerCase can change length (e.g. 'İ'); offsets are only trusted when it did not.
  const sameLength = lower.length === text.length;
  for (const needle of needles) {
    if (needle === '' || !sameLength) continue;
    for (
      let at = lower.indexOf(needle);
      at !== -1 && ranges.length < limit;
      at = lower.indexOf(needle, at + needle.length)
    ) {
      ranges.push([at, at + needle.length]);
    }
  }
  for (const source of regexes) {
    const re = new RegExp(source.source, source.flags.includes('g') ? source.flags : `${source.flags}g`);
    for (let m = re.exec(text); m !== null && ranges.length < limit; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      ranges.push([m.index, m.index + m[0].length]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}
