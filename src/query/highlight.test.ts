import { describe, expect, it } from 'vitest';
import { highlightRanges } from './highlight';

describe('highlightRanges', () => {
  it('finds every occurrence of each word, case-insensitively, merged where they overlap', () => {
    expect(highlightRanges('Merged nova; NOVA merged', ['nova', 'merged'], [])).toEqual([
      [0, 6],
      [7, 11],
      [13, 17],
      [18, 24],
    ]);
    expect(highlightRanges('abcd', ['abc', 'bcd'], [])).toEqual([[0, 4]]);
  });

  it('marks regex matches and survives empty matches', () => {
    expect(highlightRanges('Verified+2 Verified-1', [], [/Verified[+-]\d/])).toEqual([
      [0, 10],
      [11, 21],
    ]);
    expect(highlightRanges('abc', [], [/x*/])).toEqual([]);
  });

  it('stops at the limit', () => {
    expect(highlightRanges('a '.repeat(1000), ['a'], [], 10)).toHaveLength(10);
  });
});
