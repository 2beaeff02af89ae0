import { describe, expect, it } from 'vitest';
import {
  CHILD_PAGE,
  COPY_VALUE_MAX_CHARS,
  childCount,
  childrenSlice,
  containerSummary,
  copyValueText,
  EXPAND_ALL_BUDGET,
  expandAllDepth,
  initialOpenDepth,
  type JsonPath,
  keyLabel,
  MAX_VISIBLE_DEPTH,
  pathDepth,
  pathLabel,
  scalarLabel,
} from './jsonTreeModel';

const path = (...keys: Array<string | number>): JsonPath =>
  keys.reduce<JsonPath>((parent, key) => ({ parent, key }), null);

describe('children', () => {
  it('counts and slices arrays and objects in document order', () => {
    expect(childCount([1, 2, 3])).toBe(3);
    expect(childCount({ b: 1, a: 2 })).toBe(2);
    expect(childrenSlice(['x', 'y', 'z'], 1, 5)).toEqual([
      { key: 1, value: 'y' },
      { key: 2, value: 'z' },
    ]);
    expect(childrenSlice({ b: 1, a: 2, c: 3 }, 0, 2)).toEqual([
      { key: 'b', value: 1 },
      { key: 'a', value: 2 },
    ]);
  });

  it('slices a page of a 100,000-element array without touching the rest', () => {
    const big = Array.from({ length: 100_000 }, (_, i) => i);
    expect(childrenSlice(big, 0, CHILD_PAGE)).toHaveLength(CHILD_PAGE);
    expect(childrenSlice(big, 99_950, 99_950 + CHILD_PAGE)).toHaveLength(50);
  });
});

describe('containerSummary', () => {
  it('says how many items a container holds', () => {
    expect(containerSummary([])).toBe('[]');
    expect(containerSummary({})).toBe('{}');
    expect(containerSummary([1])).toBe('[ 1 item ]');
    expect(containerSummary({ a: 1, b: 2 })).toBe('{ 2 items }');
    expect(containerSummary(new Array(12_345).fill(0))).toBe('[ 12,345 items ]');
  });
});

describe('labels', () => {
  it('shows keys and strings as JSON with hidden characters revealed', () => {
    expect(keyLabel(3)).toEqual({ text: '3', hidden: 0 });
    expect(keyLabel('a b')).toEqual({ text: '"a b"', hidden: 0 });
    expect(keyLabel('user\u202Eid')).toEqual({ text: '"user⟨U+202E⟩id"', hidden: 1 });
    expect(scalarLabel('ok\u200B')).toEqual({ text: '"ok⟨U+200B⟩"', hidden: 1, cut: 0 });
    expect(scalarLabel('line\nbreak').text).toBe('"line\\nbreak"');
    expect(scalarLabel(null).text).toBe('null');
    expect(scalarLabel(-2.5).text).toBe('-2.5');
  });

  it('cuts long strings and says how much was left out', () => {
    const label = scalarLabel('x'.repeat(5000), 1000);
    expect(label.text).toBe(`"${'x'.repeat(1000)}…"`);
    expect(label.cut).toBe(4000);
  });

  it('does not cut a string inside a surrogate pair', () => {
    const label = scalarLabel('😀'.repeat(10), 5);
    expect(label.text).toBe('"😀😀…"');
    expect(label.cut).toBe(16);
  });
});

describe('paths', () => {
  it('labels a path JSONPath-style', () => {
    expect(pathLabel(null)).toBe('$');
    expect(pathLabel(path('change', 'project'))).toBe('$.change.project');
    expect(pathLabel(path(0, 'a b', 2))).toBe('$[0]["a b"][2]');
    expect(pathLabel(path('x\u202E'))).toBe('$["x⟨U+202E⟩"]');
  });

  it('shortens long paths around an ellipsis and counts their depth', () => {
    const p = path(...Array.from({ length: 40 }, (_, i) => i));
    expect(pathLabel(p)).toBe('$[0][1][2]…[35][36][37][38][39]');
    expect(pathDepth(p)).toBe(40);
  });
});

describe('initialOpenDepth', () => {
  it('opens two levels of a typical event', () => {
    expect(initialOpenDepth({ type: 'x', change: { a: 1, b: 2 }, approvals: [{ v: 1 }] })).toBe(2);
  });

  it('opens only the root when its children would render too many rows (100×100×50 zeros)', () => {
    const zeros = Array.from({ length: 100 }, () => Array.from({ length: 100 }, () => new Array(50).fill(0)));
    expect(initialOpenDepth(zeros)).toBe(1);
  });

  it('opens one level of a scalar (nothing to open)', () => {
    expect(initialOpenDepth(42)).toBe(1);
  });
});

describe('expandAllDepth', () => {
  it('opens every level of a typical event', () => {
    const event = { change: { owner: { email: 'a@b' }, project: 'x' }, approvals: [{ type: 'Verified' }] };
    expect(expandAllDepth(event)).toEqual({ depth: 3, rows: 7, complete: true });
  });

  it('stops opening levels before the rows would pass the budget, and says so', () => {
    const zeros = Array.from({ length: 100 }, () => Array.from({ length: 100 }, () => new Array(50).fill(0)));
    const result = expandAllDepth(zeros);
    expect(result).toEqual({ depth: 1, rows: 100, complete: false });
    expect(result.rows).toBeLessThanOrEqual(EXPAND_ALL_BUDGET);
  });

  it('stops at MAX_VISIBLE_DEPTH on a 10,000-deep document', () => {
    let deep: unknown = 0;
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(expandAllDepth(deep)).toEqual({
      depth: MAX_VISIBLE_DEPTH,
      rows: MAX_VISIBLE_DEPTH,
      complete: false,
    });
  });

  it('treats a scalar or empty containers as already expanded', () => {
    expect(expandAllDepth(5).complete).toBe(true);
    expect(expandAllDepth({ a: [], b: {} })).toEqual({ depth: 1, rows: 2, complete: true });
  });
});

describe('copyValueText', () => {
  it('copies a string as its text and anything else as pretty JSON', () => {
    expect(copyValueText('a@b.org')).toBe('a@b.org');
    expect(copyValueText({ a: [1] })).toBe('{\n  "a": [\n    1\n  ]\n}');
    expect(copyValueText(null)).toBe('null');
  });

  it('refuses a value longer than the copy limit', () => {
    expect(copyValueText('x'.repeat(COPY_VALUE_MAX_CHARS + 1))).toBeNull();
  });
});
