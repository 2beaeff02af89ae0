import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFilter, matchTopic } from './matchTopic';
import { validateFilter } from './validateFilter';

/** Both entry points must agree everywhere, so every example runs through both. */
function matchesBoth(filter: string, topic: string): boolean {
  const direct = matchTopic(filter, topic);
  const compiled = compileFilter(filter)(topic);
  expect(compiled, `compileFilter(${JSON.stringify(filter)}) vs matchTopic on ${JSON.stringify(topic)}`).toBe(
    direct,
  );
  return direct;
}

/** A deliberately naive reference: translate the filter to a regular expression. */
function referenceMatch(filter: string, topic: string): boolean {
  let levels = filter.split('/');
  if (filter.startsWith('$share/')) {
    levels = levels.slice(2);
    if (levels.length === 0 || (levels.length === 1 && levels[0] === '')) return false;
  }
  if ((levels[0] === '+' || levels[0] === '#') && topic.startsWith('$')) return false;
  const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  let source = '';
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i] as string;
    const sep = i === 0 ? '' : '/';
    if (level === '#') source += i === 0 ? '.*' : '(?:/.*)?';
    else if (level === '+') source += `${sep}[^/]*`;
    else source += sep + escapeRegex(level);
  }
  return new RegExp(`^${source}$`, 's').test(topic);
}

// Topic levels: no '/', '+', '#' or NUL, but anything else, including '$' and the empty level.
const topicLevel = fc
  .string({ unit: 'binary-ascii', maxLength: 6 })
  .filter((s) => !s.includes('/') && !s.includes('+') && !s.includes('#') && !s.includes('\u0000'));
const topicLevels = fc.array(topicLevel, { minLength: 1, maxLength: 6 });

describe('matchTopic', () => {
  it.each([
    ['sport/#', 'sport', true],
    ['sport/#', 'sport/', true],
    ['sport/#', 'sport/x/y', true],
    ['sport/#', 'sports', false],
    ['sport/tennis/#', 'sport/tennis/player1/ranking', true],
    ['#', 'a', true],
    ['#', '/a/b', true],
    ['+', 'a', true],
    ['+', 'a/b', false],
    ['+', '/a', false],
    ['+/x', '/x', true],
    ['+/+', '/', true],
    ['/+', '/x', true],
    ['sport/+', 'sport', false],
    ['sport/+', 'sport/', true],
    ['sport/+/player1', 'sport/tennis/player1', true],
    ['sport/+/player1', 'sport/tennis/player2', false],
    ['a/b', 'a/b', true],
    ['a/b', 'a/b/c', false],
    ['a/b/c', 'a/b', false],
    ['A/b', 'a/b', false],
    ['a//b', 'a//b', true],
    ['a/+/b', 'a//b', true],
  ] as const)('%j against %j is %s', (filter, topic, expected) => {
    expect(matchesBoth(filter, topic)).toBe(expected);
  });

  it('keeps wildcards in the first level away from $ topics (MQTT 3.1.1 §4.7.2)', () => {
    expect(matchesBoth('#', '$SYS/x')).toBe(false);
    expect(matchesBoth('+/x', '$SYS/x')).toBe(false);
    expect(matchesBoth('+', '$SYS')).toBe(false);
    expect(matchesBoth('$SYS/#', '$SYS/x')).toBe(true);
    expect(matchesBoth('$SYS/#', '$SYS')).toBe(true);
    expect(matchesBoth('$SYS/+', '$SYS/x')).toBe(true);
    expect(matchesBoth('a/+', 'a/$x')).toBe(true);
  });

  it('matches a shared subscription as its inner filter', () => {
    expect(matchesBoth('$share/g/a/+', 'a/b')).toBe(true);
    expect(matchesBoth('$share/g/a/+', 'g/a/b')).toBe(false);
    expect(matchesBoth('$share/g/#', 'x/y')).toBe(true);
    expect(matchesBoth('$share/g/#', '$SYS/x')).toBe(false);
    expect(matchesBoth('$share/g/a', 'a')).toBe(true);
  });

  it('matches nothing for a shared subscription without an inner filter', () => {
    expect(matchesBoth('$share/g', 'g')).toBe(false);
    expect(matchesBoth('$share/g/', '')).toBe(false);
  });

  it('matches a filter without wildcards only to the identical topic', () => {
    fc.assert(
      fc.property(topicLevels, topicLevels, (a, b) => {
        const filter = a.join('/');
        const topic = b.join('/');
        expect(matchesBoth(filter, filter)).toBe(true);
        expect(matchesBoth(filter, topic)).toBe(filter === topic);
      }),
    );
  });

  it("matches '#' to every topic not starting with '$'", () => {
    fc.assert(
      fc.property(topicLevels, (levels) => {
        const topic = levels.join('/');
        expect(matchesBoth('#', topic)).toBe(!topic.startsWith('$'));
      }),
    );
  });

  it("still matches after replacing any one level by '+', except the first level of a $ topic", () => {
    fc.assert(
      fc.property(topicLevels, fc.nat(), (levels, n) => {
        const i = n % levels.length;
        const topic = levels.join('/');
        const filter = levels.map((l, j) => (j === i ? '+' : l)).join('/');
        expect(matchesBoth(filter, topic)).toBe(!(i === 0 && topic.startsWith('$')));
      }),
    );
  });

  it("still matches after replacing a suffix of levels by '#', except the whole of a $ topic", () => {
    fc.assert(
      fc.property(topicLevels, fc.nat(), (levels, n) => {
        const keep = n % (levels.length + 1);
        const topic = levels.join('/');
        const filter = [...levels.slice(0, keep), '#'].join('/');
        expect(matchesBoth(filter, topic)).toBe(!(keep === 0 && topic.startsWith('$')));
      }),
    );
  });

  it('agrees with a regex reference on random valid filters and topics from a small alphabet', () => {
    const filterLevel = fc.constantFrom('a', 'b', '', '+', '#', '$a');
    const filterArb = fc
      .tuple(fc.boolean(), fc.array(filterLevel, { minLength: 1, maxLength: 5 }))
      .map(([shared, levels]) => (shared ? '$share/g/' : '') + levels.join('/'))
      .filter((f) => validateFilter(f) === null);
    const topicArb = fc
      .array(fc.constantFrom('a', 'b', '', '$a'), { minLength: 1, maxLength: 5 })
      .map((levels) => levels.join('/'));
    fc.assert(
      fc.property(filterArb, topicArb, (filter, topic) => {
        expect(matchesBoth(filter, topic)).toBe(referenceMatch(filter, topic));
      }),
      { numRuns: 2000 },
    );
  });
});
