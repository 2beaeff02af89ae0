import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareNames, type TopicNode, TopicTree, type TreeMessage } from './topicTree';

function msg(topic: string, time = 0, bytes = 1, retain = false): TreeMessage {
  return { topic, time, retain, payload: { byteLength: bytes } };
}

/** One batch at `now` with one message per listed topic, each stamped `now`. */
function feed(tree: TopicTree, now: number, ...topics: string[]): void {
  tree.ingest(
    topics.map((t) => msg(t, now)),
    now,
  );
}

function node(tree: TopicTree, path: string): TopicNode {
  const n = tree.find(path);
  if (n === undefined) throw new Error(`no node ${path}`);
  return n;
}

function rowPaths(rows: { node: TopicNode; level: number }[]): string[] {
  return rows.map((r) => `${'  '.repeat(r.level - 1)}${r.node.path}`);
}

function allNodes(root: TopicNode): TopicNode[] {
  const out: TopicNode[] = [];
  const walk = (n: TopicNode) => {
    out.push(n);
    for (const c of n.children.values()) walk(c);
  };
  walk(root);
  return out;
}

const expandAll = (tree: TopicTree) => new Set(allNodes(tree.root).map((n) => n.path));

describe('TopicTree ingest', () => {
  it('counts every message in each ancestor subtree, one node per level', () => {
    const tree = new TopicTree({ separator: '/' });
    feed(tree, 1000, 'a/b/c', 'a/b/c', 'a/b/d', 'a/e', 'f');
    expect(tree.root.count).toBe(5);
    expect(node(tree, 'a').count).toBe(4);
    expect(node(tree, 'a/b').count).toBe(3);
    expect(node(tree, 'a/b/c').count).toBe(2);
    expect(node(tree, 'f').count).toBe(1);
    expect(tree.topicCount).toBe(4);
    const c = node(tree, 'a/b/c');
    expect(c.name).toBe('c');
    expect(c.levels).toEqual(['a', 'b', 'c']);
    expect(c.depth).toBe(3);
    expect(c.parent).toBe(node(tree, 'a/b'));
    expect(tree.root.depth).toBe(0);
    expect(tree.root.path).toBe('');
    expect([...node(tree, 'a').children.keys()]).toEqual(['b', 'e']);
  });

  it('keeps a topic that is also an interior node: its own latest message plus its children in its count', () => {
    const tree = new TopicTree({ separator: '/' });
    feed(tree, 1000, 'a/b', 'a/b/c', 'a/b/c');
    const ab = node(tree, 'a/b');
    expect(ab.latest?.topic).toBe('a/b');
    expect(ab.count).toBe(3);
    expect(ab.children.size).toBe(1);
    expect(node(tree, 'a').latest).toBeUndefined();
    expect(tree.topicCount).toBe(2);
    // The other order: an interior node becoming a topic later.
    feed(tree, 2000, 'a');
    expect(node(tree, 'a').latest?.topic).toBe('a');
    expect(node(tree, 'a').count).toBe(4);
    expect(tree.topicCount).toBe(3);
  });

  it('splits on "." for AMQP routing keys, keeping "/" inside a level', () => {
    const tree = new TopicTree({ separator: '.' });
    feed(tree, 1000, 'sensor.kitchen/2.temp', 'sensor.hall');
    const temp = node(tree, 'sensor.kitchen/2.temp');
    expect(temp.levels).toEqual(['sensor', 'kitchen/2', 'temp']);
    expect(node(tree, 'sensor.kitchen/2').path).toBe('sensor.kitchen/2');
    expect(node(tree, 'sensor').count).toBe(2);
    expect(tree.find('sensor/kitchen')).toBeUndefined();
  });

  it('makes empty levels into nodes named "" for "a//b", "/x" and "x/"', () => {
    const tree = new TopicTree({ separator: '/' });
    feed(tree, 1000, 'a//b', '/x', 'x/');
    expect(node(tree, 'a/').name).toBe('');
    expect(node(tree, 'a//b').levels).toEqual(['a', '', 'b']);
    const leading = node(tree, '');
    expect(leading.depth).toBe(1);
    expect(leading.latest).toBeUndefined();
    expect(node(tree, '/x').parent).toBe(leading);
    expect(node(tree, 'x/').latest?.topic).toBe('x/');
    expect(node(tree, 'x').latest).toBeUndefined();
    expect(tree.topicCount).toBe(3);
  });

  it('replaces the latest message per topic and holds only the latest payload bytes', () => {
    const tree = new TopicTree({ separator: '/' });
    tree.ingest([msg('a', 1, 100, true), msg('b', 1, 10)], 1);
    expect(tree.heldBytes).toBe(110);
    expect(node(tree, 'a').retained).toBe(true);
    tree.ingest([msg('a', 2, 30, false)], 2);
    expect(tree.heldBytes).toBe(40);
    expect(node(tree, 'a').retained).toBe(false);
    expect(node(tree, 'a').latest?.time).toBe(2);
  });

  it('sets lastTime to the time of the most recent message anywhere in the subtree', () => {
    const tree = new TopicTree({ separator: '/' });
    tree.ingest([msg('a/b', 100), msg('a/c', 200)], 200);
    tree.ingest([msg('a/b', 300)], 300);
    expect(node(tree, 'a').lastTime).toBe(300);
    expect(node(tree, 'a/c').lastTime).toBe(200);
    expect(tree.root.lastTime).toBe(300);
    expect(new TopicTree({ separator: '/' }).root.lastTime).toBe(0);
  });

  it('changes version on every non-empty batch and on clear, but not on an empty batch', () => {
    const tree = new TopicTree({ separator: '/' });
    const v0 = tree.version;
    feed(tree, 1, 'a');
    const v1 = tree.version;
    expect(v1).not.toBe(v0);
    tree.ingest([], 2);
    expect(tree.version).toBe(v1);
    tree.clear();
    expect(tree.version).not.toBe(v1);
  });

  it('finds nodes by display path, never the root, and undefined for unknown paths', () => {
    const tree = new TopicTree({ separator: '/' });
    feed(tree, 1, 'a/b');
    expect(tree.find('a')?.path).toBe('a');
    expect(tree.find('a/b/c')).toBeUndefined();
    expect(tree.find('b')).toBeUndefined();
    expect(tree.find('')).toBeUndefined();
  });

  it('rejects an empty separator, a topic cap below 1 and a non-positive rate window', () => {
    expect(() => new TopicTree({ separator: '' })).toThrow(RangeError);
    expect(() => new TopicTree({ separator: '/', maxTopics: 0 })).toThrow(RangeError);
    expect(() => new TopicTree({ separator: '/', maxBytes: -1 })).toThrow(RangeError);
    expect(() => new TopicTree({ separator: '/', rateWindowMs: 0 })).toThrow(RangeError);
  });

  it('clear empties topics, bytes, counts and the pruned counter, keeping the same root', () => {
    const tree = new TopicTree({ separator: '/', maxTopics: 2 });
    feed(tree, 1, 'a/b', 'c', 'd');
    expect(tree.pruned).toBeGreaterThan(0);
    const root = tree.root;
    tree.clear();
    expect(tree.root).toBe(root);
    expect(tree.topicCount).toBe(0);
    expect(tree.heldBytes).toBe(0);
    expect(tree.pruned).toBe(0);
    expect(root.count).toBe(0);
    expect(root.lastTime).toBe(0);
    expect(root.children.size).toBe(0);
    expect(tree.find('d')).toBeUndefined();
    expect(tree.rows({ expanded: new Set(), sort: 'name', now: 2 })).toEqual([]);
    feed(tree, 3, 'x');
    expect(root.count).toBe(1);
  });
});

