import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { randomValues, relError, REL_TOL, size } from '../../test/kernels';
import { setNodeBackend } from '../../node/backends';
import { isOurWasmMaxPoolGrad, registerWasmMaxPoolGrad, restoreStockWasmMaxPoolGrad } from './wasm-max-pool-grad';

interface Case {
  name: string;
  x: [number, number, number, number];
  filter: number | [number, number];
  strides: number | [number, number];
  pad: 'valid' | 'same';
  /** How the input values are made: random floats, or small integers (many ties), or ReLU'd (many zeros). */
  values?: 'float' | 'ties' | 'relu' | 'positive';
}

const CASES: Case[] = [
  // The article network's three pools (2x2 'same'; 7 -> 4 pads), at a small batch: the CPU reference is slow.
  { name: 'article pool1 28x28x64', x: [2, 28, 28, 64], filter: 2, strides: 2, pad: 'same', values: 'relu' },
  { name: 'article pool2 14x14x128', x: [2, 14, 14, 128], filter: 2, strides: 2, pad: 'same', values: 'relu' },
  { name: 'article pool3 7x7x256 (padded)', x: [2, 7, 7, 256], filter: 2, strides: 2, pad: 'same', values: 'relu' },
  // AlexNet's overlapping pooling, 3x3 stride 2, both paddings: windows share inputs, gradients add.
  { name: 'overlapping 3x3/2 valid', x: [3, 13, 13, 5], filter: 3, strides: 2, pad: 'valid' },
  { name: 'overlapping 3x3/2 same', x: [3, 14, 14, 5], filter: 3, strides: 2, pad: 'same' },
  { name: 'odd sizes, 2x3 window, strides 1x2', x: [2, 5, 7, 3], filter: [2, 3], strides: [1, 2], pad: 'same' },
  { name: 'ties everywhere (the first maximum wins)', x: [2, 9, 9, 4], filter: 3, strides: 2, pad: 'same', values: 'ties' },
  { name: 'one channel', x: [4, 28, 28, 1], filter: 2, strides: 2, pad: 'valid' },
];

function inputValues(c: Case, seed: number): Float32Array {
  const v = randomValues(size(c.x), seed);
  if (c.values === 'ties') return v.map((u) => Math.round(u * 2));
  if (c.values === 'relu') return v.map((u) => Math.max(0, u));
  if (c.values === 'positive') return v.map((u) => 1 + Math.abs(u));
  return v;
}

/** dx of sum(maxPool(x) * w): the MaxPoolGrad kernel, reached the way training reaches it. */
async function gradient(c: Case, seed: number): Promise<Float32Array> {
  const x = tf.tensor4d(inputValues(c, seed), c.x);
  const pool = (t: tf.Tensor) => tf.maxPool(t as tf.Tensor4D, c.filter, c.strides, c.pad);
  const outShape = tf.tidy(() => pool(x).shape);
  const w = tf.tensor(randomValues(size(outShape), seed + 1), outShape);
  const dx = tf.grad((t: tf.Tensor) => pool(t).mul(w).sum())(x);
  const out = (await dx.data()) as Float32Array;
  tf.dispose([x, w, dx]);
  return out;
}

describe('WASM MaxPoolGrad over the backend memory', () => {
  beforeAll(async () => {
    await setNodeBackend('wasm');
    registerWasmMaxPoolGrad();
  });
  afterAll(() => {
    expect(isOurWasmMaxPoolGrad()).toBe(true);
  });

  test.each(CASES.map((c, i) => [c.name, c, i] as const))('%s matches the CPU backend', async (_name, c, i) => {
    await setNodeBackend('cpu');
    const want = await gradient(c, 10 + 2 * i);
    await setNodeBackend('wasm');
    const got = await gradient(c, 10 + 2 * i);
    // Each dx is one dy or a sum of a few in the same order: equal up to float rounding of those sums.
    expect(relError(got, want)).toBeLessThan(REL_TOL);
    // Where the CPU backend passes no gradient, neither do we (the positions chosen are the same).
    for (let k = 0; k < want.length; k++) if (want[k] === 0) expect(got[k], `dx[${k}]`).toBe(0);
  });

  test('passes no gradient through padding or an all -Infinity window', async () => {
    await setNodeBackend('wasm');
    // 3x3 input, 2x2 'same' pool: the right column and bottom row of windows hang over the padding.
    const x = tf.tensor4d([1, 2, -Infinity, 4, 5, -Infinity, -Infinity, -Infinity, -Infinity], [1, 3, 3, 1]);
    const dx = tf.grad((t: tf.Tensor) => tf.maxPool(t as tf.Tensor4D, 2, 2, 'same').sum())(x);
    expect(Array.from(await dx.data())).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 0]);
    tf.dispose([x, dx]);
  });

  // The stock kernel is wrong for windows of negative values (it sends their gradient to the window's first
  // position, as if the maximum started at 0), which a tanh net has everywhere; and it sends ties to the last
  // maximum where TensorFlow and the CPU backend take the first. So it is compared on positive, untied inputs.
  test('gives the stock kernel’s results on positive inputs without ties, for every geometry', async () => {
    await setNodeBackend('wasm');
    const positive = CASES.map((c) => ({ ...c, values: 'positive' as const }));
    const results: Float32Array[] = [];
    for (const use of ['ours', 'stock']) {
      if (use === 'stock') restoreStockWasmMaxPoolGrad();
      for (const [i, c] of positive.entries()) results.push(await gradient(c, 50 + 2 * i));
      registerWasmMaxPoolGrad();
    }
    for (let i = 0; i < positive.length; i++) {
      expect(relError(results[i], results[i + positive.length]), positive[i].name).toBeLessThan(REL_TOL);
    }
  });

  test('finds the maximum of a window of negative values (where the stock kernel does not)', async () => {
    await setNodeBackend('wasm');
    const x = tf.tensor4d([-3, -1, -2, -4], [1, 2, 2, 1]);
    const dx = tf.grad((t: tf.Tensor) => tf.maxPool(t as tf.Tensor4D, 2, 2, 'valid').sum())(x);
    expect(Array.from(await dx.data())).toEqual([0, 1, 0, 0]);
    tf.dispose([x, dx]);
  });

  test('leaves no tensors or buffers behind', async () => {
    await setNodeBackend('wasm');
    const x = tf.tensor4d(randomValues(2 * 14 * 14 * 8, 3), [2, 14, 14, 8]);
    const grad = tf.grad((t: tf.Tensor) => tf.maxPool(t as tf.Tensor4D, 3, 2, 'same').sum());
    grad(x).dispose();
    const tensors = tf.memory().numTensors;
    const buffers = tf.engine().backend.numDataIds();
    for (let i = 0; i < 30; i++) grad(x).dispose();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(tf.engine().backend.numDataIds()).toBe(buffers);
    x.dispose();
  });
});
