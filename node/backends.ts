/**
 * Backend setup for Node (Vitest, scripts): 'cpu' (pure JS, the reference) and 'wasm' (the same
 * XNNPACK/SIMD binary the browser runs). Not for the browser: there the Worker uses src/backend/.
 *
 * In Node no `setWasmPaths` is needed: Emscripten's Node loader reads the .wasm files from disk next to
 * the loaded module (checked under Vitest and tsx). The browser needs them (src/train/wasm-paths.ts).
 */
import * as tf from '@tensorflow/tfjs';
// A side-effect import: it registers the 'wasm' backend. (A named import that is only used as a type
// would be dropped by the TypeScript transform, and then 'wasm' is "not found in registry".)
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmKernels } from '../src/kernels/wasm';

export type NodeBackend = 'cpu' | 'wasm';

/** Selects the backend (awaiting its initialisation) and registers this project's kernels for it. */
export async function setNodeBackend(name: NodeBackend): Promise<void> {
  if (name === 'wasm') registerWasmKernels();
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`tf.setBackend('${name}') failed in Node`);
  await tf.ready();
  if (tf.getBackend() !== name) throw new Error(`backend is ${tf.getBackend()}, wanted ${name}`);
}
