import { describe, expect, it } from 'vitest';
import {
  boardAge,
  defaultTitle,
  fieldLabel,
  fieldText,
  formatAge,
  isTrustedOrigin,
  liveness,
  parseHostCommand,
  readPath,
  trouble,
} from './widgetModel';

const NOW = 1_700_000_000_000;

describe('liveness', () => {
  it('is green with the age of the latest event while connected and fresh', () => {
    expect(
      liveness({ phase: 'connected', lastMessageAt: NOW - 12_000, now: NOW, staleAfterSeconds: 240 }),
    ).toEqual({
      level: 'live',
      text: 'live, latest 12 s ago',
    });
  });

  it('turns amber once nothing has arrived for the stale period', () => {
    expect(
      liveness({ phase: 'connected', lastMessageAt: NOW - 4 * 60_000, now: NOW, staleAfterSeconds: 240 }),
    ).toEqual({ level: 'stale', text: 'no events for 4 min' });
  });

  it('counts from the connection when no event ever arrived', () => {
    expect(
      liveness({ phase: 'connected', connectedAt: NOW - 300_000, now: NOW, staleAfterSeconds: 60 }).level,
    ).toBe('stale');
    expect(
      liveness({ phase: 'connected', connectedAt: NOW - 1_000, now: NOW, staleAfterSeconds: 60 }).text,
    ).toBe('live, waiting for events');
  });

  it('is red and says disconnected whenever the connection is down', () => {
    for (const phase of ['reconnecting', 'error', 'offline'] as const) {
      expect(liveness({ phase, lastMessageAt: NOW, now: NOW })).toEqual({
        level: 'down',
        text: 'disconnected',
      });
    }
  });

  it('says "subscribing", not live, until the broker has answered every subscription', () => {
    // Connected, but a message published now may still miss the SUBSCRIBE the broker has not answered.
    expect(liveness({ phase: 'connected', now: NOW, subscribing: true })).toEqual({
      level: 'connecting',
      text: 'subscribing',
    });
    expect(liveness({ phase: 'connected', now: NOW, subscribing: false }).level).toBe('live');
  });

  it('never goes stale without a stale setting', () => {
    expect(liveness({ phase: 'connected', lastMessageAt: NOW - 86_400_000, now: NOW }).level).toBe('live');
  });
});

describe('formatAge', () => {
  it.each([
    [0, '0 s'],
    [59_999, '59 s'],
    [60_000, '1 min'],
    [3_599_000, '59 min'],
    [7_200_000, '2 h'],
    [3 * 86_400_000, '3 d'],
  ])('formats %i ms as %s', (ms, text) => {
    expect(formatAge(ms)).toBe(text);
  });
});

