import { describe, expect, it } from 'vitest';
import { downsample, errorCurve, MAX_POINTS } from './chart-series';

describe('curves as the charts draw them', () => {
  it('keeps a short curve whole and cuts a long one to its points, first and last kept', () => {
    expect(downsample([0, 1, 2], [5, 6, 7])).toEqual([
      { x: 0, y: 5 },
      { x: 1, y: 6 },
      { x: 2, y: 7 },
    ]);
    const xs = Array.from({ length: 5000 }, (_, i) => i);
    const cut = downsample(xs, xs.map(Math.sin));
    expect(cut).toHaveLength(MAX_POINTS);
    expect(cut[0]).toEqual({ x: 0, y: 0 });
    expect(cut.at(-1)).toEqual({ x: 4999, y: Math.sin(4999) });
  });

  it('draws training error as 1 − accuracy, smoothed', () => {
    expect(errorCurve([10, 20], [0.25, 0.75], 0)).toEqual([
      { x: 10, y: 0.75 },
      { x: 20, y: 0.25 },
    ]);
    const smoothed = errorCurve([10, 20, 30], [0, 1, 1], 0.5);
    expect(smoothed.map((p) => p.x)).toEqual([10, 20, 30]);
    // Smoothing holds the error up after the accuracy jumps.
    expect(smoothed[1].y).toBeGreaterThan(0);
    expect(smoothed[2].y).toBeLessThan(smoothed[1].y);
    expect(
      errorCurve(
        Array.from({ length: 900 }, (_, i) => i),
        new Array<number>(900).fill(0.5),
        0.9,
        200,
      ),
    ).toHaveLength(200);
  });
});
