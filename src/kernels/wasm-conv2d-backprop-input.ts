/**
 * Conv2DBackpropInput for the tfjs WASM backend, computed on XNNPACK.
 *
 * Stock @tensorflow/tfjs-backend-wasm 4.22 does have a `Conv2DBackpropInput` kernel, but it is a scalar C++
 * loop, several times slower than the forward conv of the same layer on XNNPACK, and it made the input
 * gradient the largest part of a training step (README, "Where the WASM speed comes from"). This module replaces it (unregisters the stock kernel, keeping a
 * reference for the cases it does not handle) with one built from kernels the WASM backend already has.
 * It also serves `tf.conv2dTranspose`, which runs the same kernel.
 *
 * The input gradient of a convolution is itself a convolution. For the forward conv
 *   y[n, oh, ow, co] = Σ_{kh,kw,ci} xpad[n, oh·sh + kh, ow·sw + kw, ci] · w[kh, kw, ci, co]
 * (xpad is x with padTop rows above, padLeft columns to the left), the input gradient is
 *   dx[n, ih, iw, ci] = Σ_{oh,kh: oh·sh + kh = ih + padTop} Σ_{ow,kw: …} Σ_co dy[n, oh, ow, co] · w[kh, kw, ci, co].
 * Let D be dy dilated by the strides (D[j·sh] = dy[j], zeros between; for stride 1, D = dy). Substituting
 * kh = K−1−k (a spatially flipped filter) turns the sum into a forward conv (a correlation):
 *   dx[n, ih, iw, ci] = Σ_{k,l,co} D[n, ih + k − P, iw + l − Q, co] · wf[k, l, co, ci],
 *   wf[k, l, co, ci] = w[K−1−k, L−1−l, ci, co],  P = K−1−padTop,  Q = L−1−padLeft,
 * i.e. a stride-1 conv2d of D with the flipped, in/out-swapped filter and explicit padding P on top, Q on the
 * left; the bottom/right padding is whatever makes the output exactly H × W rows/columns. The padding numbers
 * come from `backend_util.computeConv2DInfo` of the original conv, so asymmetric 'same' padding (the extra
 * row/column at the bottom/right), explicit padding and `dimRoundingMode` are reproduced exactly.
 * Any of these paddings can come out negative (explicit padding wider than the kernel; dy rows at the bottom
 * that come from padding the forward conv read beyond the input; the sh−1 zero rows D has after its last
 * row). Negative padding is not expressible as conv padding: those rows/columns of D are sliced off instead.
 *
 * Strides > 1 are handled by dilating dy with zeros:
 *   dy [N, Ho, Wo, C] → reshape [N·Ho, 1, Wo, 1, C] → PadV2 (sh−1 zero rows after each row, sw−1 zero
 *   columns after each column) → reshape [N, Ho·sh, Wo·sw, C].
 * The conv then multiplies mostly zeros (a fraction 1 − 1/(sh·sw) of D), but on XNNPACK. Timed in Node
 * against the stock kernel (the benchmark in the test file), this won at strides 2 and 3 and lost at stride 4
 * with an 11x11 kernel (16x the useful work). So above MAX_ZERO_DILATION = sh·sw = 9 the stock
 * kernel is used instead. (In this project's networks the only strided conv is AlexNet's conv1, whose input
 * gradient training never asks for: its input is the data.) Both routes are tested against the CPU backend
 * (the dilated conv up to stride 4, by calling `conv2DBackpropInputViaConv2D` directly).
 *
 * Falls back to the stock kernel (its kernelFunc, saved when ours was registered) for NCHW (the WASM Conv2D
 * kernel is NHWC only), for non-float32 tensors and for sh·sw > 9. Dilations are not an attribute of this
 * kernel: tfjs refuses the gradient of a dilated conv2d before it gets here.
 *
 * Memory: as in wasm-conv2d-backprop-filter.ts, the kernel calls the other kernels' functions directly, so
 * every intermediate is a backend-owned TensorInfo that the engine never sees; each is released with
 * `backend.disposeData` before returning (which also deletes the XNNPACK operator the WASM Conv2D kernel
 * cached for our temporary filter), and only the result is handed to the engine.
 */
