import { describe, expect, it } from 'vitest';
import { MAPS_BUDGET, mapsInterval } from './feature-maps';

describe('how often feature maps are captured', () => {
  it('keeps capture plus drawing within 2% of training time, never more often than asked', () => {
    expect(mapsInterval(10, 5, 5, 400)).toBe(10); // seed net: 10 ms of maps per 4 s of training
    // A small net on a page whose drawing is slow: 10 + 60 ms per capture, 50 ms steps → every 70 steps.
    expect(mapsInterval(10, 10, 60, 50)).toBe(70);
    expect(mapsInterval(10, 10, 0, 50)).toBe(10);
    expect(mapsInterval(0, 1, 1, 50)).toBe(Infinity);
    expect(mapsInterval(5, 10, 10, 0)).toBe(5); // no step time measured yet
    expect(MAPS_BUDGET).toBe(0.02);
  });
});
