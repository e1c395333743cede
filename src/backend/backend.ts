/**
 * Picks the TensorFlow.js backend for training. Runs inside the dedicated training Web Worker: it uses only
 * what a WorkerGlobalScope has (navigator.gpu, OffscreenCanvas), no DOM.
 *
 * Order, fastest first: WebGPU, WebGL, WASM, CPU. 'auto' takes a GPU backend only on a *hardware* GPU:
 * browsers without one (headless Chromium, VMs, blocked drivers) expose a software adapter (SwiftShader,
 * llvmpipe) that computes correctly but imitates the GPU on the CPU; measured here it was 10-100x slower
 * than WASM (NOTES.md: seed net, batch 64: WASM 2.6 s a step, WebGL/SwiftShader 28-139 s, WebGPU/SwiftShader
 * 47-316 s). So auto skips it and says why in `skipped`. A backend the user forces is used even on a
 * software adapter (the reason says so); if it cannot start, the choice falls back down the list.
 *
 * The pure classification helpers (`isSoftwareRenderer`, `describeAdapter`, ...) and the decision logic
 * (`chooseBackend` with injected probes) are unit-tested in Node; the probes themselves need a browser.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu'; // registers 'webgpu' (only where navigator.gpu exists)
import { getThreadsCount, setThreadsCount } from '@tensorflow/tfjs-backend-wasm'; // (importing registers 'wasm')
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { registerWasmKernels } from '../kernels/wasm';
import { registerWebGPUKernels } from '../kernels/webgpu';
import { configureWasmPaths } from './wasm-paths';
import { currentWasmThreadPlan, describeWasmThreads } from './wasm-threads';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type RequestedBackend = 'auto' | BackendName;

export interface SkippedBackend {
  backend: string;
  why: string;
}

export interface BackendChoiceResult {
  backend: BackendName;
  /** One sentence for the UI: what runs and why. */
  reason: string;
  /** Each faster backend that was not used, and why, in words a student understands. */
  skipped: SkippedBackend[];
  /** The GPU adapter / WebGL renderer in use (GPU backends only). */
  adapter?: string;
}

export const BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export const BACKEND_LABEL: Record<BackendName, string> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WASM',
  cpu: 'CPU',
};

/** How much slower a software GPU was than WASM on our test machine (NOTES.md), for messages. */
export const SOFTWARE_SLOWDOWN = '10-100x slower than WASM';

// ---------------------------------------------------------------------------------------------------------
// Pure classification (unit-tested)

const SOFTWARE_RENDERERS: readonly [RegExp, string][] = [
  [/swift\s*shader/i, 'SwiftShader'],
  [/llvmpipe/i, 'llvmpipe'],
  [/lavapipe/i, 'lavapipe'],
  [/softpipe/i, 'softpipe'],
  [/basic render/i, 'Microsoft Basic Render Driver'],
  [/software/i, 'software rendering'],
];

/** The software renderer's name ('SwiftShader', 'llvmpipe', ...) when `name` is one, else null. */
export function softwareRendererName(name: string | null | undefined): string | null {
  if (!name) return null;
  for (const [pattern, label] of SOFTWARE_RENDERERS) if (pattern.test(name)) return label;
  return null;
}

/** True for a WebGL renderer / GPU name that is a CPU imitation of a GPU (SwiftShader, llvmpipe, ...). */
export function isSoftwareRenderer(name: string | null | undefined): boolean {
  return softwareRendererName(name) != null;
}

/** What `GPUAdapter.info` holds (all optional: browsers fill in different parts, some none). */
export interface GpuAdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}

/** A short human name for a WebGPU adapter, e.g. "google swiftshader (SwiftShader Device (Subzero))". */
export function describeAdapter(info: GpuAdapterInfoLike | null | undefined): string {
  if (!info) return 'an unnamed GPU adapter';
  const head = [info.vendor, info.architecture].map((s) => (s ?? '').trim()).filter(Boolean).join(' ');
  const detail = (info.description ?? '').trim() || (info.device ?? '').trim();
  if (head && detail && !detail.toLowerCase().includes(head.toLowerCase())) return `${head} (${detail})`;
  return detail || head || 'an unnamed GPU adapter';
}

