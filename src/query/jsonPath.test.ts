import { describe, expect, it } from 'vitest';
import { formatPath, type PathSegment, scanPath, someAt } from './jsonPath';

function path(text: string): PathSegment[] {
  const p = scanPath(text, 'payload'.length);
  if ('message' in p) throw new Error(p.message);
  expect(p.end).toBe(text.length);
  return p.path;
}

const gerrit = {
  change: { project: 'openstack/nova', 'a-b': 1, 'odd key': 'x' },
  approvals: [
    { type: 'Verified', value: '1' },
    { type: 'Code-Review', value: '2' },
  ],
  matrix: [[{ n: 1 }], [{ n: 2 }, { n: 3 }]],
  nothing: null,
};

describe('scanPath', () => {
  it('reads keys, indexes, any-element and quoted keys', () => {
    expect(path('payload.change.a-b')).toEqual([
      { kind: 'key', key: 'change' },
      { kind: 'key', key: 'a-b' },
    ]);
    expect(path('payload.approvals[0][-1][][*]["odd key"]')).toEqual([
      { kind: 'key', key: 'approvals' },
      { kind: 'index', index: 0 },
      { kind: 'index', index: -1 },
      { kind: 'each' },
      { kind: 'each' },
      { kind: 'key', key: 'odd key' },
    ]);
    expect(path('payload["say \\"hi\\""]')).toEqual([{ kind: 'key', key: 'say "hi"' }]);
  });

  it('stops before an operator or whitespace and says where', () => {
    expect(scanPath('payload.a.b>=3', 7)).toEqual({
      path: [
        { kind: 'key', key: 'a' },
        { kind: 'key', key: 'b' },
      ],
      end: 11,
    });
    expect(scanPath('payload.a b', 7)).toMatchObject({ end: 9 });
  });

  it('reports malformed segments with their span', () => {
    expect(scanPath('payload.', 7)).toEqual({ message: "Expected a field name after '.'", start: 7, end: 8 });
    expect(scanPath('payload.a[x]', 7)).toMatchObject({ start: 9, end: 12 });
    expect(scanPath('payload.a[0', 7)).toEqual({ message: "Unclosed '['", start: 9, end: 10 });
    expect(scanPath('payload["a', 7)).toMatchObject({ start: 7, end: 10 });
  });

  it('formats a path so that it scans back to itself', () => {
    const text = 'payload.change["odd key"].list[2][][-1]["a.b"]';
    expect(formatPath(path(text))).toBe(text);
  });
});

describe('someAt', () => {
  const values = (text: string): unknown[] => {
    const seen: unknown[] = [];
    someAt(gerrit, path(text), (v) => {
      seen.push(v);
      return false;
    });
    return seen;
  };

  it('walks keys and indexes, negative ones from the end', () => {
    expect(values('payload.change.project')).toEqual(['openstack/nova']);
    expect(values('payload.approvals[1].type')).toEqual(['Code-Review']);
    expect(values('payload.approvals[-2].type')).toEqual(['Verified']);
    expect(values('payload.approvals.1.value')).toEqual(['2']);
  });

  it('visits every element for [] until one passes, nested too', () => {
    expect(values('payload.approvals[].type')).toEqual(['Verified', 'Code-Review']);
    expect(values('payload.matrix[][].n')).toEqual([1, 2, 3]);
    expect(someAt(gerrit, path('payload.matrix[][].n'), (v) => v === 2)).toBe(true);
  });

  it('never reaches missing values but does reach null', () => {
    expect(values('payload.change.missing')).toEqual([]);
    expect(values('payload.approvals[5].type')).toEqual([]);
    expect(values('payload.change[0]')).toEqual([]);
    expect(values('payload.nothing')).toEqual([null]);
    expect(someAt(undefined, [], () => true)).toBe(false);
    expect(someAt(null, [], () => true)).toBe(true);
  });

  it('ignores inherited members such as constructor, toString and an array length', () => {
    expect(values('payload.constructor')).toEqual([]);
    expect(values('payload.change.toString')).toEqual([]);
    expect(values('payload.approvals.length')).toEqual([]);
    expect(values('payload.approvals[].__proto__')).toEqual([]);
  });
});
