import { describe, expect, it } from 'vitest';
import { parseSavedSettings } from './savedSettings';

describe('parseSavedSettings', () => {
  it('reads nothing and reports nothing when nothing was saved', () => {
    expect(parseSavedSettings(null)).toEqual({});
  });

  it.each(['{not json', '[]', '42', 'null'])('resets corrupt storage %s with a reason', (raw) => {
    const { settings, error } = parseSavedSettings(raw);
    expect(settings).toBeUndefined();
    expect(error).toMatch(/corrupt/);
  });

  it('keeps the valid parts and drops invalid filters and URLs', () => {
    const { settings, error } = parseSavedSettings(
      JSON.stringify({
        url: 'javascript:alert(1)',
        version: '7',
        subscriptions: [{ filter: 'ok/#', qos: 1 }, { filter: 'bad#' }, 'x', 42],
        capacity: -5,
      }),
    );
    expect(settings).toEqual({
      url: '',
      username: '',
      clientId: '',
      version: 'auto',
      syntax: 'mqtt',
      keepSession: false,
      subscriptions: [
        { filter: 'ok/#', qos: 1 },
        { filter: 'x', qos: 0 },
      ],
    });
    expect(error).toBe('Ignored 2 corrupt saved subscriptions');
  });

  it('keeps the AMQP syntax and reads the saved patterns in it', () => {
    const { settings, error } = parseSavedSettings(
      JSON.stringify({ syntax: 'amqp', subscriptions: [{ filter: 'pulp.#.finish', qos: 0 }, 'a/b'] }),
    );
    expect(settings?.syntax).toBe('amqp');
    expect(settings?.subscriptions).toEqual([{ filter: 'pulp.#.finish', qos: 0 }]);
    expect(error).toBe('Ignored 1 corrupt saved subscription');
  });
});

describe('saved log layout', () => {
  it('keeps valid summary templates, columns and highlights and rejects corrupt ones with a clear message', () => {
    const { settings, error } = parseSavedSettings(
      JSON.stringify({
        url: '',
        subscriptions: [],
        display: {
          summaries: [
            { pattern: 'sensors/+', template: '{payload.temp} °C' },
            { pattern: 'sensors/+', template: '{payload.temp' },
          ],
          time: 'relative',
          fields: ['payload.change.project'],
          highlights: [
            { filter: 'payload.result=failed', color: 'red' },
            { filter: 'x', color: 'pink' },
          ],
        },
      }),
    );
    expect(settings?.display?.summaries).toEqual([{ pattern: 'sensors/+', template: '{payload.temp} °C' }]);
    expect(settings?.display?.time).toBe('relative');
    expect(settings?.display?.fields).toEqual(['payload.change.project']);
    expect(settings?.display?.highlights).toEqual([{ filter: 'payload.result=failed', color: 'red' }]);
    expect(error).toBe(
      'Ignored saved summary template 2: Template "{payload.temp": Unclosed \'{\'; Ignored saved highlight rule 2: Unknown colour "pink"',
    );
  });
});
