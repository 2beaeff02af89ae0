import { describe, expect, it } from 'vitest';
import { COPY_HEX_MAX_BYTES, COPY_MAX_BYTES, copyPlan, toBase64 } from './copyPlan';
import { hexDumpLines } from './hexDump';

describe('toBase64', () => {
  it('matches Node for any length, across its 32 kB slices', () => {
    for (const n of [0, 1, 2, 3, 4, 32_766, 32_767, 32_768, 100_001]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) & 0xff);
      expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    }
  });
});

describe('copyPlan', () => {
  it('copies text as it is', () => {
    expect(copyPlan(new TextEncoder().encode('héllo'), 'text', 'héllo')).toEqual({
      text: 'héllo',
      note: 'Copied 6 B of text.',
    });
    expect(copyPlan(new TextEncoder().encode('{"a":1}'), 'json').text).toBe('{"a":1}');
  });

  it('copies small binary as the hex dump the Hex view shows', () => {
    const bytes = Uint8Array.from([0, 1, 2, 0xff]);
    expect(copyPlan(bytes, 'binary')).toEqual({
      text: hexDumpLines(bytes).join('\n'),
      note: 'Copied as a hex dump.',
    });
  });

  it('copies larger binary as base64 rather than a hex dump five times its size', () => {
    const bytes = new Uint8Array(COPY_HEX_MAX_BYTES + 1);
    const plan = copyPlan(bytes, 'binary');
    expect(plan.text).toBe(Buffer.from(bytes).toString('base64'));
    expect(plan.note).toBe('Copied as base64 (a hex dump is limited to 65.5 kB).');
  });

  it('copies nothing over the limit and says to download instead', () => {
    const bytes = new Uint8Array(COPY_MAX_BYTES + 1);
    expect(copyPlan(bytes, 'binary')).toEqual({
      note: 'Not copied: 1.0 MB is over the 1.0 MB copy limit. Use Download.',
    });
    expect(copyPlan(bytes, 'text').text).toBeUndefined();
  });
});
