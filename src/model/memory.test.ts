import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { setNodeBackend } from '../../node/backends';
import { peakBufferBytes } from '../../test/live-buffers';
import type { ImageSet } from '../data/dataset';
import { syntheticSplits } from '../data/synthetic';
import { DEFAULT_CONFIG, type TrainConfig } from '../settings';
import { Trainer } from '../train/trainer';
import { estimateTrainingMemory } from './memory';
import { networkFor } from './network-for';
import type { NetworkSpec } from './networks';
import { summarize } from './summary';

/** 4x4 grey images -> conv 2 x 3x3 relu -> max 2x2/2 -> flatten 8 -> dense 3: small enough to count by hand. */
const TINY: NetworkSpec = {
  title: 'hand-sized',
  input: [4, 4, 1],
  layers: [
    { kind: 'conv', name: 'conv', filters: 2, kernel: 3, stride: 1, padding: 'same', activation: 'relu' },
    { kind: 'pool', name: 'pool', size: 2, stride: 2, padding: 'same' },
    { kind: 'flatten', name: 'flatten' },
    { kind: 'dense', name: 'out', units: 3, activation: 'linear' },
  ],
};

describe('the training memory estimate', () => {
  // Parameters: conv 3·3·1·2 + 2 = 20, dense 8·3 + 3 = 27: 47, so weights take 188 bytes.
  // Kept per image, in floats: the image 16; the relu conv's product, biased sum and output 3·32 = 96; the pool
  // 8; the linear dense (fused) 3; the loss's 4·(3 + 1) = 16. Total 139.
  // Gradients per image: relu 32 (the conv's input is the image: none); pool 32; dense's input 8; loss 16: 88.
  // Backward temporary per image: relu's step and, on WASM, its copy: 2·32 = 64.
  it('counts a small network by hand: SGD with momentum, batch 2', () => {
    const m = estimateTrainingMemory(TINY, 2, 'sgd');
    expect(m).toEqual({
      batch: 2,
      optimizer: 'sgd',
      weights: 188,
      optimizerState: 188,
      activations: 139 * 2 * 4, // 1,112
      gradients: 88 * 2 * 4 + 188, // 892 with the weight gradients
      transient: 64 * 2 * 4, // 512; the update's four copies of the dense kernel (432) come after 1,816 are freed
      total: 188 + 188 + 1112 + 892 + 512,
      // the largest tensor: a conv output (2 filters of 4x4, 32 floats an image) for 2 images; the dense kernel is 24
      largestTensor: 2 * 32 * 4,
    });
  });

  it("counts tfjs's Adam update when it is the peak: eleven weight-sized temporaries, batch 1", () => {
    const m = estimateTrainingMemory(TINY, 1, 'adam');
    // After the backward pass 556 + 540 - 188 = 908 bytes are freed; the update then needs 11 · 188 = 2,068.
    expect([m.optimizerState, m.activations, m.gradients, m.transient]).toEqual([376, 556, 540, 2068 - 908]);
    // the peak is the update: weights, state, weight gradients and the temporaries
    expect(m.total).toBe(188 + 376 + 188 + 2068);
    // our fused Adam on WebGPU has no temporaries (and WebGPU's cast does not copy relu's step): the backward
    // pass is the peak, with relu's step as its temporary
    expect(estimateTrainingMemory(TINY, 1, 'adam', { backend: 'webgpu' }).transient).toBe(32 * 4);
  });

  it("on WebGL the largest tensor is a conv's im2col matrix: every 3x3 patch of the image, for each output pixel", () => {
    // [batch 2, 3·3·1 = 9 values a patch, 16 output pixels]
    expect(estimateTrainingMemory(TINY, 2, 'sgd', { backend: 'webgl' }).largestTensor).toBe(2 * 9 * 16 * 4);
  });

  it('grows with the batch: the article network at batch 4096 needs several GB', () => {
    const article = networkFor(DEFAULT_CONFIG, [28, 28, 1]);
    const at = (batch: number) => estimateTrainingMemory(article, batch, 'adam').total;
    expect(at(4096)).toBeGreaterThan(4e9);
    expect(summarize(article).memory).toEqual(estimateTrainingMemory(article, 64, 'adam'));
  });
});

describe('the estimate against a real training step (WASM in Node)', () => {
  const grey = (count: number): ImageSet => syntheticSplits([28, 28, 1], count).train;
  const cases: [string, Partial<TrainConfig>, [number, number, number]][] = [
    ['the small article network, Adam (LRN and dropout)', { model: 'small' }, [28, 28, 1]],
    ["Figure 1's network, SGD without weight decay", { model: 'figure1', optimizer: 'sgd', weightDecay: 0 }, [32, 32, 3]],
    [
      'AlexNet for small images, width 1/8, tanh, SGD with weight decay',
      { model: 'alexnet-small', width: '1/8', activation: 'tanh', optimizer: 'sgd' },
      [32, 32, 3],
    ],
  ];
  it.each(cases)("%s: within 5%% of the peak of live buffers, and below tfjs's numBytes peak", async (_, over, shape) => {
    await setNodeBackend('wasm');
    const config: TrainConfig = { ...DEFAULT_CONFIG, batchSize: 16, ...over };
    const data = shape[2] === 1 ? { train: grey(64), validation: grey(16), test: grey(16) } : syntheticSplits(shape, 64);
    const t = new Trainer(config, data);
    await t.trainStep(); // the optimizer makes its state on the first step
    const estimate = estimateTrainingMemory(t.net, 16, config.optimizer, { weightDecay: config.weightDecay > 0 }).total;
    const { peak } = await peakBufferBytes(() => t.trainStep());
    const profile = await tf.profile(() => t.trainStep().then(() => undefined));
    t.dispose();
    expect(Math.abs(estimate / peak - 1)).toBeLessThan(0.05);
    expect(profile.peakBytes).toBeGreaterThan(estimate);
  });
});
