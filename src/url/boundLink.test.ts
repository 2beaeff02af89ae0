import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundLink, describeBoundedLink, formatLinkSize, MAX_LINK_CHARS } from './boundLink';
import { DEFAULT_VIEW, parseViewState, serializeViewState, type ViewState } from './viewState';

const PREFIX = 'https://viewer.example.org/'.length;

const view = (patch: Partial<ViewState>): ViewState => ({
  ...DEFAULT_VIEW,
  broker: 'wss://firehose.example.org/mqtt',
  subs: [{ filter: 'gerrit/#', qos: 0 }],
  ...patch,
});

const linkLength = (query: string) => PREFIX + (query ? query.length + 1 : 0);

describe('boundLink', () => {
  it('keeps a view that fits exactly as serialized, dropping nothing', () => {
    const v = view({ filter: 'merged', theme: 'dark' });
    expect(boundLink(v, MAX_LINK_CHARS, PREFIX)).toEqual({
      query: serializeViewState(v),
      view: v,
      dropped: [],
      fullChars: linkLength(serializeViewState(v)),
    });
  });

  it('drops a 50 kB filter first and keeps the broker and subscriptions', () => {
    const v = view({ filter: 'a/'.repeat(25_000), theme: 'dark' });
    const bounded = boundLink(v, MAX_LINK_CHARS, PREFIX);
    expect(bounded.dropped).toEqual(['the filter']);
    expect(bounded.fullChars).toBeGreaterThan(50_000);
    expect(linkLength(bounded.query)).toBeLessThanOrEqual(MAX_LINK_CHARS);
    expect(parseViewState(bounded.query).view).toEqual({ ...v, filter: '' });
  });

  it('drops the title and fields before any subscription', () => {
    const v = view({ embed: true, title: 'T'.repeat(9_000), fields: ['payload.type'] });
    const bounded = boundLink(v, MAX_LINK_CHARS, PREFIX);
    expect(bounded.dropped).toEqual(['the title']);
    expect(bounded.view.subs).toEqual(v.subs);
    expect(bounded.view.fields).toEqual(['payload.type']);
  });

  it('drops subscriptions from the end, keeping as many as fit, in order', () => {
    const subs = Array.from({ length: 10 }, (_, i) => ({
      filter: `${i}/${'x'.repeat(1_000)}`,
      qos: 0 as const,
    }));
    const bounded = boundLink(view({ subs, filter: 'f'.repeat(100) }), MAX_LINK_CHARS, PREFIX);
    expect(bounded.dropped).toEqual(['the filter', 'the last 3 subscriptions of 10']);
    expect(bounded.view.subs).toEqual(subs.slice(0, 7));
    expect(linkLength(bounded.query)).toBeLessThanOrEqual(MAX_LINK_CHARS);
  });

  it('names a single dropped subscription, and all of them', () => {
    const huge = { filter: `a/${'x'.repeat(9_000)}`, qos: 1 as const };
    expect(boundLink(view({ subs: [huge] }), MAX_LINK_CHARS, PREFIX).dropped).toEqual(['the subscription']);
    expect(boundLink(view({ subs: [huge, huge] }), MAX_LINK_CHARS, PREFIX).dropped).toEqual([
      'all 2 subscriptions',
    ]);
    expect(
      boundLink(view({ subs: [{ filter: 'a', qos: 0 }, huge] }), MAX_LINK_CHARS, PREFIX).dropped,
    ).toEqual(['the last subscription of 2']);
  });

  it('drops a broker URL too long for any link before subscriptions that are not the problem', () => {
    const broker = `wss://h/${'p'.repeat(9_000)}`;
    const bounded = boundLink(view({ broker, filter: 'x' }), MAX_LINK_CHARS, PREFIX);
    expect(bounded.dropped).toEqual(['the filter', 'the broker URL']);
    expect(bounded.query).toBe('sub=gerrit/%23');
  });

  it('drops the broker last when everything is too long', () => {
    const broker = `wss://h/${'p'.repeat(5_000)}`;
    const subs = [{ filter: `a/${'x'.repeat(5_000)}`, qos: 0 as const }];
    const bounded = boundLink(view({ broker, subs }), MAX_LINK_CHARS, PREFIX);
    expect(bounded.dropped).toEqual(['the subscription']);
    const huge = [{ filter: `a/${'x'.repeat(9_000)}`, qos: 0 as const }];
    const worse = boundLink(
      view({ broker: `${broker}${'q'.repeat(4_000)}`, subs: huge }),
      MAX_LINK_CHARS,
      PREFIX,
    );
    expect(worse.dropped).toEqual(['the subscription', 'the broker URL']);
    expect(worse.query).toBe('');
  });

  it('counts the part before the ? against the bound', () => {
    const v = view({ filter: 'f'.repeat(7_900) });
    expect(boundLink(v, MAX_LINK_CHARS, 0).dropped).toEqual([]);
    expect(boundLink(v, MAX_LINK_CHARS, 500).dropped).toEqual(['the filter']);
  });

  it('never gives a link over the bound when dropping can help, and never drops from a link that fits', () => {
    const part = fc.string({ maxLength: 3_000, unit: 'grapheme-ascii' });
    fc.assert(
      fc.property(
        fc.record({
          filter: part,
          subs: fc.uniqueArray(
            part.map((s) => `t/${s.replace(/[#+]/g, '')}`).map((filter) => ({ filter, qos: 0 as const })),
            { selector: (s) => s.filter, maxLength: 5 },
          ),
          title: fc.option(part, { nil: undefined }),
        }),
        fc.integer({ min: 0, max: 200 }),
        (patch, prefix) => {
          const v = view(patch);
          const bounded = boundLink(v, MAX_LINK_CHARS, prefix);
          const full = prefix + serializeViewState(v).length + 1;
          if (full <= MAX_LINK_CHARS) expect(bounded.dropped).toEqual([]);
          expect(prefix + bounded.query.length + 1).toBeLessThanOrEqual(MAX_LINK_CHARS);
          // What is kept reads back as the kept view.
          expect(serializeViewState(parseViewState(bounded.query).view)).toBe(bounded.query);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('describeBoundedLink', () => {
  it('says what was left out, how long the link would have been, and why', () => {
    const bounded = boundLink(view({ filter: 'a/'.repeat(25_000) }), MAX_LINK_CHARS, PREFIX);
    expect(describeBoundedLink(bounded, 'Copied')).toBe(
      `Copied without the filter: the link would be ${formatLinkSize(bounded.fullChars)}; ` +
        'links are kept under 8 kB so servers accept them',
    );
    expect(formatLinkSize(bounded.fullChars)).toBe('50 kB');
  });

  it('lists several parts in words', () => {
    expect(
      describeBoundedLink(
        {
          query: '',
          view: DEFAULT_VIEW,
          dropped: ['the filter', 'the title', 'the fields'],
          fullChars: 51_200,
        },
        'Copied',
      ),
    ).toMatch(/^Copied without the filter, the title and the fields: the link would be 51 kB;/);
  });

  it('is just the action when nothing was dropped', () => {
    expect(describeBoundedLink(boundLink(view({})), 'Copied')).toBe('Copied');
  });
});
