import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../settings';
import { buildModel } from './build';
import {
  alexNet2012,
  alexNetSmall,
  figure1Network,
  PAPER_ALEXNET,
  PAPER_LRN,
  playgroundNetwork,
  type AlexNetOptions,
  type NetworkSpec,
} from './networks';
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

/** [name, output shape, parameters] of every layer. */
const rows = (net: NetworkSpec) => summarize(net).layers.map((l) => [l.name, l.outputShape, l.params]);
const alex = (over: Partial<AlexNetOptions> = {}): AlexNetOptions => ({ ...PAPER_ALEXNET, classes: 10, ...over });

describe("Figure 1's network (cuda-convnet layers-19pct.cfg)", () => {
  it('has the layer file shapes and 89,578 parameters on 32x32x3 images', () => {
    // conv k·k·cin·cout + cout; pools 3x3/2 'same' halve 32 -> 16 -> 8 -> 4; fc10 on 4·4·64 = 1024
    expect(rows(figure1Network({ activation: 'relu' }))).toEqual([
      ['conv1', [32, 32, 32], 5 * 5 * 3 * 32 + 32], // 2,432
      ['pool1', [16, 16, 32], 0],
      ['conv2', [16, 16, 32], 5 * 5 * 32 * 32 + 32], // 25,632
      ['pool2', [8, 8, 32], 0],
      ['conv3', [8, 8, 64], 5 * 5 * 32 * 64 + 64], // 51,264
      ['pool3', [4, 4, 64], 0],
      ['flatten', [1024], 0],
      ['fc10', [10], 1024 * 10 + 10], // 10,250
    ]);
    expect(summarize(figure1Network({ activation: 'tanh' })).totalParams).toBe(89_578);
  });

  it('pools max, then average twice, and starts from the file σ (conv1 rescaled for 0..1 pixels)', () => {
    const layers = figure1Network({ activation: 'relu' }).layers;
    expect(layers.filter((l) => l.kind === 'pool').map((l) => l.kind === 'pool' && (l.op ?? 'max'))).toEqual(['max', 'avg', 'avg']);
    expect(layers.flatMap((l) => (l.kind === 'conv' || l.kind === 'dense' ? [l.initStd] : []))).toEqual([1e-4 * 255, 0.01, 0.01, 0.01]);
  });
});

describe('AlexNet for small images', () => {
  it('keeps the paper pattern at 32x32 (width 1/4: 1,884,778 parameters)', () => {
    // widths 96, 256, 384, 384, 256, 4096 times 1/4: 24, 64, 96, 96, 64, 1024; 3x3/2 valid pools: 32 -> 15 -> 7 -> 3
    expect(rows(alexNetSmall(alex({ width: 1 / 4 }), [32, 32, 3]))).toEqual([
      ['conv1', [32, 32, 24], 5 * 5 * 3 * 24 + 24], // 1,824
      ['lrn1', [32, 32, 24], 0],
      ['pool1', [15, 15, 24], 0],
      ['conv2', [15, 15, 64], 5 * 5 * 24 * 64 + 64], // 38,464
      ['lrn2', [15, 15, 64], 0],
      ['pool2', [7, 7, 64], 0],
      ['conv3', [7, 7, 96], 3 * 3 * 64 * 96 + 96], // 55,392
      ['conv4', [7, 7, 96], 3 * 3 * 96 * 96 + 96], // 83,040
      ['conv5', [7, 7, 64], 3 * 3 * 96 * 64 + 64], // 55,360
      ['pool5', [3, 3, 64], 0],
      ['flatten', [576], 0],
      ['fc6', [1024], 576 * 1024 + 1024], // 590,848
      ['dropout6', [1024], 0],
      ['fc7', [1024], 1024 * 1024 + 1024], // 1,049,600
      ['dropout7', [1024], 0],
      ['fc8', [10], 1024 * 10 + 10], // 10,250
    ]);
    expect(summarize(alexNetSmall(alex({ width: 1 / 4 }), [32, 32, 3])).totalParams).toBe(1_884_778);
  });

  it('has 29,983,114 parameters at full width on 32x32x3', () => {
    // 7,296 + 614,656 + 885,120 + 1,327,488 + 884,992 + 3·3·256·4096+4096 = 9,441,280 + 16,781,312 + 40,970
    expect(summarize(alexNetSmall(alex(), [32, 32, 3])).totalParams).toBe(29_983_114);
  });

  it('downsamples 64x64 images with a 7x7 stride-2 conv1, then matches the 32x32 network', () => {
    const s = summarize(alexNetSmall(alex({ width: 1 / 4 }), [64, 64, 3]));
    expect(s.layers[0]).toMatchObject({ name: 'conv1', outputShape: [32, 32, 24], params: 7 * 7 * 3 * 24 + 24 });
    expect(s.layers.find((l) => l.name === 'pool5')?.outputShape).toEqual([3, 3, 64]);
    expect(s.totalParams).toBe(1_884_778 - 1_824 + 3_552);
  });

  it('leaves out LRN and dropout when they are off, and uses the setting rate when on', () => {
    const off = alexNetSmall(alex({ lrn: false, dropout: 0 }), [32, 32, 3]);
    expect(off.layers.some((l) => l.kind === 'lrn' || l.kind === 'dropout')).toBe(false);
    const on = alexNetSmall(alex({ dropout: 0.3 }), [32, 32, 3]);
    expect(on.layers.filter((l) => l.kind === 'dropout').map((l) => l.kind === 'dropout' && l.rate)).toEqual([0.3, 0.3]);
    expect(on.layers.find((l) => l.kind === 'lrn')).toMatchObject(PAPER_LRN);
  });
});

