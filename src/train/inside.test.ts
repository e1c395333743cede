import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatasetSplits } from '../data/dataset';
import { loadDataset } from '../data/load';
import { buildModel } from '../model/build';
import type { NetworkSpec } from '../model/networks';
import { nodeReader } from '../../node/data';
import { setNodeBackend } from '../../node/backends';
import { DEFAULT_CONFIG, type TrainConfig } from '../settings';
import { INSIDE_MIN_CAPTURES } from './inside-scale';
import {
  InsideMonitor,
  InsideSchedule,
  insideInterval,
  InsideStep,
  INSIDE_BUDGET,
  INSIDE_IMAGES,
  type InsideEvent,
  type InsideLayer,
  minimizeWithNorms,
  summariseActivations,
  unpackNorms,
} from './inside';
import { binOf, HIST_BINS, HIST_EDGES } from './inside-scale';
import { Trainer } from './trainer';

let mnist: DatasetSplits;

beforeAll(async () => {
  await setNodeBackend('wasm');
  mnist = await loadDataset('mnist', nodeReader());
});

/** Four 4x4 images with every pixel 1. */
const bright = () => tf.ones([4, 4, 4, 1]);

/** What a measuring step sees of these layers on these images (its forward pass and summary, no update). */
async function measure(model: tf.LayersModel, net: NetworkSpec, images = bright()): Promise<InsideLayer[]> {
  const step = new InsideStep(model, net);
  tf.dispose([step.forward(images, false), images]);
  const summary = step.summary();
  const values = await summary.data();
  summary.dispose();
  return step.unpack(values, new Array(3 * step.groups.length).fill(0));
}

/** conv 3x3 (2 filters) -> flatten -> dense (3 units), both with the given activation. */
function tinyNet(activation: 'relu' | 'tanh' | 'sigmoid'): NetworkSpec {
  return {
    title: 'tiny test net',
    input: [4, 4, 1],
    layers: [
      { kind: 'conv', name: 'c1', filters: 2, kernel: 3, stride: 1, padding: 'same', activation },
      { kind: 'flatten', name: 'flat' },
      { kind: 'dense', name: 'd1', units: 3, activation },
    ],
  };
}

/** Sets every kernel entry and every bias of a layer. */
function setLayer(model: tf.LayersModel, name: string, kernel: number, bias: number) {
  const layer = model.getLayer(name);
  const [k, b] = layer.getWeights();
  layer.setWeights([tf.fill(k.shape, kernel), tf.fill(b.shape, bias)]);
}