/** A WebGPU adapter is software when the browser says so (fallback adapter) or its names say so. */
export function isSoftwareAdapter(info: GpuAdapterInfoLike | null | undefined, isFallbackAdapter = false): boolean {
  return adapterSoftwareName(info, isFallbackAdapter) != null;
}

function adapterSoftwareName(info: GpuAdapterInfoLike | null | undefined, isFallbackAdapter: boolean): string | null {
  for (const field of [info?.architecture, info?.description, info?.device, info?.vendor]) {
    const name = softwareRendererName(field);
    if (name) return name;
  }
  return isFallbackAdapter || info?.isFallbackAdapter ? 'a fallback (software) adapter' : null;
}

/** What a probe found: nothing usable (and why), or a device that may be software. */
export type DeviceProbe =
  | { available: false; why: string }
  | { available: true; description: string; software: boolean; softwareName: string | null };

/** Classifies what a WebGPU adapter reports. */
export function classifyWebGPUAdapter(info: GpuAdapterInfoLike | null | undefined, isFallbackAdapter = false): DeviceProbe {
  const softwareName = adapterSoftwareName(info, isFallbackAdapter);
  return { available: true, description: describeAdapter(info), software: softwareName != null, softwareName };
}

/**
 * Classifies a WebGL renderer string. `majorPerformanceCaveat`: the browser refused a context with
 * `failIfMajorPerformanceCaveat` (it does that for software rendering), which counts as software too.
 */
export function classifyWebGLRenderer(renderer: string, majorPerformanceCaveat = false): DeviceProbe {
  const name = softwareRendererName(renderer) ?? (majorPerformanceCaveat ? 'software rendering' : null);
  return { available: true, description: renderer || 'an unnamed WebGL renderer', software: name != null, softwareName: name };
}

function softwareWhy(backend: 'webgpu' | 'webgl', probe: { softwareName: string | null }): string {
  const what = backend === 'webgpu' ? 'adapter' : 'renderer';
  return (
    `${BACKEND_LABEL[backend]}: only a software ${what} (${probe.softwareName}) — it imitates a GPU on the CPU, ` +
    `about ${SOFTWARE_SLOWDOWN} here`
  );
}

// ---------------------------------------------------------------------------------------------------------
// Decision (unit-tested with injected probes)

export interface SetBackendOutcome {
  ok: boolean;
  /** Why it failed, in one line, if known. */
  error?: string;
  /** How it runs, as a clause for the reason (WASM: its threads, e.g. "2 threads, one per CPU core"). */
  detail?: string;
}

export interface ChooseBackendDeps {
  probeWebGPU(): Promise<DeviceProbe>;
  probeWebGL(): Promise<DeviceProbe>;
  /** Activates a backend; `allowSoftware` lets WebGL start on a software renderer (forced choice). */
  activate(name: BackendName, opts: { allowSoftware: boolean }): Promise<SetBackendOutcome>;
}

/**
 * Chooses, activates (tf.setBackend) and returns the backend. For 'auto' the first of WebGPU, WebGL
 * (hardware GPU only), WASM, CPU that starts. A forced backend is used if it starts, even on a software
 * GPU; if not, the next ones down the list are tried with the auto rules. Throws only if even CPU fails.
 *
 * `exclude`: backends that already failed in this session (e.g. a lost GPU device, see `onGpuFailure`);
 * they are skipped, forced or not, so the choice moves down the list.
 */
