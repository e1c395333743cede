/**
 * WebGPU for TensorFlow.js in Node (benchmarks and scripts only, never the browser): the npm package
 * `webgpu` is Google's Dawn, the WebGPU implementation Chrome uses, as a Node addon. On the GPU machine it
 * runs on NVIDIA's Vulkan driver (bench/gpu/README.md).
 *
 * tfjs-backend-webgpu registers its backend *when it is imported* and only if `navigator.gpu` exists then,
 * so it is imported dynamically here, after `navigator.gpu` is set. (A static import anywhere before this,
 * e.g. through src/backend/, leaves 'webgpu' unregistered; `startNodeWebGPU` then says so.)
 *
 * tfjs does not surface invalid GPU work: a failed dispatch or readback just yields zeros. So the device's
 * `uncapturederror` events and its loss are recorded (`webgpuErrors`, `takeWebGPUErrors`) and passed to
 * `onError`; a known-answer calculation checks the backend before it is handed out.
 */
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { create, globals } from 'webgpu';
import { registerWebGPUKernels } from '../src/kernels/webgpu';

export interface NodeWebGPUOptions {
  /**
   * Dawn's instance options, as `create()` takes them: e.g. `backend=vulkan`, `backend=opengl`,
   * `adapter=<name substring>`, `enable-dawn-features=allow_unsafe_apis`. Default: none (Dawn's choice).
   */
  dawnOptions?: string[];
  /**
   * Added to every `requestAdapter` call tfjs makes. 'compatibility' lets Dawn offer OpenGL(ES) adapters
   * (e.g. Mesa's llvmpipe through EGL for a local check without a GPU); default: tfjs's own request (core).
   */
  featureLevel?: 'core' | 'compatibility';
  /** Called for each uncaptured GPU error and for a lost device. */
  onError?: (message: string) => void;
}

export interface NodeWebGPUInfo {
  /** One line naming the adapter, e.g. "nvidia nvidia-h100-80gb-hbm3 (NVIDIA: 580.159.04 580.159.4.0)". */
  adapter: string;
  /** The adapter's GPUAdapterInfo fields. */
  info: Record<string, string | number | boolean>;
  /** Features of the adapter, and the ones tfjs enabled on its device. */
  adapterFeatures: string[];
  deviceFeatures: string[];
  limits: { maxStorageBufferBindingSize: number; maxBufferSize: number; maxComputeWorkgroupStorageSize: number };
  /** Whether tfjs got timestamp queries (per-kernel GPU times in tf.profile; zeros without). */
  timestampQuery: boolean;
  dawnOptions: string[];
  featureLevel: string;
  /** Names from `webgpu`'s globals that were missing from globalThis and were defined. */
  globalsSet: string[];
}

const errors: string[] = [];

/** Every GPU error recorded since the start (uncaptured errors, device loss). */
export function webgpuErrors(): readonly string[] {
  return errors;
}

/** The GPU errors recorded since the last call, removed from the record. */
export function takeWebGPUErrors(): string[] {
  return errors.splice(0, errors.length);
}

const INFO_FIELDS = ['vendor', 'architecture', 'device', 'description', 'subgroupMinSize', 'subgroupMaxSize', 'isFallbackAdapter'];

function adapterInfo(adapter: GPUAdapter | null): Record<string, string | number | boolean> {
  const info = (adapter as (GPUAdapter & { info?: Record<string, unknown> }) | null)?.info;
  const out: Record<string, string | number | boolean> = {};
  if (!info) return out;
  // GPUAdapterInfo's fields are prototype getters: JSON.stringify and spreading see none of them.
  for (const key of INFO_FIELDS) {
    const value = info[key];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[key] = value;
  }
  return out;
}

function describe(info: Record<string, string | number | boolean>): string {
  const s = (k: string) => String(info[k] ?? '').trim();
  const head = [s('vendor'), s('device') || s('architecture')].filter(Boolean).join(' ');
  const detail = s('description');
  const name = head && detail ? `${head} (${detail})` : head || detail || 'an unnamed GPU adapter';
  return info.isFallbackAdapter === true ? `${name} [fallback adapter]` : name;
}

function record(message: string, onError?: (message: string) => void): void {
  errors.push(message);
  onError?.(message);
}

/** A known answer: catches a backend that quietly returns zeros. */
async function selfTest(): Promise<void> {
  const out = tf.tidy(() => tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor2d([5, 6, 7, 8], [2, 2])).add(1));
  try {
    const got = Array.from(await out.data());
    const want = [20, 23, 44, 51];
    if (!got.every((v, i) => Math.abs(v - want[i]) < 1e-3)) {
      throw new Error(`WebGPU self-test: got [${got.join(', ')}], want [${want.join(', ')}]` +
        (errors.length ? `; GPU errors: ${errors.join(' | ')}` : ''));
    }
  } finally {
    out.dispose();
  }
}

