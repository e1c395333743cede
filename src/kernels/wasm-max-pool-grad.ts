/**
 * MaxPoolGrad for tfjs-backend-wasm 4.22, written over the backend's memory in TypeScript.
 *
 * The stock C++ kernel is single-threaded and slow (README, "Where the WASM speed comes from"), a growing share
 * of a step once XNNPACK runs the convolutions on every core. The gradient of a max pool sends each dy to the position of
 * its window's maximum, so one pass that keeps, per channel, the best value and where it was, then one
 * scatter-add, is enough; channels are innermost in NHWC, so both passes read memory in order.
 *
 * Semantics are tfjs's (the CPU backend's maxPoolPositions): windows are scanned row by row, the first
 * strictly greater value wins (ties go to the earliest position), padding is never a candidate, a window
 * whose values are all NaN or -Infinity passes no gradient, and overlapping windows (3x3 stride 2) add up.
 *
 * The stock kernel is also wrong where every value of a window is negative: it passes the gradient to the
 * window's first position, as if the running maximum started at 0 ([-3, -1, -2, -4] pooled 2x2 gives
 * dx [1, 0, 0, 0]; TensorFlow and the CPU backend give [0, 1, 0, 0]; the test file pins this). A tanh net has such windows everywhere,
 * so on stock WASM the ReLU-vs-tanh comparison trained tanh with wrong gradients. It also sends ties to the last
 * maximum; in a ReLU net ties are zeros, whose gradient the ReLU stops anyway.
 */
import { backend_util, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import { wasmKernelOverride, type WasmHeapBackend } from './wasm-kernel-util';

interface Args {
  inputs: { dy: TensorInfo; input: TensorInfo; output: TensorInfo };
  backend: WasmHeapBackend;
  attrs: {
    filterSize: [number, number] | number;
    strides: [number, number] | number;
    pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
    dimRoundingMode?: 'floor' | 'round' | 'ceil';
  };
}

/**
 * dx for one max pool (NHWC, dilation 1), computed in place into `dx` (which it zeroes first).
 * Exported for the tests, which also run it on plain arrays.
 */
export function maxPoolBackprop(x: Float32Array, dy: Float32Array, dx: Float32Array, info: backend_util.Conv2DInfo): void {
  const { batchSize, inHeight, inWidth, outHeight, outWidth, strideHeight, strideWidth } = info;
  const channels = info.inChannels;
  const fh = info.effectiveFilterHeight;
  const fw = info.effectiveFilterWidth;
  const padTop = info.padInfo.top;
  const padLeft = info.padInfo.left;
  const best = new Float32Array(channels);
  const where = new Int32Array(channels);
  dx.fill(0);
  let o = 0; // index of dy[b, oh, ow, 0]
  for (let b = 0; b < batchSize; b++) {
    const xBatch = b * inHeight * inWidth * channels;
    for (let oh = 0; oh < outHeight; oh++) {
      const r0 = oh * strideHeight - padTop;
      const rStart = Math.max(0, r0);
      const rEnd = Math.min(inHeight, r0 + fh);
      for (let ow = 0; ow < outWidth; ow++, o += channels) {
        const c0 = ow * strideWidth - padLeft;
        const cStart = Math.max(0, c0);
        const cEnd = Math.min(inWidth, c0 + fw);
        best.fill(-Infinity);
        where.fill(-1);
        for (let r = rStart; r < rEnd; r++) {
          for (let col = cStart; col < cEnd; col++) {
            const base = xBatch + (r * inWidth + col) * channels;
            for (let c = 0; c < channels; c++) {
              const v = x[base + c];
              if (v > best[c]) {
                best[c] = v;
                where[c] = base + c;
              }
            }
          }
        }
        for (let c = 0; c < channels; c++) {
          const at = where[c];
          if (at >= 0) dx[at] += dy[o + c];
        }
      }
    }
  }
}

const maxPoolGrad = ((args: Args): TensorInfo => {
  const { inputs, backend, attrs } = args;
  const { dy, input } = inputs;
  if (input.dtype !== 'float32' || dy.dtype !== 'float32') return override.stock(args as never);
  const info = backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    attrs.filterSize,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const dx = backend.makeOutput(input.shape, 'float32');
  // Views only after the allocation: growing the WASM memory replaces its buffer.
  maxPoolBackprop(backend.typedArrayFromHeap(input), backend.typedArrayFromHeap(dy), backend.typedArrayFromHeap(dx), info);
  return dx;
}) as unknown as KernelFunc;

const override = wasmKernelOverride('MaxPoolGrad', maxPoolGrad);

export const registerWasmMaxPoolGrad = override.register;
export const isOurWasmMaxPoolGrad = override.isOurs;
/** Puts tfjs's own kernel back (tests compare the two). */
export const restoreStockWasmMaxPoolGrad = override.restore;
