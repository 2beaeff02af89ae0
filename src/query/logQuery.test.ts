import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileLogQuery,
  isEmptyQuery,
  type LogEntryText,
  parseLogQuery,
  topicTermOf,
  withTopicTerm,
} from './logQuery';

function matcher(input: string): (entry: LogEntryText) => boolean {
  const { query, errors } = parseLogQuery(input);
  expect(errors).toEqual([]);
  const fn = compileLogQuery(query);
  if (fn === null) throw new Error(`expected a non-empty query for ${JSON.stringify(input)}`);
  return fn;
}

const entry = (topic: string, preview: string): LogEntryText => ({ topic, preview });

describe('parseLogQuery', () => {
  it('splits on whitespace and lower-cases bare terms once', () => {
    expect(parseLogQuery('  Temp   KITCHEN ').query.terms).toEqual([
      { kind: 'text', needle: 'temp', negate: false, foldCase: true },
      { kind: 'text', needle: 'kitchen', negate: false, foldCase: true },
    ]);
  });

  it('keeps spaces inside quotes, also after a prefix or a minus', () => {
    expect(parseLogQuery('"Living Room" -"a b" payload:"x y"').query.terms).toEqual([
      { kind: 'text', needle: 'living room', negate: false, foldCase: true },
      { kind: 'text', needle: 'a b', negate: true, foldCase: true },
      { kind: 'payload', needle: 'x y', negate: false, foldCase: true },
    ]);
  });

  it('runs an unclosed quote to the end of the input without an error', () => {
    const { query, errors } = parseLogQuery('"half typed');
    expect(query.terms).toEqual([{ kind: 'text', needle: 'half typed', negate: false, foldCase: true }]);
    expect(errors).toEqual([]);
  });

  it('negates terms with a leading minus but searches a lone minus literally', () => {
    expect(parseLogQuery('-debug - ').query.terms).toEqual([
      { kind: 'text', needle: 'debug', negate: true, foldCase: true },
      { kind: 'text', needle: '-', negate: false, foldCase: false },
    ]);
  });

  it('keeps topic filters case-sensitive and accepts the prefix in any case', () => {
    expect(parseLogQuery('Topic:Sensors/+/Temp -topic:$SYS/#').query.terms).toEqual([
      { kind: 'topic', filter: 'Sensors/+/Temp', negate: false },
      { kind: 'topic', filter: '$SYS/#', negate: true },
    ]);
  });

  it('treats quoted prefixes as literal text', () => {
    expect(parseLogQuery('"topic:a"').query.terms).toEqual([
      { kind: 'text', needle: 'topic:a', negate: false, foldCase: true },
    ]);
  });

  it('ignores an invalid topic filter and explains why, keeping the other terms', () => {
    const { query, errors } = parseLogQuery('temp topic:a/#/b');
    expect(query.terms).toEqual([{ kind: 'text', needle: 'temp', negate: false, foldCase: true }]);
    expect(errors).toEqual([`Ignored "topic:a/#/b": '#' must be the last level, but it is level 2 of 3`]);
  });

  it('drops empty values such as "" or a bare prefix still being typed', () => {
    const { query, errors } = parseLogQuery('"" topic: payload:');
    expect(isEmptyQuery(query)).toBe(true);
    expect(errors).toEqual([]);
  });

  it('marks needles without letters as not needing case folding', () => {
    expect(parseLogQuery('42.5').query.terms).toEqual([
      { kind: 'text', needle: '42.5', negate: false, foldCase: false },
    ]);
  });

  it('never throws on arbitrary input, and the compiled predicate never throws either', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string(), fc.string(), (input, t, p) => {
        const { query, errors } = parseLogQuery(input);
        expect(Array.isArray(errors)).toBe(true);
        const fn = compileLogQuery(query);
        if (fn !== null) expect(typeof fn(entry(t, p))).toBe('boolean');
      }),
    );
  });

  it('never throws on inputs built from the query syntax itself', () => {
    const piece = fc.constantFrom('"', '-', 'topic:', 'payload:', ' ', '#', '+', '/', 'a', 'B', '$share/');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const { query } = parseLogQuery(pieces.join(''));
        compileLogQuery(query)?.(entry('a/b', 'x'));
      }),
    );
  });
});