describe('AlexNet 2012, trainable', () => {
  it('scales with width on 227x227 images and 10 classes (width 1/4, grouped: 3,572,842 parameters)', () => {
    // conv1 11·11·3·24+24 = 8,736; conv2 5·5·12·64+64 = 19,264 (two groups see 12 channels each);
    // conv3 3·3·64·96+96 = 55,392; conv4 3·3·48·96+96 = 41,568; conv5 3·3·48·64+64 = 27,712;
    // fc6 6·6·64·1024+1024 = 2,360,320; fc7 1,049,600; fc8 10,250
    const s = summarize(alexNet2012(true, alex({ width: 1 / 4 })));
    expect(s.totalParams).toBe(3_572_842);
    expect(s.layers.find((l) => l.name === 'pool5')?.outputShape).toEqual([6, 6, 64]);
  });

  it('is the paper network at width 1', () => {
    expect(summarize(alexNet2012(true, { ...PAPER_ALEXNET })).totalParams).toBe(60_965_224);
    expect(summarize(alexNet2012(false, { ...PAPER_ALEXNET })).totalParams).toBe(62_378_344);
  });
});

describe('every new table in tfjs', () => {
  const cases: [string, NetworkSpec][] = [
    ["Figure 1's network", figure1Network({ activation: 'tanh' })],
    ['AlexNet for 32x32, width 1/8', alexNetSmall(alex({ width: 1 / 8 }), [32, 32, 3])],
    ['AlexNet for 64x64, width 1/8', alexNetSmall(alex({ width: 1 / 8, activation: 'tanh' }), [64, 64, 3])],
    ['AlexNet 2012, width 1/16', alexNet2012(true, alex({ width: 1 / 16 }))],
  ];
  it.each(cases)('%s builds, matches its table and maps a random batch to 10 logits without leaking', async (_, net) => {
    const model = buildModel(net, { init: net.layers.every((l) => l.kind !== 'conv' || l.initStd) ? 'cuda-convnet' : 'glorot', seed: 5 });
    expect(model.countParams()).toBe(summarize(net).totalParams);
    const forward = () => tf.tidy(() => model.predict(tf.randomUniform([2, ...net.input])) as tf.Tensor);
    const warm = forward();
    expect(warm.shape).toEqual([2, 10]);
    expect(Array.from(await warm.data()).every(Number.isFinite)).toBe(true);
    warm.dispose();
    const before = tf.memory().numTensors;
    forward().dispose();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