export async function chooseBackend(
  requested: RequestedBackend,
  exclude: ReadonlySet<string> = new Set(),
  deps: ChooseBackendDeps = browserDeps,
): Promise<BackendChoiceResult> {
  resetGpuFailureState();
  const skipped: SkippedBackend[] = [];
  const skip = (backend: BackendName, why: string) => skipped.push({ backend, why });

  const attempt = async (name: BackendName, forced: boolean): Promise<BackendChoiceResult | null> => {
    const label = BACKEND_LABEL[name];
    if (exclude.has(name)) {
      skip(name, `${label}: it failed earlier in this session (the GPU stopped working), so it is not used again`);
      return null;
    }
    if (name === 'webgpu' || name === 'webgl') {
      let probe: DeviceProbe;
      try {
        probe = name === 'webgpu' ? await deps.probeWebGPU() : await deps.probeWebGL();
      } catch (e) {
        probe = { available: false, why: `${label}: checking for it failed (${errorLine(e)})` };
      }
      if (!probe.available) {
        skip(name, probe.why);
        return null;
      }
      if (probe.software && !forced) {
        skip(name, softwareWhy(name, probe));
        return null;
      }
      const outcome = await deps.activate(name, { allowSoftware: probe.software });
      if (!outcome.ok) {
        skip(name, `${label}: found ${probe.description}, but TensorFlow.js could not start on it` +
          (outcome.error ? ` (${outcome.error})` : ''));
        return null;
      }
      const reason = !forced
        ? `${label} on ${probe.description}: a hardware GPU, the fastest choice here`
        : probe.software
          ? `${label}, as you asked — but ${probe.description} is a software ${name === 'webgpu' ? 'adapter' : 'renderer'} ` +
            `(${probe.softwareName}) that imitates a GPU on the CPU: expect it to be about ${SOFTWARE_SLOWDOWN}`
          : `${label} on ${probe.description}, as you asked`;
      return { backend: name, reason, skipped, adapter: probe.description };
    }
    const outcome = await deps.activate(name, { allowSoftware: false });
    if (!outcome.ok) {
      skip(
        name,
        name === 'wasm'
          ? `WASM: the WebAssembly files could not be loaded or started${outcome.error ? ` (${outcome.error})` : ''}`
          : `CPU: could not start${outcome.error ? ` (${outcome.error})` : ''}`,
      );
      return null;
    }
    let reason: string;
    const wasmHow = `WASM (WebAssembly with SIMD on the CPU${outcome.detail ? `, ${outcome.detail}` : ''})`;
    if (forced) {
      reason = name === 'wasm'
        ? `${wasmHow}, as you asked`
        : 'CPU (plain JavaScript), as you asked — the slowest backend, useful as a reference';
    } else if (name === 'wasm') {
      reason = `${wasmHow}: no hardware GPU is available here, and WASM is the fastest way to train on the CPU`;
    } else {
      reason = 'CPU (plain JavaScript, the slowest backend): every faster backend failed to start';
    }
    return { backend: name, reason, skipped };
  };

  if (requested !== 'auto') {
    const forced = await attempt(requested, true);
    if (forced) return forced;
    const failure = skipped[skipped.length - 1]?.why ?? `${BACKEND_LABEL[requested]} did not start`;
    for (const name of BACKEND_ORDER.slice(BACKEND_ORDER.indexOf(requested) + 1)) {
      const result = await attempt(name, false);
      if (result) {
        return {
          ...result,
          reason: `${BACKEND_LABEL[requested]} was requested but cannot be used — ${stripLabel(failure)}. ` +
            `Using ${result.reason}`,
        };
      }
    }
  } else {
    for (const name of BACKEND_ORDER) {
      const result = await attempt(name, false);
      if (result) return result;
    }
  }
  throw new Error(`No TensorFlow.js backend could start: ${skipped.map((s) => s.why).join('; ')}`);
}

function stripLabel(why: string): string {
  return why.replace(/^(WebGPU|WebGL|WASM|CPU): /, '');
}

function errorLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n')[0].trim();
}

// ---------------------------------------------------------------------------------------------------------
// GPU failure hook: tfjs-webgpu does not throw on invalid GPU work (it returns zeros), so the trainer listens.

/** `backend`: which backend failed ('webgpu' or 'webgl'), for the caller's exclude list. */
type GpuFailureListener = (message: string, backend: BackendName) => void;
const gpuFailureListeners = new Set<GpuFailureListener>();
let gpuFailureReported = false;
const watched = new WeakSet<object>();

