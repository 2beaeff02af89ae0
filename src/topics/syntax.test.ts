import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFilter } from './matchTopic';
import { AMQP_SYNTAX, convertFilter, isSyntaxId, MQTT_SYNTAX, topicSyntax } from './syntax';
import { validateFilter } from './validateFilter';

/**
 * Obviously-correct reference for RabbitMQ's topic exchange, transcribed from its `match_words`: recursive
 * over word arrays, exponential in the number of `#`s, fine for the small inputs below.
 */
function referenceWords(pattern: readonly string[], key: readonly string[]): boolean {
  if (pattern.length === 0) return key.length === 0;
  const [p, ...rest] = pattern;
  if (p === '#') {
    for (let skip = 0; skip <= key.length; skip++) if (referenceWords(rest, key.slice(skip))) return true;
    return false;
  }
  if (key.length === 0) return false;
  return (p === '*' || p === key[0]) && referenceWords(rest, key.slice(1));
}

/** RabbitMQ splits the empty routing key (or pattern) into zero words, everything else on each '.'. */
const rabbitSplit = (s: string) => (s === '' ? [] : s.split('.'));
const amqpReference = (pattern: string, key: string) =>
  referenceWords(rabbitSplit(pattern), rabbitSplit(key));
const amqpMatch = (pattern: string, key: string) => AMQP_SYNTAX.compile(pattern)(key);

/** What RabbitMQ's Web-MQTT binds for an MQTT filter: '/' -> '.', '+' -> '*', everything else kept. */
const rabbitBinding = (wire: string) => wire.replaceAll('/', '.').replaceAll('+', '*');

// Small alphabets so that words collide often. Pattern words include every special case: wildcards,
// literal `+`, words mixing `+`/`#`/`*` with text, the empty word and the `$share` prefix.
const patternWord = fc.constantFrom('a', 'b', '', '*', '#', '+', 'a*', 'a#', 'b+', '$share');
const keyWord = fc.constantFrom('a', 'b', '', '*', '#', '+', '$share');
const pattern = fc.array(patternWord, { minLength: 1, maxLength: 6 }).map((w) => w.join('.'));
const validPattern = pattern.filter((p) => AMQP_SYNTAX.validate(p) === null);
const randomKey = fc.array(keyWord, { maxLength: 7 }).map((w) => w.join('.'));
/**
 * A key built from a pattern by filling each `*` with one word and each `#` with zero to two words, so it
 * usually matches; random keys alone would rarely exercise the `#` scan past its first mismatch.
 */
const keyFor = (p: string) =>
  fc
    .tuple(
      ...p
        .split('.')
        .map((w) =>
          w === '*' ? fc.tuple(keyWord) : w === '#' ? fc.array(keyWord, { maxLength: 2 }) : fc.constant([w]),
        ),
    )
    .map((parts) => parts.flat().join('.'));
/** A pattern with a key that often, but not always, matches it. */
const patternAndKey = (patterns: fc.Arbitrary<string>) =>
  patterns.chain((p) => fc.tuple(fc.constant(p), fc.oneof(keyFor(p), randomKey)));

describe('AMQP matching (RabbitMQ topic exchange semantics)', () => {
  it.each([
    ['pulp.server.repo.sync.finish', 'pulp.server.repo.sync.finish', true],
    ['pulp.*.repo.#', 'pulp.server.repo.sync.finish', true],
    ['pulp.#.finish', 'pulp.finish', true],
    ['pulp.#.finish', 'pulp.a.b.finish', true],
    ['pulp.#.finish', 'pulp.a.b.finished', false],
    ['#', 'anything.at.all', true],
    ['#', '', true],
    ['a.#', 'a', true],
    ['a.#', 'a.b.c', true],
    ['a.#', 'ab', false],
    ['#.a', 'a', true],
    ['#.a.#', 'x.a.y', true],
    ['#.a.#', 'x.b.y', false],
    ['*', 'a', true],
    ['*', 'a.b', false],
    ['*', '', false],
    ['*', '.', false],
    ['*.*', '.', true],
    ['a..b', 'a..b', true],
    ['a.*.b', 'a..b', true],
    ['a*b', 'axb', false],
    ['a*b', 'a*b', true],
    ['+', 'a', false],
    ['+', '+', true],
    ['a#', 'a.b', false],
    ['$SYS.#', '$SYS.broker', true],
    ['*.broker', '$SYS.broker', true],
  ])('%j on %j is %j', (p, k, expected) => {
    expect(amqpMatch(p, k)).toBe(expected);
    expect(amqpReference(p, k)).toBe(expected);
  });

  it('agrees with a recursive reference on every pattern and key', () => {
    fc.assert(
      fc.property(patternAndKey(pattern), ([p, k]) => {
        expect(amqpMatch(p, k), `${JSON.stringify(p)} on ${JSON.stringify(k)}`).toBe(amqpReference(p, k));
      }),
      { numRuns: 5000 },
    );
  });

  it('does not blow up on many #s against a long key that almost matches', () => {
    // Backtracking would try C(60, 20) splits; the segment scan does a few thousand comparisons.
    const p = `${'#.a.'.repeat(20)}#.b`;
    const k = `${'a.'.repeat(60)}c`;
    const start = performance.now();
    expect(amqpMatch(p, k)).toBe(false);
    expect(amqpMatch(p, `${k}.b`)).toBe(true);
    expect(performance.now() - start).toBeLessThan(200);
  });
});