describe('compileLogQuery', () => {
  it('returns null for the empty query so callers can skip filtering', () => {
    expect(compileLogQuery(parseLogQuery('   ').query)).toBeNull();
  });

  it('matches a bare term case-insensitively in the topic or the preview', () => {
    const m = matcher('KITCHEN');
    expect(m(entry('home/kitchen/temp', '21.5'))).toBe(true);
    expect(m(entry('home/x', '{"room":"Kitchen"}'))).toBe(true);
    expect(m(entry('home/x', 'bedroom'))).toBe(false);
  });

  it('requires every term to match', () => {
    const m = matcher('home temp');
    expect(m(entry('home/kitchen/temp', ''))).toBe(true);
    expect(m(entry('home/kitchen/humidity', 'temp'))).toBe(true);
    expect(m(entry('home/kitchen/humidity', '50'))).toBe(false);
  });

  it('excludes entries matching a negated term', () => {
    const m = matcher('-debug');
    expect(m(entry('app/log', 'level=DEBUG'))).toBe(false);
    expect(m(entry('app/debug', 'x'))).toBe(false);
    expect(m(entry('app/log', 'level=info'))).toBe(true);
  });

  it('matches topic: terms with MQTT wildcard semantics, case-sensitively', () => {
    const m = matcher('topic:sensors/+/temp');
    expect(m(entry('sensors/kitchen/temp', ''))).toBe(true);
    expect(m(entry('sensors/kitchen/hall/temp', ''))).toBe(false);
    expect(m(entry('Sensors/kitchen/temp', ''))).toBe(false);
    expect(m(entry('other/sensors/x/temp', ''))).toBe(false);
  });

  it('can hide broker topics with a negated $SYS filter', () => {
    const m = matcher('-topic:$SYS/#');
    expect(m(entry('$SYS/broker/uptime', '12'))).toBe(false);
    expect(m(entry('a/b', '12'))).toBe(true);
  });

  it('searches only the preview for payload: terms', () => {
    const m = matcher('payload:alarm');
    expect(m(entry('x', 'ALARM raised'))).toBe(true);
    expect(m(entry('alarm/x', 'ok'))).toBe(false);
  });

  it('matches quoted phrases including their spaces', () => {
    const m = matcher('"living room"');
    expect(m(entry('x', 'the Living Room lamp'))).toBe(true);
    expect(m(entry('x', 'living-room'))).toBe(false);
  });

  it('matches letterless needles without case folding', () => {
    const m = matcher('21.5 -"{}"');
    expect(m(entry('t', '{"t":21.5}'))).toBe(true);
    expect(m(entry('t', '{}21.5'))).toBe(false);
  });
});

describe('withTopicTerm', () => {
  it('puts the tree selection in front and keeps the rest of the filter', () => {
    expect(withTopicTerm('merged -bot', 'gerrit/openstack/#')).toBe('topic:gerrit/openstack/# merged -bot');
    expect(withTopicTerm('topic:a/# merged', 'b/#')).toBe('topic:b/# merged');
    expect(withTopicTerm('topic:a/# merged', null)).toBe('merged');
    expect(withTopicTerm('', 'x y/#')).toBe('topic:"x y/#"');
  });

  it('reads back the filter it wrote', () => {
    for (const f of ['gerrit/openstack/#', 'pulp.server.#', 'x y/#']) {
      expect(topicTermOf(withTopicTerm('a b', f))).toBe(f);
    }
    expect(topicTermOf('merged')).toBeNull();
  });
});
