/**
 * Helpers shared by the WASM conv2d gradient kernel tests (wasm-conv2d-backprop-*.test.ts): deterministic
 * inputs, the error measure against the CPU backend, the conv cases both kernels are checked on, and the
 * per-file hooks, per-case comparison and leak check. Not a test file itself (Vitest collects *.test.ts).
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { randomValues } from '../src/train/random';
import { setNodeBackend, type NodeBackend } from '../node/backends';

export { randomValues };

/** Bound on max|wasm − cpu| / max|cpu| (float32; XNNPACK sums in a different order than the CPU loops). */
export const REL_TOL = 1e-5;

export const size = (s: number[]) => tf.util.sizeFromShape(s);

export function relError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  expect(actual.length).toBe(expected.length);
  let maxDiff = 0;
  let maxRef = 0;
  for (let i = 0; i < expected.length; i++) {
    maxDiff = Math.max(maxDiff, Math.abs(actual[i] - expected[i]));
    maxRef = Math.max(maxRef, Math.abs(expected[i]));
  }
  expect(maxRef).toBeGreaterThan(0);
  return maxDiff / maxRef;
}

type Pad = 'valid' | 'same' | number | [[number, number], [number, number], [number, number], [number, number]];

/** A forward conv2d whose gradient is checked. */
export interface Case {
  name: string;
  /** The original conv's input shape (x; the shape of dx). */
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: number | [number, number];
  pad: Pad;
  dataFormat?: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/** The project's nets, 3x3 'same' stride 1. */
export const NET_CASES: Case[] = [
  // the article's network (batch 4, or 2 for the big layers: the CPU reference is slow)
  { name: 'article conv1 1→64, 28x28', x: [4, 28, 28, 1], filter: [3, 3, 1, 64], strides: 1, pad: 'same' },
  { name: 'article conv2 64→128, 14x14', x: [2, 14, 14, 64], filter: [3, 3, 64, 128], strides: 1, pad: 'same' },
  { name: 'article conv3 128→256, 7x7', x: [2, 7, 7, 128], filter: [3, 3, 128, 256], strides: 1, pad: 'same' },
  // tiny net
  { name: 'tiny conv1 1→4, 28x28', x: [3, 28, 28, 1], filter: [3, 3, 1, 4], strides: 1, pad: 'same' },
  { name: 'tiny conv2 4→8, 14x14', x: [3, 14, 14, 4], filter: [3, 3, 4, 8], strides: 1, pad: 'same' },
  { name: 'tiny conv3 8→8, 7x7', x: [3, 7, 7, 8], filter: [3, 3, 8, 8], strides: 1, pad: 'same' },
];

/** Odd sizes, 2x3 kernel, strides > 1, each padding kind. */
export const STRIDE_2_CASES: Case[] = [
  { name: '5x7, 2x3 kernel, stride 2, valid', x: [2, 5, 7, 3], filter: [2, 3, 3, 4], strides: 2, pad: 'valid' },
  { name: '5x7, 2x3 kernel, stride 2, same', x: [2, 5, 7, 3], filter: [2, 3, 3, 4], strides: 2, pad: 'same' },
  { name: '5x7, 2x3 kernel, stride 2, pad 1', x: [2, 5, 7, 3], filter: [2, 3, 3, 4], strides: 2, pad: 1 },
  {
    name: '5x7, 2x3 kernel, stride [2,3], explicit [[1,0],[0,2]]',
    x: [2, 5, 7, 3],
    filter: [2, 3, 3, 4],
    strides: [2, 3],
    pad: [
      [0, 0],
      [1, 0],
      [0, 2],
      [0, 0],
    ],
  },
];

/** Strided convs whose windows leave rows unread, round up, or stride 3. */
export const STRIDED_EDGE_CASES: Case[] = [
  { name: '7x5, 2x2 kernel, stride 2, valid (last row unread)', x: [3, 7, 5, 2], filter: [2, 2, 2, 5], strides: 2, pad: 'valid' },
  { name: '6x6, 3x3, stride 2, pad 1, ceil rounding', x: [2, 6, 6, 2], filter: [3, 3, 2, 3], strides: 2, pad: 1, dimRoundingMode: 'ceil' },
  { name: '9x8, 3x3, stride 3, same', x: [2, 9, 8, 2], filter: [3, 3, 2, 3], strides: 3, pad: 'same' },
];

/** The shape of dy (the original conv's output) for a case. */
export function dyShapeOf(c: Case): number[] {
  const info = tf.backend_util.computeConv2DInfo(
    c.x,
    c.filter,
    c.strides,
    1,
    c.pad,
    c.dimRoundingMode,
    false,
    c.dataFormat === 'NCHW' ? 'channelsFirst' : 'channelsLast',
  );
  return info.outShape;
}

/** The attributes the conv2d gradient kernels share, for a case. */
export function convAttrsOf(c: Case) {
  return {
    strides: c.strides,
    pad: c.pad,
    dataFormat: c.dataFormat ?? 'NHWC',
    dimRoundingMode: c.dimRoundingMode,
  };
}

/**
 * The hooks of a kernel's test file: 'wasm' before it; after it, the per-case errors logged, the kernel
 * registered for 'wasm' still ours (`isOurs`), and back to 'cpu'. Returns the list the errors go into.
 */
export function wasmKernelFileHooks(isOurs: () => boolean): string[] {
  const measuredErrors: string[] = [];
  beforeAll(async () => {
    await setNodeBackend('wasm');
  });
  afterAll(async () => {
    if (measuredErrors.length) console.log(`max|wasm-cpu|/max|cpu| per case:\n${measuredErrors.join('\n')}`);
    expect(isOurs()).toBe(true);
    await setNodeBackend('cpu');
  });
  return measuredErrors;
}

/**
 * One test per case: `compute` on 'cpu' and on 'wasm' (seed seedBase + 17·index) agree within REL_TOL; each
 * error is added to `measuredErrors`.
 */
export function testCasesMatchCpu(
  cases: Case[],
  seedBase: number,
  compute: (backend: NodeBackend, c: Case, seed: number) => Promise<Float32Array>,
  measuredErrors: string[],
): void {
  test.each(cases.map((c, i) => [c.name, c, i] as const))('%s matches CPU', async (_name, c, i) => {
    const seed = seedBase + 17 * i;
    const ref = await compute('cpu', c, seed);
    const got = await compute('wasm', c, seed);
    const err = relError(got, ref);
    measuredErrors.push(`${err.toExponential(1)}  ${c.name}`);
    expect(err).toBeLessThan(REL_TOL);
  });
}

/** The tensors of the leak tests: x [4, 14, 14, 8], w [3, 3, 8, 16], w2 [2, 3, 8, 4]. */
export function leakTestTensors(): { x: tf.Tensor4D; w: tf.Tensor4D; w2: tf.Tensor4D } {
  const x = tf.tensor(randomValues(4 * 14 * 14 * 8, 7), [4, 14, 14, 8]) as tf.Tensor4D;
  const w = tf.tensor(randomValues(3 * 3 * 8 * 16, 8), [3, 3, 8, 16]) as tf.Tensor4D;
  const w2 = tf.tensor(randomValues(2 * 3 * 8 * 4, 9), [2, 3, 8, 4]) as tf.Tensor4D;
  return { x, w, w2 };
}

/** After a warm-up, 100 runs of `step` (its results disposed) leave the tensor and data-buffer counts unchanged. */
export function expectNoLeaks(step: () => tf.Tensor[]): void {
  tf.dispose(step()); // warm-up
  const tensorsBefore = tf.memory().numTensors;
  const buffersBefore = tf.engine().backend.numDataIds();
  for (let i = 0; i < 100; i++) tf.dispose(step());
  expect(tf.memory().numTensors).toBe(tensorsBefore);
  expect(tf.engine().backend.numDataIds()).toBe(buffersBefore);
}
