/**
 * The page e2e/kernels.html (driven by e2e/kernels.spec.ts): checks our WebGPU kernels in a real browser
 * against tfjs's CPU backend, and against the stock tfjs-backend-webgpu kernel they replace.
 * Exposes `window.kernelCheck` (see `KernelCheckApi`); every method returns plain JSON.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu'; // registers 'webgpu' and its stock kernels
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { randomValues } from '../../src/train/random';
import { FusedAdamOptimizer } from '../../src/train/fused-adam';
import { registerWebGPUKernels } from '../../src/kernels/webgpu';
import {
  isOurWebGPUConv2DBackpropFilter,
  planSplit,
  registerWebGPUConv2DBackpropFilter,
  restoreStockWebGPUConv2DBackpropFilter,
} from '../../src/kernels/webgpu-conv2d-backprop-filter';

export interface ConvCase {
  name: string;
  xShape: [number, number, number, number];
  filterShape: [number, number, number, number];
  strides: [number, number];
  pad: 'same' | 'valid' | [[number, number], [number, number], [number, number], [number, number]];
  dataFormat?: 'NHWC' | 'NCHW';
}

export interface CompareResult {
  name: string;
  /** max|ours − cpu| / max|cpu| and the same for the stock webgpu kernel. */
  relOurs: number;
  relStock: number;
  chunks: number | null;
}

export interface KernelCheckApi {
  ready: boolean;
  error?: string;
  adapter: string;
  gpuErrors: string[];
  compare(c: ConvCase, seed: number): Promise<CompareResult>;
  leakCheck(cases: ConvCase[]): Promise<{ tensors: [number, number]; dataIds: [number, number] }>;
  trainingCurves(steps: number): Promise<{ ours: number[]; stock: number[] }>;
  time(c: ConvCase, runs: number): Promise<{ oursMs: number[]; stockMs: number[] }>;
  adamCheck(steps: number): Promise<AdamCheckResult>;
  adamCurves(steps: number): Promise<{ fused: number[]; stock: number[] }>;
}

export interface AdamCheckResult {
  /** After the steps, max|w − w_cpu| / max|w_cpu − w_0| over all weights (the error relative to how far they moved). */
  relFused: number;
  relStock: number;
  /** Updates the fused optimizer made through our kernel. */
  fusedSteps: number;
  /** Kernels one optimizer step dispatches on webgpu (tf.profile), ours and tfjs's. */
  kernelsPerStep: { fused: number; stock: number };
  /** Tensors and GPU buffers after the first step and after the last (ours). */
  tensors: [number, number];
  dataIds: [number, number];
}

const size = (s: number[]) => tf.util.sizeFromShape(s);

function relError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) throw new Error(`length ${actual.length} vs ${expected.length}`);
  let maxDiff = 0;
  let maxRef = 0;
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs(actual[i] - expected[i]);
    maxDiff = Number.isNaN(d) ? Infinity : Math.max(maxDiff, d);
    maxRef = Math.max(maxRef, Math.abs(expected[i]));
  }
  if (maxRef === 0) throw new Error('reference is all zeros');
  return maxDiff / maxRef;
}

function convInfo(c: ConvCase): tf.backend_util.Conv2DInfo {
  const format = c.dataFormat === 'NCHW' ? 'channelsFirst' : 'channelsLast';
  return tf.backend_util.computeConv2DInfo(c.xShape, c.filterShape, c.strides, 1, c.pad, undefined, false, format);
}

/** Runs Conv2DBackpropFilter on the active backend and returns dw's values. */
async function backpropFilter(c: ConvCase, xVals: Float32Array, dyVals: Float32Array): Promise<Float32Array> {
  const info = convInfo(c);
  const x = tf.tensor4d(xVals, c.xShape);
  const dy = tf.tensor4d(dyVals, info.outShape);
  try {
    const dw = tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, {
      strides: c.strides,
      pad: c.pad,
      dataFormat: c.dataFormat ?? 'NHWC',
      dimRoundingMode: undefined,
      filterShape: c.filterShape,
    } as unknown as tf.NamedAttrMap) as tf.Tensor;
    try {
      return (await dw.data()) as Float32Array;
    } finally {
      dw.dispose();
    }
  } finally {
    x.dispose();
    dy.dispose();
  }
}

async function withStock<T>(fn: () => Promise<T>): Promise<T> {
  restoreStockWebGPUConv2DBackpropFilter();
  try {
    return await fn();
  } finally {
    registerWebGPUConv2DBackpropFilter();
  }
}

async function switchBackend(name: 'webgpu' | 'cpu'): Promise<void> {
  if (tf.getBackend() === name) return;
  if (!(await tf.setBackend(name))) throw new Error(`tf.setBackend('${name}') failed`);
}

