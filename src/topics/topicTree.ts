/**
 * Live topic tree: every topic seen since connecting, split on a separator ('/' for MQTT, '.' for AMQP)
 * into one node per level, with per-subtree message counts, rates and the latest message per topic.
 *
 * It is fed on the main thread in batches (one call a frame, up to thousands of messages, 25,000 msgs/s),
 * so ingest is built around the common case of a topic seen before: one Map lookup from topic string to
 * node, then a walk up the parents (depth ~5) bumping counts and rate buckets. Only a new topic is split,
 * with one children-Map lookup per level as in MQTT Explorer's TreeNode. One clock value per batch.
 *
 * Memory stays flat for a tab left open for hours: past `maxTopics` distinct topics or `maxBytes` held by
 * latest messages, the least recently seen topics are pruned down to 90 % of the cap. Trimming 10 % at a
 * time means a firehose of new topics pays one prune per 10,000 topics at the default cap, not one per
 * message. Pruned messages are subtracted from every ancestor's count and rate, and counted in `pruned`.
 *
 * Per node (think 100,000 of them) there are no closures and no typed array objects: rate buckets for all
 * nodes live in one shared Uint32Array indexed by the node's slot (10 buckets × 4 bytes), because a
 * separate small typed array per node costs ~10× that in object headers. Leaves share one empty Map.
 */

export interface TreeMessage {
  topic: string;
  time: number;
  retain: boolean;
  payload: { byteLength: number };
}

export type TreeSort = 'name' | 'count' | 'rate';

export interface TopicNode<M extends TreeMessage = TreeMessage> {
  /** Level name ('' for an empty level, as in `a//b`). */
  readonly name: string;
  /** Full display path joined with the separator; equals the topic for topic nodes; '' for the root. */
  readonly path: string;
  /** Level names from the first level down to this one (computed on each read: keep it off hot paths). */
  readonly levels: readonly string[];
  readonly parent: TopicNode<M> | null;
  readonly children: ReadonlyMap<string, TopicNode<M>>;
  /** Root 0, first level 1. */
  readonly depth: number;
  /** Messages in this subtree since connecting, minus those of pruned topics. */
  readonly count: number;
  /** `time` of the most recently received message in the subtree (ms), 0 if none. */
  readonly lastTime: number;
  /** The latest message published to exactly this topic; undefined for pure interior nodes. */
  readonly latest: M | undefined;
  /** The latest message to exactly this topic was retained. */
  readonly retained: boolean;
}

export interface TreeRow<M extends TreeMessage = TreeMessage> {
  node: TopicNode<M>;
  /** 1-based, for aria-level: top-level nodes are 1. */
  level: number;
  /** Visible siblings including this row (aria-setsize). */
  setSize: number;
  /** 1-based position among the visible siblings (aria-posinset). */
  posInSet: number;
  hasChildren: boolean;
  expanded: boolean;
}

export interface TopicTreeOptions {
  separator: string;
  maxTopics?: number;
  maxBytes?: number;
  rateWindowMs?: number;
}

export const DEFAULT_MAX_TOPICS = 100_000;
/** 64 MiB of latest payloads: ~650 bytes average at the 100,000-topic cap, the larger payloads are rare. */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
export const DEFAULT_RATE_WINDOW_MS = 10_000;

/** Buckets per rate window: 1 s buckets at the default 10 s window, so a rate moves in ≤ 10 % steps. */
const BUCKETS = 10;
/** Over a cap, prune down to this fraction of it, so pruning runs once per 10 % of the cap (amortised). */
const TRIM_TO = 0.9;

const WILDCARD_LEVELS = new Set(['+', '*', '#']);

// Shared by every leaf: at 100,000 leaves an empty Map each would cost several megabytes for nothing.
// Never mutated: addChild swaps in a fresh Map first, removeChild swaps this back in when the last goes.
const NO_CHILDREN = new Map<string, never>();

