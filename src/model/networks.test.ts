import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../settings';
import { buildModel } from './build';
import { alexNet2012, playgroundNetwork } from './networks';
import { summarize } from './summary';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe("the article's network", () => {
  const net = playgroundNetwork(DEFAULT_CONFIG);
  const summary = summarize(net);

  it("has the article's shapes and parameter counts, layer by layer", () => {
    const rows = summary.layers.map((l) => [l.name, l.outputShape, l.params]);
    expect(rows).toEqual([
      ['conv1', [28, 28, 64], 640],
      ['pool1', [14, 14, 64], 0],
      ['lrn1', [14, 14, 64], 0],
      ['dropout1', [14, 14, 64], 0],
      ['conv2', [14, 14, 128], 73_856],
      ['pool2', [7, 7, 128], 0],
      ['lrn2', [7, 7, 128], 0],
      ['dropout2', [7, 7, 128], 0],
      ['conv3', [7, 7, 256], 295_168],
      ['pool3', [4, 4, 256], 0],
      ['lrn3', [4, 4, 256], 0],
      ['dropout3', [4, 4, 256], 0],
      ['flatten', [4096], 0],
      ['fc1', [1024], 4_195_328],
      ['fc2', [1024], 1_049_600],
      ['logits', [10], 10_250],
    ]);
    expect(summary.totalParams).toBe(5_624_842);
  });

  it('builds a tfjs model whose every layer matches the table', () => {
    const model = buildModel(net, { init: 'glorot', seed: 1 });
    expect(model.countParams()).toBe(5_624_842);
    for (const row of summary.layers) {
      const layer = model.getLayer(row.name);
      expect((layer.outputShape as number[]).slice(1), row.name).toEqual(row.outputShape);
      expect(layer.countParams(), row.name).toBe(row.params);
    }
    model.dispose();
  });

  it('keeps 4x4x256 after overlapping 3x3/2 pooling and drops optional layers when asked', () => {
    const s = summarize(playgroundNetwork({ ...DEFAULT_CONFIG, pooling: '3x3s2', lrn: false, dropout: 0 }));
    expect(s.layers.find((l) => l.name === 'flatten')?.outputShape).toEqual([4096]);
    expect(s.layers.some((l) => l.kind === 'lrn' || l.kind === 'dropout')).toBe(false);
    expect(s.totalParams).toBe(5_624_842);
  });

  it('gives the same initial weights for the same seed and different ones for another', async () => {
    const tiny = playgroundNetwork({ ...DEFAULT_CONFIG, model: 'tiny' });
    const [a, b, c] = [1, 1, 2].map((seed) => buildModel(tiny, { init: 'glorot', seed }));
    const first = async (m: tf.LayersModel) => Array.from(await m.getWeights()[0].data());
    expect(await first(a)).toEqual(await first(b));
    expect(await first(a)).not.toEqual(await first(c));
    [a, b, c].forEach((m) => m.dispose());
  });

  it('repeats its initial weights for seed 0 too, with every init (tfjs takes a layer seed of 0 as "no seed")', async () => {
    const tiny = playgroundNetwork({ ...DEFAULT_CONFIG, model: 'tiny' });
    for (const init of ['glorot', 'he', 'normal'] as const) {
      const [a, b] = [0, 0].map((seed) => buildModel(tiny, { init, seed }));
      const weights = async (m: tf.LayersModel) => Promise.all(m.getWeights().map(async (w) => Array.from(await w.data())));
      expect(await weights(a), init).toEqual(await weights(b));
      [a, b].forEach((m) => m.dispose());
    }
  });
});

describe('AlexNet 2012', () => {
  it('totals 60,965,224 parameters as trained on two GPUs', () => {
    const s = summarize(alexNet2012(true));
    expect(s.totalParams).toBe(60_965_224);
    expect(s.layers.find((l) => l.name === 'conv2')?.params).toBe(307_456);
    expect(s.layers.find((l) => l.name === 'flatten')?.outputShape).toEqual([9216]);
  });

  it('totals 62,378,344 parameters as a single tower, with the paper shapes', () => {
    const s = summarize(alexNet2012(false));
    expect(s.totalParams).toBe(62_378_344);
    const shapes = Object.fromEntries(s.layers.map((l) => [l.name, l.outputShape]));
    expect(shapes).toMatchObject({
      conv1: [55, 55, 96],
      pool1: [27, 27, 96],
      conv2: [27, 27, 256],
      pool2: [13, 13, 256],
      conv3: [13, 13, 384],
      conv4: [13, 13, 384],
      conv5: [13, 13, 256],
      pool5: [6, 6, 256],
      fc6: [4096],
      fc7: [4096],
      fc8: [1000],
    });
    // about 2.3 GFLOPs a forward pass (1.1 G multiply-adds), the figure usually quoted
    expect(s.totalFlops).toBeGreaterThan(2.0e9);
    expect(s.totalFlops).toBeLessThan(2.5e9);
  });

  it('builds in tfjs (both variants) and runs a forward pass on one random image', async () => {
    for (const twoGpu of [true, false]) {
      const net = alexNet2012(twoGpu);
      const model = buildModel(net, { init: 'he', seed: 3 });
      expect(model.countParams()).toBe(summarize(net).totalParams);
      const forward = () => tf.tidy(() => tf.softmax(model.predict(tf.randomUniform([1, 227, 227, 3])) as tf.Tensor));
      const probs = forward();
      expect(probs.shape).toEqual([1, 1000]);
      expect((await probs.sum().data())[0]).toBeCloseTo(1, 4);
      probs.dispose();
      // tfjs-layers caches a few scalars on the first call; after that a pass must leave nothing behind
      const before = tf.memory().numTensors;
      forward().dispose();
      expect(tf.memory().numTensors).toBe(before);
      model.dispose();
    }
  });
});
