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
        subscriptions: [{ filter: 'ok/#', qos: 1 }, { filter: 'bad#' }, 'x'],
        capacity: -5,
      }),
    );
    expect(settings).toEqual({
      url: '',
      username: '',
      clientId: '',
      version: 'auto',
      subscriptions: [{ filter: 'ok/#', qos: 1 }],
    });
    expect(error).toBe('Ignored 2 corrupt saved subscriptions');
  });
});
