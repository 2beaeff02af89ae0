import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignedDelay } from './clock';

describe('alignedDelay', () => {
  it('lands on the next multiple of the interval, never now and never more than one interval away', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: -1e12, max: 4e12 }),
        (interval, now) => {
          const d = alignedDelay(interval, now);
          expect(d).toBeGreaterThan(0);
          expect(d).toBeLessThanOrEqual(interval);
          expect((((now + d) % interval) + interval) % interval).toBe(0);
        },
      ),
    );
  });

  it('gives the same moment to timers set at different times', () => {
    expect(1_000 + alignedDelay(250, 1_000)).toBe(1_250);
    expect(1_013 + alignedDelay(250, 1_013)).toBe(1_250);
    expect(1_249 + alignedDelay(250, 1_249)).toBe(1_250);
  });
});