class Node<M extends TreeMessage> implements TopicNode<M> {
  children: Map<string, Node<M>> = NO_CHILDREN as Map<string, Node<M>>;
  count = 0;
  /** Messages to exactly this topic (count minus the children's counts). */
  own = 0;
  lastTime = 0;
  latest: M | undefined = undefined;
  // Intrusive doubly-linked LRU list of topic nodes: moving a topic to the tail is O(1) per message,
  // where a Map delete+set would be two hash operations and a sort at prune time O(n log n).
  lruPrev: Node<M> | null = null;
  lruNext: Node<M> | null = null;
  /** Children sorted by name, kept until a child is added or removed: name order does not change. */
  byName: Node<M>[] | null = null;

  constructor(
    readonly name: string,
    readonly path: string,
    readonly parent: Node<M> | null,
    readonly depth: number,
    /** Index into the shared rate buckets; -1 once removed from the tree. */
    public slot: number,
  ) {}

  get retained(): boolean {
    return this.latest?.retain === true;
  }

  get levels(): string[] {
    const out: string[] = [];
    for (let n: Node<M> | null = this; n?.parent; n = n.parent) out.push(n.name);
    return out.reverse();
  }

  addChild(child: Node<M>): void {
    if (this.children === NO_CHILDREN) this.children = new Map();
    this.children.set(child.name, child);
    this.byName = null;
  }

  removeChild(child: Node<M>): void {
    this.children.delete(child.name);
    if (this.children.size === 0) this.children = NO_CHILDREN as Map<string, Node<M>>;
    this.byName = null;
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** ASCII case fold only: locale-independent, so the order is the same in every browser and in Node. */
function fold(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/**
 * Locale-independent natural order: digit runs compare as numbers (`sensor2` < `sensor10`), letters
 * ignoring ASCII case, everything else by UTF-16 code unit; exact ties fall back to plain code-unit order
 * so the result is a total order (`01` vs `1`, `A` vs `a`). Intl.Collator would vary with the locale.
 */
export function compareNames(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (isDigit(ca) && isDigit(cb)) {
      while (i < a.length && a.charCodeAt(i) === 48) i++;
      while (j < b.length && b.charCodeAt(j) === 48) j++;
      let ei = i;
      let ej = j;
      while (ei < a.length && isDigit(a.charCodeAt(ei))) ei++;
      while (ej < b.length && isDigit(b.charCodeAt(ej))) ej++;
      if (ei - i !== ej - j) return ei - i - (ej - j);
      for (; i < ei; i++, j++) {
        const d = a.charCodeAt(i) - b.charCodeAt(j);
        if (d !== 0) return d;
      }
      continue;
    }
    const d = fold(ca) - fold(cb);
    if (d !== 0) return d;
    i++;
    j++;
  }
  const rest = a.length - i - (b.length - j);
  if (rest !== 0) return rest;
  return a < b ? -1 : a > b ? 1 : 0;
}

function byName<M extends TreeMessage>(a: Node<M>, b: Node<M>): number {
  return compareNames(a.name, b.name);
}
function byCount<M extends TreeMessage>(a: Node<M>, b: Node<M>): number {
  return b.count - a.count || compareNames(a.name, b.name);
}
function byPath<M extends TreeMessage>(a: Node<M>, b: Node<M>): number {
  return compareNames(a.path, b.path);
}

/** A node with a sort key computed once before sorting (a rate costs 10 bucket reads). */
interface Keyed<M extends TreeMessage> {
  node: Node<M>;
  key: number;
}

/**
 * Whether `s` contains `q` (already lower-cased) from index `from` on, ignoring case, without allocating
 * a lower-cased copy of `s`: searching walks up to ~200,000 paths a few times a second. ASCII is folded
 * in place; at the first non-ASCII character that could take part in a match it defers to toLowerCase.
 */
function includesFolded(s: string, q: string, from: number): boolean {
  const n = q.length;
  const last = s.length - n;
  outer: for (let i = from; i <= last; i++) {
    for (let k = 0; k < n; k++) {
      let c = s.charCodeAt(i + k);
      if (c >= 128) return s.toLowerCase().includes(q);
      if (c >= 65 && c <= 90) c += 32;
      if (c !== q.charCodeAt(k)) continue outer;
    }
    return true;
  }
  return false;
}

/**
 * The first `k` items in `cmp` order: a bounded heap keeps the worst kept item on top, so most items cost
 * one comparison. Listing the top 500 of 100,000 topics by count this way beats sorting all of them.
 */
function topK<T>(items: T[], k: number, cmp: (a: T, b: T) => number): T[] {
  if (items.length <= k) return items.sort(cmp);
  const heap: T[] = [];
  for (const item of items) {
    if (heap.length < k) {
      let i = heap.push(item) - 1;
      while (i > 0) {
        const up = (i - 1) >> 1;
        if (cmp(heap[up] as T, item) >= 0) break;
        heap[i] = heap[up] as T;
        i = up;
      }
      heap[i] = item;
    } else if (cmp(item, heap[0] as T) < 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= k) break;
        const r = l + 1;
        const worse = r < k && cmp(heap[r] as T, heap[l] as T) > 0 ? r : l;
        if (cmp(heap[worse] as T, item) <= 0) break;
        heap[i] = heap[worse] as T;
        i = worse;
      }
      heap[i] = item;
    }
  }
  return heap.sort(cmp);
}