describe('what the page shows of each layer', () => {
  it('a ReLU layer with a large negative bias is 100% dead, and all its outputs are zero', async () => {
    const net = tinyNet('relu');
    const model = buildModel(net, { init: 'glorot', seed: 1 });
    setLayer(model, 'c1', 0.1, -100);
    setLayer(model, 'd1', 0.1, -100);
    const [conv, dense] = await measure(model, net);
    for (const layer of [conv, dense]) {
      expect(layer.dead).toBe(1);
      expect(layer.zero).toBe(1);
      expect(layer.saturated).toBeNull(); // saturation is not a ReLU notion
      expect(layer.hist.reduce((a, b) => a + b)).toBe(0); // exact zeros are counted apart
    }
    expect(conv.units).toBe(2);
    expect(conv.values).toBe(4 * 4 * 4 * 2);
    model.dispose();
  });

  it('a ReLU layer with a positive bias has no dead units', async () => {
    const net = tinyNet('relu');
    const model = buildModel(net, { init: 'glorot', seed: 1 });
    setLayer(model, 'c1', 0.1, 1);
    const [conv] = await measure(model, net);
    expect(conv.dead).toBe(0);
    expect(conv.zero).toBe(0);
    model.dispose();
  });

  it('a tanh layer fed large inputs is saturated near 100%, a sigmoid one too; small inputs are not', async () => {
    for (const activation of ['tanh', 'sigmoid'] as const) {
      const net = tinyNet(activation);
      const model = buildModel(net, { init: 'glorot', seed: 1 });
      setLayer(model, 'c1', 5, 0); // 4 to 9 pixels of 1.0 under a 3x3 window: inputs of 20 to 45
      setLayer(model, 'd1', 0.001, 0); // 32 inputs of at most 1: |x| < 0.04, far from the limits
      const [conv, dense] = await measure(model, net);
      expect(conv.saturated, activation).toBe(1);
      expect(dense.saturated, activation).toBe(0);
      expect(conv.dead).toBeNull();
      model.dispose();
    }
  });

  it('bins known values where the scale says, zeros apart, with their mean and spread', async () => {
    const values = [0, 0, 0.5, -0.5, 0.03, -0.99, 2, 15, 5000, -5000, 1, -1];
    const summary = summariseActivations(tf.tensor2d(values, [values.length, 1]), 'linear');
    const packed = Array.from(await summary.data());
    summary.dispose();
    const hist = packed.slice(0, HIST_BINS);
    const expected = new Array(HIST_BINS).fill(0);
    for (const v of values) if (v !== 0) expected[binOf(v)]++;
    expect(hist).toEqual(expected);
    // Spot checks of the scale itself: 0.5 in [0.5, 0.5625), 15 in [10, 21.5), 1 in [1, 2.15), the tails open.
    expect(HIST_EDGES[binOf(0.5) - 1]).toBe(0.5);
    expect(HIST_EDGES[binOf(15) - 1]).toBe(10);
    expect(HIST_EDGES[binOf(1) - 1]).toBe(1);
    expect(binOf(5000)).toBe(HIST_BINS - 1);
    expect(binOf(-5000)).toBe(0);
    const [zero, saturated, dead, mean, std] = packed.slice(HIST_BINS);
    expect(zero).toBeCloseTo(2 / 12, 6);
    expect([saturated, dead]).toEqual([-1, -1]); // not applicable to a linear layer
    const m = values.reduce((a, b) => a + b) / values.length;
    expect(mean).toBeCloseTo(m, 3);
    expect(std).toBeCloseTo(Math.sqrt(values.reduce((a, v) => a + (v - m) ** 2, 0) / values.length), 1);
  });

  it('counts 100,000 normal values exactly as the scale bins them one by one', async () => {
    const x = tf.randomNormal([1000, 100], 0, 3, 'float32', 5);
    const values = await x.data();
    const summary = summariseActivations(x, 'linear');
    const hist = Array.from(await summary.data()).slice(0, HIST_BINS);
    tf.dispose([x, summary]);
    const expected = new Array(HIST_BINS).fill(0);
    for (const v of values) if (v !== 0) expected[binOf(v)]++;
    expect(hist).toEqual(expected);
  });

  it('measures the gradient, weights and update of a tiny net as computed by hand', async () => {
    // y = x W + b, loss = mean((y - t)^2) over two samples, plain SGD with rate 0.1.
    const input = tf.input({ shape: [2] });
    const dense = tf.layers.dense({ units: 1, name: 'hand' });
    const model = tf.model({ inputs: input, outputs: dense.apply(input) as tf.SymbolicTensor });
    dense.setWeights([tf.tensor2d([[0.5], [-1]]), tf.tensor1d([0])]);
    const x = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    const t = tf.tensor2d([[1], [0]]);
    const optimizer = tf.train.sgd(0.1);
    const groups = [{ variables: dense.trainableWeights.filter((w) => w.shape.length > 1).map((w) => w.name) }];
    const { cost, norms } = minimizeWithNorms(
      optimizer,
      () => tf.mean(tf.square(tf.sub(model.apply(x) as tf.Tensor, t))) as tf.Scalar,
      groups,
    );
    // y = [-1.5, -2.5], residuals r = [-2.5, -2.5], loss = 6.25; dL/dW = (2/2) xᵀ r = [-10, -15].
    expect((await cost.data())[0]).toBeCloseTo(6.25, 5);
    const [g] = unpackNorms(await norms.data(), 1);
    expect(g.gradNorm).toBeCloseTo(Math.sqrt(10 ** 2 + 15 ** 2), 4);
    expect(g.weightNorm).toBeCloseTo(Math.sqrt(0.5 ** 2 + 1 ** 2), 5);
    expect(g.updateNorm).toBeCloseTo(0.1 * Math.sqrt(10 ** 2 + 15 ** 2), 4);
    // ...and the step was taken: W - 0.1 * dL/dW.
    expect(Array.from(await dense.getWeights()[0].data())).toEqual([0.5 + 1, -1 + 1.5].map(Math.fround));
    tf.dispose([cost, norms, x, t]);
    optimizer.dispose();
    model.dispose();
  });
});

