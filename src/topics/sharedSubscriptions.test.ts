import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { covers, overlaps } from './filterCover';
import { matchTopic } from './matchTopic';
import { type Plan, SharedSubscriptions } from './sharedSubscriptions';

const TOPIC_WORDS = ['a', 'b', 'c', '$x'];
const TOPICS = (() => {
  let layer = TOPIC_WORDS.map((w) => [w]);
  const out = layer.map((l) => l.join('/'));
  for (let n = 2; n <= 4; n++) {
    layer = layer.flatMap((l) => TOPIC_WORDS.map((w) => [...l, w]));
    out.push(...layer.map((l) => l.join('/')));
  }
  return out;
})();

const filterArb = fc
  .array(fc.constantFrom('a', 'b', '$x', '+'), { minLength: 1, maxLength: 3 })
  .chain((levels) => fc.boolean().map((hash) => (hash ? [...levels.slice(0, -1), '#'] : levels).join('/')));

type Op = { kind: 'add' | 'remove'; view: string; filter: string } | { kind: 'leave'; view: string };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('add' as const),
    view: fc.constantFrom('v1', 'v2', 'v3'),
    filter: filterArb,
  }),
  fc.record({
    kind: fc.constant('remove' as const),
    view: fc.constantFrom('v1', 'v2', 'v3'),
    filter: filterArb,
  }),
  fc.record({ kind: fc.constant('leave' as const), view: fc.constantFrom('v1', 'v2', 'v3') }),
);

/** The broker's side: applies plans in order (subscribe first) and keeps what it holds. */
function applyPlan(broker: Set<string>, plan: Plan): void {
  for (const s of plan.subscribe) broker.add(s.filter);
  for (const f of plan.unsubscribe) broker.delete(f);
}

describe('SharedSubscriptions', () => {
  it('keeps the broker filters free of overlaps, covering every view filter, and routes each topic to exactly the views that match it', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 25 }), (ops) => {
        const shared = new SharedSubscriptions();
        const model = new Map<string, Set<string>>();
        const broker = new Set<string>();
        for (const op of ops) {
          if (op.kind === 'add') {
            applyPlan(broker, shared.add(op.view, op.filter, 0));
            model.set(op.view, (model.get(op.view) ?? new Set()).add(op.filter));
          } else if (op.kind === 'remove') {
            applyPlan(broker, shared.remove(op.view, op.filter));
            model.get(op.view)?.delete(op.filter);
          } else {
            applyPlan(broker, shared.removeView(op.view));
            model.delete(op.view);
          }
          const sent = [...shared.brokerFilters.keys()];
          expect(new Set(sent)).toEqual(broker);
          for (const p of sent) for (const q of sent) if (p !== q) expect(overlaps(p, q)).toBe(false);
          const viewFilters = [...model.values()].flatMap((s) => [...s]);
          for (const f of viewFilters) expect(sent.filter((s) => covers(s, f))).toHaveLength(1);
          // The last view using a broker filter gone, the filter goes too.
          for (const s of sent) expect(viewFilters.some((f) => covers(s, f))).toBe(true);
        }
        for (const t of TOPICS) {
          const expected = [...model]
            .filter(([, fs]) => [...fs].some((f) => matchTopic(f, t)))
            .map(([v]) => v)
            .sort();
          expect(shared.route(t, false).sort()).toEqual(expected);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('subscribes a filter once, for the first view, and unsubscribes it when the last view using it goes', () => {
    const shared = new SharedSubscriptions();
    expect(shared.add('v1', 'a/#', 0)).toEqual({ subscribe: [{ filter: 'a/#', qos: 0 }], unsubscribe: [] });
    // Subscribed again for v2's retained messages, at the highest QoS asked.
    expect(shared.add('v2', 'a/b', 1)).toEqual({ subscribe: [{ filter: 'a/#', qos: 1 }], unsubscribe: [] });
    expect(shared.removeView('v1')).toEqual({ subscribe: [], unsubscribe: [] });
    expect(shared.removeView('v2')).toEqual({ subscribe: [], unsubscribe: ['a/#'] });
  });

  it('replaces overlapping filters by one that covers them, so a publish reaches the connection once', () => {
    const shared = new SharedSubscriptions();
    shared.add('v1', 'a/+/c', 0);
    expect(shared.add('v2', 'a/b/+', 2)).toEqual({
      subscribe: [{ filter: 'a/+/+', qos: 2 }],
      unsubscribe: ['a/+/c'],
    });
    expect(shared.route('a/b/c', false).sort()).toEqual(['v1', 'v2']);
    expect(shared.route('a/x/c', false)).toEqual(['v1']);
    expect(shared.route('a/x/y', false)).toEqual([]);
  });

  it('gives a view with overlapping filters of its own each message once', () => {
    const shared = new SharedSubscriptions();
    shared.add('v1', 'a/#', 0);
    shared.add('v1', 'a/b/#', 0);
    expect(shared.route('a/b/c', false)).toEqual(['v1']);
  });

  it('sends retained messages only to the view whose SUBSCRIBE brought them', () => {
    const shared = new SharedSubscriptions();
    shared.add('v1', 'a/#', 0);
    expect(shared.answered('a/#')).toEqual([{ view: 'v1', filter: 'a/#' }]);
    expect(shared.route('a/status', true)).toEqual(['v1']);
    // v2 arrives later with a narrower filter: the broker re-sends a/#'s retained messages after its SUBACK.
    shared.add('v2', 'a/status', 0);
    expect(shared.answered('a/#')).toEqual([{ view: 'v2', filter: 'a/status' }]);
    expect(shared.route('a/status', true)).toEqual(['v2']);
    expect(shared.route('a/other', true)).toEqual([]);
    // Live messages go to both.
    expect(shared.route('a/status', false).sort()).toEqual(['v1', 'v2']);
  });

  it('switches retained messages to the next view at the SUBACK, before mqtt.js calls back', () => {
    const shared = new SharedSubscriptions();
    shared.add('v1', 'a/#', 0);
    shared.acked('a/#');
    expect(shared.route('a/status', true)).toEqual(['v1']);
    shared.add('v2', 'a/status', 0);
    shared.add('v3', 'a/#', 0);
    // v1's answer comes after its retained messages; v2's SUBACK is already in.
    expect(shared.answered('a/#')).toEqual([{ view: 'v1', filter: 'a/#' }]);
    shared.acked('a/#');
    expect(shared.route('a/status', true)).toEqual(['v2']);
    shared.acked('a/#');
    expect(shared.route('a/status', true)).toEqual(['v3']);
    expect(shared.answered('a/#')).toEqual([{ view: 'v2', filter: 'a/status' }]);
    expect(shared.answered('a/#')).toEqual([{ view: 'v3', filter: 'a/#' }]);
  });

  it('after a reconnect, retained messages of each broker filter go to every view under it', () => {
    const shared = new SharedSubscriptions();
    shared.add('v1', 'a/#', 0);
    shared.add('v2', 'a/b', 0);
    shared.resubscribedAll();
    expect(shared.answered('a/#')).toHaveLength(2);
    expect(shared.route('a/b', true).sort()).toEqual(['v1', 'v2']);
    expect(shared.route('a/c', true)).toEqual(['v1']);
  });

  it('keeps views waiting on a replaced SUBSCRIBE waiting on the merged one', () => {
    const shared = new SharedSubscriptions();
    shared.add('v1', 'a/+/c', 0);
    shared.add('v2', 'a/b/+', 0);
    expect(
      shared
        .answered('a/+/+')
        .map((a) => a.view)
        .sort(),
    ).toEqual(['v1', 'v2']);
  });
});