async function compare(c: ConvCase, seed: number): Promise<CompareResult> {
  const info = convInfo(c);
  const xVals = randomValues(size(c.xShape), seed);
  const dyVals = randomValues(size(info.outShape), seed + 1);
  await switchBackend('cpu');
  const ref = await backpropFilter(c, xVals, dyVals);
  await switchBackend('webgpu');
  if (!isOurWebGPUConv2DBackpropFilter()) throw new Error('our kernel is not registered');
  const ours = await backpropFilter(c, xVals, dyVals);
  const stock = await withStock(() => backpropFilter(c, xVals, dyVals));
  const handled = (c.dataFormat ?? 'NHWC') === 'NHWC';
  return {
    name: c.name,
    relOurs: relError(ours, ref),
    relStock: relError(stock, ref),
    chunks: handled ? planSplit(info).chunks : null,
  };
}

function numDataIds(): number {
  return (tf.backend() as unknown as WebGPUBackend).numDataIds();
}

async function leakCheck(cases: ConvCase[]): Promise<{ tensors: [number, number]; dataIds: [number, number] }> {
  await switchBackend('webgpu');
  const tensors0 = tf.memory().numTensors;
  const ids0 = numDataIds();
  for (const [i, c] of cases.entries()) {
    const info = convInfo(c);
    await backpropFilter(c, randomValues(size(c.xShape), 100 + i), randomValues(size(info.outShape), 200 + i));
  }
  return { tensors: [tensors0, tf.memory().numTensors], dataIds: [ids0, numDataIds()] };
}

/**
 * A few SGD steps of a tiny conv net (conv 3x3 'same' → relu → conv 3x3 stride 2 'valid' → relu → dense),
 * from the same initial weights and data; returns the loss of each step.
 */
async function trainLosses(steps: number, makeOptimizer: () => tf.Optimizer = () => tf.train.sgd(0.1)): Promise<number[]> {
  const batch = 4;
  const classes = 3;
  const x = tf.tensor4d(randomValues(batch * 12 * 12, 7), [batch, 12, 12, 1]);
  const labels = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 1, 2, 1], 'int32'), classes));
  const weight = (shape: number[], seed: number, scale: number) =>
    tf.tidy(() => tf.variable(tf.tensor(randomValues(size(shape), seed), shape).mul(scale)));
  const w1 = weight([3, 3, 1, 4], 8, 0.5);
  const w2 = weight([3, 3, 4, 6], 9, 0.3);
  const w3 = weight([150, classes], 10, 0.2);
  const opt = makeOptimizer();
  const losses: number[] = [];
  try {
    for (let s = 0; s < steps; s++) {
      const loss = opt.minimize(() => {
        const h1 = tf.relu(tf.conv2d(x, w1 as tf.Tensor4D, 1, 'same'));
        const h2 = tf.relu(tf.conv2d(h1, w2 as tf.Tensor4D, 2, 'valid'));
        const logits = tf.matMul(tf.reshape(h2, [batch, 150]), w3 as tf.Tensor2D);
        return tf.losses.softmaxCrossEntropy(labels, logits) as tf.Scalar;
      }, true);
      if (loss == null) throw new Error('no loss');
      losses.push((await loss.data())[0]);
      loss.dispose();
    }
    return losses;
  } finally {
    tf.dispose([x, labels, w1, w2, w3]);
    opt.dispose();
  }
}

async function trainingCurves(steps: number): Promise<{ ours: number[]; stock: number[] }> {
  await switchBackend('webgpu');
  const ours = await trainLosses(steps);
  const stock = await withStock(() => trainLosses(steps));
  return { ours, stock };
}

async function timeRuns(c: ConvCase, runs: number): Promise<number[]> {
  const info = convInfo(c);
  const x = tf.tensor4d(randomValues(size(c.xShape), 1), c.xShape);
  const dy = tf.tensor4d(randomValues(size(info.outShape), 2), info.outShape);
  const times: number[] = [];
  try {
    for (let r = 0; r <= runs; r++) {
      const t0 = performance.now();
      const dw = tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, {
        strides: c.strides,
        pad: c.pad,
        dataFormat: 'NHWC',
        dimRoundingMode: undefined,
        filterShape: c.filterShape,
      } as unknown as tf.NamedAttrMap) as tf.Tensor;
      await dw.data();
      const t = performance.now() - t0;
      dw.dispose();
      if (r > 0) times.push(t); // run 0 compiles the shader
    }
    return times;
  } finally {
    x.dispose();
    dy.dispose();
  }
}

