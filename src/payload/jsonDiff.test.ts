import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyJsonChanges, diffJson } from './jsonDiff';

/** JSON as it travels: -0 and 0 are one number once serialised. */
const json = () => fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown);
const object = () => fc.dictionary(fc.string({ maxLength: 6 }), json(), { maxKeys: 6 });

describe('diffJson', () => {
  it('finds no change between a document and itself, or a copy of it', () => {
    fc.assert(
      fc.property(json(), (a) => {
        expect(diffJson(a, a)).toEqual({ changes: [], truncated: false });
        expect(diffJson(a, structuredClone(a)).changes).toEqual([]);
      }),
    );
  });

  it('turns a into b when its changes are applied, for any two objects', () => {
    fc.assert(
      fc.property(object(), object(), (a, b) => {
        const { changes, truncated } = diffJson(a, b);
        expect(truncated).toBe(false);
        expect(applyJsonChanges(a, changes)).toEqual(b);
      }),
    );
  });

  it('turns a into b for documents that differ a little, the usual case of two events on one topic', () => {
    const mutate = (v: unknown, k: string, x: unknown) =>
      v !== null && typeof v === 'object' && !Array.isArray(v) ? { ...v, [k]: x } : { value: v, [k]: x };
    fc.assert(
      fc.property(json(), fc.string({ maxLength: 4 }), json(), (a, k, x) => {
        const b = mutate(a, k, x);
        expect(applyJsonChanges(a, diffJson(a, b).changes)).toEqual(b);
      }),
    );
  });

  it('names added, removed and changed keys with their paths and values', () => {
    const a = {
      change: { project: 'openstack/nova', status: 'NEW' },
      approvals: [{ type: 'Verified' }],
      x: 1,
    };
    const b = {
      change: { project: 'openstack/nova', status: 'MERGED' },
      approvals: [{ type: 'Verified' }, { type: 'Code-Review' }],
      y: null,
    };
    expect(diffJson(a, b).changes).toEqual([
      { kind: 'changed', path: ['change', 'status'], oldValue: 'NEW', value: 'MERGED' },
      { kind: 'added', path: ['approvals', 1], value: { type: 'Code-Review' } },
      { kind: 'removed', path: ['x'], oldValue: 1 },
      { kind: 'added', path: ['y'], value: null },
    ]);
  });

  it('reports a value that changes type as one change holding both values', () => {
    expect(diffJson({ a: { b: 1 } }, { a: [1] }).changes).toEqual([
      { kind: 'changed', path: ['a'], oldValue: { b: 1 }, value: [1] },
    ]);
    expect(diffJson('x', 3).changes).toEqual([{ kind: 'changed', path: [], oldValue: 'x', value: 3 }]);
  });

  it('removes trailing array elements highest index first, so applying them in order works', () => {
    const { changes } = diffJson([1, 2, 3, 4], [1]);
    expect(changes.map((c) => c.path)).toEqual([[3], [2], [1]]);
    expect(applyJsonChanges([1, 2, 3, 4], changes)).toEqual([1]);
  });

  it('keeps __proto__ an ordinary key when applying changes', () => {
    const b = JSON.parse('{"__proto__": {"polluted": true}}') as unknown;
    const out = applyJsonChanges({}, diffJson({}, b).changes) as Record<string, unknown>;
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('stops at its limits and says so instead of walking a million values', () => {
    const a = Array.from({ length: 1_000_000 }, () => 0);
    const b = Array.from({ length: 1_000_000 }, () => 1);
    const result = diffJson(a, b);
    expect(result.truncated).toBe(true);
    expect(result.changes).toHaveLength(500);
    const same = diffJson(a, [...a], { maxChanges: 500, maxNodes: 1000 });
    expect(same).toEqual({ changes: [], truncated: true });
  });
});