describe('AMQP validate', () => {
  it('accepts ordinary patterns, including words MQTT would refuse', () => {
    for (const p of ['pulp.server.#', '#', '*', 'a.#.b', '#.#', 'a+b.c#', '.', 'a..b', '$share.g.a']) {
      expect(AMQP_SYNTAX.validate(p), p).toBeNull();
    }
  });

  it('rejects empty, NUL and lone-surrogate patterns', () => {
    expect(AMQP_SYNTAX.validate('')).toEqual({ code: 'empty', message: 'Pattern is empty' });
    expect(AMQP_SYNTAX.validate('a.\u0000')?.message).toContain('NUL character (U+0000) at position 3');
    expect(AMQP_SYNTAX.validate('a.\ud83d')).toEqual({
      code: 'lone-surrogate',
      message: 'Pattern contains an unpaired surrogate (U+D83D) at position 3, which cannot be sent as UTF-8',
    });
  });

  it("rejects '/' and explains that Web-MQTT turns it into '.'", () => {
    expect(AMQP_SYNTAX.validate('pulp/server.#')).toEqual({
      code: 'amqp-slash',
      message:
        "Pattern contains '/' at position 5: RabbitMQ's Web-MQTT turns '/' into '.', so a '/' in a pattern cannot be matched exactly; use '.' between words",
    });
  });

  it('measures the length limit on the wire filter, not on the pattern', () => {
    // A 70,000-byte literal `+` word is sent as a single '+'.
    expect(AMQP_SYNTAX.validate(`a.${'+'.repeat(70_000)}`)).toBeNull();
    const err = AMQP_SYNTAX.validate(`a.${'€'.repeat(21_845)}`);
    expect(err?.code).toBe('too-long');
    expect(err?.message).toContain('65,537 bytes');
  });
});