/**
 * Makes Dawn's WebGPU the tfjs backend in Node. Throws when no adapter is found, tfjs cannot start on it,
 * or a known-answer calculation fails. Call once, before building models.
 */
export async function startNodeWebGPU(options: NodeWebGPUOptions = {}): Promise<NodeWebGPUInfo> {
  const dawnOptions = options.dawnOptions ?? [];
  const g = globalThis as Record<string, unknown>;
  const globalsSet: string[] = [];
  for (const [name, value] of Object.entries(globals as Record<string, unknown>)) {
    if (g[name] === undefined) {
      g[name] = value;
      globalsSet.push(name);
    }
  }

  const gpu = create(dawnOptions);
  let lastAdapter: GPUAdapter | null = null;
  const requestAdapter = gpu.requestAdapter.bind(gpu);
  // An own property on Dawn's GPU object (it stays the real object, so its other methods keep working):
  // records the adapter tfjs gets, and adds the feature level if one was asked for.
  Object.defineProperty(gpu, 'requestAdapter', {
    configurable: true,
    value: async (o?: GPURequestAdapterOptions) => {
      const request = options.featureLevel ? { ...o, featureLevel: options.featureLevel } : o;
      lastAdapter = await requestAdapter(request as GPURequestAdapterOptions);
      return lastAdapter;
    },
  });
  const nav = g.navigator as { gpu?: unknown } | undefined;
  if (nav == null) {
    g.navigator = { gpu };
  } else if (nav.gpu == null) {
    Object.defineProperty(nav, 'gpu', { value: gpu, configurable: true, enumerable: true });
  } else if (nav.gpu !== gpu) {
    throw new Error('navigator.gpu is already set (another WebGPU): startNodeWebGPU would not replace it');
  }

  await import('@tensorflow/tfjs-backend-webgpu');
  registerWebGPUKernels();
  if (!tf.findBackendFactory('webgpu')) {
    throw new Error(
      "tfjs-backend-webgpu did not register 'webgpu': it was imported before navigator.gpu existed " +
        '(a static import of it, or of src/backend/, runs first)',
    );
  }

  // tf.setBackend returns false and only console.warns why; keep the reason for the error.
  const warnings: string[] = [];
  const originalWarn = console.warn;
  console.warn = (...args: unknown[]) => {
    warnings.push(args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '));
  };
  let ok: boolean;
  try {
    ok = await tf.setBackend('webgpu');
    if (ok) await tf.ready();
  } finally {
    console.warn = originalWarn;
  }
  if (!ok || tf.getBackend() !== 'webgpu') {
    const reason = lastAdapter == null
      ? `Dawn found no adapter (dawn options [${dawnOptions.join(', ')}]${options.featureLevel ? `, featureLevel ${options.featureLevel}` : ''})`
      : warnings.map((w) => w.split('\n')[0]).find((w) => !/^Initialization of backend/.test(w)) ?? 'initialisation failed';
    throw new Error(`tf.setBackend('webgpu') failed in Node: ${reason}`);
  }

  const backend = tf.backend() as unknown as WebGPUBackend;
  const device = backend.device;
  device.addEventListener('uncapturederror', (event) => {
    const error = (event as GPUUncapturedErrorEvent).error;
    record(`WebGPU ${error?.constructor?.name ?? 'error'}: ${error?.message ?? 'unknown GPU error'}`, options.onError);
  });
  void device.lost.then((info) => {
    if (info.reason !== 'destroyed') record(`WebGPU device lost: ${info.message || info.reason}`, options.onError);
  });

  await selfTest();

  const info = adapterInfo(lastAdapter);
  const adapter = lastAdapter as GPUAdapter | null;
  return {
    adapter: describe(info),
    info,
    adapterFeatures: adapter ? [...adapter.features].sort() : [],
    deviceFeatures: [...device.features].sort(),
    limits: {
      maxStorageBufferBindingSize: device.limits.maxStorageBufferBindingSize,
      maxBufferSize: device.limits.maxBufferSize,
      maxComputeWorkgroupStorageSize: device.limits.maxComputeWorkgroupStorageSize,
    },
    timestampQuery: device.features.has('timestamp-query'),
    dawnOptions,
    featureLevel: options.featureLevel ?? 'core',
    globalsSet,
  };
}
