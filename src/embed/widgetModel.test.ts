import { describe, expect, it } from 'vitest';
import { fieldLabel, fieldText, formatAge, liveness, readPath } from './widgetModel';

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
