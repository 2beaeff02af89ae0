import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VIEW,
  encodeQueryValue,
  MAX_ROWS,
  parseViewState,
  serializeViewState,
  type ViewState,
} from './viewState';

const level = fc.constantFrom('a', 'b', 'gerrit', 'pulp', 'x y', 'é', '@1', '');
const filterArb = fc
  .tuple(fc.array(fc.oneof(level, fc.constant('+')), { minLength: 1, maxLength: 4 }), fc.boolean())
  .map(([levels, hash]) => (hash ? [...levels, '#'] : levels).join('/'))
  .filter((f) => f !== '');

/** The characters a query treats specially, and the ones the encoder leaves bare. */
const tricky = fc
  .array(
    fc.constantFrom(
      '&',
      '=',
      '#',
      '+',
      '%',
      '?',
      ' ',
      '/',
      ':',
      '@',
      ',',
      '*',
      '~',
      "'",
      '(',
      ')',
      '!',
      'é',
      '😀',
      'a',
    ),
    {
      maxLength: 12,
    },
  )
  .map((chars) => chars.join(''));

const viewArb: fc.Arbitrary<ViewState> = fc.record({
  broker: fc.option(fc.constantFrom('ws://127.0.0.1:9001/', 'wss://firehose.example.org/mqtt?x=1&y=2'), {
    nil: undefined,
  }),
  subs: fc.uniqueArray(
    fc.record({ filter: filterArb, qos: fc.constantFrom(0, 1, 2) as fc.Arbitrary<0 | 1 | 2> }),
    {
      selector: (s) => s.filter,
      maxLength: 4,
    },
  ),
  syntax: fc.constant('mqtt' as const),
  version: fc.constantFrom('auto', '5', '3.1.1') as fc.Arbitrary<ViewState['version']>,
  filter: fc.oneof(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20, unit: 'grapheme' }), tricky),
  paused: fc.boolean(),
  theme: fc.constantFrom('auto', 'light', 'dark') as fc.Arbitrary<ViewState['theme']>,
  embed: fc.boolean(),
  rows: fc.option(fc.integer({ min: 1, max: MAX_ROWS }), { nil: undefined }),
  fields: fc.array(fc.constantFrom('payload.change.project', 'payload.type', 'topic', 'payload.a-b.c_d'), {
    maxLength: 3,
  }),
  title: fc.option(fc.oneof(fc.string({ maxLength: 30, unit: 'grapheme' }), tricky), { nil: undefined }),
  stale: fc.option(fc.integer({ min: 1, max: 604_800 }), { nil: undefined }),
  bg: fc.option(fc.constant('transparent' as const), { nil: undefined }),
  events: fc.boolean(),
  templates: fc.array(
    fc.record({
      pattern: fc.constantFrom('gerrit/#', 'sensors/+/temp', 'a b/+'),
      template: fc.oneof(
        fc.constantFrom('{payload.a} & {topic[1]}', '{{x}} = {payload["odd key"]} 😀'),
        tricky.map((t) => `${t.replaceAll('{', '{{').replaceAll('}', '}}')} {payload.x}`),
      ),
    }),
    { maxLength: 3 },
  ),
  time: fc.constantFrom('local', 'utc', 'relative') as fc.Arbitrary<ViewState['time']>,
  raw: fc.boolean(),
  mode: fc.constantFrom('log', 'latest') as fc.Arbitrary<ViewState['mode']>,
  hosts: fc.uniqueArray(fc.constantFrom('https://status.example.org', 'http://127.0.0.1:8080'), {
    maxLength: 2,
  }),
  share: fc.boolean(),
});

