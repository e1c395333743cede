import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADAM_UPDATE, type AdamUpdateAttrs } from '../kernels/adam-update';
import { setNodeBackend, type NodeBackend } from '../../node/backends';
import { FusedAdamOptimizer } from './fused-adam';
import { randomValues } from './random';

const f = Math.fround;

/**
 * The reference: the update on plain arrays, rounding to float32 after every operation in tfjs's order, so
 * it gives what the op-by-op optimizer gives on a backend with IEEE float32 arithmetic (CPU) to the last bit.
 * Writes into `outW`, `outM`, `outV` (which may not alias the inputs).
 */
function adamUpdateInto(
  w: ArrayLike<number>,
  g: ArrayLike<number>,
  m: ArrayLike<number>,
  v: ArrayLike<number>,
  outW: Float32Array,
  outM: Float32Array,
  outV: Float32Array,
  a: AdamUpdateAttrs,
): void {
  // The scalars as tfjs holds them: float32 tensors made from JS numbers.
  const b1 = f(a.beta1);
  const b2 = f(a.beta2);
  const c1 = f(1 - a.beta1);
  const c2 = f(1 - a.beta2);
  const d1 = f(a.oneMinusAccBeta1);
  const d2 = f(a.oneMinusAccBeta2);
  const eps = f(a.epsilon);
  const negLr = f(-a.learningRate);
  const n = outW.length;
  for (let i = 0; i < n; i++) {
    const gi = g[i];
    const m1 = f(f(m[i] * b1) + f(gi * c1));
    const v1 = f(f(v[i] * b2) + f(f(gi * gi) * c2));
    const step = f(f(m1 / d1) / f(f(Math.sqrt(f(v1 / d2))) + eps));
    outW[i] = f(f(step * negLr) + w[i]);
    outM[i] = m1;
    outV[i] = v1;
  }
}

/** A small dense + conv net's worth of weights, with gradients that change every step. */
const SHAPES = [[3, 3, 1, 4], [4], [36, 10], [10]];
const STEPS = 12;

/** Runs `STEPS` steps of `optimizer` on fixed weights with made-up gradients; returns the final weights. */
async function train(optimizer: tf.Optimizer): Promise<Float32Array[]> {
  const vars = SHAPES.map((s, i) =>
    tf.variable(tf.tensor(randomValues(tf.util.sizeFromShape(s), 7 + i), s), true, `w${i}_${Math.random()}`),
  );
  for (let step = 0; step < STEPS; step++) {
    const grads: tf.NamedTensorMap = {};
    vars.forEach((v, i) => {
      // Gradients of varied size and sign, some exactly zero.
      grads[v.name] = tf.tidy(() =>
        tf
          .tensor(randomValues(v.size, 100 * step + i), v.shape)
          .mul(step % 3 === 0 ? 1e-3 : 2)
          .relu(),
      );
    });
    optimizer.applyGradients(grads);
    tf.dispose(Object.values(grads));
  }
  const out = await Promise.all(vars.map(async (v) => (await v.data()) as Float32Array));
  tf.dispose(vars);
  return out;
}

/** The reference update registered as a CPU-backend kernel: Node has no backend with a kernel of its own. */
function registerReferenceKernelOnCpu(): void {
  if (tf.getKernel(ADAM_UPDATE, 'cpu')) return;
  tf.registerKernel({
    kernelName: ADAM_UPDATE,
    backendName: 'cpu',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const cpu = backend as unknown as {
        data: { get(id: object): { values: Float32Array } };
        makeTensorInfo(shape: number[], dtype: string, values: Float32Array): tf.TensorInfo;
      };
      const values = (t: tf.TensorInfo) => cpu.data.get(t.dataId).values;
      const { weights, grads, firstMoment, secondMoment } = inputs as Record<string, tf.TensorInfo>;
      const outs = [0, 1, 2].map(() => new Float32Array(values(weights).length));
      adamUpdateInto(
        values(weights),
        values(grads),
        values(firstMoment),
        values(secondMoment),
        outs[0],
        outs[1],
        outs[2],
        attrs as unknown as AdamUpdateAttrs,
      );
      return outs.map((o) => cpu.makeTensorInfo(weights.shape, 'float32', o));
    },
  });
}

const bitsEqual = (a: Float32Array[], b: Float32Array[]) =>
  a.every((x, i) => x.length === b[i].length && x.every((v, j) => Object.is(v, b[i][j])));