describe('statistics during training', () => {
  const small = (over: Partial<TrainConfig> = {}): TrainConfig => ({
    ...DEFAULT_CONFIG,
    model: 'small',
    batchSize: 32,
    trainLimit: 32 * 6,
    seed: 7,
    augShift: 1,
    augNoise: 0.05,
    ...over,
  });

  it('a step that measures what happens inside trains exactly as a plain one (Adam, and SGD with weight decay)', async () => {
    for (const config of [small(), small({ optimizer: 'sgd', learningRate: 0.01 })]) {
      const train = async (measure: boolean) => {
        const t = new Trainer(config, mnist);
        const losses: number[] = [];
        const measured: (number | undefined)[] = [];
        while (!t.done) {
          t.collectInside = measure;
          losses.push((await t.trainStep()).loss);
          measured.push(t.takeInside()?.[0].gradient.gradNorm);
        }
        const weights = await Promise.all(t.model.getWeights().map((w) => w.data()));
        t.dispose();
        return { losses, weights: weights.map((w) => Array.from(w)), measured };
      };
      const plain = await train(false);
      const measured = await train(true);
      expect(measured.losses).toEqual(plain.losses);
      expect(measured.weights).toEqual(plain.weights);
      expect(plain.measured.every((g) => g === undefined)).toBe(true);
      expect(measured.measured.every((g) => g !== undefined && g > 0 && Number.isFinite(g))).toBe(true);
    }
  });

  it('gives every conv and dense layer a gradient, weights and an update of a sensible size, and holds the tensor count', async () => {
    const t = new Trainer(small({ model: 'tiny', trainLimit: 32 * 20 }), mnist);
    t.collectInside = true;
    await t.trainStep(); // the probe model and the optimizer's slots are made on the first steps
    await t.trainStep();
    t.takeInside();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 10; i++) {
      t.collectInside = i % 2 === 0;
      await t.trainStep();
      expect(t.takeInside() !== null).toBe(i % 2 === 0);
    }
    expect(tf.memory().numTensors).toBe(before);
    t.collectInside = true;
    await t.trainStep();
    const layers = t.takeInside()!;
    expect(layers.map((l) => l.name)).toEqual(['conv1', 'conv2', 'conv3', 'fc1', 'fc2', 'logits']);
    for (const l of layers) {
      const g = l.gradient;
      expect(g.gradNorm, l.name).toBeGreaterThan(0);
      // Adam moves each weight by about the learning rate (1e-3): the update is a small part of the weights.
      const ratio = g.updateNorm / g.weightNorm;
      expect(ratio, l.name).toBeGreaterThan(1e-5);
      expect(ratio, l.name).toBeLessThan(0.1);
      expect(l.values).toBe(PROBE_VALUES[l.name] * INSIDE_IMAGES);
      expect(l.hist.reduce((a, b) => a + b) + l.zero * l.values).toBeCloseTo(l.values, 0);
    }
    t.dispose();
  });
});

/** Values per image of the tiny net's layers: 28x28x4, 14x14x8, 7x7x8, 16, 16, 10. */
const PROBE_VALUES: Record<string, number> = { conv1: 28 * 28 * 4, conv2: 14 * 14 * 8, conv3: 7 * 7 * 8, fc1: 16, fc2: 16, logits: 10 };