describe('view state URL codec', () => {
  it('reads AMQP patterns once it knows the syntax, whatever the parameter order', () => {
    const { view, ignored } = parseViewState(
      'sub=pulp.server.repo.*.finish&syntax=amqp&sub=pulp.%23.finish@1',
    );
    expect(ignored).toEqual([]);
    expect(view.syntax).toBe('amqp');
    expect(view.subs).toEqual([
      { filter: 'pulp.server.repo.*.finish', qos: 0 },
      { filter: 'pulp.#.finish', qos: 1 },
    ]);
    expect(serializeViewState(view)).toBe('sub=pulp.server.repo.*.finish&sub=pulp.%23.finish@1&syntax=amqp');
  });

  it('refuses an unknown syntax and an AMQP pattern that only MQTT could mean', () => {
    const { view, ignored } = parseViewState('syntax=stomp&sub=a/b');
    expect(view.syntax).toBe('mqtt');
    expect(view.subs).toEqual([{ filter: 'a/b', qos: 0 }]);
    expect(ignored.map((i) => i.param)).toEqual(['syntax']);
    const amqp = parseViewState('syntax=amqp&sub=a/b');
    expect(amqp.view.subs).toEqual([]);
    expect(amqp.ignored[0]?.reason).toMatch(/'\/'/);
  });

  it('decodes what it encodes, for every valid view', () => {
    fc.assert(
      fc.property(viewArb, (view) => {
        const { view: back, ignored } = parseViewState(serializeViewState(view));
        expect(ignored).toEqual([]);
        expect(back).toEqual({ ...view, broker: view.broker });
      }),
    );
  });

  it('gives one link per view: parameters in a stable order, defaults omitted', () => {
    const view: ViewState = {
      ...DEFAULT_VIEW,
      broker: 'wss://firehose.example.org/mqtt',
      subs: [
        { filter: 'gerrit/#', qos: 0 },
        { filter: 'pulp/+/finish', qos: 1 },
      ],
      filter: 'merged',
      theme: 'dark',
    };
    expect(serializeViewState(view)).toBe(
      'broker=wss://firehose.example.org/mqtt&sub=gerrit/%23&sub=pulp/%2B/finish@1&filter=merged&theme=dark',
    );
    expect(serializeViewState(DEFAULT_VIEW)).toBe('');
  });

  it('reads parameters in any order and keeps subscriptions in link order', () => {
    const { view } = parseViewState('?theme=light&sub=b/%23&broker=ws://h:1/&sub=a@2');
    expect(view.broker).toBe('ws://h:1/');
    expect(view.subs).toEqual([
      { filter: 'b/#', qos: 0 },
      { filter: 'a', qos: 2 },
    ]);
    expect(view.theme).toBe('light');
  });

  it.each([
    ['broker=javascript:alert(1)', 'broker', /Unsupported scheme "javascript:"/],
    ['broker=http://evil.example/', 'broker', /Unsupported scheme "http:"/],
    ['sub=a/%23/b', 'sub', /must be the last level/],
    ['theme=purple', 'theme', /theme must be/],
    ['rows=0', 'rows', /rows must be/],
    ['rows=1e3', 'rows', /rows must be/],
    ['v=4', 'v', /MQTT version/],
    ['fields=payload..x', 'fields', /not a field path/],
    ['password=secret', 'password', /unknown parameter/],
    ['mode=board', 'mode', /mode must be log or latest/],
    ['stale=0', 'stale', /stale must be/],
    ['host=*', 'host', /\* and null are refused/],
    ['host=null', 'host', /\* and null are refused/],
    ['host=javascript:alert(1)', 'host', /http:\/\/ or https:\/\//],
    ['host=https://status.example.org/page', 'host', /no path/],
    ['host=https://status.example.org?x=1', 'host', /no path, query/],
    ['host=https://u:p@status.example.org', 'host', /no user name/],
    ['host=status.example.org', 'host', /not an origin/],
  ])('ignores %s and says why', (query, param, reason) => {
    const { view, ignored } = parseViewState(query);
    expect(ignored).toHaveLength(1);
    expect(ignored[0]?.param).toBe(param);
    expect(ignored[0]?.reason).toMatch(reason);
    expect(view.broker).toBeUndefined();
  });

  it('reads mode=latest and writes it back; log is the default and is omitted', () => {
    expect(parseViewState('mode=latest').view.mode).toBe('latest');
    expect(parseViewState('').view.mode).toBe('log');
    expect(serializeViewState({ ...DEFAULT_VIEW, mode: 'latest', stale: 60 })).toBe('stale=60&mode=latest');
    expect(serializeViewState({ ...DEFAULT_VIEW, mode: 'log' })).toBe('');
  });

  it('keeps the valid host= origins, normalised, and lists each invalid one with its reason', () => {
    const { view, ignored } = parseViewState(
      'host=https://Status.Example.org:443/,http://127.0.0.1:8080,*,https://evil.example/x,https://status.example.org',
    );
    expect(view.hosts).toEqual(['https://status.example.org', 'http://127.0.0.1:8080']);
    expect(ignored.map((i) => [i.param, i.value])).toEqual([
      ['host', '*'],
      ['host', 'https://evil.example/x'],
    ]);
    expect(serializeViewState(view)).toBe('host=https://status.example.org,http://127.0.0.1:8080');
  });

  it('keeps the valid parameters next to invalid ones', () => {
    const { view, ignored } = parseViewState('broker=javascript:alert(1)&sub=ok/%23&sub=bad%23&theme=dark');
    expect(view.subs).toEqual([{ filter: 'ok/#', qos: 0 }]);
    expect(view.theme).toBe('dark');
    expect(ignored.map((i) => i.param)).toEqual(['broker', 'sub']);
  });

  it('leaves / : @ , bare in values, so a link is as long and as readable as the filter it holds', () => {
    expect(encodeQueryValue('gerrit/+/change-merged')).toBe('gerrit/%2B/change-merged');
    expect(encodeQueryValue('wss://h:443/mqtt')).toBe('wss://h:443/mqtt');
    expect(encodeQueryValue('a/#@1')).toBe('a/%23@1');
    expect(encodeQueryValue("topic:x, it's (new) & 100% = ok?")).toBe(
      'topic:x,+it%27s+%28new%29+%26+100%25+%3D+ok%3F',
    );
    expect(encodeQueryValue('a'.repeat(10) + '/'.repeat(10))).toHaveLength(20);
  });

  it('reads back every string it encodes, as URLSearchParams and the URL parser read it', {
    timeout: 60_000,
  }, () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (value) => {
        const query = `v=${encodeQueryValue(value)}`;
        const expected = new URLSearchParams({ v: value }).get('v');
        expect(new URLSearchParams(query).get('v')).toBe(expected);
        // What a browser does with the link: the query survives URL parsing unchanged.
        expect(new URL(`https://h/?${query}`).searchParams.get('v')).toBe(expected);
      }),
    );
  });

  it('does not echo credentials from a refused link parameter', () => {
    const { ignored } = parseViewState('broker=ws://user:secret@127.0.0.1:1/&password=hunter2&token=t0k');
    expect(ignored.map((i) => i.param)).toEqual(['broker', 'password', 'token']);
    expect(JSON.stringify(ignored)).not.toMatch(/secret|hunter2|t0k/);
    expect(ignored[0]?.value).toBe('ws://***@127.0.0.1:1/');
    expect(ignored[1]?.reason).toMatch(/credentials never go in a link/);
  });

  it('never throws, whatever the query string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        parseViewState(s);
      }),
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.constantFrom('broker', 'sub', 'v', 'rows', 'fields', 'stale', 'x'), fc.string()),
        ),
        (pairs) => {
          parseViewState(new URLSearchParams(pairs));
        },
      ),
    );
  });
});

describe('summary templates, time format and raw payloads in links', () => {
  it('round-trip and survive characters a query treats specially', () => {
    const view = {
      ...DEFAULT_VIEW,
      templates: [{ pattern: 'sensors/+', template: '{topic[1]}: {payload.temp} °C & {payload["a b"]}' }],
      time: 'utc' as const,
      raw: true,
    };
    const query = serializeViewState(view);
    expect(query).toContain('tpl=sensors/%2B+%3D%3E+');
    expect(parseViewState(query)).toEqual({ view, ignored: [] });
  });

  it('ignores a broken template with its reason and keeps the rest', () => {
    const { view, ignored } = parseViewState(
      'tpl=a/%23 => {payload.x}&tpl=nothing&tpl=b/+ => {payload.x&time=weekly',
    );
    expect(view.templates).toEqual([{ pattern: 'a/#', template: '{payload.x}' }]);
    expect(ignored.map((i) => i.param)).toEqual(['time', 'tpl', 'tpl']);
    expect(ignored[1]?.reason).toMatch(/tpl=<topic pattern> => <template>/);
    expect(ignored[2]?.reason).toMatch(/Unclosed/);
  });
});