import type { backend_util, KernelFunc, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs';
import {
  checkDyShape,
  conv2DGeometry,
  originalConv2DInfo,
  release,
  wasmKernelCaller,
  wasmKernelOverride,
  type Conv2DBackpropAttrs,
  type Conv2DGeometry,
  type WasmBackendLike,
} from './wasm-kernel-util';

interface Conv2DBackpropInputAttrs extends Conv2DBackpropAttrs {
  inputShape: [number, number, number, number];
}

const KERNEL_NAME = 'Conv2DBackpropInput';

/** Largest sh·sw for which dy is dilated with zeros; above it the stock kernel is faster (see above). */
export const MAX_ZERO_DILATION = 9;

/** The kernel registered for 'wasm' before ours (tfjs-backend-wasm's own), for the cases ours does not handle. */

const call = wasmKernelCaller(KERNEL_NAME);

/** The original conv's geometry and the forward conv on (dilated) dy that computes dx. */
export interface BackpropInputGeometry extends Conv2DGeometry {
  /** dy dilated by the strides, zeros after the last row/column included: Ho·sh × Wo·sw. */
  dilatedHeight: number;
  dilatedWidth: number;
  /** Rows/columns of the dilated dy to slice off (padding that came out negative). */
  cropTop: number;
  cropBottom: number;
  cropLeft: number;
  cropRight: number;
  /** Explicit (non-negative) padding of the stride-1 forward conv; its output is exactly H × W. */
  convPadTop: number;
  convPadBottom: number;
  convPadLeft: number;
  convPadRight: number;
}

export function backpropInputGeometry(dyShape: number[], filterShape: number[], attrs: Conv2DBackpropInputAttrs): BackpropInputGeometry {
  const info = originalConv2DInfo(attrs.inputShape, filterShape, attrs);
  checkDyShape(KERNEL_NAME, dyShape, info);
  const dilatedHeight = info.outHeight * info.strideHeight;
  const dilatedWidth = info.outWidth * info.strideWidth;
  // Ideal (possibly negative) padding of the dilated dy: P = K−1−padTop above; below, whatever makes
  // P + dilated + below − K + 1 = H.
  const top = info.filterHeight - 1 - info.padInfo.top;
  const bottom = info.inHeight + info.padInfo.top - dilatedHeight;
  const left = info.filterWidth - 1 - info.padInfo.left;
  const right = info.inWidth + info.padInfo.left - dilatedWidth;
  return {
    ...conv2DGeometry(info),
    dilatedHeight,
    dilatedWidth,
    cropTop: Math.max(0, -top),
    cropBottom: Math.max(0, -bottom),
    cropLeft: Math.max(0, -left),
    cropRight: Math.max(0, -right),
    convPadTop: Math.max(0, top),
    convPadBottom: Math.max(0, bottom),
    convPadLeft: Math.max(0, left),
    convPadRight: Math.max(0, right),
  };
}

type KernelArgs = { inputs: NamedTensorInfoMap; backend: unknown; attrs?: NamedAttrMap };

/**
 * The registered kernel: the XNNPACK route where it applies and pays, the stock kernel otherwise.
 */
function conv2DBackpropInput(args: KernelArgs): TensorInfo {
  const { dy, filter } = args.inputs as { dy: TensorInfo; filter: TensorInfo };
  if (dy.dtype !== 'float32' || filter.dtype !== 'float32') return override.stock(args); // not float32
  const g = backpropInputGeometry(dy.shape, filter.shape, args.attrs as unknown as Conv2DBackpropInputAttrs);
  if (!g.channelsLast) return override.stock(args); // NCHW
  if (g.strideHeight * g.strideWidth > MAX_ZERO_DILATION) return override.stock(args); // large strides
  return conv2DBackpropInputViaConv2D(args);
}

/**
 * dx as one XNNPACK forward conv2d of (dilated) dy with the flipped filter, for any strides (NHWC, float32).
 */
export function conv2DBackpropInputViaConv2D(args: KernelArgs): TensorInfo {
  const { inputs } = args;
  const backend = args.backend as WasmBackendLike;
  const attrs = args.attrs as unknown as Conv2DBackpropInputAttrs;
  const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
  if (dy.dtype !== 'float32' || filter.dtype !== 'float32') {
    throw new Error(`${KERNEL_NAME} (wasm) needs float32 tensors, got dy ${dy.dtype}, filter ${filter.dtype}`);
  }
  const g = backpropInputGeometry(dy.shape, filter.shape, attrs);
  if (!g.channelsLast) throw new Error(`${KERNEL_NAME} (wasm): the XNNPACK route is NHWC only`);

  let filterT: TensorInfo | null = null;
  let flipped: TensorInfo | null = null;
  let dy5: TensorInfo | null = null;
  let padded5: TensorInfo | null = null;
  let dilated: TensorInfo | null = null;
  let cropped: TensorInfo | null = null;
  try {
    // Filter [kh, kw, Ci, Co] → [kh, kw, Co, Ci], flipped in both spatial axes.
    filterT = call('Transpose', { x: filter }, { perm: [0, 1, 3, 2] }, backend);
    flipped = call('Reverse', { x: filterT }, { dims: [0, 1] }, backend);
    release(backend, filterT);
    filterT = null;

    // dy dilated by the strides (zeros after each row/column): [N, Ho·sh, Wo·sw, Co].
    let source = dy;
    if (g.strideHeight > 1 || g.strideWidth > 1) {
      dy5 = call('Reshape', { x: dy }, { shape: [g.batch * g.outHeight, 1, g.outWidth, 1, g.outChannels] }, backend);
      padded5 = call(
        'PadV2',
        { x: dy5 },
        {
          paddings: [
            [0, 0],
            [0, g.strideHeight - 1],
            [0, 0],
            [0, g.strideWidth - 1],
            [0, 0],
          ],
          constantValue: 0,
        },
        backend,
      );
      release(backend, dy5);
      dy5 = null;
      dilated = call('Reshape', { x: padded5 }, { shape: [g.batch, g.dilatedHeight, g.dilatedWidth, g.outChannels] }, backend);
      release(backend, padded5);
      padded5 = null;
      source = dilated;
    }
    // Rows/columns that negative padding would drop.
    if (g.cropTop > 0 || g.cropBottom > 0 || g.cropLeft > 0 || g.cropRight > 0) {
      cropped = call(
        'Slice',
        { x: source },
        {
          begin: [0, g.cropTop, g.cropLeft, 0],
          size: [g.batch, g.dilatedHeight - g.cropTop - g.cropBottom, g.dilatedWidth - g.cropLeft - g.cropRight, g.outChannels],
        },
        backend,
      );
      release(backend, dilated);
      dilated = null;
      source = cropped;
    }
    const pad: backend_util.ExplicitPadding = [
      [0, 0],
      [g.convPadTop, g.convPadBottom],
      [g.convPadLeft, g.convPadRight],
      [0, 0],
    ];
    const dx = call(
      'Conv2D',
      { x: source, filter: flipped },
      { strides: [1, 1], dilations: [1, 1], pad, dataFormat: 'NHWC', dimRoundingMode: null as never },
      backend,
    );
    const want = [g.batch, g.inHeight, g.inWidth, g.inChannels];
    if (dx.shape.some((d, i) => d !== want[i])) {
      release(backend, dx);
      throw new Error(`${KERNEL_NAME} (wasm): computed dx [${dx.shape}], expected [${want}]`);
    }
    return dx;
  } finally {
    release(backend, filterT, flipped, dy5, padded5, dilated, cropped);
  }
}

const override = wasmKernelOverride(KERNEL_NAME, conv2DBackpropInput as unknown as KernelFunc);

/**
 * Registers this module's `Conv2DBackpropInput` for the 'wasm' backend in place of the stock one, whose
 * config is kept for the fallback cases. Idempotent. Call it before or after the backend is initialised.
 * Returns true when it registered the kernel now.
 */
export const registerWasmConv2DBackpropInput = override.register;

/** True when the kernel registered for 'wasm' is this module's. */
export const isOurWasmConv2DBackpropInput = override.isOurs;

/**
 * Puts the stock kernel back (for benchmarks and tests that compare the two). Returns true when it did;
 * `registerWasmConv2DBackpropInput()` installs ours again.
 */
export const restoreStockWasmConv2DBackpropInput = override.restore;