/**
 * Calls `cb` (once per backend choice) when the active GPU backend fails: a WebGPU validation/out-of-memory
 * error nobody caught (`uncapturederror`), a lost WebGPU device, or a lost WebGL context. The trainer should
 * stop, discard the step's results and choose again (e.g. `chooseBackend('wasm')`). Returns an unsubscribe.
 */
export function onGpuFailure(cb: GpuFailureListener): () => void {
  gpuFailureListeners.add(cb);
  return () => {
    gpuFailureListeners.delete(cb);
  };
}

function resetGpuFailureState(): void {
  gpuFailureReported = false;
}

/** Exported for tests; reports only while `backend` is the active one, once per choice. */
export function reportGpuFailure(backend: BackendName, message: string): void {
  if (gpuFailureReported || tf.getBackend() !== backend) return;
  gpuFailureReported = true;
  for (const cb of [...gpuFailureListeners]) {
    try {
      cb(message, backend);
    } catch (e) {
      console.error('onGpuFailure listener threw', e);
    }
  }
}

function watchWebGPUDevice(): void {
  const device = (tf.backend() as unknown as WebGPUBackend).device;
  if (!device || watched.has(device)) return;
  watched.add(device);
  device.addEventListener('uncapturederror', (event) => {
    const error = (event as GPUUncapturedErrorEvent).error;
    reportGpuFailure('webgpu', `WebGPU error: ${error?.message || 'unknown GPU error'} — results may be zeros`);
  });
  void device.lost.then((info) => {
    if (info.reason === 'destroyed') return; // deliberately released (backend disposed)
    reportGpuFailure('webgpu', `The GPU device was lost${info.message ? `: ${info.message}` : ''}`);
  });
}

function watchWebGLContext(): void {
  const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl;
  const canvas = gl?.canvas as (OffscreenCanvas | HTMLCanvasElement | undefined);
  if (!canvas || watched.has(canvas)) return;
  watched.add(canvas);
  canvas.addEventListener('webglcontextlost', () => {
    reportGpuFailure('webgl', 'The WebGL context was lost (the browser or the GPU driver reset it)');
  });
}

// ---------------------------------------------------------------------------------------------------------
// Browser probes and activation

function adapterInfoOf(adapter: GPUAdapter): Promise<GpuAdapterInfoLike> | GpuAdapterInfoLike {
  const a = adapter as GPUAdapter & { info?: GpuAdapterInfoLike; requestAdapterInfo?: () => Promise<GpuAdapterInfoLike> };
  if (a.info) return a.info;
  if (typeof a.requestAdapterInfo === 'function') return a.requestAdapterInfo();
  return {};
}