describe('TopicTree rates', () => {
  /** 5 messages to `topic` every 100 ms from `from` to `to` (exclusive): 50 msgs/s. */
  function steady(tree: TopicTree, topic: string, from: number, to: number): void {
    for (let t = from; t < to; t += 100)
      tree.ingest(
        [0, 1, 2, 3, 4].map(() => msg(topic, t)),
        t,
      );
  }

  it('reads a steady 50 msgs/s as 50 on the topic and every ancestor', () => {
    const tree = new TopicTree({ separator: '/' });
    steady(tree, 'a/b', 0, 20_000);
    expect(tree.rate(node(tree, 'a/b'), 20_000)).toBeCloseTo(50, 6);
    expect(tree.rate(node(tree, 'a'), 20_000)).toBeCloseTo(50, 6);
    expect(tree.rate(tree.root, 20_000)).toBeCloseTo(50, 6);
  });

  it('decays to 0 once the node has been idle for the whole 10 s window', () => {
    const tree = new TopicTree({ separator: '/' });
    steady(tree, 'a/b', 0, 20_000);
    steady(tree, 'c', 0, 40_000);
    const halfway = tree.rate(node(tree, 'a'), 25_000);
    expect(halfway).toBeGreaterThan(0);
    expect(halfway).toBeLessThan(50);
    expect(tree.rate(node(tree, 'a/b'), 19_900 + 10_000)).toBe(0);
    expect(tree.rate(node(tree, 'a'), 40_000)).toBe(0);
    expect(tree.rate(tree.root, 40_000)).toBeCloseTo(50, 6); // 'c' kept going
  });

  it('divides by the time since the first batch during the first window, so rates do not ramp up', () => {
    const tree = new TopicTree({ separator: '/' });
    steady(tree, 'a', 5_000, 7_000);
    expect(tree.rate(node(tree, 'a'), 7_000)).toBeCloseTo(50, 6);
  });

  it('honours a custom rate window', () => {
    const tree = new TopicTree({ separator: '/', rateWindowMs: 1_000 });
    steady(tree, 'a', 0, 3_000);
    expect(tree.rate(node(tree, 'a'), 3_000)).toBeCloseTo(50, 6);
    expect(tree.rate(node(tree, 'a'), 3_950)).toBe(0);
  });

  it('reads 0 for a node that was pruned, cleared away or belongs to another tree', () => {
    const tree = new TopicTree({ separator: '/', maxTopics: 1 });
    feed(tree, 1000, 'old');
    const old = node(tree, 'old');
    feed(tree, 1000, 'new');
    expect(tree.find('old')).toBeUndefined();
    expect(tree.rate(old, 1000)).toBe(0);
    const kept = node(tree, 'new');
    tree.clear();
    expect(tree.rate(kept, 1000)).toBe(0);
    const other = new TopicTree({ separator: '/' });
    feed(other, 1000, 'x');
    expect(tree.rate(node(other, 'x'), 1000)).toBe(0);
  });
});

