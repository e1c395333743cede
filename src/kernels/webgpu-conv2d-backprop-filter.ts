/**
 * Conv2DBackpropFilter for the tfjs WebGPU backend: a split-reduction ("split-K") weight gradient.
 *
 * The weight gradient of the forward conv
 *   y[n, oh, ow, co] = Σ_{kh,kw,ci} xpad[n, oh·sh + kh, ow·sw + kw, ci] · w[kh, kw, ci, co]
 * is the matrix product
 *   dw[k, co] = Σ_p  X[p, k] · dy[p, co],   k = (kh, kw, ci), p = (n, oh, ow),
 * with X the im2col matrix of x (zero where the window reads padding). Its reduction runs over
 * P = batch·outHeight·outWidth positions while the output has only K·Co = kh·kw·Ci·Co elements.
 *
 * Stock tfjs-backend-webgpu 4.22 gives each output element one thread that loops over all P positions
 * serially. For the article network's first conv (1 input channel, 3x3, 64 filters) that is 576 threads each
 * summing 200,704 products at batch 256 (28·28·256): a GPU with thousands of cores sits nearly idle, and this
 * kernel was the largest single cost of a step on an H100 (README, "Measured speed").
 *
 * Here the reduction is split over the GPU:
 *  - pass 1 (`Conv2DBackpropFilterPartialsProgram`): workgroups of 16x16 threads. Workgroup (tx, ty, chunk)
 *    owns a tile of TK x TC output elements (TK, TC = 16·RK, 16·RC, RK/RC ∈ {1, 2, 4} picked from K and Co)
 *    and one chunk of consecutive positions. It steps through its chunk 16 positions at a time: the
 *    workgroup stages the 16 x TK slab of X (im2col computed on the fly from x, padding as zeros) and the
 *    16 x TC slab of dy in shared memory, then each thread accumulates an RK x RC register tile. Each
 *    workgroup writes its partial sums to partials[chunk, k, co].
 *  - pass 2 (`Conv2DBackpropFilterSumProgram`): one thread per dw element sums the chunks (coalesced:
 *    neighbouring threads read neighbouring addresses). With a single chunk, pass 1 writes dw directly.
 * The number of chunks aims at about `TARGET_WORKGROUPS` workgroups in pass 1, with at least
 * `MIN_CHUNK_POSITIONS` positions a chunk and the partials capped at `MAX_PARTIALS_BYTES`.
 *
 * Float32 throughout; the sum order differs from the CPU backend's serial loop, so results agree to float32
 * rounding (the browser test bounds max|ours − cpu| / max|cpu| by 1e-4).
 *
 * Anything else (NCHW, non-float32, empty tensors) goes to the stock kernel, saved before ours replaces it.
 * The partials buffer is a backend-owned intermediate released with `backend.disposeData` before returning.
 */
