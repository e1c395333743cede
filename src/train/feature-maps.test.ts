import { describe, expect, it } from 'vitest';
import { MAPS_BUDGET, MapsSchedule, mapsInterval } from './feature-maps';

/** The steps (1..n) after which `schedule` captures maps, each step taking `stepMs`. */
function captures(schedule: MapsSchedule, n: number, stepMs: number, captureMs: number): number[] {
  const at: number[] = [];
  for (let step = 1; step <= n; step++) {
    if (schedule.due(step, stepMs)) {
      at.push(step);
      schedule.captured(step, captureMs);
    }
  }
  return at;
}

describe('when the Worker captures feature maps', () => {
  it('after the first step, then every `every` steps while maps are cheap', () => {
    const s = new MapsSchedule();
    s.every = 10;
    expect(captures(s, 35, 400, 1)).toEqual([1, 11, 21, 31]);
  });

  it(`less often when capture plus drawing would take over ${MAPS_BUDGET * 100}% of training time`, () => {
    const s = new MapsSchedule();
    s.every = 5;
    s.drawn(9); // the page took 9 ms to draw; capture takes 1: 10 ms against 2% of 10 ms steps = every 50 steps
    expect(captures(s, 120, 10, 1)).toEqual([1, 51, 101]);
  });

  it('never when switched off, and afresh for a new run', () => {
    const s = new MapsSchedule();
    expect(captures(s, 20, 10, 1)).toEqual([]);
    s.every = 10;
    captures(s, 15, 10, 1);
    s.restart();
    expect(captures(s, 12, 400, 1)).toEqual([1, 11]);
  });
});

describe('how often feature maps are captured', () => {
  it('keeps capture plus drawing within 2% of training time, never more often than asked', () => {
    expect(mapsInterval(10, 5, 5, 400)).toBe(10); // a big net: 10 ms of maps per 4 s of training
    // A small net on a page whose drawing is slow: 10 + 60 ms per capture, 50 ms steps → every 70 steps.
    expect(mapsInterval(10, 10, 60, 50)).toBe(70);
    expect(mapsInterval(10, 10, 0, 50)).toBe(10);
    expect(mapsInterval(0, 1, 1, 50)).toBe(Infinity);
    expect(mapsInterval(5, 10, 10, 0)).toBe(5); // no step time measured yet
    expect(MAPS_BUDGET).toBe(0.02);
  });
});
