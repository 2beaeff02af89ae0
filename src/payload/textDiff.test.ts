import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffText } from './textDiff';

const side = (lines: { kind: string; text: string }[], drop: string) =>
  lines.filter((l) => l.kind !== drop).map((l) => l.text);

describe('diffText', () => {
  it('marks the lines that changed between two log lines payloads', () => {
    const result = diffText(
      'build started\nstatus: running\nnode: a\n',
      'build started\nstatus: done\nnode: a\n',
    );
    expect(result.lines).toEqual([
      { kind: 'same', text: 'build started' },
      { kind: 'removed', text: 'status: running' },
      { kind: 'added', text: 'status: done' },
      { kind: 'same', text: 'node: a' },
    ]);
  });

  it('gives back both texts: old = same + removed lines, new = same + added lines', () => {
    const text = fc
      .array(fc.constantFrom('a', 'b', 'c', 'dd', ''), { maxLength: 12 })
      .map((l) => l.join('\n'));
    fc.assert(
      fc.property(text, text, (a, b) => {
        const { lines } = diffText(a, b);
        const split = (s: string) => (s === '' ? [] : s.replace(/\n$/, '').split('\n'));
        expect(side(lines ?? [], 'added')).toEqual(split(a));
        expect(side(lines ?? [], 'removed')).toEqual(split(b));
      }),
    );
  });

  it('finds nothing changed in a text compared with itself', () => {
    expect(diffText('x\ny', 'x\ny').lines?.every((l) => l.kind === 'same')).toBe(true);
  });

  it('compares only the first characters of long texts and says it cut them', () => {
    const result = diffText('a'.repeat(100), 'a'.repeat(100), 10);
    expect(result).toEqual({ lines: [{ kind: 'same', text: 'a'.repeat(10) }], cut: true });
  });

  it('gives up on two unrelated long texts instead of spending seconds', () => {
    const a = Array.from({ length: 3000 }, (_, i) => `a${i}`).join('\n');
    const b = Array.from({ length: 3000 }, (_, i) => `b${i}`).join('\n');
    expect(diffText(a, b).tooDifferent).toBe(true);
  });
});
