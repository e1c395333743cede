import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { relError, REL_TOL, randomValues } from '../../test/kernels';
import { setNodeBackend } from '../../node/backends';
import { isOurWasmBatchMatMul, registerWasmBatchMatMul, restoreStockWasmBatchMatMul } from './wasm-batch-matmul';

interface Case {
  name: string;
  a: number[];
  b: number[];
  transposeA: boolean;
  transposeB: boolean;
}

// Every transpose combination, both ways of moving a transpose out, batch dims and broadcasting.
const CASES: Case[] = [
  { name: 'plain', a: [8, 30], b: [30, 20], transposeA: false, transposeB: false },
  { name: 'A·Bᵀ, B transposed (B small)', a: [40, 30], b: [6, 30], transposeA: false, transposeB: true },
  { name: 'A·Bᵀ as (B·Aᵀ)ᵀ (B large, like dy·Wᵀ)', a: [4, 50], b: [300, 50], transposeA: false, transposeB: true },
  { name: 'Aᵀ·B, A transposed (A small, like xᵀ·dy)', a: [6, 40], b: [6, 30], transposeA: true, transposeB: false },
  { name: 'Aᵀ·B as (Bᵀ·A)ᵀ (A large)', a: [50, 300], b: [50, 4], transposeA: true, transposeB: false },
  { name: 'Aᵀ·Bᵀ as (B·A)ᵀ', a: [9, 7], b: [5, 9], transposeA: true, transposeB: true },
  { name: 'batched A·Bᵀ', a: [3, 5, 7], b: [3, 4, 7], transposeA: false, transposeB: true },
  { name: 'batched Aᵀ·B, broadcast batch', a: [1, 7, 5], b: [3, 7, 4], transposeA: true, transposeB: false },
  { name: 'article fc2 weight gradient at batch 16', a: [16, 256], b: [16, 128], transposeA: true, transposeB: false },
];

async function product(c: Case, seed: number): Promise<Float32Array> {
  const a = tf.tensor(randomValues(tf.util.sizeFromShape(c.a), seed), c.a);
  const b = tf.tensor(randomValues(tf.util.sizeFromShape(c.b), seed + 1), c.b);
  const r = tf.matMul(a, b, c.transposeA, c.transposeB);
  const out = (await r.data()) as Float32Array;
  tf.dispose([a, b, r]);
  return out;
}

describe('WASM BatchMatMul without the slow transposed paths', () => {
  beforeAll(async () => {
    await setNodeBackend('wasm');
    registerWasmBatchMatMul();
  });
  afterAll(() => {
    expect(isOurWasmBatchMatMul()).toBe(true);
  });

  test.each(CASES.map((c, i) => [c.name, c, i] as const))('%s matches the CPU backend', async (_name, c, i) => {
    await setNodeBackend('cpu');
    const want = await product(c, 100 + i * 2);
    await setNodeBackend('wasm');
    const got = await product(c, 100 + i * 2);
    expect(got.length).toBe(want.length);
    expect(relError(got, want)).toBeLessThan(REL_TOL);
  });

  test('gives the stock kernel’s results', async () => {
    await setNodeBackend('wasm');
    const results: Float32Array[] = [];
    for (const use of ['ours', 'stock']) {
      if (use === 'stock') restoreStockWasmBatchMatMul();
      results.push(...(await Promise.all(CASES.map((c, i) => product(c, 300 + i * 2)))));
      registerWasmBatchMatMul();
    }
    for (let i = 0; i < CASES.length; i++) expect(relError(results[i], results[i + CASES.length]), CASES[i].name).toBeLessThan(REL_TOL);
  });

  test('leaves no tensors or buffers behind', async () => {
    await setNodeBackend('wasm');
    const a = tf.tensor(randomValues(4 * 50, 1), [4, 50]);
    const b = tf.tensor(randomValues(300 * 50, 2), [300, 50]);
    const run = () => tf.tidy(() => tf.add(tf.matMul(a, b, false, true), tf.matMul(b, a, false, true).transpose()));
    run().dispose();
    const tensors = tf.memory().numTensors;
    const buffers = tf.engine().backend.numDataIds();
    for (let i = 0; i < 50; i++) run().dispose();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(tf.engine().backend.numDataIds()).toBe(buffers);
    tf.dispose([a, b]);
  });
});
