/**
 * Conv2DBackpropFilter for the tfjs WASM backend.
 *
 * Stock @tensorflow/tfjs-backend-wasm 4.22 ships no `Conv2DBackpropFilter` kernel, so the gradient of
 * `tf.conv2d` with respect to its filter throws on 'wasm' and no CNN can train there. This module supplies
 * one, built only from kernels the WASM backend already has.
 *
 * The weight gradient of a convolution is itself a convolution. For the forward conv
 *   y[n, oh, ow, co] = Σ_{kh,kw,ci} xpad[n, oh·sh + kh, ow·sw + kw, ci] · w[kh, kw, ci, co]
 * the filter gradient is
 *   dw[kh, kw, ci, co] = Σ_{n,oh,ow} xpad[n, kh + oh·sh, kw + ow·sw, ci] · dy[n, oh, ow, co],
 * which is a forward conv2d in which
 *   - the "batch of images" is x transposed to [Ci, H, W, N]  (the batch dimension becomes channels),
 *   - the "filter" is dy transposed to [Ho, Wo, N, Co],
 *   - the original stride becomes the dilation, the new stride is 1,
 *   - the padding is the original top/left padding, and bottom/right padding is whatever makes the output
 *     exactly kh × kw (it can exceed the original when `dimRoundingMode` rounds up; if the original conv
 *     never reads the last rows/columns, the output comes out a little larger and is sliced),
 * giving [Ci, kh, kw, Co], transposed back to the filter layout [kh, kw, Ci, Co].
 * That forward conv runs on XNNPACK (the WASM backend's fast Conv2D).
 *
 * The other route, the backend's Conv3DBackpropFilterV2 kernel with a depth of 1, was measured and rejected
 * (see the benchmark in the test file): it is a scalar C++ loop, far slower on the article network's layers,
 * and in tfjs-backend-wasm 4.22 it is wrong for strides > 1 (its output-row bounds use truncating integer
 * division: ceil of a negative number and floor where ceil is needed).
 *
 * Memory: the kernel calls the other kernels' functions directly (as tfjs's own kernels compose each
 * other), so every intermediate is a backend-owned TensorInfo that the engine never sees; each is released
 * with `backend.disposeData` before returning, and only the result is handed to the engine.
 */