import * as tf from '@tensorflow/tfjs';
import { backend_util } from '@tensorflow/tfjs';
import type { KernelConfig, KernelFunc, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs';
import type { WebGPUBackend, WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';

export const WEBGPU_BACKEND = 'webgpu';
const KERNEL_NAME = 'Conv2DBackpropFilter';

/** Positions staged in shared memory per step (rows of the im2col / dy slabs). */
const TILE_P = 16;
/** Threads per workgroup side (16 x 16 = 256 threads). */
const WG = 16;
/** Pass 1 aims at about this many workgroups (an H100 runs ~8 of 256 threads on each of 132 SMs). */
export const TARGET_WORKGROUPS = 1024;
/** A chunk sums at least this many positions (keeps pass 2 short). */
export const MIN_CHUNK_POSITIONS = 256;
/** Upper bound on the partial-sums buffer. */
export const MAX_PARTIALS_BYTES = 64 * 1024 * 1024;

interface Conv2DBackpropFilterAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
}

/** How the reduction is split (exported for tests and benchmarks). */
export interface SplitPlan {
  /** K = kh·kw·Ci (rows of dw as a matrix), Co (its columns), P = batch·outH·outW (reduction length). */
  k: number;
  co: number;
  positions: number;
  /** Register tile per thread: RK rows x RC columns; the workgroup tile is 16·RK x 16·RC. */
  rk: number;
  rc: number;
  tilesK: number;
  tilesC: number;
  chunks: number;
  /** Positions per chunk (a multiple of TILE_P) and the 16-position steps each chunk takes. */
  chunkLen: number;
  steps: number;
}

function registerTile(dim: number): number {
  return dim <= WG ? 1 : dim <= 2 * WG ? 2 : 4;
}

export function planSplit(info: backend_util.Conv2DInfo): SplitPlan {
  const k = info.filterHeight * info.filterWidth * info.inChannels;
  const co = info.outChannels;
  const positions = info.batchSize * info.outHeight * info.outWidth;
  const rk = registerTile(k);
  const rc = registerTile(co);
  const tilesK = Math.ceil(k / (WG * rk));
  const tilesC = Math.ceil(co / (WG * rc));
  let chunks = Math.max(1, Math.ceil(TARGET_WORKGROUPS / (tilesK * tilesC)));
  chunks = Math.min(chunks, Math.max(1, Math.floor(positions / MIN_CHUNK_POSITIONS)));
  chunks = Math.min(chunks, Math.max(1, Math.floor(MAX_PARTIALS_BYTES / (4 * k * co))));
  const chunkLen = Math.ceil(Math.ceil(positions / chunks) / TILE_P) * TILE_P;
  chunks = Math.ceil(positions / chunkLen);
  return { k, co, positions, rk, rc, tilesK, tilesC, chunks, chunkLen, steps: chunkLen / TILE_P };
}

const PARTIALS_UNIFORMS =
  'inHeight : i32, inWidth : i32, inChannels : i32, outHeight : i32, outWidth : i32, outChannels : i32, ' +
  'filterWidth : i32, strideHeight : i32, strideWidth : i32, padTop : i32, padLeft : i32, kSize : i32, ' +
  'positions : i32, chunkLen : i32, steps : i32,';

/** Pass 1: partial sums of dw over one chunk of positions, for one TK x TC tile of dw. Output [chunks, K, Co]. */
export class Conv2DBackpropFilterPartialsProgram implements WebGPUProgram {
  variableNames = ['x', 'dy'];
  uniforms = PARTIALS_UNIFORMS;
  workgroupSize: [number, number, number] = [WG, WG, 1];
  outputShape: number[];
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  shaderKey: string;
  size = false;
  private readonly rk: number;
  private readonly rc: number;

  constructor(plan: SplitPlan, outputShape: number[]) {
    this.rk = plan.rk;
    this.rc = plan.rc;
    this.outputShape = outputShape;
    // A flat layout makes tfjs call main(index); the shader ignores the index and works by workgroup id.
    this.dispatchLayout = { x: outputShape.map((_, i) => i) };
    this.dispatch = [plan.tilesC, plan.tilesK, plan.chunks];
    this.shaderKey = `ourConv2DBackpropFilterPartials_${this.rk}_${this.rc}`;
  }

  getUserCode(): string {
    const { rk, rc } = this;
    const tk = WG * rk;
    const tc = WG * rc;
    const threads = WG * WG;
    const accInit: string[] = [];
    const fma: string[] = [];
    const writes: string[] = [];
    for (let i = 0; i < rk; i++) {
      accInit.push(`let a${i} = As[pp * ${tk} + ty + ${WG * i}];`);
    }
    for (let j = 0; j < rc; j++) {
      fma.push(`let b${j} = Bs[pp * ${tc} + tx + ${WG * j}];`);
      for (let i = 0; i < rk; i++) fma.push(`acc[${i * rc + j}] = fma(a${i}, b${j}, acc[${i * rc + j}]);`);
    }
    for (let i = 0; i < rk; i++) {
      for (let j = 0; j < rc; j++) {
        writes.push(`{
          let k = tileK + ty + ${WG * i};
          let co = tileC + tx + ${WG * j};
          if (k < uniforms.kSize && co < uniforms.outChannels) {
            setOutputAtIndex((chunk * uniforms.kSize + k) * uniforms.outChannels + co, acc[${i * rc + j}]);
          }
        }`);
      }
    }
    return `
    var<workgroup> As : array<f32, ${TILE_P * tk}>;
    var<workgroup> Bs : array<f32, ${TILE_P * tc}>;

    fn main(index : i32) {
      let tx = i32(localId.x);
      let ty = i32(localId.y);
      let lidx = i32(localIndex);
      let tileC = i32(workgroupId.x) * ${tc};
      let tileK = i32(workgroupId.y) * ${tk};
      let chunk = i32(workgroupId.z);
      let pStart = chunk * uniforms.chunkLen;
      let pEnd = min(uniforms.positions, pStart + uniforms.chunkLen);
      let outArea = uniforms.outHeight * uniforms.outWidth;
      let kwci = uniforms.filterWidth * uniforms.inChannels;
      var acc : array<f32, ${rk * rc}>;
      for (var i = 0; i < ${rk * rc}; i++) {
        acc[i] = 0.0;
      }
      // The step count comes from uniforms only: the barriers stay in uniform control flow.
      for (var t = 0; t < uniforms.steps; t++) {
        let p0 = pStart + t * ${TILE_P};
        // Stage X[p0 .. p0+16, tileK .. tileK+TK] (im2col of x on the fly; padding reads as 0).
        for (var e = lidx; e < ${TILE_P * tk}; e += ${threads}) {
          let p = p0 + e / ${tk};
          let k = tileK + e % ${tk};
          var v = 0.0;
          if (p < pEnd && k < uniforms.kSize) {
            let n = p / outArea;
            let rem = p - n * outArea;
            let oy = rem / uniforms.outWidth;
            let ox = rem - oy * uniforms.outWidth;
            let kh = k / kwci;
            let krem = k - kh * kwci;
            let kw = krem / uniforms.inChannels;
            let ci = krem - kw * uniforms.inChannels;
            let iy = oy * uniforms.strideHeight - uniforms.padTop + kh;
            let ix = ox * uniforms.strideWidth - uniforms.padLeft + kw;
            if (iy >= 0 && iy < uniforms.inHeight && ix >= 0 && ix < uniforms.inWidth) {
              v = x[((n * uniforms.inHeight + iy) * uniforms.inWidth + ix) * uniforms.inChannels + ci];
            }
          }
          As[e] = v;
        }
        // Stage dy[p0 .. p0+16, tileC .. tileC+TC] (rows of dy are contiguous in co).
        for (var e = lidx; e < ${TILE_P * tc}; e += ${threads}) {
          let p = p0 + e / ${tc};
          let co = tileC + e % ${tc};
          var v = 0.0;
          if (p < pEnd && co < uniforms.outChannels) {
            v = dy[p * uniforms.outChannels + co];
          }
          Bs[e] = v;
        }
        workgroupBarrier();
        for (var pp = 0; pp < ${TILE_P}; pp++) {
          ${accInit.join('\n          ')}
          ${fma.join('\n          ')}
        }
        workgroupBarrier();
      }
      ${writes.join('\n      ')}
    }
    `;
  }
}

/** Pass 2: dw[i] = Σ_chunk partials[chunk, i]. */
export class Conv2DBackpropFilterSumProgram implements WebGPUProgram {
  variableNames = ['partials'];
  uniforms = 'chunks : i32,';
  workgroupSize: [number, number, number] = [64, 1, 1];
  outputShape: number[];
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  shaderKey = 'ourConv2DBackpropFilterSum';
  size = true;

  constructor(filterShape: number[]) {
    this.outputShape = filterShape;
    this.dispatchLayout = { x: filterShape.map((_, i) => i) };
    const n = tf.util.sizeFromShape(filterShape);
    this.dispatch = [Math.ceil(n / 64), 1, 1];
  }

  getUserCode(): string {
    return `
    fn main(index : i32) {
      if (index < uniforms.size) {
        var s = 0.0;
        for (var c = 0; c < uniforms.chunks; c++) {
          s += partials[c * uniforms.size + index];
        }
        setOutputAtIndex(index, s);
      }
    }
    `;
  }
}

let stockConfig: KernelConfig | null = null;

function runStock(args: { inputs: NamedTensorInfoMap; backend: unknown; attrs?: NamedAttrMap }): TensorInfo {
  if (stockConfig == null) throw new Error(`${KERNEL_NAME} (webgpu): the stock kernel was not saved`);
  return stockConfig.kernelFunc(args as never) as TensorInfo;
}

/** The conv's geometry as tfjs's conv2d computes it (dilations 1), or null when the stock kernel should run. */
function handledConvInfo(x: TensorInfo, dy: TensorInfo, attrs: Conv2DBackpropFilterAttrs): backend_util.Conv2DInfo | null {
  if (x.dtype !== 'float32' || dy.dtype !== 'float32') return null;
  if (attrs.dataFormat === 'NCHW') return null;
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    attrs.filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
  if (info.dilationHeight !== 1 || info.dilationWidth !== 1) return null;
  const expected = info.outShape;
  if (dy.shape.length !== 4 || dy.shape.some((d, i) => d !== expected[i])) {
    throw new Error(`${KERNEL_NAME} (webgpu): dy shape [${dy.shape}] does not match the conv output [${expected}]`);
  }
  if (info.batchSize * info.outHeight * info.outWidth === 0) return null;
  if (attrs.filterShape.some((d) => d === 0)) return null;
  return info;
}

/** The registered implementation (falls back to the stock kernel for what it does not handle). */
export function conv2DBackpropFilterSplitK(args: { inputs: NamedTensorInfoMap; backend: unknown; attrs?: NamedAttrMap }): TensorInfo {
  const backend = args.backend as WebGPUBackend;
  const attrs = args.attrs as unknown as Conv2DBackpropFilterAttrs;
  const { x, dy } = args.inputs as { x: TensorInfo; dy: TensorInfo };
  const info = handledConvInfo(x, dy, attrs);
  if (info == null) return runStock(args);

  const plan = planSplit(info);
  const filterShape = [...attrs.filterShape];
  const uniforms = [
    info.inHeight,
    info.inWidth,
    info.inChannels,
    info.outHeight,
    info.outWidth,
    info.outChannels,
    info.filterWidth,
    info.strideHeight,
    info.strideWidth,
    info.padInfo.top,
    info.padInfo.left,
    plan.k,
    plan.positions,
    plan.chunkLen,
    plan.steps,
  ].map((v) => ({ type: 'int32', data: [v] }));

  if (plan.chunks === 1) {
    const program = new Conv2DBackpropFilterPartialsProgram(plan, filterShape);
    return backend.runWebGPUProgram(program, [x, dy], 'float32', uniforms);
  }
  const partialsProgram = new Conv2DBackpropFilterPartialsProgram(plan, [plan.chunks, plan.k, plan.co]);
  const partials = backend.runWebGPUProgram(partialsProgram, [x, dy], 'float32', uniforms);
  try {
    const sumProgram = new Conv2DBackpropFilterSumProgram(filterShape);
    return backend.runWebGPUProgram(sumProgram, [partials], 'float32', [{ type: 'int32', data: [plan.chunks] }]);
  } finally {
    backend.disposeData(partials.dataId);
  }
}

const CONFIG: KernelConfig = {
  kernelName: KERNEL_NAME,
  backendName: WEBGPU_BACKEND,
  kernelFunc: conv2DBackpropFilterSplitK as unknown as KernelFunc,
};

/** True when the kernel registered for 'webgpu' is this module's. */
export function isOurWebGPUConv2DBackpropFilter(): boolean {
  return tf.getKernel(KERNEL_NAME, WEBGPU_BACKEND)?.kernelFunc === CONFIG.kernelFunc;
}

/**
 * Registers our `Conv2DBackpropFilter` for 'webgpu', saving the stock one (from tfjs-backend-webgpu, which
 * must have been imported) for fallback. Idempotent. Returns true when it registered the kernel now.
 */
export function registerWebGPUConv2DBackpropFilter(): boolean {
  if (isOurWebGPUConv2DBackpropFilter()) return false;
  const current = tf.getKernel(KERNEL_NAME, WEBGPU_BACKEND);
  if (current == null) {
    throw new Error(`${KERNEL_NAME} (webgpu): import @tensorflow/tfjs-backend-webgpu before registering ours`);
  }
  stockConfig = current;
  tf.unregisterKernel(KERNEL_NAME, WEBGPU_BACKEND);
  tf.registerKernel(CONFIG);
  return true;
}

/** Puts the stock kernel back (for comparisons and benchmarks). Returns true when it changed anything. */
export function restoreStockWebGPUConv2DBackpropFilter(): boolean {
  if (!isOurWebGPUConv2DBackpropFilter() || stockConfig == null) return false;
  tf.unregisterKernel(KERNEL_NAME, WEBGPU_BACKEND);
  tf.registerKernel(stockConfig);
  return true;
}
