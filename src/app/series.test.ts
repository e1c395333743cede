import { describe, expect, it } from 'vitest';
import { boundSeries, HISTORY, MAX_POINTS, TAIL, type StepColumns } from './series';

function series(n: number): StepColumns {
  const s: StepColumns = { step: [], loss: [], acc: [], ms: [] };
  for (let i = 1; i <= n; i++) {
    s.step.push(i);
    s.loss.push(1 / i);
    s.acc.push(i % 2);
    s.ms.push(10 * i);
  }
  return s;
}

describe('a run that trains for millions of steps', () => {
  it('keeps its series bounded: the recent tail whole, older history in even buckets from the first step', () => {
    const s = series(0);
    let longest = 0;
    for (let i = 1; i <= 1_000_000; i++) {
      s.step.push(i);
      s.loss.push(1);
      s.acc.push(0.5);
      s.ms.push(i);
      boundSeries(s);
      longest = Math.max(longest, s.step.length);
    }
    expect(longest).toBe(MAX_POINTS);
    expect(s.loss.every((v) => v === 1) && s.acc.every((v) => v === 0.5)).toBe(true);
    expect(s.step.length).toBeGreaterThanOrEqual(TAIL);
    // The tail is every one of the last TAIL steps; the history still starts near the first step, in order.
    expect(s.step.slice(-TAIL)).toEqual(Array.from({ length: TAIL }, (_, i) => 1_000_000 - TAIL + 1 + i));
    // The history is spread evenly from the first step: its first bucket is one of HISTORY equal slices.
    expect(s.step[0]).toBeLessThanOrEqual(Math.ceil((1_000_000 - TAIL) / HISTORY));
    expect(s.step.every((v, i) => i === 0 || v > s.step[i - 1])).toBe(true);
    expect([s.loss.length, s.acc.length, s.ms.length]).toEqual([s.step.length, s.step.length, s.step.length]);
  });

  it('averages what it merges (a smoothed curve stays the same curve) and leaves short runs alone', () => {
    const short = series(100);
    expect(boundSeries(short, 10_000, 50)).toBe(false);
    expect(short.step.length).toBe(100);

    const s = series(10);
    expect(boundSeries(s, 8, 4, 3)).toBe(true);
    // History: steps 1..6 in 3 buckets of 2 steps; the tail 7..10 untouched.
    expect(s.step).toEqual([2, 4, 6, 7, 8, 9, 10]);
    expect(s.acc).toEqual([0.5, 0.5, 0.5, 1, 0, 1, 0]);
    expect(s.loss.slice(0, 2)).toEqual([(1 + 1 / 2) / 2, (1 / 3 + 1 / 4) / 2]);
    expect(s.ms).toEqual([20, 40, 60, 70, 80, 90, 100]);
  });
});