const NO_NODES: readonly never[] = [];

function bucketPos(bucket: number): number {
  return ((bucket % BUCKETS) + BUCKETS) % BUCKETS;
}

export class TopicTree<M extends TreeMessage = TreeMessage> {
  readonly #sep: string;
  readonly #maxTopics: number;
  readonly #maxBytes: number;
  readonly #bucketMs: number;
  readonly #root: Node<M>;
  /** Topic string → topic node (only nodes with `latest`); its size is the topic count. */
  readonly #topics = new Map<string, Node<M>>();
  #lruHead: Node<M> | null = null; // least recently seen topic
  #lruTail: Node<M> | null = null; // most recently seen topic
  #bytes = 0;
  #pruned = 0;
  #version = 0;
  /** `now` of the first batch: before it nothing was seen, so early rates divide by the elapsed time. */
  #startTime = Number.NaN;
  /** Newest bucket written; a batch whose clock steps back is counted in it rather than corrupting a ring. */
  #lastBucket = Number.NEGATIVE_INFINITY;
  // Rate buckets of all nodes: node.slot owns #buckets[slot*BUCKETS .. +BUCKETS) and #heads[slot], the
  // absolute bucket number (floor(now / bucketMs)) last written. #owners maps a slot back to its node so a
  // stale node (pruned, cleared) passed to rate() reads 0 instead of another node's traffic.
  #heads = new Float64Array(0);
  #buckets = new Uint32Array(0);
  #owners: (Node<M> | undefined)[] = [];
  #free: number[] = [];
  #nextSlot = 0;

  constructor(options: TopicTreeOptions) {
    const {
      separator,
      maxTopics = DEFAULT_MAX_TOPICS,
      maxBytes = DEFAULT_MAX_BYTES,
      rateWindowMs = DEFAULT_RATE_WINDOW_MS,
    } = options;
    // An empty separator would make indexOf match at every position and never advance.
    if (typeof separator !== 'string' || separator.length === 0)
      throw new RangeError('TopicTree separator must be a non-empty string');
    if (!Number.isInteger(maxTopics) || maxTopics < 1)
      throw new RangeError(`TopicTree maxTopics must be an integer >= 1, got ${maxTopics}`);
    if (!(maxBytes >= 0)) throw new RangeError(`TopicTree maxBytes must be >= 0, got ${maxBytes}`);
    if (!(rateWindowMs > 0) || !Number.isFinite(rateWindowMs))
      throw new RangeError(`TopicTree rateWindowMs must be > 0, got ${rateWindowMs}`);
    this.#sep = separator;
    this.#maxTopics = maxTopics;
    this.#maxBytes = maxBytes;
    this.#bucketMs = rateWindowMs / BUCKETS;
    this.#resetPool();
    this.#root = new Node<M>('', '', null, 0, this.#allocSlot());
    this.#owners[this.#root.slot] = this.#root;
  }

  get root(): TopicNode<M> {
    return this.#root;
  }
  get topicCount(): number {
    return this.#topics.size;
  }
  get heldBytes(): number {
    return this.#bytes;
  }
  get pruned(): number {
    return this.#pruned;
  }
  get version(): number {
    return this.#version;
  }

