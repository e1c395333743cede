/**
 * Starts a tfjs backend with what it needs, and swaps in our kernels as it starts (src/kernels/):
 *  - WASM: where its .wasm files are (wasm-paths.ts), one thread per core (wasm-threads.ts; the threaded build is
 *    also patched at bundle time by scripts/vite-tfjs-wasm-threads.ts), and our conv gradients, matmul, max-pool
 *    gradient and Identity (registerWasmKernels).
 *  - WebGPU: our conv weight gradient and fused Adam update (registerWebGPUKernels), and a watch for a lost device.
 *  - WebGL: software rendering allowed only when forced, and a watch for a lost context.
 * GPU backends then run a small calculation with a known answer: a broken GPU backend returns zeros, not errors.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu'; // registers 'webgpu' (only where navigator.gpu exists)
import { getThreadsCount, setThreadsCount } from '@tensorflow/tfjs-backend-wasm'; // (importing registers 'wasm')
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { registerWasmKernels } from '../kernels/wasm';
import { registerWebGPUKernels } from '../kernels/webgpu';
import { msg, type Message } from '../i18n/message';
import type { ChooseBackendDeps, SetBackendOutcome } from './choose';
import { errorLine } from './classify';
import { gpuFailures } from './gpu-failure';
import { BACKEND_NAMES, type BackendName } from './names';
import { probeWebGL, probeWebGPU } from './probes';
import { configureWasmPaths } from './wasm-paths';
import { currentWasmThreadPlan, describeWasmThreads } from './wasm-threads';

/** The priorities tfjs's packages register their backends with (they only matter when no backend is set). */
const TFJS_PRIORITY: Record<BackendName, number> = { webgpu: 3, webgl: 2, wasm: 2, cpu: 1 };

/** The last error each backend's factory threw: tfjs catches it and only logs it (not at all in production mode). */
const factoryErrors = new Map<BackendName, string>();

/**
 * Each backend's factory, wrapped so that its error is kept for the student's reason. Done once, when this module
 * loads: tfjs's backend packages have just registered their factories and no backend has started (re-registering a
 * started backend would dispose it). Not tf.findBackend to look: it starts the backend it is asked about.
 */
for (const name of BACKEND_NAMES) {
  const factory = tf.findBackendFactory(name);
  if (!factory) continue;
  tf.removeBackend(name);
  tf.registerBackend(
    name,
    async () => {
      try {
        return await factory();
      } catch (e) {
        factoryErrors.set(name, errorLine(e));
        throw e;
      }
    },
    TFJS_PRIORITY[name],
  );
}

/** Small computation whose answer is known: catches GPU backends that silently return zeros. */
async function selfTest(): Promise<Message | null> {
  const out = tf.tidy(() => tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor2d([5, 6, 7, 8], [2, 2])).add(1));
  try {
    const got = Array.from(await out.data());
    const want = [20, 23, 44, 51];
    return got.every((v, i) => Math.abs(v - want[i]) < 1e-3)
      ? null
      : msg('backend.why.selfTestWrong', { got: got.join(', '), want: want.join(', ') });
  } finally {
    out.dispose();
  }
}

/** tf.setBackend with the setup each backend needs and our kernels, and the reason when it fails. */
export async function activateBackend(name: BackendName, { allowSoftware }: { allowSoftware: boolean }): Promise<SetBackendOutcome> {
  const threadPlan = name === 'wasm' ? currentWasmThreadPlan() : null;
  if (threadPlan) {
    configureWasmPaths();
    registerWasmKernels();
    // Read when the backend first starts; later calls (a backend already running) change nothing.
    setThreadsCount(threadPlan.threads);
  }
  if (name === 'webgpu') registerWebGPUKernels();
  if (name === 'webgl' && allowSoftware) tf.env().set('SOFTWARE_WEBGL_ENABLED', true);

  factoryErrors.delete(name);
  let ok = false;
  let error: string | undefined;
  try {
    ok = await tf.setBackend(name);
    if (ok) await tf.ready();
  } catch (e) {
    error = errorLine(e);
  }
  if (!ok || tf.getBackend() !== name) return { ok: false, error: error ?? factoryErrors.get(name) ?? msg('backend.why.initFailed') };
  if (threadPlan) return { ok: true, detail: describeWasmThreads(getThreadsCount(), threadPlan) };
  if (name === 'webgpu') gpuFailures.watchWebGPUDevice((tf.backend() as unknown as WebGPUBackend).device);
  if (name === 'webgl') {
    // In the Worker, tfjs-backend-webgl draws on an OffscreenCanvas.
    const gl = (tf.backend() as unknown as { gpgpu?: { gl?: { canvas?: OffscreenCanvas } } }).gpgpu?.gl;
    gpuFailures.watchWebGLCanvas(gl?.canvas);
  }
  if (name === 'webgpu' || name === 'webgl') {
    try {
      const problem = await selfTest();
      if (problem) return { ok: false, error: problem };
    } catch (e) {
      return { ok: false, error: msg('backend.why.selfTestFailed', { error: errorLine(e) }) };
    }
  }
  return { ok: true };
}

/** The real probes and activation, for chooseBackend in the Worker. */
export const browserBackendDeps: ChooseBackendDeps = { probeWebGPU, probeWebGL, activate: activateBackend };