describe('TopicTree pruning', () => {
  it('prunes the least recently seen topics down to 90 % of maxTopics and counts them', () => {
    const tree = new TopicTree({ separator: '/', maxTopics: 10 });
    feed(tree, 1, ...Array.from({ length: 10 }, (_, i) => `t${i}`));
    expect(tree.pruned).toBe(0);
    feed(tree, 2, 't0'); // seen again: now the most recent but one
    feed(tree, 3, 't10'); // 11 > 10: trim to 9, dropping t1 and t2
    expect(tree.topicCount).toBe(9);
    expect(tree.pruned).toBe(2);
    expect(tree.find('t1')).toBeUndefined();
    expect(tree.find('t2')).toBeUndefined();
    expect(tree.find('t0')?.count).toBe(2);
    expect(tree.root.count).toBe(10);
  });

  it('removes interior nodes left empty and keeps ancestor counts and rates equal to what remains', () => {
    const tree = new TopicTree({ separator: '/', maxTopics: 3 });
    feed(tree, 1000, 'x/y/z', 'x/y/z', 'x/y/z', 'a/b', 'a/b', 'a/c');
    feed(tree, 1000, 'a/d'); // 4 > 3: trim to 2 by dropping x/y/z and a/b
    expect(tree.find('x')).toBeUndefined();
    expect(tree.find('x/y')).toBeUndefined();
    expect(tree.find('a/b')).toBeUndefined();
    expect([...tree.root.children.keys()]).toEqual(['a']);
    expect(node(tree, 'a').count).toBe(2);
    expect(tree.root.count).toBe(2);
    expect(tree.pruned).toBe(2);
    const a = tree.rate(node(tree, 'a'), 1000);
    expect(a).toBeCloseTo(tree.rate(node(tree, 'a/c'), 1000) + tree.rate(node(tree, 'a/d'), 1000), 9);
    expect(tree.rate(tree.root, 1000)).toBeCloseTo(a, 9);
  });

  it('keeps a pruned topic that has children as an interior node counting only its children', () => {
    const tree = new TopicTree({ separator: '/', maxTopics: 4 });
    tree.ingest([msg('a', 1, 1, true), msg('a', 1), msg('a', 1)], 1);
    feed(tree, 2, 'c', 'a/b', 'd');
    feed(tree, 3, 'e'); // 5 > 4: trim to 3 by dropping 'a' and 'c'
    const a = node(tree, 'a');
    expect(a.latest).toBeUndefined();
    expect(a.retained).toBe(false);
    expect(a.count).toBe(1);
    expect(a.children.size).toBe(1);
    expect(tree.root.count).toBe(3);
    expect(tree.topicCount).toBe(3);
  });

  it('prunes by held bytes down to 90 % of maxBytes, keeping the newest topic even when it alone is over', () => {
    const tree = new TopicTree({ separator: '/', maxBytes: 100 });
    tree.ingest([msg('t1', 1, 30), msg('t2', 1, 30), msg('t3', 1, 30)], 1);
    expect(tree.pruned).toBe(0);
    tree.ingest([msg('t4', 2, 30)], 2); // 120 > 100: trim to <= 90 by dropping t1
    expect(tree.heldBytes).toBe(90);
    expect(tree.find('t1')).toBeUndefined();
    expect(tree.pruned).toBe(1);
    tree.ingest([msg('big', 3, 500)], 3);
    expect(tree.topicCount).toBe(1);
    expect(tree.heldBytes).toBe(500);
    expect(tree.find('big')?.latest?.payload.byteLength).toBe(500);
    expect(tree.pruned).toBe(4);
  });

  it('never holds more topics than the cap and keeps every count consistent after any sequence of batches', () => {
    const level = fc.constantFrom('a', 'b', '', 'c');
    const topic = fc.array(level, { minLength: 1, maxLength: 3 }).map((l) => l.join('/'));
    const message = fc.record({ topic, bytes: fc.nat(40) });
    const batch = fc.array(message, { maxLength: 12 });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 200 }),
        fc.array(batch, { maxLength: 15 }),
        (maxTopics, maxBytes, batches) => {
          const tree = new TopicTree({ separator: '/', maxTopics, maxBytes });
          // The model: per topic its message count and latest size; Map order is recency (delete + set).
          const model = new Map<string, { count: number; bytes: number; time: number }>();
          let pruned = 0;
          let now = 0;
          for (const b of batches) {
            now += 250;
            const msgs = b.map((m, i) => msg(m.topic, now + i / 100, m.bytes));
            tree.ingest(msgs, now);
            for (const m of msgs) {
              const prev = model.get(m.topic);
              model.delete(m.topic);
              model.set(m.topic, {
                count: (prev?.count ?? 0) + 1,
                bytes: m.payload.byteLength,
                time: m.time,
              });
            }
            const held = () => [...model.values()].reduce((s, e) => s + e.bytes, 0);
            if (model.size > maxTopics || held() > maxBytes) {
              const topicTarget =
                model.size > maxTopics ? Math.max(1, Math.floor(maxTopics * 0.9)) : maxTopics;
              const byteTarget = held() > maxBytes ? maxBytes * 0.9 : maxBytes;
              while (model.size > 1 && (model.size > topicTarget || held() > byteTarget)) {
                model.delete(model.keys().next().value as string);
                pruned++;
              }
            }

            expect(tree.topicCount).toBeLessThanOrEqual(maxTopics);
            expect(tree.topicCount).toBe(model.size);
            expect(tree.pruned).toBe(pruned);
            expect(tree.heldBytes).toBe(held());
            for (const n of allNodes(tree.root)) {
              const childSum = [...n.children.values()].reduce((s, c) => s + c.count, 0);
              const own = n.latest === undefined ? 0 : (model.get(n.path)?.count ?? Number.NaN);
              expect(n.count).toBe(own + childSum);
              const childTimes = [...n.children.values()].map((c) => c.lastTime);
              expect(n.lastTime).toBe(Math.max(n.latest?.time ?? 0, ...childTimes));
              if (n !== tree.root) expect(n.latest !== undefined || n.children.size > 0).toBe(true);
            }
            for (const [t, e] of model) expect(tree.find(t)?.latest?.time).toBe(e.time);
            // Pruned topics' in-window messages came off the ancestors' rates too.
            expect(tree.matching(() => true, now).rate).toBeCloseTo(tree.rate(tree.root, now), 6);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('TopicTree rows', () => {
  function sample(): TopicTree {
    const tree = new TopicTree({ separator: '/' });
    feed(tree, 1000, 'home/kitchen/temp', 'home/kitchen/temp', 'home/hall', 'garden', 'zoo/a');
    return tree;
  }

  it('lists only the top-level nodes when nothing is expanded, with aria level, set size and position', () => {
    const rows = sample().rows({ expanded: new Set(), sort: 'name', now: 1000 });
    expect(rows.map((r) => [r.node.path, r.level, r.setSize, r.posInSet, r.hasChildren, r.expanded])).toEqual(
      [
        ['garden', 1, 3, 1, false, false],
        ['home', 1, 3, 2, true, false],
        ['zoo', 1, 3, 3, true, false],
      ],
    );
  });

  it('shows the children of expanded paths only while every ancestor is expanded too', () => {
    const tree = sample();
    const rows = tree.rows({ expanded: new Set(['home', 'home/kitchen', 'zoo/a']), sort: 'name', now: 1000 });
    expect(rowPaths(rows)).toEqual([
      'garden',
      'home',
      '  home/hall',
      '  home/kitchen',
      '    home/kitchen/temp',
      'zoo',
    ]);
    const kitchen = rows[3];
    expect(kitchen).toMatchObject({ level: 2, setSize: 2, posInSet: 2, hasChildren: true, expanded: true });
    const collapsed = tree.rows({ expanded: new Set(['home/kitchen']), sort: 'name', now: 1000 });
    expect(rowPaths(collapsed)).toEqual(['garden', 'home', 'zoo']);
  });

  it('sorts names numerically and ignoring ASCII case, the same in every locale', () => {
    const tree = new TopicTree({ separator: '/' });
    feed(tree, 1, 'n/sensor10', 'n/Sensor2', 'n/sensor1', 'n/b', 'n/A', 'n/sensor02');
    const rows = tree.rows({ expanded: new Set(['n']), sort: 'name', now: 1 });
    expect(rows.slice(1).map((r) => r.node.name)).toEqual([
      'A',
      'b',
      'sensor1',
      'Sensor2',
      'sensor02',
      'sensor10',
    ]);
    expect(compareNames('a', 'a')).toBe(0);
    expect(Math.sign(compareNames('x9', 'x10'))).toBe(-1);
    expect(Math.sign(compareNames('x', 'x1'))).toBe(-1);
  });

  it('sorts by count and by rate descending, ties by name', () => {
    const tree = new TopicTree({ separator: '/' });
    feed(tree, 0, 'b', 'c', 'c', 'a', 'd', 'd');
    feed(tree, 9_500, 'b', 'b', 'b'); // b: most messages, a–d older
    expect(tree.rows({ expanded: new Set(), sort: 'count', now: 9_500 }).map((r) => r.node.path)).toEqual([
      'b',
      'c',
      'd',
      'a',
    ]);
    // At 10 s the messages from t=0 have left the window: only b has a rate, the rest tie at 0.
    expect(tree.rows({ expanded: new Set(), sort: 'rate', now: 10_000 }).map((r) => r.node.path)).toEqual([
      'b',
      'a',
      'c',
      'd',
    ]);
  });

  it('search shows matches and their ancestors, forcing the ancestors open, case-insensitively', () => {
    const tree = sample();
    const rows = tree.rows({ expanded: new Set(), sort: 'name', now: 1000, search: 'TEMP' });
    expect(rowPaths(rows)).toEqual(['home', '  home/kitchen', '    home/kitchen/temp']);
    expect(rows.map((r) => [r.setSize, r.posInSet, r.expanded])).toEqual([
      [1, 1, true],
      [1, 1, true],
      [1, 1, false],
    ]);
  });

  it('search leaves a matching node collapsed until expanded, then shows its whole subtree', () => {
    const tree = sample();
    const opts = { sort: 'name' as const, now: 1000, search: 'kitchen' };
    expect(rowPaths(tree.rows({ ...opts, expanded: new Set() }))).toEqual(['home', '  home/kitchen']);
    expect(rowPaths(tree.rows({ ...opts, expanded: new Set(['home/kitchen']) }))).toEqual([
      'home',
      '  home/kitchen',
      '    home/kitchen/temp',
    ]);
    expect(tree.rows({ ...opts, expanded: new Set(), search: 'nothing' })).toEqual([]);
  });

  it('search ignores case outside ASCII too and finds matches spanning a separator', () => {
    const tree = new TopicTree({ separator: '/' });
    feed(tree, 1, 'Haus/Küche/Temp', 'Haus/Bad');
    const search = (q: string) =>
      rowPaths(tree.rows({ expanded: new Set(), sort: 'name', now: 1, search: q }));
    expect(search('KÜCHE')).toEqual(['Haus', '  Haus/Küche']);
    expect(search('s/b')).toEqual(['Haus', '  Haus/Bad']);
  });

  it('an empty search shows the normal tree', () => {
    const tree = sample();
    const expanded = expandAll(tree);
    expect(tree.rows({ expanded, sort: 'name', now: 1000, search: '' })).toEqual(
      tree.rows({ expanded, sort: 'name', now: 1000 }),
    );
    expect(tree.rows({ expanded, sort: 'name', now: 1000 })).toHaveLength(7);
  });
});

describe('TopicTree completions', () => {
  function gerrit(): TopicTree {
    const tree = new TopicTree({ separator: '/' });
    feed(tree, 1, 'gerrit/openstack', 'gerrit/openstack', 'gerrit/opendev', 'gerrit/other/x');
    feed(tree, 1, 'gerrit/opendev', 'gerrit/opendev', 'github/x');
    return tree;
  }

  it('completes the last level from the children of the complete levels, most messages first', () => {
    const tree = gerrit();
    expect(tree.completions('gerrit/op', 10)).toEqual(['gerrit/opendev', 'gerrit/openstack']);
    expect(tree.completions('gerrit/', 2)).toEqual(['gerrit/opendev', 'gerrit/openstack']);
    expect(tree.completions('gerrit/OPENS', 10)).toEqual(['gerrit/openstack']);
    expect(tree.completions('g', 10)).toEqual(['gerrit', 'github']);
    expect(tree.completions('', 1)).toEqual(['gerrit']);
    expect(tree.completions('gerrit/op', 0)).toEqual([]);
  });

  it('returns nothing after a wildcard level or under an unknown path', () => {
    const tree = gerrit();
    expect(tree.completions('+/op', 10)).toEqual([]);
    expect(tree.completions('#/', 10)).toEqual([]);
    expect(tree.completions('gerrit/*/x', 10)).toEqual([]);
    expect(tree.completions('nope/x', 10)).toEqual([]);
  });

  it('completes with the "." separator for AMQP', () => {
    const tree = new TopicTree({ separator: '.' });
    feed(tree, 1, 'pulp.task.finish', 'pulp.task.start', 'pulp.repo');
    expect(tree.completions('pulp.task.f', 5)).toEqual(['pulp.task.finish']);
    expect(tree.completions('pulp.*.f', 5)).toEqual([]);
  });
});

describe('TopicTree matching and topics', () => {
  it('matching counts accepted topics and sums only their own rates, not their children', () => {
    const tree = new TopicTree({ separator: '/' });
    for (let t = 0; t < 10_000; t += 1000) {
      tree.ingest([msg('a/b', t), msg('a/b/c', t), msg('a/b/c', t), msg('x', t)], t);
    }
    const now = 10_000;
    expect(tree.matching((t) => t.startsWith('a/b'), now)).toEqual({ topics: 2, rate: 3 });
    expect(tree.matching((t) => t === 'a/b', now)).toEqual({ topics: 1, rate: 1 });
    expect(tree.matching(() => true, now).rate).toBeCloseTo(tree.rate(tree.root, now), 9);
    expect(tree.matching(() => false, now)).toEqual({ topics: 0, rate: 0 });
  });

  it('topics lists topic nodes under a path, filtered by search, sorted and limited', () => {
    const tree = new TopicTree({ separator: '/' });
    feed(tree, 1000, 'a', 'a/x10', 'a/x2', 'a/x2', 'a/y', 'b/x1');
    const names = (ns: TopicNode[]) => ns.map((n) => n.path);
    expect(names(tree.topics({ sort: 'name', now: 1000, limit: 10 }))).toEqual([
      'a',
      'a/x2',
      'a/x10',
      'a/y',
      'b/x1',
    ]);
    // count is the subtree count, as everywhere: topic 'a' holds its 4 children's messages plus its own.
    expect(names(tree.topics({ under: 'a', sort: 'count', now: 1000, limit: 2 }))).toEqual(['a', 'a/x2']);
    expect(names(tree.topics({ under: 'a', search: 'X', sort: 'name', now: 1000, limit: 10 }))).toEqual([
      'a/x2',
      'a/x10',
    ]);
    expect(names(tree.topics({ search: 'x', sort: 'rate', now: 1000, limit: 1 }))).toEqual(['a/x2']);
    expect(names(tree.topics({ match: (t) => t.includes('1'), sort: 'name', now: 1000, limit: 10 }))).toEqual(
      ['a/x10', 'b/x1'],
    );
    expect(tree.topics({ under: 'nope', sort: 'name', now: 1000, limit: 10 })).toEqual([]);
    expect(tree.topics({ sort: 'name', now: 1000, limit: 0 })).toEqual([]);
  });

  it('topics by name lists in tree order, a parent before its whole subtree, and stops at the limit', () => {
    const tree = new TopicTree({ separator: '/' });
    feed(tree, 1, 'a-c', 'a/b', 'a', 'b/2', 'b/10');
    const byName = (limit: number) => tree.topics({ sort: 'name', now: 1, limit }).map((n) => n.path);
    expect(byName(10)).toEqual(['a', 'a/b', 'a-c', 'b/2', 'b/10']);
    expect(byName(3)).toEqual(['a', 'a/b', 'a-c']);
  });

  it('topics by count or rate returns the same first `limit` as sorting everything', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'a/b', 'a/c', 'b/a', 'c/c/c'), fc.nat(3)), {
          maxLength: 40,
        }),
        fc.integer({ min: 1, max: 8 }),
        (msgs, limit) => {
          const tree = new TopicTree({ separator: '/' });
          for (const [topic, t] of msgs) tree.ingest([msg(topic, t * 1000)], t * 1000);
          const now = 4000;
          const all = tree.topics({ sort: 'name', now, limit: 1000 });
          const full = (key: (n: TopicNode) => number) =>
            [...all]
              .sort((x, y) => key(y) - key(x) || compareNames(x.path, y.path))
              .slice(0, limit)
              .map((n) => n.path);
          const got = (sort: 'count' | 'rate') => tree.topics({ sort, now, limit }).map((n) => n.path);
          expect(got('count')).toEqual(full((n) => n.count));
          expect(got('rate')).toEqual(full((n) => tree.rate(n, now)));
        },
      ),
    );
  });

  it('topics with sort "recent" lists the most recently received first', () => {
    const tree = new TopicTree({ separator: '/' });
    feed(tree, 1, 'a/1', 'b/1', 'a/2');
    feed(tree, 2, 'a/1');
    const recent = (under?: string) =>
      tree.topics({ under, sort: 'recent', now: 2, limit: 10 }).map((n) => n.path);
    expect(recent()).toEqual(['a/1', 'a/2', 'b/1']);
    expect(recent('a')).toEqual(['a/1', 'a/2']);
    expect(tree.topics({ sort: 'recent', now: 2, limit: 1 }).map((n) => n.path)).toEqual(['a/1']);
  });
});
