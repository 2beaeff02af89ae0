import { describe, expect, it } from 'vitest';
import { RateMeter } from './rateMeter';

describe('RateMeter', () => {
  it('counts the messages of the last second', () => {
    let now = 1000;
    const meter = new RateMeter(() => now);
    for (let i = 0; i < 50; i++) meter.tick();
    now += 500;
    for (let i = 0; i < 50; i++) meter.tick();
    expect(meter.perSecond()).toBe(100);
  });

  it('forgets messages older than one second', () => {
    let now = 0;
    const meter = new RateMeter(() => now);
    meter.tick(30);
    now += 1100;
    meter.tick(5);
    expect(meter.perSecond()).toBe(5);
    now += 5000;
    expect(meter.perSecond()).toBe(0);
  });
});
