import { describe, expect, it } from 'vitest';
import { binOf, HIST_BINS } from '../../train/inside-scale';
import { binWindow, columnsOf, logDomain, logTicks, maxShare, rowOf, stepTicks, stripPixels } from './inside-plots';

const hist = (...values: number[]) => {
  const h = new Float32Array(HIST_BINS);
  for (const v of values) h[binOf(v)] += 0.5;
  return h;
};

describe('the strips and charts of the inside panel', () => {
  it('show the same bins for both runs of a pair: from the lowest to the highest either reaches', () => {
    const relu = hist(0.1, 7);
    const tanh = hist(-0.99, 0.99);
    expect(binWindow([relu, tanh])).toEqual([binOf(-0.99), binOf(7)]);
    expect(maxShare([relu, tanh])).toBe(0.5);
    expect(binWindow([])).toEqual([0, HIST_BINS - 1]);
  });

  it('put low values at the bottom and give each capture the steps until the next', () => {
    expect(rowOf(10, [10, 13], 40)).toEqual([30, 40]);
    expect(rowOf(13, [10, 13], 40)).toEqual([0, 10]);
    expect(columnsOf([0, 10, 40], 100, 0, 200)).toEqual([
      [0, 20],
      [20, 80],
      [80, 200],
    ]);
  });

  it('label the axes with round steps and whole decades', () => {
    expect(stepTicks(95)).toEqual([0, 20, 40, 60, 80]);
    expect(stepTicks(1)).toEqual([0, 1]);
    expect(stepTicks(2400)).toEqual([0, 500, 1000, 1500, 2000]);
    expect(logTicks(1e-5, 1)).toEqual([1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1].filter((_, i) => i % 2 === 0));
    expect(logDomain([2e-4, 0.03, null, 0], 1e-3)).toEqual([1e-4, 0.1]);
    expect(logDomain([null])).toEqual([1e-4, 1]);
  });

  it('paint each capture over its steps, each bin on its rows, darker for a larger share, the same share the same colour', () => {
    const at = (share: number, k: number) => {
      const h = new Float32Array(HIST_BINS);
      h[k] = share;
      return h;
    };
    const k0 = binOf(0.1);
    const bins: [number, number] = [k0, k0 + 1];
    // Captures after 0 and 5 steps of 10, on 10 x 2 pixels: the top row is bin k0 + 1, the bottom row bin k0.
    const px = stripPixels(
      [
        { step: 0, hist: at(1, k0) },
        { step: 5, hist: at(0.25, k0 + 1) },
      ],
      { bins, maxStep: 10, vmax: 1 },
      10,
      2,
    );
    const [top, bottom] = [px.subarray(0, 10), px.subarray(10, 20)];
    const empty = top[0];
    expect(new Set(top.subarray(0, 5))).toEqual(new Set([empty]));
    expect(new Set(bottom.subarray(0, 5)).size).toBe(1);
    expect(bottom[0]).not.toBe(empty);
    expect(new Set(top.subarray(5, 10)).size).toBe(1);
    expect(top[5]).not.toBe(empty);
    expect(top[5]).not.toBe(bottom[0]); // a quarter of the values against all of them
    expect(new Set(bottom.subarray(5, 10))).toEqual(new Set([empty]));
    // Nothing to show: all empty.
    expect(new Set(stripPixels([], { bins, maxStep: 10, vmax: 0 }, 4, 2))).toEqual(new Set([empty]));
  });
});
