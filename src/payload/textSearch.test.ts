import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findMatches, MAX_COUNTED, textMatcher } from './textSearch';

describe('findMatches', () => {
  it('finds every occurrence, any case, with its position', () => {
    const r = findMatches('Nova nova NOVA', textMatcher('nova'), 10);
    expect(r).toEqual({
      ranges: [
        [0, 4],
        [5, 9],
        [10, 14],
      ],
      count: 3,
      capped: false,
    });
  });

  it('treats the search as plain text, not a regular expression', () => {
    expect(findMatches('a.b axb (x) \\d', textMatcher('a.b'), 10).count).toBe(1);
    expect(findMatches('a.b axb (x) \\d', textMatcher('(x)'), 10).count).toBe(1);
    expect(findMatches('a.b axb (x) \\d', textMatcher('\\d'), 10).count).toBe(1);
  });

  it('counts as many matches as indexOf finds for any text and needle', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.string({ minLength: 1, maxLength: 3 }), (text, needle) => {
        const lower = (s: string) => s.toLowerCase();
        fc.pre(lower(text).length === text.length && lower(needle).length === needle.length);
        let expected = 0;
        for (
          let i = lower(text).indexOf(lower(needle));
          i >= 0;
          i = lower(text).indexOf(lower(needle), i + needle.length)
        )
          expected++;
        expect(findMatches(text, textMatcher(needle), 1000).count).toBe(expected);
      }),
    );
  });

  it('marks only the first matches but counts them all, up to a cap', () => {
    const r = findMatches('x'.repeat(50), textMatcher('x'), 5);
    expect(r.ranges).toHaveLength(5);
    expect(r.count).toBe(50);
    const big = findMatches('x'.repeat(MAX_COUNTED + 10), textMatcher('x'), 0);
    expect(big).toMatchObject({ count: MAX_COUNTED, capped: true });
  });

  it('finds nothing for an empty search', () => {
    expect(findMatches('abc', textMatcher(''), 10)).toEqual({ ranges: [], count: 0, capped: false });
  });
});
