import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatasetSplits, ImageSet } from '../data/dataset';
import { setNodeBackend } from '../../node/backends';
import { DEFAULT_CONFIG, type TrainConfig } from '../settings';
import { FeatureMapProbe } from './feature-maps';
import { mulberry32 } from './random';
import { Trainer } from './trainer';

/**
 * Three classes told apart only by colour: mostly red, mostly green or mostly blue noise, 16x16 RGB. A network that
 * sees the channels learns it in a few steps; one that did not would stay at chance.
 */
function colourSet(count: number, seed: number): ImageSet {
  const side = 16;
  const rnd = mulberry32(seed);
  const images = new Uint8Array(count * side * side * 3);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const label = i % 3;
    labels[i] = label;
    for (let p = 0; p < side * side; p++) {
      for (let c = 0; c < 3; c++) images[(i * side * side + p) * 3 + c] = Math.floor(rnd() * (c === label ? 256 : 140));
    }
  }
  return { images, labels, count, height: side, width: side, channels: 3 };
}

const data: DatasetSplits = {
  train: colourSet(600, 1),
  validation: colourSet(60, 2),
  test: colourSet(90, 3),
  classNames: ['red', 'green', 'blue'],
};

const config = (over: Partial<TrainConfig> = {}): TrainConfig => ({
  ...DEFAULT_CONFIG,
  model: 'tiny',
  batchSize: 30,
  epochs: 2,
  learningRate: 3e-3,
  ...over,
});

beforeAll(async () => {
  await setNodeBackend('wasm');
});

describe('training on colour images (a tiny synthetic RGB set, wasm in Node)', () => {
  it('builds the network for the data’s shape and classes, and the loss falls', async () => {
    const t = new Trainer(config({ augFlip: true, augShift: 2, augColour: true }), data);
    expect(t.net.input).toEqual([16, 16, 3]);
    expect(t.model.outputs[0].shape).toEqual([null, 3]);
    const losses: number[] = [];
    while (!t.done) losses.push((await t.trainStep()).loss);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(losses.slice(-5))).toBeLessThan(0.7 * mean(losses.slice(0, 5)));
    const test = await t.evaluate(data.test);
    expect(test.confusion).toHaveLength(9);
    expect(test.confusion.reduce((a, b) => a + b, 0)).toBe(90);
    expect(test.accuracy).toBeGreaterThan(0.6); // chance is 1/3
    t.dispose();
  });

  it('holds the tensor count constant over steps with colour augmentation', async () => {
    const t = new Trainer(config({ augColour: true, augNoise: 0.05 }), data);
    await t.trainStep();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) await t.trainStep();
    await t.evaluate(data.validation);
    expect(tf.memory().numTensors).toBe(before);
    t.dispose();
  });

  it('shows feature maps of a colour image, and the first layer’s filters as RGB tiles', async () => {
    const t = new Trainer(config(), data);
    const probe = new FeatureMapProbe(t.model, t.net, data.test);
    const before = tf.memory().numTensors;
    const maps = await probe.capture(4, 'r', 0);
    expect(maps.layers[0]).toMatchObject({ name: 'conv1', channels: 4, height: 16, width: 16 });
    expect(maps.layers[0].values).toHaveLength(4 * 16 * 16);
    expect(maps.layers[0].rgb).toBeUndefined();
    expect(maps.filters).toMatchObject({ channels: 4, height: 3, width: 3, rgb: true });
    expect(maps.filters.values).toHaveLength(4 * 3 * 3 * 3);
    // The tiles are the kernel [3, 3, 3, 4] filter by filter, quantised over its range.
    const kernel = await t.model.getLayer('conv1').getWeights()[0].data();
    const { min, max } = maps.filters;
    const at = (f: number, y: number, x: number, c: number) => kernel[((y * 3 + x) * 3 + c) * 4 + f];
    expect(maps.filters.values[((2 * 3 + 1) * 3 + 1) * 3 + 2]).toBe(Math.round(((at(2, 1, 1, 2) - min) / (max - min)) * 255));
    const drawn = await probe.predict(new Float32Array(16 * 16 * 3).fill(0.5), 'r', 0);
    expect(drawn.probabilities).toHaveLength(3);
    await expect(probe.predict(new Float32Array(16 * 16), 'r', 0)).rejects.toThrow('Expected 768 values (16x16x3), got 256.');
    expect(tf.memory().numTensors).toBe(before);
    t.dispose();
  });
});
