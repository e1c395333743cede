/**
 * BatchMatMul for tfjs-backend-wasm 4.22 without its slow transposed paths.
 *
 * The stock kernel is fast for plain A·B (XNNPACK), but with `transposeA` or `transposeB` set it falls off
 * XNNPACK's fast path and is many times slower (README, "Where the WASM speed comes from"). Autodiff of a dense
 * layer asks for exactly those two transposed products (dy·Wᵀ for the input gradient, xᵀ·dy for the weights).
 *
 * This kernel moves every transpose out of the product and calls the stock kernel on plain operands.
 * Transposing costs time too, so it transposes whichever side is smaller, using (X·Y)ᵀ = Yᵀ·Xᵀ: for dy·Wᵀ it
 * computes (W·dyᵀ)ᵀ and never touches the large weight matrix W.
 */
import { util, type KernelFunc, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs';
import { release, wasmKernelCaller, wasmKernelOverride, type WasmBackendLike } from './wasm-kernel-util';

const KERNEL_NAME = 'BatchMatMul';
const call = wasmKernelCaller(KERNEL_NAME);

interface Args {
  inputs: { a: TensorInfo; b: TensorInfo };
  backend: WasmBackendLike;
  attrs: { transposeA: boolean; transposeB: boolean };
}

const size = (t: TensorInfo) => util.sizeFromShape(t.shape);

/** Swaps the last two axes. */
function transposeLast2(t: TensorInfo, backend: WasmBackendLike): TensorInfo {
  const rank = t.shape.length;
  const perm = [...Array(rank - 2).keys(), rank - 1, rank - 2];
  return call('Transpose', { x: t }, { perm } as unknown as NamedAttrMap, backend);
}

function plain(a: TensorInfo, b: TensorInfo, backend: WasmBackendLike): TensorInfo {
  return override.stock({ inputs: { a, b }, backend, attrs: { transposeA: false, transposeB: false } });
}

/** Element count of the product's result: the batch dims broadcast, then rows x columns. */
function resultSize(a: TensorInfo, b: TensorInfo, { transposeA, transposeB }: Args['attrs']): number {
  const ra = a.shape.length;
  const rb = b.shape.length;
  const rows = transposeA ? a.shape[ra - 1] : a.shape[ra - 2];
  const cols = transposeB ? b.shape[rb - 2] : b.shape[rb - 1];
  const batchA = util.sizeFromShape(a.shape.slice(0, -2));
  const batchB = util.sizeFromShape(b.shape.slice(0, -2));
  return Math.max(batchA, batchB) * rows * cols;
}

function batchMatMul({ inputs: { a, b }, backend, attrs }: Args): TensorInfo {
  const { transposeA, transposeB } = attrs;
  if (!transposeA && !transposeB) return plain(a, b, backend);
  const temps: TensorInfo[] = [];
  const t = (x: TensorInfo) => {
    const y = transposeLast2(x, backend);
    temps.push(y);
    return y;
  };
  try {
    if (transposeA && transposeB) {
      // Aᵀ·Bᵀ = (B·A)ᵀ
      const ba = plain(b, a, backend);
      temps.push(ba);
      return transposeLast2(ba, backend);
    }
    const out = resultSize(a, b, attrs);
    if (transposeB) {
      // A·Bᵀ: transpose B, or compute (B·Aᵀ)ᵀ when A and the result together are smaller than B.
      if (size(b) <= size(a) + out) return plain(a, t(b), backend);
      const r = plain(b, t(a), backend);
      temps.push(r);
      return transposeLast2(r, backend);
    }
    // Aᵀ·B: transpose A, or compute (Bᵀ·A)ᵀ when B and the result together are smaller than A.
    if (size(a) <= size(b) + out) return plain(t(a), b, backend);
    const r = plain(t(b), a, backend);
    temps.push(r);
    return transposeLast2(r, backend);
  } finally {
    release(backend, ...temps);
  }
}

const override = wasmKernelOverride(KERNEL_NAME, batchMatMul as unknown as KernelFunc);

/** Registers this module's BatchMatMul for 'wasm' over the stock one (kept and called). Idempotent. */
export const registerWasmBatchMatMul = override.register;
export const isOurWasmBatchMatMul = override.isOurs;
/** Puts the stock kernel back (tests and benchmarks that compare the two). */
export const restoreStockWasmBatchMatMul = override.restore;
