import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { covers, generalize, overlaps } from './filterCover';
import { matchTopic } from './matchTopic';

// Small alphabets so that exhaustive topic lists stand for "every topic": a wildcard level can match
// `c`, which no filter names, so no witness is missed for want of a fresh word.
const WORDS = ['a', 'b', '$x', ''];
const TOPIC_WORDS = ['a', 'b', 'c', '$x', ''];

function allTopics(maxLevels: number): string[] {
  let layer = TOPIC_WORDS.map((w) => [w]);
  const out = layer.map((l) => l.join('/'));
  for (let n = 2; n <= maxLevels; n++) {
    layer = layer.flatMap((l) => TOPIC_WORDS.map((w) => [...l, w]));
    out.push(...layer.map((l) => l.join('/')));
  }
  return out;
}
const TOPICS = allTopics(4);

/** Valid MQTT filters of up to 3 levels: words, `+` anywhere, `#` only last. */
const filterArb = fc
  .array(fc.constantFrom(...WORDS, '+'), { minLength: 1, maxLength: 3 })
  .chain((levels) => fc.boolean().map((hash) => (hash ? [...levels.slice(0, -1), '#'] : levels).join('/')));

describe('covers', () => {
  it.each([
    ['a/#', 'a', true],
    ['a/#', 'a/b/c', true],
    ['a/+', 'a/b', true],
    ['a/+', 'a/b/c', false],
    ['#', '$SYS/x', false],
    ['+/x', '$SYS/x', false],
    ['$SYS/#', '$SYS/x', true],
    ['a/b', 'a/+', false],
    ['a/+/#', 'a/#', false],
    ['+/#', '#', true],
    ['$share/g/a/#', 'a/b', false],
  ])('%s covers %s: %s', (outer, inner, expected) => {
    expect(covers(outer, inner)).toBe(expected);
  });

  it('is exactly "every topic the inner filter matches, the outer matches too"', () => {
    fc.assert(
      fc.property(filterArb, filterArb, (outer, inner) => {
        const truth = TOPICS.every((t) => !matchTopic(inner, t) || matchTopic(outer, t));
        expect(covers(outer, inner)).toBe(truth);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('overlaps', () => {
  it.each([
    ['a/+/c', 'a/b/+', true],
    ['a/#', '+/b', true],
    ['a', 'a/#', true],
    ['a/b', 'a/c', false],
    ['#', '$SYS/#', false],
    ['+/a', '$x/+', false],
  ])('%s and %s overlap: %s', (p, q, expected) => {
    expect(overlaps(p, q)).toBe(expected);
  });

  it('is exactly "some topic matches both"', () => {
    fc.assert(
      fc.property(filterArb, filterArb, (p, q) => {
        const truth = TOPICS.some((t) => matchTopic(p, t) && matchTopic(q, t));
        expect(overlaps(p, q)).toBe(truth);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('generalize', () => {
  it('keeps equal levels and widens the rest', () => {
    expect(generalize('a/+/c', 'a/b/+')).toBe('a/+/+');
    expect(generalize('a/+', 'a/b/#')).toBe('a/+/#');
    expect(generalize('a/b', 'a/b/#')).toBe('a/b/#');
    expect(generalize('a/b', 'a/#')).toBe('a/#');
  });

  it('covers both overlapping filters and keeps $ topics out unless both take them', () => {
    fc.assert(
      fc.property(filterArb, filterArb, (p, q) => {
        fc.pre(overlaps(p, q));
        const g = generalize(p, q);
        expect(covers(g, p)).toBe(true);
        expect(covers(g, q)).toBe(true);
        if (TOPICS.some((t) => t.startsWith('$') && matchTopic(g, t))) {
          expect(p.startsWith('$') || q.startsWith('$')).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
