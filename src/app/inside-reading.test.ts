import { describe, expect, it } from 'vitest';
import { englishText } from '../i18n/message';
import { binOf, HIST_BINS } from '../train/inside-scale';
import { gradientReading, layerReading, middleRange, unitsReading, updateReading } from './inside-reading';
import type { InsideHistory, LayerCapture, LayerInfo } from './inside-store';

const fc1: LayerInfo = { name: 'fc1', kind: 'dense', activation: 'tanh', units: 128 };
const conv2: LayerInfo = { name: 'conv2', kind: 'conv', activation: 'relu', units: 32 };

/** A histogram with the given shares of values at the given points. */
function hist(points: [number, number][]): Float32Array {
  const h = new Float32Array(HIST_BINS);
  for (const [v, share] of points) h[binOf(v)] += share;
  return h;
}

const capture = (over: Partial<LayerCapture> = {}): LayerCapture => ({
  hist: hist([[0.5, 1]]),
  zero: 0,
  saturated: null,
  dead: null,
  mean: 0.5,
  std: 0.1,
  gradNorm: 1,
  updateRatio: 1e-3,
  ...over,
});

const history = (layers: LayerInfo[], captures: { step: number; layers: LayerCapture[] }[]): InsideHistory => ({
  runId: 'r',
  layers,
  images: 16,
  captures: captures.map((c, seq) => ({ ...c, seq })),
  stride: 1,
});

describe('the readings next to the charts', () => {
  it('says a saturated tanh layer starves its gradients, in the words of the issue', () => {
    const text = englishText(
      layerReading(
        fc1,
        capture({
          saturated: 0.93,
          hist: hist([
            [0.999, 0.5],
            [-0.999, 0.5],
          ]),
        }),
        0,
        'en',
      ),
    );
    expect(text).toBe('fc1: 93% of tanh units saturated at step 0 — gradients through them are almost zero.');
    const h = (saturated: number) => history([fc1], [{ step: 0, layers: [capture({ saturated })] }]);
    expect(englishText(unitsReading(h(0.93), 'en')!)).toBe(
      'fc1: 93% of tanh units saturated at step 0 — gradients through them are almost zero.',
    );
    expect(englishText(unitsReading(h(0.03), 'en')!)).toMatch(/^At most 3% of units saturated \(fc1, step 0\)/);
    expect(englishText(unitsReading(h(0.001), 'en')!)).toBe(
      'No tanh units saturated at step 0: they work on the sloped part of their curve.',
    );
  });

  it('counts dead ReLU filters, and says where the outputs of a healthy layer lie', () => {
    const dead = englishText(layerReading(conv2, capture({ dead: 0.25, zero: 0.6 }), 300, 'en'));
    expect(dead).toBe(
      'conv2: 8 of 32 filters dead at step 300 — they output 0 for every image and no longer learn; 60% of all outputs are 0.',
    );
    const alive = englishText(
      layerReading(
        conv2,
        capture({
          dead: 0,
          zero: 0.4,
          hist: hist([
            [0.2, 0.3],
            [3, 0.3],
          ]),
        }),
        5,
        'en',
      ),
    );
    expect(alive).toBe('conv2: no dead filters at step 5; 40% of the outputs are 0 (ReLU off), the rest mostly between 0.188 and 4.64.');
  });

  it('finds the middle 90% of the values from the bins', () => {
    expect(
      middleRange(
        hist([
          [-0.7, 0.5],
          [0.7, 0.5],
        ]),
      ),
    ).toEqual([-0.75, 0.75]);
    expect(middleRange(hist([[5000, 1]]))).toEqual([1000, 1000]);
    expect(middleRange(new Float32Array(HIST_BINS))).toBeNull();
  });

  it('names the worst layer for dead units, or says there are none', () => {
    const h = (dead: number[]) =>
      history([conv2, { ...conv2, name: 'conv3' }], [{ step: 40, layers: dead.map((d) => capture({ dead: d })) }]);
    expect(englishText(unitsReading(h([0.1, 0.4]), 'en')!)).toBe(
      'conv3: 40% of its ReLU filters dead at step 40 — they output 0 for every image and no longer learn.',
    );
    expect(englishText(unitsReading(h([0, 0]), 'en')!)).toMatch(/^No dead ReLU units at step 40/);
  });

  it('tells a gradient that shrank tenfold since the first step, and the range of the others', () => {
    const h = history(
      [fc1, { ...fc1, name: 'fc2' }],
      [
        { step: 0, layers: [capture({ gradNorm: 2 }), capture({ gradNorm: 0.5 })] },
        { step: 100, layers: [capture({ gradNorm: 0.1 }), capture({ gradNorm: 0.4 })] },
      ],
    );
    expect(englishText(gradientReading(h))).toBe(
      'At step 100 fc1’s weight gradient is 20× smaller than at step 0; they range from 0.1 (fc1) to 0.4 (fc2).',
    );
    expect(englishText(gradientReading(history([fc1], [{ step: 0, layers: [capture({ gradNorm: 0.3 })] }])))).toBe(
      'At step 0 the weight gradients range from 0.3 (fc1) to 0.3 (fc1).',
    );
  });

  it('judges the updates against the healthy 1e-3 of the weights', () => {
    const h = (ratios: number[]) =>
      history(
        ratios.map((_, i) => ({ ...fc1, name: `fc${i + 1}` })),
        [{ step: 50, layers: ratios.map((r) => capture({ gradNorm: 1, updateRatio: r })) }],
      );
    expect(englishText(updateReading(h([1e-3, 3e-2])))).toBe(
      'fc2: updates are 0.03 of the weights at step 50 — large (about 1e-3 is healthy): the learning rate may be too high.',
    );
    expect(englishText(updateReading(h([2e-5, 1e-3])))).toMatch(/^fc1: updates are only 2.00e-5 of the weights/);
    expect(englishText(updateReading(h([5e-4, 2e-3])))).toBe(
      'Updates are 5.00e-4 to 0.002 of the weights at step 50, near the healthy 1e-3.',
    );
  });
});