async function time(c: ConvCase, runs: number): Promise<{ oursMs: number[]; stockMs: number[] }> {
  await switchBackend('webgpu');
  const oursMs = await timeRuns(c, runs);
  const stockMs = await withStock(() => timeRuns(c, runs));
  return { oursMs, stockMs };
}

// Adam: weights of the shapes a net has (filter, bias, dense) and odd sizes, with gradients that include zeros.
const ADAM_SHAPES = [[3, 3, 1, 4], [4], [37, 11], [1001], [2, 3, 5, 7]];

interface AdamRun {
  values: Float32Array[];
  kernelsPerStep: number;
  tensors: [number, number];
  dataIds: [number, number];
  fusedSteps: number;
}

async function runAdam(backendName: 'webgpu' | 'cpu', makeOptimizer: () => tf.Optimizer, steps: number): Promise<AdamRun> {
  await switchBackend(backendName);
  const opt = makeOptimizer();
  const vars = ADAM_SHAPES.map((shape, i) => tf.variable(tf.tensor(randomValues(size(shape), 300 + i), shape)));
  const gradients = (step: number) =>
    Object.fromEntries(vars.map((v, i) => [v.name, tf.tidy(() => tf.relu(tf.tensor(randomValues(v.size, 1000 * step + i), v.shape)))]));
  let kernelsPerStep = 0;
  let tensors0 = 0;
  let ids0 = 0;
  for (let step = 0; step < steps; step++) {
    const grads = gradients(step);
    if (step === 1) {
      const info = await tf.profile(() => opt.applyGradients(grads as never));
      kernelsPerStep = info.kernels.length;
    } else {
      opt.applyGradients(grads as never);
    }
    tf.dispose(Object.values(grads));
    if (step === 0) {
      tensors0 = tf.memory().numTensors;
      ids0 = numDataIds();
    }
  }
  const values = await Promise.all(vars.map(async (v) => (await v.data()) as Float32Array));
  const result: AdamRun = {
    values,
    kernelsPerStep,
    tensors: [tensors0, tf.memory().numTensors],
    dataIds: [ids0, numDataIds()],
    fusedSteps: opt instanceof FusedAdamOptimizer ? opt.fusedSteps : 0,
  };
  tf.dispose(vars);
  opt.dispose();
  return result;
}

async function adamCheck(steps: number): Promise<AdamCheckResult> {
  const lr = 0.01;
  const ref = await runAdam('cpu', () => tf.train.adam(lr), steps);
  const fused = await runAdam('webgpu', () => new FusedAdamOptimizer(lr), steps);
  const stock = await runAdam('webgpu', () => tf.train.adam(lr), steps);
  const rel = (run: AdamRun) => {
    let err = 0;
    let moved = 0;
    run.values.forEach((v, i) => {
      const start = randomValues(v.length, 300 + i);
      for (let k = 0; k < v.length; k++) {
        err = Math.max(err, Math.abs(v[k] - ref.values[i][k]));
        moved = Math.max(moved, Math.abs(ref.values[i][k] - start[k]));
      }
    });
    return err / moved;
  };
  return {
    relFused: rel(fused),
    relStock: rel(stock),
    fusedSteps: fused.fusedSteps,
    kernelsPerStep: { fused: fused.kernelsPerStep, stock: stock.kernelsPerStep },
    tensors: fused.tensors,
    dataIds: fused.dataIds,
  };
}

async function adamCurves(steps: number): Promise<{ fused: number[]; stock: number[] }> {
  await switchBackend('webgpu');
  const fused = await trainLosses(steps, () => new FusedAdamOptimizer(0.01));
  const stock = await trainLosses(steps, () => tf.train.adam(0.01));
  return { fused, stock };
}

const api: KernelCheckApi = {
  ready: false,
  adapter: '',
  gpuErrors: [],
  compare,
  leakCheck,
  trainingCurves,
  time,
  adamCheck,
  adamCurves,
};
(window as unknown as { kernelCheck: KernelCheckApi }).kernelCheck = api;

async function init(): Promise<void> {
  try {
    registerWebGPUKernels();
    await switchBackend('webgpu');
    await tf.ready();
    const backend = tf.backend() as unknown as WebGPUBackend;
    backend.device.addEventListener('uncapturederror', (event) => {
      api.gpuErrors.push((event as GPUUncapturedErrorEvent).error?.message ?? 'unknown GPU error');
    });
    const info = backend.adapterInfo as unknown as { vendor?: string; architecture?: string } | undefined;
    api.adapter = `${info?.vendor ?? ''} ${info?.architecture ?? ''}`.trim();
    api.ready = true;
  } catch (e) {
    api.error = e instanceof Error ? e.message : String(e);
  }
}

void init();
