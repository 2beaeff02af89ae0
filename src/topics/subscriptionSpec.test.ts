import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { QoS, SubscriptionSpec } from './subscriptionSpec';
import { formatSubscription, parseSubscription } from './subscriptionSpec';
import { AMQP_SYNTAX, MQTT_SYNTAX } from './syntax';

const ok = (filter: string, qos: QoS) => ({ ok: true, spec: { filter, qos } });

describe('parseSubscription', () => {
  it.each([
    ['sport/#', ok('sport/#', 0)],
    ['sport/#@0', ok('sport/#', 0)],
    ['sport/#@1', ok('sport/#', 1)],
    ['sport/#@2', ok('sport/#', 2)],
    ['a@1@2', ok('a@1', 2)],
    ['a@3', ok('a@3', 0)],
    ['user@host', ok('user@host', 0)],
    ['a@', ok('a@', 0)],
    [' a ', ok(' a ', 0)],
  ])('reads the string %j', (input, expected) => {
    expect(parseSubscription(input, MQTT_SYNTAX)).toEqual(expected);
  });

  it('reads {filter, qos} objects, defaulting a missing qos to 0', () => {
    expect(parseSubscription({ filter: 'a/+', qos: 2 }, MQTT_SYNTAX)).toEqual(ok('a/+', 2));
    expect(parseSubscription({ filter: 'a/+' }, MQTT_SYNTAX)).toEqual(ok('a/+', 0));
  });

  it('takes the filter of an object as it is, even when it ends in @1', () => {
    expect(parseSubscription({ filter: 'a@1' }, MQTT_SYNTAX)).toEqual(ok('a@1', 0));
  });

  it.each([1.5, 3, -1, '1', null, true])('rejects the qos %j', (qos) => {
    expect(parseSubscription({ filter: 'a', qos }, MQTT_SYNTAX)).toEqual({
      ok: false,
      error: '"qos" must be 0, 1 or 2',
    });
  });

  it.each([null, undefined, 42, ['a'], {}, { filter: 1 }, { topic: 'a' }])(
    'rejects the value %j',
    (value) => {
      expect(parseSubscription(value, MQTT_SYNTAX)).toEqual({
        ok: false,
        error: 'each subscription must be a filter string or {"filter", "qos"}',
      });
    },
  );

  it("refuses filters the syntax refuses, with the validator's message", () => {
    expect(parseSubscription('a/#/b@1', MQTT_SYNTAX)).toEqual({
      ok: false,
      error: "'#' must be the last level, but it is level 2 of 3",
    });
    expect(parseSubscription('@1', MQTT_SYNTAX)).toEqual({ ok: false, error: 'Topic filter is empty' });
    expect(parseSubscription({ filter: '', qos: 1 }, MQTT_SYNTAX)).toEqual({
      ok: false,
      error: 'Topic filter is empty',
    });
  });

  it('validates with the chosen syntax', () => {
    expect(parseSubscription('pulp.#.finish@1', AMQP_SYNTAX)).toEqual(ok('pulp.#.finish', 1));
    // The same text is no valid MQTT filter: '#' shares its level with other characters.
    expect(parseSubscription('pulp.#.finish@1', MQTT_SYNTAX)).toMatchObject({ ok: false });
    expect(parseSubscription('a/#/b', AMQP_SYNTAX)).toEqual({
      ok: false,
      error: expect.stringContaining("Pattern contains '/' at position 2"),
    });
  });
});

describe('formatSubscription', () => {
  it('omits QoS 0 and appends any other QoS', () => {
    expect(formatSubscription({ filter: 'a/#', qos: 0 })).toBe('a/#');
    expect(formatSubscription({ filter: 'a/#', qos: 1 })).toBe('a/#@1');
    expect(formatSubscription({ filter: 'a/#', qos: 2 })).toBe('a/#@2');
  });

  it('spells out @0 when the filter itself ends in what looks like a QoS', () => {
    expect(formatSubscription({ filter: 'a@1', qos: 0 })).toBe('a@1@0');
    expect(formatSubscription({ filter: 'a@3', qos: 0 })).toBe('a@3');
  });

  it('is undone by parseSubscription for every valid subscription', () => {
    // Filters made of pieces that provoke the '@' rules: '@', digits, '@0'–'@2' suffixes.
    const filter = fc
      .array(fc.constantFrom('a', '/', '@', '0', '1', '2', '3', '@1', '+', '#', '.', '*', ' '), {
        minLength: 1,
        maxLength: 8,
      })
      .map((parts) => parts.join(''));
    const qos = fc.constantFrom<QoS>(0, 1, 2);
    for (const syntax of [MQTT_SYNTAX, AMQP_SYNTAX]) {
      fc.assert(
        fc.property(filter, qos, (f, q) => {
          fc.pre(syntax.validate(f) === null);
          const spec: SubscriptionSpec = { filter: f, qos: q };
          expect(parseSubscription(formatSubscription(spec), syntax)).toEqual({ ok: true, spec });
        }),
      );
    }
  });
});
