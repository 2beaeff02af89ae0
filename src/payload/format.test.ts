import { describe, expect, it } from 'vitest';
import { formatAge, formatBytes, formatRate, formatTime, formatTopicRate } from './format';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1, '1 B'],
    [512, '512 B'],
    [999, '999 B'],
    [1000, '1.0 kB'],
    [1500, '1.5 kB'],
    [1234, '1.2 kB'],
    [999_949, '999.9 kB'],
    [2_000_000, '2.0 MB'],
    [3_500_000_000, '3.5 GB'],
  ])('formats %d bytes as %j', (n, expected) => {
    expect(formatBytes(n)).toBe(expected);
  });

  it('moves to the next unit instead of showing 1000.0 of the smaller one', () => {
    expect(formatBytes(999.6)).toBe('1.0 kB');
    expect(formatBytes(999_960)).toBe('1.0 MB');
  });

  it('keeps a sign for negative sizes and marks non-finite ones as unknown', () => {
    expect(formatBytes(-1500)).toBe('-1.5 kB');
    expect(formatBytes(Number.NaN)).toBe('? B');
  });
});

describe('formatTime', () => {
  it('formats local time as HH:MM:SS.mmm with zero padding', () => {
    expect(formatTime(new Date(2024, 0, 2, 3, 4, 5, 6).getTime())).toBe('03:04:05.006');
    expect(formatTime(new Date(2024, 11, 31, 23, 59, 59, 999).getTime())).toBe('23:59:59.999');
  });

  it('shows placeholders for an invalid timestamp instead of NaN', () => {
    expect(formatTime(Number.NaN)).toBe('--:--:--.---');
  });
});

describe('formatRate', () => {
  it.each([
    [0, '0'],
    [12, '12'],
    [12.4, '12'],
    [12.6, '13'],
    [1234, '1,234'],
    [1_234_567, '1,234,567'],
  ])('formats %d per second as %j', (rate, expected) => {
    expect(formatRate(rate)).toBe(expected);
  });

  it('reads 0 for negative or non-finite rates', () => {
    expect(formatRate(-3)).toBe('0');
    expect(formatRate(Number.NaN)).toBe('0');
    expect(formatRate(Number.POSITIVE_INFINITY)).toBe('0');
  });
});

describe('formatAge', () => {
  it('reads seconds, minutes, hours and days, never negative', () => {
    expect([0, 42_900, 300_000, 3 * 3_600_000, 2 * 86_400_000, -5].map(formatAge)).toEqual([
      '0 s',
      '42 s',
      '5 min',
      '3 h',
      '2 d',
      '0 s',
    ]);
  });
});

describe('formatTopicRate', () => {
  it('keeps one decimal for slow topics and groups fast ones', () => {
    expect([0, 0.25, 3.2, 1250.4].map(formatTopicRate)).toEqual(['0', '0.3', '3.2', '1,250']);
  });
});
