/**
 * The WASM Conv2DBackpropInput kernel (XNNPACK forward conv of dilated dy with the flipped filter; the stock
 * kernel for NCHW and sh·sw > 9) against the CPU backend's (the reference implementation in tfjs).
 *
 * Error bound: for every case, max|wasm − cpu| / max|cpu| < REL_TOL = 1e-5 (float32; XNNPACK sums in a
 * different order than the CPU backend's loops; measured errors are about 1e-7).
 */
import { describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { setNodeBackend, type NodeBackend } from '../../node/backends';
import {
  type Case,
  convAttrsOf,
  dyShapeOf,
  expectNoLeaks,
  leakTestTensors,
  NET_CASES,
  randomValues,
  REL_TOL,
  relError,
  size,
  STRIDE_2_CASES,
  STRIDED_EDGE_CASES,
  testCasesMatchCpu,
  wasmKernelFileHooks,
} from '../../test/kernels';
import {
  backpropInputGeometry,
  conv2DBackpropInputViaConv2D,
  isOurWasmConv2DBackpropInput,
  MAX_ZERO_DILATION,
  registerWasmConv2DBackpropInput,
  restoreStockWasmConv2DBackpropInput,
} from './wasm-conv2d-backprop-input';

const CASES: Case[] = [
  // the article's network and the tiny net: 3x3 'same' stride 1
  ...NET_CASES,
  // 2012 AlexNet conv2 (channels reduced to keep the CPU reference quick)
  { name: 'AlexNet conv2 5x5 pad 2, 48→64, 27x27', x: [2, 27, 27, 48], filter: [5, 5, 48, 64], strides: 1, pad: 2 },
  { name: 'AlexNet conv2 5x5 same, 48→64, 27x27', x: [2, 27, 27, 48], filter: [5, 5, 48, 64], strides: 1, pad: 'same' },
  // AlexNet conv1 geometry, stride 4 (sh·sw = 16 > MAX_ZERO_DILATION: the stock kernel), channels reduced
  { name: 'AlexNet conv1 11x11/4 valid 3→16, 55x55 (stock)', x: [1, 55, 55, 3], filter: [11, 11, 3, 16], strides: 4, pad: 'valid' },
  // odd sizes, stride 1
  { name: '5x7, 2x3 kernel, valid', x: [2, 5, 7, 3], filter: [2, 3, 3, 4], strides: 1, pad: 'valid' },
  { name: '5x7, 2x3 kernel, same (asymmetric)', x: [2, 5, 7, 3], filter: [2, 3, 3, 4], strides: 1, pad: 'same' },
  { name: '5x7, 2x3 kernel, pad 1', x: [2, 5, 7, 3], filter: [2, 3, 3, 4], strides: 1, pad: 1 },
  {
    name: '5x7, 2x3 kernel, explicit [[2,0],[0,3]] (wider than the kernel)',
    x: [2, 5, 7, 3],
    filter: [2, 3, 3, 4],
    strides: 1,
    pad: [
      [0, 0],
      [2, 0],
      [0, 3],
      [0, 0],
    ],
  },
  { name: '1x1 kernel, pad 3 (all of dy’s border is padding)', x: [2, 4, 4, 2], filter: [1, 1, 2, 3], strides: 1, pad: 3 },
  { name: '1x1 kernel, valid', x: [2, 4, 4, 5], filter: [1, 1, 5, 6], strides: 1, pad: 'valid' },
  { name: 'kernel as big as the input', x: [2, 5, 5, 2], filter: [5, 5, 2, 3], strides: 1, pad: 'valid' },
  // odd sizes, strides > 1 (dy dilated with zeros)
  ...STRIDE_2_CASES,
  { name: '5x7, 2x3 kernel, stride [1,2], same', x: [2, 5, 7, 3], filter: [2, 3, 3, 4], strides: [1, 2], pad: 'same' },
  ...STRIDED_EDGE_CASES,
  { name: '11x9, 3x2, stride [4,2], valid', x: [2, 11, 9, 3], filter: [3, 2, 3, 4], strides: [4, 2], pad: 'valid' },
  { name: '11x9, 3x2, stride [4,3], same (stock)', x: [2, 11, 9, 3], filter: [3, 2, 3, 4], strides: [4, 3], pad: 'same' },
  // NCHW: the stock kernel's path (fallback)
  { name: 'NCHW 5x7, 3x3, stride 2, same (fallback)', x: [2, 3, 5, 7], filter: [3, 3, 3, 4], strides: 2, pad: 'same', dataFormat: 'NCHW' },
  {
    name: 'NCHW 5x7, 2x3, stride 1, valid (fallback)',
    x: [2, 3, 5, 7],
    filter: [2, 3, 3, 4],
    strides: 1,
    pad: 'valid',
    dataFormat: 'NCHW',
  },
];

function attrsOf(c: Case) {
  return { ...convAttrsOf(c), inputShape: c.x };
}

async function backpropInput(backend: NodeBackend, c: Case, seed: number): Promise<Float32Array> {
  await setNodeBackend(backend);
  return backpropInputOnCurrentBackend(c, seed);
}

/** The same without `setNodeBackend` (which would register our kernel again). */
async function backpropInputOnCurrentBackend(c: Case, seed: number): Promise<Float32Array> {
  const dyShape = dyShapeOf(c);
  const dy = tf.tensor(randomValues(size(dyShape), seed), dyShape);
  const filter = tf.tensor(randomValues(size(c.filter), seed + 1), c.filter);
  const dx = tf.engine().runKernel('Conv2DBackpropInput', { dy, filter }, attrsOf(c) as never) as tf.Tensor;
  expect(dx.shape).toEqual(c.x);
  const values = (await dx.data()) as Float32Array;
  tf.dispose([dy, filter, dx]);
  return values;
}

/** Runs f on 'wasm' with the stock kernel registered, then puts ours back. f must not call setNodeBackend. */
async function withStockKernel<T>(f: () => Promise<T>): Promise<T> {
  await setNodeBackend('wasm');
  expect(restoreStockWasmConv2DBackpropInput()).toBe(true);
  expect(isOurWasmConv2DBackpropInput()).toBe(false);
  try {
    return await f();
  } finally {
    registerWasmConv2DBackpropInput();
  }
}

const measuredErrors = wasmKernelFileHooks(isOurWasmConv2DBackpropInput);

describe('WASM Conv2DBackpropInput', () => {
  test('replaces the stock kernel once (idempotent), and the stock one can be put back', async () => {
    await setNodeBackend('wasm');
    expect(isOurWasmConv2DBackpropInput()).toBe(true);
    const ours = tf.getKernel('Conv2DBackpropInput', 'wasm');
    expect(registerWasmConv2DBackpropInput()).toBe(false); // already there: no-op
    expect(registerWasmConv2DBackpropInput()).toBe(false);
    expect(tf.getKernel('Conv2DBackpropInput', 'wasm')).toBe(ours);

    expect(restoreStockWasmConv2DBackpropInput()).toBe(true);
    expect(isOurWasmConv2DBackpropInput()).toBe(false);
    expect(tf.getKernel('Conv2DBackpropInput', 'wasm')).toBeDefined();
    expect(restoreStockWasmConv2DBackpropInput()).toBe(false);
    expect(registerWasmConv2DBackpropInput()).toBe(true);
    expect(isOurWasmConv2DBackpropInput()).toBe(true);
    // Switching backends re-runs the kernels' setupFuncs (ours runs the stock one's): still ours after.
    await setNodeBackend('cpu');
    await setNodeBackend('wasm');
    expect(isOurWasmConv2DBackpropInput()).toBe(true);
  });

  test('geometry: padding of the dilated dy, negative parts cropped', () => {
    const conv2 = backpropInputGeometry([64, 14, 14, 128], [3, 3, 64, 128], {
      strides: 1,
      pad: 'same',
      dataFormat: 'NHWC',
      inputShape: [64, 14, 14, 64],
    });
    expect([conv2.convPadTop, conv2.convPadBottom, conv2.convPadLeft, conv2.convPadRight]).toEqual([1, 1, 1, 1]);
    expect([conv2.cropTop, conv2.cropBottom, conv2.cropLeft, conv2.cropRight]).toEqual([0, 0, 0, 0]);
    // 'same', stride 1, 2x3 kernel on 5x7: forward pads rows 0 top / 1 bottom, columns 1 / 1.
    const sameOdd = backpropInputGeometry([2, 5, 7, 4], [2, 3, 3, 4], {
      strides: 1,
      pad: 'same',
      dataFormat: 'NHWC',
      inputShape: [2, 5, 7, 3],
    });
    expect([sameOdd.convPadTop, sameOdd.convPadBottom, sameOdd.convPadLeft, sameOdd.convPadRight]).toEqual([1, 0, 1, 1]);
    // Stride 2 'same': forward pads rows 0/1, columns 1/1; dy 3x4 dilated to 6x8, whose last row is dropped.
    const same2 = backpropInputGeometry([2, 3, 4, 4], [2, 3, 3, 4], {
      strides: 2,
      pad: 'same',
      dataFormat: 'NHWC',
      inputShape: [2, 5, 7, 3],
    });
    expect([same2.dilatedHeight, same2.dilatedWidth]).toEqual([6, 8]);
    expect([same2.convPadTop, same2.convPadBottom, same2.convPadLeft, same2.convPadRight]).toEqual([1, 0, 1, 0]);
    expect([same2.cropTop, same2.cropBottom, same2.cropLeft, same2.cropRight]).toEqual([0, 1, 0, 0]);
    // Padding wider than the kernel: dy's border rows come only from padding and are cropped.
    const wide = backpropInputGeometry([2, 10, 10, 3], [1, 1, 2, 3], {
      strides: 1,
      pad: 3,
      dataFormat: 'NHWC',
      inputShape: [2, 4, 4, 2],
    });
    expect([wide.cropTop, wide.cropBottom, wide.cropLeft, wide.cropRight]).toEqual([3, 3, 3, 3]);
    expect([wide.convPadTop, wide.convPadBottom, wide.convPadLeft, wide.convPadRight]).toEqual([0, 0, 0, 0]);
    expect(() =>
      backpropInputGeometry([2, 5, 5, 4], [3, 3, 3, 4], {
        strides: 1,
        pad: 'same',
        dataFormat: 'NHWC',
        inputShape: [2, 6, 6, 3],
      }),
    ).toThrow(/does not match/);
  });

  testCasesMatchCpu(CASES, 2000, backpropInput, measuredErrors);

  test('NCHW and sh·sw > 9 go to the stock kernel, the rest does not; ours agrees with the stock kernel', async () => {
    // Wrap the stock kernel in a call counter and let registerWasmConv2DBackpropInput save the wrapper as
    // its fallback; afterwards put the real stock kernel and ours back.
    await setNodeBackend('wasm');
    expect(restoreStockWasmConv2DBackpropInput()).toBe(true);
    const stockConfig = tf.getKernel('Conv2DBackpropInput', 'wasm')!;
    let stockCalls = 0;
    tf.unregisterKernel('Conv2DBackpropInput', 'wasm');
    tf.registerKernel({
      ...stockConfig,
      kernelFunc: (args) => {
        stockCalls++;
        return stockConfig.kernelFunc(args);
      },
    });
    expect(registerWasmConv2DBackpropInput()).toBe(true);
    const nchw = CASES.find((c) => c.dataFormat === 'NCHW')!;
    const nhwc = CASES.find((c) => c.name.startsWith('article conv2'))!;
    const stride42 = CASES.find((c) => c.name.startsWith('11x9, 3x2, stride [4,2]'))!;
    const stride43 = CASES.find((c) => c.name.startsWith('11x9, 3x2, stride [4,3]'))!;
    expect(MAX_ZERO_DILATION).toBe(9);
    try {
      await backpropInputOnCurrentBackend(nchw, 9);
      expect(stockCalls).toBe(1);
      await backpropInputOnCurrentBackend(nhwc, 9);
      await backpropInputOnCurrentBackend(stride42, 9);
      expect(stockCalls).toBe(1);
      await backpropInputOnCurrentBackend(stride43, 9);
      expect(stockCalls).toBe(2);
    } finally {
      restoreStockWasmConv2DBackpropInput();
      tf.unregisterKernel('Conv2DBackpropInput', 'wasm');
      tf.registerKernel(stockConfig);
      registerWasmConv2DBackpropInput();
    }
    expect(isOurWasmConv2DBackpropInput()).toBe(true);

    // Against the stock kernel itself. (For the NHWC stride-1 case the two came out bit-identical here:
    // XNNPACK's GEMM accumulates over (kh, kw, channel) in the same order as the stock C++ loop.)
    for (const c of [nchw, nhwc, CASES.find((k) => k.name.startsWith('9x8, 3x3, stride 3'))!]) {
      const ours = await backpropInput('wasm', c, 9);
      const stock = await withStockKernel(() => backpropInputOnCurrentBackend(c, 9));
      expect(relError(ours, stock), c.name).toBeLessThan(REL_TOL);
    }
  });

  test('the dilated-dy route itself is right for large strides too (called directly)', async () => {
    const large = CASES.filter(
      (c) => c.dataFormat !== 'NCHW' && size(typeof c.strides === 'number' ? [c.strides, c.strides] : c.strides) > MAX_ZERO_DILATION,
    );
    expect(large.length).toBe(2);
    for (const c of large) {
      const seed = 77;
      const ref = await backpropInput('cpu', c, seed);
      await setNodeBackend('wasm');
      const dyShape = dyShapeOf(c);
      const dy = tf.tensor(randomValues(size(dyShape), seed), dyShape);
      const filter = tf.tensor(randomValues(size(c.filter), seed + 1), c.filter);
      const info = conv2DBackpropInputViaConv2D({ inputs: { dy, filter }, backend: tf.backend(), attrs: attrsOf(c) as never });
      const dx = tf.engine().makeTensorFromTensorInfo(info);
      expect(dx.shape).toEqual(c.x);
      const err = relError(await dx.data(), ref);
      tf.dispose([dy, filter, dx]);
      expect(err, c.name).toBeLessThan(REL_TOL);
    }
  });

  test('tf.conv2dTranspose (the same kernel) matches CPU', async () => {
    const run = async (backend: NodeBackend, stride: number, pad: 'same' | 'valid', outShape: [number, number, number, number]) => {
      await setNodeBackend(backend);
      const inShape = [2, 4, 5, 6];
      const x = tf.tensor4d(randomValues(size(inShape), 31), inShape as [number, number, number, number]);
      const w = tf.tensor4d(randomValues(3 * 3 * 3 * 6, 32), [3, 3, 3, 6]);
      const y = tf.conv2dTranspose(x, w, outShape, stride, pad);
      expect(y.shape).toEqual(outShape);
      const v = await y.data();
      tf.dispose([x, w, y]);
      return v;
    };
    for (const [stride, pad, outShape] of [
      [2, 'same', [2, 8, 10, 3]],
      [2, 'valid', [2, 9, 11, 3]],
      [1, 'same', [2, 4, 5, 3]],
    ] as const) {
      const shape = [...outShape] as [number, number, number, number];
      const err = relError(await run('wasm', stride, pad, shape), await run('cpu', stride, pad, shape));
      expect(err, `stride ${stride} ${pad}`).toBeLessThan(REL_TOL);
    }
  });

  test('no leaks: tensor and data-buffer counts unchanged after many gradient computations', async () => {
    await setNodeBackend('wasm');
    const { x, w, w2 } = leakTestTensors();
    const gradX = tf.grad((xx: tf.Tensor) =>
      tf
        .conv2d(xx as tf.Tensor4D, w, 1, 'same')
        .square()
        .sum(),
    );
    // stride 2, 'valid': dilation and the crop of the dilated dy's last row/column
    const gradX2 = tf.grad((xx: tf.Tensor) => tf.conv2d(xx as tf.Tensor4D, w2, 2, 'valid').sum());
    const nchw = CASES.find((c) => c.dataFormat === 'NCHW')!;
    const dyN = tf.tensor(randomValues(size(dyShapeOf(nchw)), 10), dyShapeOf(nchw));
    const fN = tf.tensor(randomValues(size(nchw.filter), 11), nchw.filter);
    const fallback = () => tf.engine().runKernel('Conv2DBackpropInput', { dy: dyN, filter: fN }, attrsOf(nchw) as never) as tf.Tensor;
    expectNoLeaks(() => [gradX(x), gradX2(x), fallback()]);
    tf.dispose([x, w, w2, dyN, fN]);
  });

  test('tf.grad of a small conv net on WASM matches CPU gradients (input and weights)', async () => {
    const xShape = [3, 12, 12, 2];
    const xVals = randomValues(size(xShape), 42);
    const shapes: Record<string, number[]> = {
      w1: [3, 3, 2, 4],
      w2: [3, 3, 4, 8],
      w3: [2, 2, 8, 6],
      w4: [3 * 3 * 6, 3],
    };
    const init = Object.fromEntries(Object.entries(shapes).map(([k, s], i) => [k, randomValues(size(s), 100 + i)]));

    const run = async (backend: NodeBackend) => {
      await setNodeBackend(backend);
      const before = tf.memory().numTensors;
      const x = tf.tensor4d(xVals, xShape as [number, number, number, number]);
      const params = Object.fromEntries(Object.entries(shapes).map(([k, s]) => [k, tf.tensor(init[k], s)]));
      const names = ['x', ...Object.keys(shapes)];
      const f = (xx: tf.Tensor, w1: tf.Tensor, w2: tf.Tensor, w3: tf.Tensor, w4: tf.Tensor) => {
        let h = tf.conv2d(xx as tf.Tensor4D, w1 as tf.Tensor4D, 1, 'same').relu(); // 12x12
        h = tf.conv2d(h as tf.Tensor4D, w2 as tf.Tensor4D, 2, 'same').tanh(); // 6x6, stride 2
        h = tf.conv2d(h as tf.Tensor4D, w3 as tf.Tensor4D, 2, 'valid').relu(); // 3x3
        return h
          .reshape([3, 3 * 3 * 6])
          .matMul(w4 as tf.Tensor2D)
          .square()
          .sum();
      };
      const grads = tf.grads(f as (...args: tf.Tensor[]) => tf.Tensor)([x, ...Object.values(params)]);
      const values = Object.fromEntries(await Promise.all(grads.map(async (g, i) => [names[i], await g.data()])));
      tf.dispose([x, ...grads, ...Object.values(params)]);
      expect(tf.memory().numTensors).toBe(before);
      return values as Record<string, Float32Array>;
    };

    const cpu = await run('cpu');
    const wasm = await run('wasm');
    expect(isOurWasmConv2DBackpropInput()).toBe(true);
    for (const k of Object.keys(cpu)) {
      expect(relError(wasm[k], cpu[k]), k).toBeLessThan(REL_TOL);
    }
  });
});
