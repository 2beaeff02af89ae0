/**
 * A structural diff of two parsed JSON documents, for the inspector's `Compare with previous`.
 *
 * Objects are compared key by key (added, removed, changed), arrays index by index (a longer array adds
 * elements at its end, a shorter one removes them): a Gerrit event that gains an approval reads as
 * `payload.approvals[2]` added, not as a rewrite of the whole list. A key whose value changes type (object
 * to string, array to object) is one `changed` entry holding both values.
 *
 * Bounded: the inspector diffs documents the page already parsed (up to 1 MiB and 1,000 levels), and a
 * 1 MB array of numbers is a million comparisons. The walk stops after `maxNodes` visited values or
 * `maxChanges` changes and says so (`truncated`), instead of freezing the tab or listing a million rows.
 */

export type DiffKey = string | number;

export type JsonChange =
  | { kind: 'added'; path: DiffKey[]; value: unknown }
  | { kind: 'removed'; path: DiffKey[]; oldValue: unknown }
  | { kind: 'changed'; path: DiffKey[]; oldValue: unknown; value: unknown };

export interface JsonDiff {
  changes: JsonChange[];
  /** The walk stopped at a limit: there may be more changes than listed. */
  truncated: boolean;
}

export interface DiffLimits {
  /** Changes listed before the walk stops (a screenful or two; the rest is "and more"). */
  maxChanges: number;
  /** Values visited before the walk stops: 200,000 take ~20 ms on the 2-core target. */
  maxNodes: number;
}

export const DEFAULT_LIMITS: DiffLimits = { maxChanges: 500, maxNodes: 200_000 };

type Record_ = Readonly<Record<string, unknown>>;

function isRecord(v: unknown): v is Record_ {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

class Stop extends Error {}

/** The changes that turn `a` into `b`; empty when they are equal. */
export function diffJson(a: unknown, b: unknown, limits: DiffLimits = DEFAULT_LIMITS): JsonDiff {
  const changes: JsonChange[] = [];
  let nodes = 0;
  const path: DiffKey[] = [];

  const push = (change: JsonChange) => {
    changes.push(change);
    if (changes.length >= limits.maxChanges) throw new Stop();
  };

  const walk = (x: unknown, y: unknown): void => {
    if (++nodes > limits.maxNodes) throw new Stop();
    if (x === y) return;
    if (Array.isArray(x) && Array.isArray(y)) {
      const common = Math.min(x.length, y.length);
      for (let i = 0; i < common; i++) {
        path.push(i);
        walk(x[i], y[i]);
        path.pop();
      }
      for (let i = common; i < y.length; i++) push({ kind: 'added', path: [...path, i], value: y[i] });
      // Highest index first: removing them one by one in this order leaves the lower indexes in place.
      for (let i = x.length - 1; i >= common; i--) {
        push({ kind: 'removed', path: [...path, i], oldValue: x[i] });
      }
      return;
    }
    if (isRecord(x) && isRecord(y)) {
      for (const key of Object.keys(x)) {
        if (!Object.hasOwn(y, key)) push({ kind: 'removed', path: [...path, key], oldValue: x[key] });
        else {
          path.push(key);
          walk(x[key], y[key]);
          path.pop();
        }
      }
      for (const key of Object.keys(y)) {
        if (!Object.hasOwn(x, key)) push({ kind: 'added', path: [...path, key], value: y[key] });
      }
      return;
    }
    push({ kind: 'changed', path: [...path], oldValue: x, value: y });
  };

  try {
    walk(a, b);
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    return { changes, truncated: true };
  }
  return { changes, truncated: false };
}

/** Sets an own property, also for the key `__proto__` (JSON.parse makes it an ordinary key). */
function setOwn(target: Record<DiffKey, unknown>, key: DiffKey, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else target[key] = value;
}

function clone(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(clone);
  if (isRecord(v)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v)) setOwn(out, key, clone(v[key]));
    return out;
  }
  return v;
}

/**
 * `a` with `changes` applied in order (a new document; `a` is not modified). The inverse of diffJson:
 * `applyJsonChanges(a, diffJson(a, b).changes)` deep-equals `b` when the diff was not truncated.
 */
export function applyJsonChanges(a: unknown, changes: readonly JsonChange[]): unknown {
  let root = clone(a);
  for (const change of changes) {
    if (change.path.length === 0) {
      if (change.kind === 'removed') throw new Error('The root of a document cannot be removed');
      root = clone(change.value);
      continue;
    }
    let parent = root as Record<DiffKey, unknown>;
    for (const key of change.path.slice(0, -1)) parent = parent[key] as Record<DiffKey, unknown>;
    const last = change.path[change.path.length - 1] as DiffKey;
    if (change.kind === 'removed') {
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else delete parent[last];
    } else setOwn(parent, last, clone(change.value));
  }
  return root;
}