  /** Adds a batch of messages (oldest first) seen at `now`. Prunes if a cap is exceeded. */
  ingest(messages: readonly M[], now: number): void {
    if (messages.length === 0) return; // nothing changed: keep `version` so memoised views stay valid
    if (Number.isNaN(this.#startTime)) this.#startTime = now;
    const bucket = Math.max(Math.floor(now / this.#bucketMs), this.#lastBucket);
    this.#lastBucket = bucket;
    const pos = bucketPos(bucket);
    for (const msg of messages) {
      const node = this.#topics.get(msg.topic) ?? this.#addTopic(msg.topic);
      const prev = node.latest;
      this.#bytes += msg.payload.byteLength - (prev === undefined ? 0 : prev.payload.byteLength);
      node.latest = msg;
      node.own++;
      if (this.#lruTail !== node) this.#touch(node);
      const time = msg.time;
      for (let n: Node<M> | null = node; n !== null; n = n.parent) {
        n.count++;
        n.lastTime = time;
        // this.#heads is re-read: #addTopic may have grown (replaced) the pool.
        if (this.#heads[n.slot] !== bucket) this.#advance(n.slot, bucket);
        const i = n.slot * BUCKETS + pos;
        this.#buckets[i] = (this.#buckets[i] ?? 0) + 1;
      }
    }
    this.#version++;
    if (this.#topics.size > this.#maxTopics || this.#bytes > this.#maxBytes) this.#prune();
  }

  /** Empties the tree, the pruned counter too. The root object stays the same. */
  clear(): void {
    this.#topics.clear();
    this.#lruHead = null;
    this.#lruTail = null;
    this.#bytes = 0;
    this.#pruned = 0;
    this.#startTime = Number.NaN;
    this.#lastBucket = Number.NEGATIVE_INFINITY;
    const root = this.#root;
    root.children = NO_CHILDREN as Map<string, Node<M>>;
    root.byName = null;
    root.count = 0;
    root.own = 0;
    root.lastTime = 0;
    // Fresh slot owners make every node from before the clear read as detached in rate().
    this.#resetPool();
    root.slot = this.#allocSlot();
    this.#owners[root.slot] = root;
    this.#version++;
  }

  /**
   * Node by display path, or undefined. Never the root: '' names the empty first level (topic '' or the
   * first level of '/x'); use `root` for the root.
   */
  find(path: string): TopicNode<M> | undefined {
    return this.#find(path);
  }

  /**
   * Msgs/s of a node's subtree over the sliding window ending at `now`; 0 when idle for the whole window,
   * and 0 for a node no longer in this tree.
   *
   * The window is the current (partial) bucket plus the 9 before it, and the divisor is the time those
   * buckets actually cover, so a steady rate reads exact rather than ~5 % low on average. In the first
   * window after the first batch the divisor is the elapsed time instead (at least one bucket), since
   * nothing could have arrived before: otherwise every rate would ramp up over 10 s after connecting.
   */
  rate(node: TopicNode<M>, now: number): number {
    const n = this.#mine(node);
    if (n === undefined) return 0;
    return (this.#windowSum(n, now) * 1000) / this.#span(now);
  }

  /**
   * Flattened visible rows for a virtualized tree (see TreeRow). The root is not a row; a node's children
   * show when its path is in `expanded`. Children sort by `sort`: name ascending (compareNames), count or
   * rate descending with ties by name. With `search` (case-insensitive substring of the full path) only
   * matches and their ancestors show: ancestors that do not match themselves are forced open; a match
   * follows `expanded` like any node (all of its descendants match, so opening it shows its subtree).
   * Cost: the visible rows plus sorting expanded nodes' children; name order is cached per node.
   */
  rows(opts: { expanded: ReadonlySet<string>; sort: TreeSort; now: number; search?: string }): TreeRow<M>[] {
    const out: TreeRow<M>[] = [];
    const q = opts.search ? opts.search.toLowerCase() : '';
    if (q === '') {
      this.#emitRows(this.#root, 1, opts, out);
      return out;
    }
    // A match's descendants all match too (their paths contain its path), so the scan stops at the first
    // match on each branch: it only walks the non-matching part of the tree.
    const hits = new Set<Node<M>>();
    const open = new Set<Node<M>>();
    this.#scan(this.#root, q, hits, open);
    this.#emitSearchRows(this.#root, 1, opts, hits, open, out);
    return out;
  }

  /** How many known topics a predicate over display topics accepts, and their combined rate (own traffic). */
  matching(match: (topic: string) => boolean, now: number): { topics: number; rate: number } {
    let topics = 0;
    let sum = 0;
    for (const [topic, node] of this.#topics) {
      if (!match(topic)) continue;
      topics++;
      // A topic that is also an interior node (`a/b` with `a/b/c`) counts only its own messages.
      let own = this.#windowSum(node, now);
      for (const child of node.children.values()) own -= this.#windowSum(child, now);
      sum += own;
    }
    return { topics, rate: topics === 0 ? 0 : (sum * 1000) / this.#span(now) };
  }

  /**
   * Completions for a partially typed filter: the last (partial) level is completed, case-insensitively,
   * from the children of the node named by the complete levels before it. Full strings, count descending
   * (ties by name), at most `limit`. A wildcard among the complete levels, or an unknown path, gives [].
   */
  completions(prefix: string, limit: number): string[] {
    if (!(limit >= 1)) return [];
    const sep = this.#sep;
    const cut = prefix.lastIndexOf(sep);
    let parent: Node<M> | undefined = this.#root;
    let head = '';
    if (cut >= 0) {
      const complete = prefix.slice(0, cut);
      if (complete.split(sep).some((level) => WILDCARD_LEVELS.has(level))) return [];
      parent = this.#find(complete);
      if (parent === undefined) return [];
      head = complete + sep;
    }
    const partial = (cut >= 0 ? prefix.slice(cut + sep.length) : prefix).toLowerCase();
    const found: Node<M>[] = [];
    for (const child of parent.children.values()) {
      if (child.name.toLowerCase().startsWith(partial)) found.push(child);
    }
    found.sort(byCount);
    if (found.length > limit) found.length = Math.floor(limit);
    return found.map((n) => head + n.name);
  }

  /**
   * Topic nodes (those with `latest`), optionally only under `under` (a path, subtree inclusive), whose
   * path contains `search` (case-insensitive) and that `match` accepts (e.g. a compiled topic filter). At
   * most `limit`, sorted by:
   * - 'name': tree order, as the tree panel shows them (a parent before its subtree, siblings in
   *   compareNames order); the walk stops after `limit` topics, so a page of 500 is cheap at any size.
   * - 'count' | 'rate': descending, ties by path; all candidates are scored, only `limit` are sorted.
   * - 'recent': most recently received first, straight off the recency list.
   */
  topics(opts: {
    under?: string;
    search?: string;
    match?: (topic: string) => boolean;
    sort: TreeSort | 'recent';
    now: number;
    limit: number;
  }): TopicNode<M>[] {
    if (!(opts.limit >= 1)) return [];
    const limit = Math.floor(opts.limit);
    let base: Node<M> | undefined = this.#root;
    if (opts.under !== undefined) base = this.#find(opts.under);
    if (base === undefined) return [];
    const q = opts.search ? opts.search.toLowerCase() : '';
    const match = opts.match;
    const accept = (n: Node<M>) =>
      n.latest !== undefined &&
      (q === '' || includesFolded(n.path, q, 0)) &&
      (match === undefined || match(n.path));
    const out: Node<M>[] = [];
    if (opts.sort === 'recent') {
      for (let n = this.#lruTail; n !== null && out.length < limit; n = n.lruPrev) {
        if (isUnder(n, base) && accept(n)) out.push(n);
      }
      return out;
    }
    if (opts.sort === 'name') {
      const walk = (node: Node<M>): void => {
        if (accept(node)) out.push(node);
        for (const child of this.#sortedChildren(node, 'name', opts.now)) {
          if (out.length >= limit) return;
          walk(child);
        }
      };
      walk(base);
      if (out.length > limit) out.length = limit;
      return out;
    }
    collect(base, accept, out);
    if (opts.sort === 'count') {
      return topK(out, limit, (a, b) => b.count - a.count || byPath(a, b));
    }
    const keyed = out.map((node): Keyed<M> => ({ node, key: this.#windowSum(node, opts.now) }));
    return topK(keyed, limit, (a, b) => b.key - a.key || byPath(a.node, b.node)).map((k) => k.node);
  }

  // ---- ingest and pruning ----

  /** Creates the path of a topic not seen before (or turns an interior node into a topic). */
  #addTopic(topic: string): Node<M> {
    const sep = this.#sep;
    let node = this.#root;
    let start = 0;
    for (;;) {
      const end = topic.indexOf(sep, start);
      const name = end === -1 ? topic.slice(start) : topic.slice(start, end);
      let child = node.children.get(name);
      if (child === undefined) {
        const path = end === -1 ? topic : topic.slice(0, end);
        child = new Node<M>(name, path, node, node.depth + 1, this.#allocSlot());
        this.#owners[child.slot] = child;
        node.addChild(child);
      }
      node = child;
      if (end === -1) break;
      start = end + sep.length;
    }
    this.#topics.set(topic, node);
    return node;
  }

  #touch(node: Node<M>): void {
    if (node.lruPrev !== null || this.#lruHead === node) this.#unlink(node);
    node.lruPrev = this.#lruTail;
    if (this.#lruTail !== null) this.#lruTail.lruNext = node;
    else this.#lruHead = node;
    this.#lruTail = node;
  }

  #unlink(node: Node<M>): void {
    const { lruPrev: prev, lruNext: next } = node;
    if (prev !== null) prev.lruNext = next;
    else this.#lruHead = next;
    if (next !== null) next.lruPrev = prev;
    else this.#lruTail = prev;
    node.lruPrev = null;
    node.lruNext = null;
  }

  /** Drops least recently seen topics until both caps hold with 10 % slack; the newest topic always stays. */
  #prune(): void {
    const topicTarget =
      this.#topics.size > this.#maxTopics
        ? Math.max(1, Math.floor(this.#maxTopics * TRIM_TO))
        : this.#maxTopics;
    const byteTarget = this.#bytes > this.#maxBytes ? this.#maxBytes * TRIM_TO : this.#maxBytes;
    while (
      this.#lruHead !== null &&
      this.#topics.size > 1 &&
      (this.#topics.size > topicTarget || this.#bytes > byteTarget)
    ) {
      this.#removeTopic(this.#lruHead);
    }
    this.#version++;
  }

  /**
   * Forgets a topic's messages: its count and in-window rate come off every ancestor, and nodes left with
   * neither a message nor children are removed up the path. lastTime needs no fix-up: the most recently
   * received message of any surviving subtree belongs to a topic seen later than this one, so it survives.
   */
  #removeTopic(node: Node<M>): void {
    this.#unlink(node);
    this.#topics.delete(node.path);
    if (node.latest !== undefined) this.#bytes -= node.latest.payload.byteLength;
    this.#subtractOwnRate(node);
    const own = node.own;
    for (let n: Node<M> | null = node; n !== null; n = n.parent) n.count -= own;
    node.own = 0;
    node.latest = undefined;
    this.#pruned++;
    let n = node;
    while (n.parent !== null && n.latest === undefined && n.children.size === 0) {
      const parent: Node<M> = n.parent;
      parent.removeChild(n);
      this.#freeSlot(n);
      n = parent;
    }
  }

  /** Subtracts the node's own in-window messages (its buckets minus its children's) from it and its ancestors. */
  #subtractOwnRate(node: Node<M>): void {
    const head = this.#heads[node.slot] ?? Number.NEGATIVE_INFINITY;
    if (head === Number.NEGATIVE_INFINITY) return;
    const buckets = this.#buckets;
    const own = new Float64Array(BUCKETS); // indexed by age k: bucket head - k
    for (let k = 0; k < BUCKETS; k++) {
      const pos = bucketPos(head - k);
      let v = buckets[node.slot * BUCKETS + pos] ?? 0;
      for (const child of node.children.values()) {
        const ch = this.#heads[child.slot] ?? Number.NEGATIVE_INFINITY;
        if (head - k <= ch && head - k > ch - BUCKETS) v -= buckets[child.slot * BUCKETS + pos] ?? 0;
      }
      own[k] = v;
    }
    for (let n: Node<M> | null = node; n !== null; n = n.parent) {
      const nh = this.#heads[n.slot] ?? Number.NEGATIVE_INFINITY;
      for (let k = 0; k < BUCKETS; k++) {
        const b = head - k;
        if (b > nh || b <= nh - BUCKETS) continue;
        const i = n.slot * BUCKETS + bucketPos(b);
        buckets[i] = Math.max(0, (buckets[i] ?? 0) - (own[k] ?? 0));
      }
    }
  }

  // ---- rate buckets ----

  #resetPool(): void {
    const capacity = 1024;
    this.#heads = new Float64Array(capacity).fill(Number.NEGATIVE_INFINITY);
    this.#buckets = new Uint32Array(capacity * BUCKETS);
    this.#owners = [];
    this.#free = [];
    this.#nextSlot = 0;
  }

  #allocSlot(): number {
    const reused = this.#free.pop();
    if (reused !== undefined) {
      this.#heads[reused] = Number.NEGATIVE_INFINITY; // stale buckets are zeroed by the first #advance
      return reused;
    }
    if (this.#nextSlot === this.#heads.length) {
      const heads = new Float64Array(this.#heads.length * 2).fill(Number.NEGATIVE_INFINITY);
      heads.set(this.#heads);
      const buckets = new Uint32Array(heads.length * BUCKETS);
      buckets.set(this.#buckets);
      this.#heads = heads;
      this.#buckets = buckets;
    }
    return this.#nextSlot++;
  }

  #freeSlot(node: Node<M>): void {
    this.#owners[node.slot] = undefined;
    this.#free.push(node.slot);
    node.slot = -1;
  }

  /** Moves a node's ring forward to `bucket`, zeroing the buckets it skipped. */
  #advance(slot: number, bucket: number): void {
    const head = this.#heads[slot] ?? Number.NEGATIVE_INFINITY;
    const base = slot * BUCKETS;
    if (bucket - head >= BUCKETS) this.#buckets.fill(0, base, base + BUCKETS);
    else for (let b = head + 1; b <= bucket; b++) this.#buckets[base + bucketPos(b)] = 0;
    this.#heads[slot] = bucket;
  }

  /** Messages in the node's buckets that fall inside the window ending at `now`. */
  #windowSum(node: Node<M>, now: number): number {
    const head = this.#heads[node.slot] ?? Number.NEGATIVE_INFINITY;
    const bucket = Math.floor(now / this.#bucketMs);
    const from = Math.max(bucket, head) - BUCKETS + 1; // oldest bucket both the window and the ring hold
    const to = Math.min(bucket, head);
    let sum = 0;
    for (let b = from; b <= to; b++) sum += this.#buckets[node.slot * BUCKETS + bucketPos(b)] ?? 0;
    return sum;
  }

  /** Milliseconds the window's buckets cover at `now`, capped by the time since the first batch. */
  #span(now: number): number {
    const w = this.#bucketMs;
    const covered = (BUCKETS - 1) * w + (now - Math.floor(now / w) * w);
    const elapsed = Number.isNaN(this.#startTime) ? 0 : now - this.#startTime;
    return Math.min(covered, Math.max(elapsed, w));
  }

  /** The node if it is currently part of this tree. */
  #mine(node: TopicNode<M>): Node<M> | undefined {
    return node instanceof Node && node.slot >= 0 && this.#owners[node.slot] === node
      ? (node as Node<M>)
      : undefined;
  }

  // ---- queries ----

  #find(path: string): Node<M> | undefined {
    const topic = this.#topics.get(path);
    if (topic !== undefined) return topic;
    const sep = this.#sep;
    let node: Node<M> | undefined = this.#root;
    let start = 0;
    for (;;) {
      const end = path.indexOf(sep, start);
      node = node.children.get(end === -1 ? path.slice(start) : path.slice(start, end));
      if (node === undefined || end === -1) return node;
      start = end + sep.length;
    }
  }

  #sortedChildren(parent: Node<M>, sort: TreeSort, now: number): readonly Node<M>[] {
    if (parent.children.size === 0) return NO_NODES; // no cached empty array on every leaf
    if (sort === 'name') {
      if (parent.byName === null) parent.byName = [...parent.children.values()].sort(byName);
      return parent.byName;
    }
    return this.#sortNodes([...parent.children.values()], sort, now);
  }

  #sortNodes(nodes: Node<M>[], sort: TreeSort, now: number): Node<M>[] {
    if (sort === 'name') return nodes.sort(byName);
    if (sort === 'count') return nodes.sort(byCount);
    // The divisor is the same for every node at one `now`, so in-window sums sort like rates.
    const keyed = nodes.map((node): Keyed<M> => ({ node, key: this.#windowSum(node, now) }));
    keyed.sort((a, b) => b.key - a.key || byName(a.node, b.node));
    for (let i = 0; i < keyed.length; i++) nodes[i] = (keyed[i] as Keyed<M>).node;
    return nodes;
  }

  #emitRows(
    parent: Node<M>,
    level: number,
    opts: { expanded: ReadonlySet<string>; sort: TreeSort; now: number },
    out: TreeRow<M>[],
  ): void {
    const kids = this.#sortedChildren(parent, opts.sort, opts.now);
    for (let i = 0; i < kids.length; i++) {
      const node = kids[i] as Node<M>;
      const hasChildren = node.children.size > 0;
      const expanded = hasChildren && opts.expanded.has(node.path);
      out.push({ node, level, setSize: kids.length, posInSet: i + 1, hasChildren, expanded });
      if (expanded) this.#emitRows(node, level + 1, opts, out);
    }
  }

  /** Marks matching nodes (hits) and non-matching nodes with a match below (open); true if any. */
  #scan(parent: Node<M>, q: string, hits: Set<Node<M>>, open: Set<Node<M>>): boolean {
    let any = false;
    // The parent does not match, so a match in a child's path must end past the parent's path.
    const from = Math.max(0, parent.path.length - q.length + 1);
    for (const child of parent.children.values()) {
      if (includesFolded(child.path, q, from)) {
        hits.add(child);
        any = true;
      } else if (child.children.size > 0 && this.#scan(child, q, hits, open)) {
        open.add(child);
        any = true;
      }
    }
    return any;
  }

  /**
   * Rows while searching: non-matching ancestors of matches are forced open; a match follows `expanded`
   * like any node, and everything below it matches, so expanding it shows its whole subtree.
   */
  #emitSearchRows(
    parent: Node<M>,
    level: number,
    opts: { expanded: ReadonlySet<string>; sort: TreeSort; now: number },
    hits: Set<Node<M>>,
    open: Set<Node<M>>,
    out: TreeRow<M>[],
  ): void {
    // Sort only the visible children: the root may have 20,000 children and 3 matches.
    const kids: Node<M>[] = [];
    for (const child of parent.children.values()) if (hits.has(child) || open.has(child)) kids.push(child);
    this.#sortNodes(kids, opts.sort, opts.now);
    for (let i = 0; i < kids.length; i++) {
      const node = kids[i] as Node<M>;
      const base = { node, level, setSize: kids.length, posInSet: i + 1 };
      if (open.has(node)) {
        out.push({ ...base, hasChildren: true, expanded: true });
        this.#emitSearchRows(node, level + 1, opts, hits, open, out);
      } else {
        const hasChildren = node.children.size > 0;
        const expanded = hasChildren && opts.expanded.has(node.path);
        out.push({ ...base, hasChildren, expanded });
        if (expanded) this.#emitRows(node, level + 1, opts, out);
      }
    }
  }
}

function isUnder<M extends TreeMessage>(node: Node<M>, base: Node<M>): boolean {
  let n: Node<M> | null = node;
  while (n !== null && n.depth > base.depth) n = n.parent;
  return n === base;
}

function collect<M extends TreeMessage>(
  node: Node<M>,
  accept: (n: Node<M>) => boolean,
  out: Node<M>[],
): void {
  if (accept(node)) out.push(node);
  for (const child of node.children.values()) collect(child, accept, out);
}
