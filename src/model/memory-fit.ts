/**
 * Whether a training step fits in what the backend can hold, before it runs: a batch of 4096 on the article's
 * network needs about 11 GB, and a step that does not fit aborts WASM's module or runs out of GPU memory halfway.
 * Pure: the page checks the settings against the limits the Worker reported with its backend (next to the batch
 * size, before Train), and the Worker checks again when a run starts, with the dataset's real image shape.
 *
 * The rules, per backend (the limits come from src/backend/limits.ts):
 * - WASM: tfjs-backend-wasm's heap grows to at most WASM_HEAP_MAX. There a step takes 15-20% more than the
 *   estimate (memory.ts counts tfjs's tensors; the heap also holds kernels' scratch and malloc's gaps): measured in
 *   Node on the article's network, the heap after one step was 1.17, 1.19 and 1.16 times the estimate at batch
 *   256, 1024 and 1200, and batch 1400 (estimate 3.91 GiB) aborted the module. Refused when even 15% more does not
 *   fit; a warning when 20% more comes within a fifth of the limit.
 * - WebGPU: every tensor is one GPU buffer, bound whole to a shader: the largest must fit the device's
 *   maxBufferSize and maxStorageBufferBindingSize, or it is refused. WebGPU does not say how much memory the GPU
 *   has, so the total is only compared with the machine's memory (below).
 * - WebGL: a tensor is one texture of at most MAX_TEXTURE_SIZE² pixels, four floats each when packed: refused
 *   above that, a warning above one float a pixel (what a tensor needs where tfjs unpacks it).
 * - CPU: tensors are JavaScript arrays in the tab's memory, with no fixed limit but the machine's.
 * - Every backend: a warning when the step needs more than half the memory the browser says the machine has
 *   (navigator.deviceMemory, a rounded-down figure): a tab cannot count on more.
 */
import { BACKEND_LABEL, type BackendName } from '../backend/names';
import { msg, type Message } from '../i18n/message';
import type { TrainConfig } from '../settings';
import { estimateTrainingMemory, type TrainingMemory } from './memory';
import { networkFor, networkProblem } from './network-for';
import type { Shape3 } from './networks';

/** What the running backend can hold, as the Worker found it (src/backend/limits.ts). */
export interface MemoryLimits {
  backend: BackendName;
  /** WASM: the most its heap can grow to, bytes. */
  wasmHeapBytes?: number;
  /** WebGPU: the largest buffer a shader can use whole: min(maxBufferSize, maxStorageBufferBindingSize), bytes. */
  maxBufferBytes?: number;
  /** WebGL: MAX_TEXTURE_SIZE, pixels a side. */
  maxTextureSize?: number;
  /** navigator.deviceMemory in bytes, where the browser gives it (rounded down; a floor, not the machine's size). */
  deviceMemoryBytes?: number;
}

/**
 * tfjs-backend-wasm 4.22's heap limit: its Emscripten builds' getHeapMax() returns 4294901760 (4 GiB less one
 * 64 KiB page) and the threaded build's shared memory is declared with at most 65536 pages (src/backend/limits.test.ts
 * reads both from the installed package).
 */
export const WASM_HEAP_MAX = 4_294_901_760;
/** A step's peak WASM heap over the estimate: measured 1.16 to 1.19 (see the header). */
export const WASM_OVERHEAD_LOW = 1.15;
const WASM_OVERHEAD_HIGH = 1.2;
/** Warn when the step comes within this share of the WASM heap's limit. */
const WASM_WARN_SHARE = 0.8;
/** Warn when the step needs more than this share of the machine's memory. */
const MACHINE_WARN_SHARE = 0.5;
const FLOAT = 4;