import * as tf from '@tensorflow/tfjs';
import type { backend_util, KernelConfig, KernelFunc, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs';
import {
  checkDyShape,
  conv2DGeometry,
  isRegisteredWasmKernel,
  originalConv2DInfo,
  release,
  WASM_BACKEND,
  wasmKernelCaller,
  type Conv2DBackpropAttrs,
  type Conv2DGeometry,
  type WasmBackendLike,
} from './wasm-kernel-util';

interface Conv2DBackpropFilterAttrs extends Conv2DBackpropAttrs {
  filterShape: [number, number, number, number];
}

const KERNEL_NAME = 'Conv2DBackpropFilter';

const call = wasmKernelCaller(KERNEL_NAME);

/** The conv's geometry, from exactly what tfjs's conv2d computes (`backend_util.computeConv2DInfo`). */
export interface BackpropFilterGeometry extends Conv2DGeometry {
  /** Bottom/right padding so that the rows read span exactly (outHeight-1)·sh + kh; may be negative. */
  padBottom: number;
  padRight: number;
}

export function backpropFilterGeometry(xShape: number[], dyShape: number[], attrs: Conv2DBackpropFilterAttrs): BackpropFilterGeometry {
  const info = originalConv2DInfo(xShape, attrs.filterShape, attrs);
  if (info.dilationHeight !== 1 || info.dilationWidth !== 1) {
    throw new Error(`${KERNEL_NAME} (wasm): dilations must be 1`);
  }
  checkDyShape(KERNEL_NAME, dyShape, info);
  const spanH = (info.outHeight - 1) * info.strideHeight + info.filterHeight;
  const spanW = (info.outWidth - 1) * info.strideWidth + info.filterWidth;
  return {
    ...conv2DGeometry(info),
    padBottom: spanH - info.inHeight - info.padInfo.top,
    padRight: spanW - info.inWidth - info.padInfo.left,
  };
}

function checkFloat32(x: TensorInfo, dy: TensorInfo): void {
  if (x.dtype !== 'float32' || dy.dtype !== 'float32') {
    throw new Error(`${KERNEL_NAME} (wasm) needs float32 tensors, got x ${x.dtype}, dy ${dy.dtype}`);
  }
}

/**
 * The registered implementation: weight gradient as one XNNPACK forward conv2d on transposed tensors.
 */
export function conv2DBackpropFilterViaConv2D(args: { inputs: NamedTensorInfoMap; backend: unknown; attrs?: NamedAttrMap }): TensorInfo {
  const { inputs } = args;
  const backend = args.backend as WasmBackendLike;
  const attrs = args.attrs as unknown as Conv2DBackpropFilterAttrs;
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  checkFloat32(x, dy);
  const g = backpropFilterGeometry(x.shape, dy.shape, attrs);

  let xT: TensorInfo | null = null;
  let dyT: TensorInfo | null = null;
  let conv: TensorInfo | null = null;
  let cropped: TensorInfo | null = null;
  try {
    // x → [Ci, H, W, N]; dy → [Ho, Wo, N, Co] (from NHWC or NCHW).
    xT = call('Transpose', { x }, { perm: g.channelsLast ? [3, 1, 2, 0] : [1, 2, 3, 0] }, backend);
    dyT = call('Transpose', { x: dy }, { perm: g.channelsLast ? [1, 2, 0, 3] : [2, 3, 0, 1] }, backend);
    // Negative bottom/right padding (rows the original conv never reads) is not expressible as padding:
    // pad 0 there instead and slice the few extra output rows/columns away below.
    const pad: backend_util.ExplicitPadding = [
      [0, 0],
      [g.padTop, Math.max(0, g.padBottom)],
      [g.padLeft, Math.max(0, g.padRight)],
      [0, 0],
    ];
    conv = call(
      'Conv2D',
      { x: xT, filter: dyT },
      {
        strides: [1, 1],
        dilations: [g.strideHeight, g.strideWidth],
        pad,
        dataFormat: 'NHWC',
        dimRoundingMode: null as never,
      },
      backend,
    );
    release(backend, xT, dyT);
    xT = dyT = null;
    const [ci, ch, cw, co] = conv.shape;
    let dwSource = conv;
    if (ch !== g.filterHeight || cw !== g.filterWidth) {
      cropped = call('Slice', { x: conv }, { begin: [0, 0, 0, 0], size: [ci, g.filterHeight, g.filterWidth, co] }, backend);
      release(backend, conv);
      conv = null;
      dwSource = cropped;
    }
    // [Ci, kh, kw, Co] → [kh, kw, Ci, Co]
    return call('Transpose', { x: dwSource }, { perm: [1, 2, 0, 3] }, backend);
  } finally {
    release(backend, xT, dyT, conv, cropped);
  }
}

const CONFIG: KernelConfig = {
  kernelName: KERNEL_NAME,
  backendName: WASM_BACKEND,
  kernelFunc: conv2DBackpropFilterViaConv2D as unknown as KernelFunc,
};

/**
 * Registers `Conv2DBackpropFilter` for the 'wasm' backend. Idempotent: does nothing when a kernel of that
 * name is already registered for 'wasm' (ours, or one a later tfjs ships). Call it before or after the
 * backend is initialised (the kernel needs no setup). Returns true when it registered the kernel now.
 */
export function registerWasmConv2DBackpropFilter(): boolean {
  if (tf.getKernel(KERNEL_NAME, WASM_BACKEND) != null) return false;
  tf.registerKernel(CONFIG);
  return true;
}

/** True when the kernel registered for 'wasm' is this module's. */
export function isOurWasmConv2DBackpropFilter(): boolean {
  return isRegisteredWasmKernel(CONFIG);
}
