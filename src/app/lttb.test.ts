import { describe, expect, it } from 'vitest';
import { lttb } from './lttb';

function series(n: number, f: (i: number) => number) {
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = i;
    ys[i] = f(i);
  }
  return { xs, ys };
}

// A deterministic noisy decay, like a loss curve, without Math.random so a failure reproduces.
const lossLike = (i: number) => 2 * Math.exp(-i / 20_000) + 0.05 * Math.sin(i * 12.9898) + 0.1;

function expectStrictlyIncreasing(idx: number[]) {
  for (let k = 1; k < idx.length; k++) expect(idx[k]).toBeGreaterThan(idx[k - 1]);
}

describe('lttb', () => {
  it('keeps the first and last points and exactly threshold points', () => {
    const { xs, ys } = series(10_000, lossLike);
    const idx = lttb(xs, ys, 500);
    expect(idx).toHaveLength(500);
    expect(idx[0]).toBe(0);
    expect(idx[idx.length - 1]).toBe(9_999);
  });

  it('returns every index when there are no more points than the threshold', () => {
    const { xs, ys } = series(50, lossLike);
    expect(lttb(xs, ys, 50)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(lttb(xs, ys, 1000)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(lttb([], [], 10)).toEqual([]);
  });

  it('keeps a single spike when downsampling 100k points to 1000', () => {
    const spike = 61_803;
    const { xs, ys } = series(100_000, (i) => (i === spike ? 50 : lossLike(i)));
    const idx = lttb(xs, ys, 1000);
    expect(idx).toHaveLength(1000);
    expect(idx).toContain(spike);
    // A downward spike is just as much a feature of the shape.
    const dip = 12_345;
    const { xs: xs2, ys: ys2 } = series(100_000, (i) => (i === dip ? -50 : lossLike(i)));
    expect(lttb(xs2, ys2, 1000)).toContain(dip);
  });

  it('returns strictly increasing indices', () => {
    for (const [n, t] of [
      [100_000, 1000],
      [1001, 1000],
      [10, 3],
      [7, 5],
      [12_345, 678],
    ] as const) {
      const { xs, ys } = series(n, lossLike);
      const idx = lttb(xs, ys, t);
      expect(idx).toHaveLength(t);
      expectStrictlyIncreasing(idx);
      expect(idx[0]).toBe(0);
      expect(idx[idx.length - 1]).toBe(n - 1);
    }
  });

  it('uses the real x spacing, not the index', () => {
    // Steps logged unevenly: the spike must still win its bucket.
    const xs = Array.from({ length: 2000 }, (_, i) => i * i);
    const ys = xs.map((_, i) => (i === 1500 ? 10 : 1));
    expect(lttb(xs, ys, 100)).toContain(1500);
  });

  it('never keeps non-finite points and still keeps the finite ends', () => {
    const { xs, ys } = series(5000, lossLike);
    ys[0] = NaN;
    ys[4999] = NaN;
    for (let i = 2000; i < 2100; i++) ys[i] = NaN;
    ys[3000] = Infinity;
    const idx = lttb(xs, ys, 200);
    expect(idx).toHaveLength(200);
    expectStrictlyIncreasing(idx);
    expect(idx[0]).toBe(1);
    expect(idx[idx.length - 1]).toBe(4998);
    for (const i of idx) expect(Number.isFinite(ys[i])).toBe(true);
  });

  it('returns only the finite points when they already fit', () => {
    expect(lttb([0, 1, 2, 3], [1, NaN, 3, 4], 10)).toEqual([0, 2, 3]);
    expect(lttb([0, 1, 2], [NaN, NaN, NaN], 10)).toEqual([]);
  });

  it('handles tiny thresholds', () => {
    const { xs, ys } = series(100, lossLike);
    expect(lttb(xs, ys, 0)).toEqual([]);
    expect(lttb(xs, ys, 1)).toEqual([0]);
    expect(lttb(xs, ys, 2)).toEqual([0, 99]);
    expect(lttb(xs, ys, 3)).toHaveLength(3);
    expect(lttb(xs, ys, NaN)).toEqual([]);
  });
});