describe('when statistics are captured', () => {
  it('leave nothing behind: a trainer that measured frees all its tensors with the model', async () => {
    const before = tf.memory().numTensors;
    const t = new Trainer({ ...DEFAULT_CONFIG, model: 'tiny', batchSize: 32, trainLimit: 32 * 3 }, mnist);
    while (!t.done) {
      t.collectInside = true;
      await t.trainStep();
    }
    t.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('with the first step (the untrained network, step 0), then at least `every` steps apart, and with the last', async () => {
    const t = new Trainer({ ...DEFAULT_CONFIG, model: 'tiny', batchSize: 32, trainLimit: 32 * 8 }, mnist);
    const events: InsideEvent[] = [];
    const monitor = new InsideMonitor(t, 'r1', (e) => events.push(e));
    monitor.setEvery(2);
    while (!t.done) monitor.afterStep((await t.trainStep()).ms);
    expect(events[0].step).toBe(0);
    expect(events[0].layers.every((l) => l.gradient.gradNorm > 0 && l.values > 0)).toBe(true);
    expect(events.every((e) => e.runId === 'r1' && e.images === INSIDE_IMAGES)).toBe(true);
    // Later measurements are as far apart as the budget needs, and at least `every`.
    const steps = events.map((e) => e.step);
    steps.slice(1, -1).forEach((s, i) => expect(s - steps[i]).toBeGreaterThanOrEqual(2));
    // ...and the last step, on the network trained for 7 steps.
    expect(steps.at(-1)).toBe(7);
    expect(t.collectInside).toBe(false);
    t.dispose();
  });

  it('never, when switched off; switched on mid-run, with the next step; over a whole batch smaller than 16', async () => {
    const t = new Trainer({ ...DEFAULT_CONFIG, model: 'tiny', batchSize: 8, trainLimit: 8 * 4 }, mnist);
    const events: InsideEvent[] = [];
    const monitor = new InsideMonitor(t, 'r2', (e) => events.push(e));
    monitor.setEvery(0);
    for (let i = 0; i < 2; i++) monitor.afterStep((await t.trainStep()).ms);
    expect(events).toEqual([]);
    monitor.setEvery(10);
    monitor.afterStep((await t.trainStep()).ms);
    expect(events.map((e) => e.step)).toEqual([2]);
    expect(events[0].images).toBe(8);
    expect(events[0].layers[0].values).toBe(8 * 28 * 28 * 4);
    t.dispose();
  });

  it('with the first step, then every N steps, stretched so that measuring stays within its share of training time', () => {
    const s = new InsideSchedule();
    expect(s.due(0)).toBe(false); // off until asked for
    s.every = 10;
    expect(s.due(0)).toBe(true);
    s.captured(0, 0.1);
    s.observe(100);
    expect(s.due(5)).toBe(false);
    expect(s.due(10)).toBe(true);
    s.captured(10, 0.1);
    expect(s.due(11)).toBe(false);
    expect(s.due(20)).toBe(true);
    // Measurements that cost 50 ms against steps of 100 ms: 50 / (INSIDE_BUDGET * 100) steps apart at least.
    const costly = new InsideSchedule();
    costly.every = 10;
    costly.observe(100);
    costly.captured(0, 50);
    const apart = Math.ceil(50 / (INSIDE_BUDGET * 100));
    expect(apart).toBeGreaterThan(10);
    expect(costly.due(apart - 1)).toBe(false);
    expect(costly.due(apart)).toBe(true);
    // One slow measurement (a busy machine) stretches the spacing less than its own cost would.
    costly.captured(apart, 500);
    expect(costly.due(apart + Math.ceil(500 / (INSIDE_BUDGET * 100)) - 1)).toBe(true);
    s.every = 0;
    expect(s.due(1000)).toBe(false);
  });

  it('a short run on a fast machine is still measured INSIDE_MIN_CAPTURES times, not only untrained and trained', () => {
    // Steps of 10 ms and 60 ms to measure and draw: the budget alone would space them 600 steps apart.
    expect(insideInterval(10, 20, 40, 10)).toBe(600);
    // A run of 150 steps (the ReLU vs tanh pair on the small network) is measured every 18 steps instead.
    expect(insideInterval(10, 20, 40, 10, 150)).toBe(Math.floor(150 / INSIDE_MIN_CAPTURES));
    // Never more often than the student asked, nor more often than the budget allows on a long run.
    expect(insideInterval(50, 20, 40, 10, 150)).toBe(50);
    expect(insideInterval(10, 20, 40, 10, 100_000)).toBe(600);
    expect(insideInterval(10, 20, 40, 10, 3)).toBe(10);
    const s = new InsideSchedule();
    s.every = 10;
    s.observe(10);
    s.captured(0, 20);
    s.drawn(40);
    const taken = [0];
    for (let step = 1; step < 150; step++) {
      if (s.due(step, 150)) {
        taken.push(step);
        s.captured(step, 20);
      }
    }
    expect(taken.length).toBeGreaterThanOrEqual(INSIDE_MIN_CAPTURES);
  });
});