/** Memory in decimal units: 4.52 GB, 341 MB, 7.8 kB (the model summary's and the memory check's). */
export function formatBytes(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} GB`;
  if (n >= 1e6) return `${Number((n / 1e6).toPrecision(3))} MB`;
  return `${(n / 1e3).toFixed(1)} kB`;
}

export interface MemoryVerdict {
  /** 'refuse': it cannot fit; 'warn': it may not. */
  level: 'refuse' | 'warn';
  /** Why, with the figure, the limit and the largest batch that fits; a sentence for the batch size's control. */
  message: Message;
  /** The step's estimate, bytes (the model summary's figure). */
  need: number;
  /** The largest batch that passes this level (0: not even 1). */
  fits: number;
}

type Rule = { level: 'refuse' | 'warn'; key: 'wasm' | 'buffer' | 'texture' | 'machine' };

/** The first rule a step breaks on these limits, refusals before warnings. */
function judge(m: TrainingMemory, l: MemoryLimits): Rule | null {
  if (l.backend === 'wasm' && l.wasmHeapBytes) {
    if (m.total * WASM_OVERHEAD_LOW > l.wasmHeapBytes) return { level: 'refuse', key: 'wasm' };
  }
  if (l.backend === 'webgpu' && l.maxBufferBytes && m.largestTensor > l.maxBufferBytes) return { level: 'refuse', key: 'buffer' };
  if (l.backend === 'webgl' && l.maxTextureSize && m.largestTensor > 4 * FLOAT * l.maxTextureSize ** 2)
    return { level: 'refuse', key: 'texture' };
  if (l.backend === 'wasm' && l.wasmHeapBytes && m.total * WASM_OVERHEAD_HIGH > WASM_WARN_SHARE * l.wasmHeapBytes) {
    return { level: 'warn', key: 'wasm' };
  }
  if (l.backend === 'webgl' && l.maxTextureSize && m.largestTensor > FLOAT * l.maxTextureSize ** 2)
    return { level: 'warn', key: 'texture' };
  if (l.deviceMemoryBytes && m.total > MACHINE_WARN_SHARE * l.deviceMemoryBytes) return { level: 'warn', key: 'machine' };
  return null;
}

/**
 * Whether a training step of `config` on images of `input` fits the backend's `limits`: null when it does, else a
 * refusal or a warning saying why, with the largest batch that would pass. Null too when the network cannot take
 * the images at all (validation says why).
 */
export function memoryVerdict(config: TrainConfig, input: Shape3, limits: MemoryLimits): MemoryVerdict | null {
  const batch = config.batchSize;
  if (!Number.isInteger(batch) || batch < 1 || networkProblem(config, input)) return null;
  const net = networkFor(config, input);
  const options = { backend: limits.backend, weightDecay: config.optimizer === 'sgd' && config.weightDecay > 0 };
  const at = (b: number) => estimateTrainingMemory(net, b, config.optimizer, options);
  const m = at(batch);
  const rule = judge(m, limits);
  if (!rule) return null;
  // Memory grows with the batch: the largest batch this rule's level lets through, by bisection.
  const passes = (b: number) => {
    const r = judge(at(b), limits);
    return !r || (rule.level === 'refuse' && r.level === 'warn');
  };
  let lo = 0;
  let hi = batch;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (passes(mid)) lo = mid;
    else hi = mid;
  }
  const fits = lo;
  const advice =
    fits === 0
      ? msg('validation.memory.noBatchFits')
      : msg(rule.level === 'refuse' ? 'validation.memory.fits' : 'validation.memory.roomy', { fits });
  const values = {
    batch,
    need: formatBytes(m.total),
    tensor: formatBytes(m.largestTensor),
    backend: BACKEND_LABEL[limits.backend],
    advice,
  };
  let message: Message;
  switch (rule.key) {
    case 'wasm':
      message = msg(rule.level === 'refuse' ? 'validation.memory.wasmRefuse' : 'validation.memory.wasmWarn', {
        ...values,
        limit: formatBytes(limits.wasmHeapBytes!),
      });
      break;
    case 'buffer':
      message = msg('validation.memory.bufferRefuse', { ...values, limit: formatBytes(limits.maxBufferBytes!) });
      break;
    case 'texture': {
      const size = limits.maxTextureSize!;
      message = msg(rule.level === 'refuse' ? 'validation.memory.textureRefuse' : 'validation.memory.textureWarn', {
        ...values,
        size,
        limit: formatBytes((rule.level === 'refuse' ? 4 : 1) * FLOAT * size ** 2),
      });
      break;
    }
    case 'machine':
      message = msg(
        limits.backend === 'webgpu' || limits.backend === 'webgl' ? 'validation.memory.machineWarnGpu' : 'validation.memory.machineWarn',
        {
          ...values,
          device: formatBytes(limits.deviceMemoryBytes!),
        },
      );
      break;
  }
  return { level: rule.level, message, need: m.total, fits };
}
