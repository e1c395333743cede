import { describe, expect, it } from 'vitest';
import { binOf, HIST_BINS } from '../../train/inside-scale';
import { binWindow, columnsOf, logDomain, logTicks, maxShare, rowOf, stepTicks } from './inside-plots';

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
});
