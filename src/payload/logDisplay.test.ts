import { describe, expect, it } from 'vitest';
import { MQTT_SYNTAX } from '../topics/syntax';
import { formatTimeAs, parseLogDisplay, TOPIC_COLORS, topicColorIndex } from './logDisplay';

describe('parseLogDisplay', () => {
  it('keeps valid entries and rejects corrupt ones with a clear message', () => {
    const { display, errors } = parseLogDisplay(
      {
        summaries: [
          { pattern: 'sensors/+', template: '{payload.temp} °C' },
          { pattern: 'a/#/b', template: '{payload.x}' },
          'not a rule',
          { pattern: 'x/#', template: '{payload.x' },
        ],
        showRaw: true,
        time: 'utc',
        hidden: ['size', 'bogus'],
        fields: ['payload.change.project', 'change.project', 42],
        widths: { topic: 5, summary: 400, evil: 'x' },
        highlights: [
          { filter: 'payload.result=failed', color: 'red' },
          { filter: '(unclosed', color: 'red' },
          { filter: 'x', color: 'chartreuse' },
        ],
      },
      MQTT_SYNTAX,
    );
    expect(display.summaries).toEqual([{ pattern: 'sensors/+', template: '{payload.temp} °C' }]);
    expect(display.showRaw).toBe(true);
    expect(display.time).toBe('utc');
    expect(display.hidden).toEqual(['size']);
    expect(display.fields).toEqual(['payload.change.project']);
    expect(display.widths).toEqual({ topic: 40, summary: 400 });
    expect(display.highlights).toEqual([{ filter: 'payload.result=failed', color: 'red' }]);
    expect(errors).toEqual([
      expect.stringMatching(/^Ignored saved summary template 2: Topic pattern "a\/#\/b"/),
      'Ignored saved summary template 3: not a {pattern, template} pair',
      expect.stringMatching(/^Ignored saved summary template 4: Template "\{payload.x": Unclosed/),
      expect.stringMatching(/^Ignored saved column: Field "change.project" must start with payload\./),
      expect.stringMatching(/^Ignored saved highlight rule 2: Highlight filter "\(unclosed"/),
      'Ignored saved highlight rule 3: Unknown colour "chartreuse"',
    ]);
  });

  it('reads a non-object as the defaults, with a reason', () => {
    expect(parseLogDisplay('nope', MQTT_SYNTAX).errors).toEqual([
      'Ignored the saved log layout: not an object',
    ]);
    expect(parseLogDisplay(undefined, MQTT_SYNTAX).errors).toEqual([]);
  });
});

describe('topic colours and time formats', () => {
  it('give a topic root the same colour every time, spread over the palette', () => {
    expect(topicColorIndex('gerrit')).toBe(topicColorIndex('gerrit'));
    const roots = ['gerrit', 'launchpad', 'pulp', 'status', 'irc', 'telemetry', 'zuul', 'github', 'a', 'b'];
    expect(new Set(roots.map(topicColorIndex)).size).toBeGreaterThan(4);
    for (const r of roots) expect(topicColorIndex(r)).toBeLessThan(TOPIC_COLORS);
  });

  it('shows UTC and relative times', () => {
    const t = Date.UTC(2026, 0, 2, 3, 4, 5, 67);
    expect(formatTimeAs(t, 'utc', t)).toBe('03:04:05.067Z');
    expect(formatTimeAs(t, 'relative', t + 4_200)).toBe('4 s ago');
    expect(formatTimeAs(t, 'relative', t + 3 * 60_000)).toBe('3 min ago');
  });
});
