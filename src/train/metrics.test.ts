import { describe, expect, it } from 'vitest';
import { ema, firstCrossing, speedup } from './metrics';

describe('chart maths', () => {
  it('smooths without pulling the first points towards zero', () => {
    expect(ema([2, 2, 2], 0.9)).toEqual([2, 2, 2].map(() => expect.closeTo(2, 10)));
    expect(ema([1, 3], 0)).toEqual([1, 3]);
    const s = ema([0, 10, 0, 10, 0, 10], 0.8);
    expect(Math.max(...s.slice(2)) - Math.min(...s.slice(2))).toBeLessThan(10);
  });

  it('finds the first step where the smoothed training error reaches the threshold', () => {
    const steps = [10, 20, 30, 40, 50];
    const acc = [0.1, 0.5, 0.8, 0.9, 0.95];
    expect(firstCrossing(steps, acc, 0.25, 0)).toBe(30);
    expect(firstCrossing(steps, acc, 0.01, 0)).toBeNull();
    // smoothing delays the crossing: a single lucky batch does not count
    expect(firstCrossing(steps, [0.1, 0.9, 0.1, 0.1, 0.1], 0.25, 0.5)).toBeNull();
  });

  it('gives the ratio of crossing steps, or nothing when a run did not cross', () => {
    expect(speedup(100, 600)).toBe(6);
    expect(speedup(null, 600)).toBeNull();
  });
});