describe('AMQP toWire', () => {
  it.each([
    ['pulp.server.repo.sync.finish', 'pulp/server/repo/sync/finish', true],
    ['pulp.*.repo.#', 'pulp/+/repo/#', true],
    ['#', '#', true],
    ['a.#.#', 'a/#', true],
    ['a..b', 'a//b', true],
    ['a*b.c', 'a*b/c', true],
    ['pulp.#.finish', 'pulp/#', false],
    ['#.a', '#', false],
    ['a.+.b', 'a/+/b', false],
    ['a+b.c#', '+/+', false],
    ['$share.g.a', '+/g/a', false],
    ['$share', '$share', true],
  ])('sends %j as %j (exact: %j)', (p, filter, exact) => {
    expect(AMQP_SYNTAX.toWire(p)).toEqual({ filter, exact });
  });

  it('always produces a filter that validateFilter accepts', () => {
    fc.assert(
      fc.property(validPattern, (p) => {
        expect(validateFilter(AMQP_SYNTAX.toWire(p).filter)).toBeNull();
      }),
      { numRuns: 3000 },
    );
  });

  it('never loses a message: whatever the pattern matches, the binding RabbitMQ makes also matches', () => {
    fc.assert(
      fc.property(patternAndKey(validPattern), ([p, k]) => {
        fc.pre(amqpMatch(p, k));
        expect(amqpReference(rabbitBinding(AMQP_SYNTAX.toWire(p).filter), k)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('delivers exactly what the pattern means when it says exact', () => {
    fc.assert(
      fc.property(patternAndKey(validPattern), ([p, k]) => {
        const wire = AMQP_SYNTAX.toWire(p);
        fc.pre(wire.exact);
        expect(amqpReference(rabbitBinding(wire.filter), k)).toBe(amqpMatch(p, k));
      }),
      { numRuns: 5000 },
    );
  });

  it('computes warnings on the wire filter', () => {
    expect(AMQP_SYNTAX.warnings('a.\u0007')[0]).toContain('control character (U+0007) at position 3');
    expect(AMQP_SYNTAX.warnings(`${'a.'.repeat(250)}#`)[0]).toContain('Has 251 levels');
    // Everything after a non-final '#' is not sent, so it cannot upset the broker.
    expect(AMQP_SYNTAX.warnings('a.#.\u0007')).toEqual([]);
  });
});

describe('AMQP display topics', () => {
  it("shows a delivered topic with '.' between words", () => {
    expect(AMQP_SYNTAX.fromWire('pulp/server/repo')).toBe('pulp.server.repo');
    expect(AMQP_SYNTAX.fromWire('/a//b/')).toBe('.a..b.');
  });

  it('splits and joins on dots', () => {
    expect(AMQP_SYNTAX.split('pulp.server..x')).toEqual(['pulp', 'server', '', 'x']);
    expect(AMQP_SYNTAX.join(['pulp', 'server'])).toBe('pulp.server');
  });

  it('builds subtree, children and exact filters from a node path', () => {
    expect(AMQP_SYNTAX.subtreeFilter(['pulp', 'server'])).toBe('pulp.server.#');
    expect(AMQP_SYNTAX.childrenFilter(['pulp', 'server'])).toBe('pulp.server.*');
    expect(AMQP_SYNTAX.exactFilter(['pulp', 'server'])).toBe('pulp.server');
    expect(AMQP_SYNTAX.subtreeFilter([])).toBe('#');
    expect(AMQP_SYNTAX.childrenFilter([])).toBe('*');
  });

  it('node filters match the node, its subtree and its children as the tree sees them', () => {
    const levels = fc.array(fc.constantFrom('a', 'b', ''), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(levels, levels, (node, topic) => {
        const t = AMQP_SYNTAX.join(topic);
        // [''] joins to the empty key, which RabbitMQ reads as zero words: no node filter but `#` matches it.
        // MQTT delivers no empty topic names, so the tree never holds one.
        fc.pre(t !== '');
        const under = topic.length >= node.length && node.every((l, i) => topic[i] === l);
        expect(amqpMatch(AMQP_SYNTAX.subtreeFilter(node), t)).toBe(under);
        expect(amqpMatch(AMQP_SYNTAX.childrenFilter(node), t)).toBe(
          under && topic.length === node.length + 1,
        );
        expect(amqpMatch(AMQP_SYNTAX.exactFilter(node), t)).toBe(t === AMQP_SYNTAX.join(node));
      }),
    );
  });
});

describe('MQTT syntax', () => {
  it('is plain MQTT: identity on the wire, / between levels', () => {
    expect(MQTT_SYNTAX.toWire('a/+/#')).toEqual({ filter: 'a/+/#', exact: true });
    expect(MQTT_SYNTAX.fromWire('a/b.c')).toBe('a/b.c');
    expect(MQTT_SYNTAX.split('a//b')).toEqual(['a', '', 'b']);
    expect(MQTT_SYNTAX.join(['a', '', 'b'])).toBe('a//b');
    expect(MQTT_SYNTAX.validate('a/#/b')?.code).toBe('hash-not-last');
    expect(MQTT_SYNTAX.compile('sport/#')('sport')).toBe(true);
    expect(MQTT_SYNTAX.warnings('a\u0007')).toHaveLength(1);
  });

  it('builds subtree, children and exact filters from a node path', () => {
    expect(MQTT_SYNTAX.subtreeFilter(['a', 'b'])).toBe('a/b/#');
    expect(MQTT_SYNTAX.childrenFilter(['a', 'b'])).toBe('a/b/+');
    expect(MQTT_SYNTAX.exactFilter(['a', 'b'])).toBe('a/b');
    expect(MQTT_SYNTAX.subtreeFilter([])).toBe('#');
    expect(MQTT_SYNTAX.childrenFilter([])).toBe('+');
  });
});

describe('topicSyntax and isSyntaxId', () => {
  it('looks syntaxes up by id', () => {
    expect(topicSyntax('mqtt')).toBe(MQTT_SYNTAX);
    expect(topicSyntax('amqp')).toBe(AMQP_SYNTAX);
    expect(topicSyntax('amqp').label).toBe('AMQP');
  });

  it('recognises exactly the two ids', () => {
    expect(isSyntaxId('mqtt')).toBe(true);
    expect(isSyntaxId('amqp')).toBe(true);
    for (const v of ['MQTT', 'stomp', '', null, undefined, 1, {}]) expect(isSyntaxId(v)).toBe(false);
  });
});

describe('convertFilter', () => {
  it.each([
    ['sport/+/player1', 'sport.*.player1'],
    ['sport/#', 'sport.#'],
    ['#', '#'],
    ['a//b', 'a..b'],
    ['a*b/c', 'a*b.c'],
  ])('converts MQTT %j to AMQP %j and back', (mqtt, amqp) => {
    expect(convertFilter(mqtt, 'mqtt', 'amqp')).toBe(amqp);
    expect(convertFilter(amqp, 'amqp', 'mqtt')).toBe(mqtt);
  });

  it.each([
    ['$share/g/a', 'a shared subscription'],
    ['a.b/c', "a level holding '.'"],
    ['a/*', "a literal '*' level, which AMQP reads as a wildcard"],
    ['a/#/b', 'an invalid filter'],
  ])('has no AMQP equivalent for MQTT %j (%s)', (mqtt) => {
    expect(convertFilter(mqtt, 'mqtt', 'amqp')).toBeNull();
  });

  it.each([
    ['pulp.#.finish', "'#' before the end"],
    ['a.+', "a literal '+' word"],
    ['a#b', "a word mixing '#' with text"],
    ['$share.g.a', 'a shared subscription in MQTT'],
    ['a/b', 'an invalid pattern'],
  ])('has no MQTT equivalent for AMQP %j (%s)', (amqp) => {
    expect(convertFilter(amqp, 'amqp', 'mqtt')).toBeNull();
  });

  it('collapses runs of # that AMQP treats as one', () => {
    expect(convertFilter('a.#.#', 'amqp', 'mqtt')).toBe('a/#');
  });

  it('returns a valid filter unchanged when both syntaxes are the same', () => {
    expect(convertFilter('a.#.b', 'amqp', 'amqp')).toBe('a.#.b');
    expect(convertFilter('a/#/b', 'mqtt', 'mqtt')).toBeNull();
  });

  // MQTT topics are never empty and never start with '$' here (the one rule AMQP does not have).
  const mqttLevel = fc.constantFrom('a', 'b', '', '*', 'a*');
  const mqttTopic = fc
    .array(mqttLevel, { minLength: 1, maxLength: 5 })
    .map((l) => l.join('/'))
    .filter((t) => t !== '');
  const mqttFilter = fc
    .array(fc.constantFrom('a', 'b', '', '*', 'a*', '+', '#', 'a.b'), { minLength: 1, maxLength: 5 })
    .map((l) => l.join('/'));

  it('keeps the meaning: a converted MQTT filter matches the same topics in AMQP form', () => {
    fc.assert(
      fc.property(mqttFilter, mqttTopic, (f, t) => {
        const amqp = convertFilter(f, 'mqtt', 'amqp');
        fc.pre(amqp !== null);
        expect(amqpMatch(amqp as string, AMQP_SYNTAX.fromWire(t))).toBe(compileFilter(f)(t));
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps the meaning: a converted AMQP pattern matches the same topics in MQTT form', () => {
    fc.assert(
      fc.property(validPattern, mqttTopic, (p, t) => {
        const mqtt = convertFilter(p, 'amqp', 'mqtt');
        fc.pre(mqtt !== null);
        expect(compileFilter(mqtt as string)(t)).toBe(amqpMatch(p, AMQP_SYNTAX.fromWire(t)));
      }),
      { numRuns: 3000 },
    );
  });

  it('round-trips every convertible MQTT filter', () => {
    fc.assert(
      fc.property(mqttFilter, (f) => {
        const amqp = convertFilter(f, 'mqtt', 'amqp');
        fc.pre(amqp !== null);
        expect(convertFilter(amqp as string, 'amqp', 'mqtt')).toBe(f);
      }),
    );
  });
});