export async function probeWebGPU(): Promise<DeviceProbe> {
  const gpu = (globalThis.navigator as (Navigator & { gpu?: GPU }) | undefined)?.gpu;
  if (!gpu) {
    return {
      available: false,
      why: 'WebGPU: this browser does not offer WebGPU here (it needs a recent Chrome or Edge; elsewhere it may be switched off)',
    };
  }
  let adapter: GPUAdapter | null;
  try {
    // the same request tfjs-backend-webgpu makes
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (e) {
    return { available: false, why: `WebGPU: asking the browser for a GPU failed (${errorLine(e)})` };
  }
  if (!adapter) {
    return {
      available: false,
      why: 'WebGPU: the browser found no usable GPU adapter (the GPU or its driver may be blocked, or WebGPU is off)',
    };
  }
  let info: GpuAdapterInfoLike = {};
  try {
    info = await adapterInfoOf(adapter);
  } catch {
    // names unavailable: classify by isFallbackAdapter alone
  }
  const isFallback = (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter === true;
  return classifyWebGPUAdapter(info, isFallback);
}

export async function probeWebGL(): Promise<DeviceProbe> {
  if (typeof OffscreenCanvas === 'undefined') {
    return {
      available: false,
      why: 'WebGL: this browser cannot use WebGL inside a Web Worker (it has no OffscreenCanvas)',
    };
  }
  const contexts: WebGL2RenderingContext[] = [];
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2') as WebGL2RenderingContext | null;
    if (!gl) {
      return {
        available: false,
        why: 'WebGL: WebGL2 is not available (the browser would not create a WebGL2 context; the GPU may be blocked)',
      };
    }
    contexts.push(gl);
    const debugInfo = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(
      (debugInfo ? gl.getParameter(debugInfo.UNMASKED_RENDERER_WEBGL) : null) ?? gl.getParameter(gl.RENDERER) ?? '',
    );
    // Browsers refuse this for software rendering; tfjs asks for it too unless SOFTWARE_WEBGL_ENABLED.
    const strict = new OffscreenCanvas(1, 1).getContext('webgl2', {
      failIfMajorPerformanceCaveat: true,
    }) as WebGL2RenderingContext | null;
    if (strict) contexts.push(strict);
    return classifyWebGLRenderer(renderer, strict == null);
  } catch (e) {
    return { available: false, why: `WebGL: creating a WebGL2 context failed (${errorLine(e)})` };
  } finally {
    for (const gl of contexts) gl.getExtension('WEBGL_lose_context')?.loseContext();
  }
}

/** Small computation whose answer is known: catches GPU backends that silently return zeros. */
async function selfTest(): Promise<string | null> {
  const out = tf.tidy(() => tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor2d([5, 6, 7, 8], [2, 2])).add(1));
  try {
    const got = Array.from(await out.data());
    const want = [20, 23, 44, 51];
    return got.every((v, i) => Math.abs(v - want[i]) < 1e-3)
      ? null
      : `a test calculation gave [${got.join(', ')}] instead of [${want.join(', ')}]`;
  } finally {
    out.dispose();
  }
}

/** tf.setBackend with the setup each backend needs, and the error text tfjs only logs. */
export async function activateBackend(
  name: BackendName,
  { allowSoftware }: { allowSoftware: boolean },
): Promise<SetBackendOutcome> {
  const threadPlan = name === 'wasm' ? currentWasmThreadPlan() : null;
  if (threadPlan) {
    configureWasmPaths();
    registerWasmKernels();
    // Read when the backend first starts; later calls (a backend already running) change nothing.
    setThreadsCount(threadPlan.threads);
  }
  if (name === 'webgpu') registerWebGPUKernels();
  if (name === 'webgl' && allowSoftware) tf.env().set('SOFTWARE_WEBGL_ENABLED', true);

  // tf.setBackend returns false and only console.warns the reason; keep it for the student.
  const warnings: string[] = [];
  const originalWarn = console.warn;
  console.warn = (...args: unknown[]) => {
    warnings.push(args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '));
    originalWarn.apply(console, args);
  };
  let ok = false;
  let error: string | undefined;
  try {
    ok = await tf.setBackend(name);
    if (ok) await tf.ready();
  } catch (e) {
    error = errorLine(e);
  } finally {
    console.warn = originalWarn;
  }
  if (!ok || tf.getBackend() !== name) {
    const logged = warnings.filter((w) => !/^Initialization of backend/.test(w)).map((w) => w.split('\n')[0].trim());
    return { ok: false, error: error ?? logged.find(Boolean) ?? 'initialisation failed' };
  }
  if (threadPlan) return { ok: true, detail: describeWasmThreads(getThreadsCount(), threadPlan) };
  if (name === 'webgpu' || name === 'webgl') {
    if (name === 'webgpu') watchWebGPUDevice();
    else watchWebGLContext();
    try {
      const problem = await selfTest();
      if (problem) return { ok: false, error: problem };
    } catch (e) {
      return { ok: false, error: `a test calculation failed (${errorLine(e)})` };
    }
  }
  return { ok: true };
}

const browserDeps: ChooseBackendDeps = {
  probeWebGPU,
  probeWebGL,
  activate: activateBackend,
};