describe('fields', () => {
  const root = {
    topic: 'gerrit/nova/change-merged',
    payload: { type: 'change-merged', change: { project: 'nova' } },
  };

  it('reads nested JSON fields by dotted path', () => {
    expect(readPath(root, 'payload.change.project')).toBe('nova');
    expect(readPath(root, 'topic')).toBe('gerrit/nova/change-merged');
  });

  it('gives undefined for missing steps and never reads inherited properties', () => {
    expect(readPath(root, 'payload.change.owner.name')).toBeUndefined();
    expect(readPath(root, 'payload.constructor')).toBeUndefined();
    expect(readPath({ payload: 'text' }, 'payload.length')).toBeUndefined();
  });

  it('renders values as one short line', () => {
    expect(fieldText(undefined)).toBe('—');
    expect(fieldText({ a: [1, 2] })).toBe('{"a":[1,2]}');
    expect(fieldText('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(fieldLabel('payload.change.project')).toBe('project');
  });
});

describe('why the widget is down', () => {
  const granted = { filter: 'status/#', status: { kind: 'granted' } };

  it('says the broker is unreachable, and keeps retrying', () => {
    const t = trouble({
      connection: { phase: 'reconnecting', detail: 'Broker unreachable', cause: 'unreachable' },
      subscriptions: [granted],
    });
    expect(liveness({ phase: 'reconnecting', now: NOW, trouble: t })).toEqual({
      level: 'down',
      text: 'disconnected: broker unreachable',
      reason:
        'The broker cannot be reached: connection refused, host not found, or not an MQTT WebSocket endpoint; retrying.',
    });
  });

  it('says the credentials were refused, and that a widget link cannot carry any', () => {
    const t = trouble({
      connection: {
        phase: 'error',
        detail: 'Connection refused: Not authorized (code 5)',
        cause: 'auth',
        authRequired: true,
      },
      subscriptions: [granted],
    });
    const live = liveness({ phase: 'error', now: NOW, trouble: t });
    expect(live.text).toBe('disconnected: credentials refused');
    expect(live.reason).toMatch(
      /refused the connection without credentials \(Connection refused: Not authorized/,
    );
    expect(live.reason).toMatch(/never carries a password/);
  });

  it('names the filter the broker hung up on, while reconnecting and after', () => {
    const reconnecting = trouble({
      connection: {
        phase: 'reconnecting',
        detail: 'The broker closed the connection on the subscription bad/#',
        cause: 'hung-up',
      },
      subscriptions: [{ filter: 'bad/#', status: { kind: 'hung-up' } }],
    });
    expect(reconnecting?.short).toBe('broker hung up on a filter');
    expect(reconnecting?.sentence).toMatch(/on the subscription bad\/#; reconnecting without it/);
    const after = trouble({
      connection: { phase: 'connected' },
      subscriptions: [granted, { filter: 'bad/#', status: { kind: 'hung-up' } }],
    });
    expect(after).toEqual({
      short: 'broker hung up on a filter',
      sentence: 'The broker closed the connection on bad/#, so it is no longer subscribed.',
      blocking: false,
    });
  });

  it('is down when every subscription was refused, and live with the reason when only some were', () => {
    const refused = { filter: 'secret/#', status: { kind: 'refused', reason: 'Not authorized' } };
    const all = trouble({ connection: { phase: 'connected' }, subscriptions: [refused] });
    expect(liveness({ phase: 'connected', now: NOW, trouble: all })).toEqual({
      level: 'down',
      text: 'subscription refused',
      reason: 'The broker refused the subscription secret/# (Not authorized).',
    });
    const some = trouble({ connection: { phase: 'connected' }, subscriptions: [granted, refused] });
    const live = liveness({ phase: 'connected', now: NOW, lastMessageAt: NOW - 1_000, trouble: some });
    expect(live.level).toBe('live');
    expect(live.reason).toMatch(/refused the subscription secret\/#/);
  });

  it('has nothing to say while all is well', () => {
    expect(trouble({ connection: { phase: 'connected' }, subscriptions: [granted] })).toBeNull();
  });
});

describe('defaultTitle', () => {
  it('lists the subscriptions, joined so they read as a set', () => {
    expect(defaultTitle(['gerrit/openstack/#', 'pulp/#'], 'wss://firehose.example.org/mqtt')).toBe(
      'gerrit/openstack/# + pulp/#',
    );
  });

  it('says "all topics on <host>" instead of a bare #', () => {
    expect(defaultTitle(['#'], 'wss://firehose.example.org/mqtt')).toBe('All topics on firehose.example.org');
    expect(defaultTitle(['status/#', '#'], 'ws://127.0.0.1:9001/')).toBe(
      'status/# + all topics on 127.0.0.1:9001',
    );
  });

  it('counts what does not fit after three', () => {
    expect(defaultTitle(['a/#', 'b/#', 'c/#', 'd/#', 'e/#'])).toBe('a/# + b/# + c/# + 2 more');
  });
});

describe('status board ages', () => {
  it('marks a value stale, in words, once it is as old as stale=', () => {
    expect(boardAge(NOW - 4_000, NOW, 5)).toEqual({ text: '4 s', stale: false });
    expect(boardAge(NOW - 5_000, NOW, 5)).toEqual({ text: 'stale, 5 s', stale: true });
    expect(boardAge(NOW - 86_400_000, NOW)).toEqual({ text: '24 h', stale: false });
  });
});

describe('host commands', () => {
  it('obeys only the origins named in host=, exactly', () => {
    const hosts = ['https://status.example.org'];
    expect(isTrustedOrigin('https://status.example.org', hosts)).toBe(true);
    expect(isTrustedOrigin('http://status.example.org', hosts)).toBe(false);
    expect(isTrustedOrigin('https://status.example.org:8443', hosts)).toBe(false);
    expect(isTrustedOrigin('https://evil.example', hosts)).toBe(false);
    expect(isTrustedOrigin('null', ['null'])).toBe(false);
  });

  it('obeys nobody without host=', () => {
    expect(isTrustedOrigin('https://status.example.org', [])).toBe(false);
  });

  it('reads the commands and refuses anything else as a value', () => {
    expect(parseHostCommand({ type: 'firehose:pause' })).toEqual({ command: { type: 'firehose:pause' } });
    expect(parseHostCommand({ type: 'firehose:set-filter', filter: 'topic:a/#' })).toEqual({
      command: { type: 'firehose:set-filter', filter: 'topic:a/#' },
    });
    expect(parseHostCommand({ type: 'firehose:set-filter', filter: 3 })).toEqual({
      error: 'filter must be a string',
    });
    expect(parseHostCommand('firehose:pause')).toEqual({ error: 'not a firehose command' });
    expect(parseHostCommand(null)).toEqual({ error: 'not a firehose command' });
  });
});