describe('Adam as one kernel per weight tensor', () => {
  let backendBefore: NodeBackend;
  beforeAll(() => {
    backendBefore = tf.getBackend() as NodeBackend;
  });
  afterAll(async () => {
    tf.unregisterKernel(ADAM_UPDATE, 'cpu');
    if (backendBefore) await setNodeBackend(backendBefore);
  });

  test('the update on plain arrays is bit-identical to tfjs Adam on the CPU backend', async () => {
    await setNodeBackend('cpu');
    const stock = await train(tf.train.adam(0.01));
    // Replay with the array version: same weights, same gradients, same β powers (float32 running products).
    const w = SHAPES.map((s, i) => randomValues(tf.util.sizeFromShape(s), 7 + i));
    const m = w.map((x) => new Float32Array(x.length));
    const v = w.map((x) => new Float32Array(x.length));
    let acc1 = Math.fround(0.9);
    let acc2 = Math.fround(0.999);
    for (let step = 0; step < STEPS; step++) {
      w.forEach((wi, i) => {
        const g = randomValues(wi.length, 100 * step + i).map((x) =>
          Math.max(0, Math.fround(x * (step % 3 === 0 ? Math.fround(1e-3) : 2))),
        );
        const [w1, m1, v1] = [0, 1, 2].map(() => new Float32Array(wi.length));
        adamUpdateInto(wi, g, m[i], v[i], w1, m1, v1, {
          learningRate: 0.01,
          beta1: 0.9,
          beta2: 0.999,
          epsilon: tf.backend().epsilon(),
          oneMinusAccBeta1: Math.fround(1 - acc1),
          oneMinusAccBeta2: Math.fround(1 - acc2),
        });
        w[i] = w1;
        m[i] = m1;
        v[i] = v1;
      });
      acc1 = Math.fround(acc1 * Math.fround(0.9));
      acc2 = Math.fround(acc2 * Math.fround(0.999));
    }
    expect(bitsEqual(w, stock)).toBe(true);
  });

  test('with a backend kernel it runs one kernel per weight tensor and gives tfjs Adam’s weights to the last bit', async () => {
    await setNodeBackend('cpu');
    const stock = await train(tf.train.adam(0.01));
    registerReferenceKernelOnCpu();
    const fused = new FusedAdamOptimizer(0.01);
    const ours = await train(fused);
    expect(fused.fusedSteps).toBe(STEPS);
    expect(fused.iterations).toBe(STEPS);
    expect(bitsEqual(ours, stock)).toBe(true);
    fused.dispose();
  });

  test('where the backend has no kernel (WASM) it is tfjs’s Adam', async () => {
    await setNodeBackend('wasm');
    expect(tf.getKernel(ADAM_UPDATE, 'wasm')).toBeUndefined();
    const stock = await train(tf.train.adam(0.01));
    const fused = new FusedAdamOptimizer(0.01);
    const ours = await train(fused);
    expect(fused.fusedSteps).toBe(0);
    expect(bitsEqual(ours, stock)).toBe(true);
    fused.dispose();
  });

  test('keeps tfjs’s state: the same saved weights (moments, step count) as tfjs’s Adam', async () => {
    await setNodeBackend('cpu');
    registerReferenceKernelOnCpu();
    const fused = new FusedAdamOptimizer(0.01);
    const stock = tf.train.adam(0.01);
    await train(fused);
    await train(stock);
    const [a, b] = await Promise.all([fused.getWeights(), stock.getWeights()]);
    expect(a.map((w) => w.name.replace(/_[\d.]+\//, '/'))).toEqual(b.map((w) => w.name.replace(/_[\d.]+\//, '/')));
    const values = async (ws: { tensor: tf.Tensor }[]) => Promise.all(ws.map(async (w) => (await w.tensor.data()) as Float32Array));
    expect(bitsEqual(await values(a), await values(b))).toBe(true);
    fused.dispose();
    stock.dispose();
  });

  test('leaves no tensors behind', async () => {
    await setNodeBackend('cpu');
    registerReferenceKernelOnCpu();
    const fused = new FusedAdamOptimizer(0.001);
    const w = tf.variable(tf.ones([64, 32]));
    const step = () => {
      const g = tf.fill([64, 32], 0.5);
      fused.applyGradients([{ name: w.name, tensor: g }]);
      g.dispose();
    };
    step(); // creates the moments
    const tensors = tf.memory().numTensors;
    const buffers = tf.engine().backend.numDataIds();
    for (let i = 0; i < 30; i++) step();
    expect(fused.fusedSteps).toBe(31);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(tf.engine().backend.numDataIds()).toBe(buffers);
    fused.dispose();
    w.dispose();
  });
});
