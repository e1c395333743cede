/**
 * Two source patches that let tfjs-backend-wasm 4.22's threaded SIMD build run on as many threads as we ask
 * (src/train/wasm-threads.ts), applied to one file of the package when Vite bundles it.
 *
 * 1. tfjs starts each Emscripten thread from `wasmFactoryThreadedSimd.toString()`: the factory's source, cut
 *    out of the closure that declares `_scriptDir`. Emscripten guards its uses with
 *    `typeof _scriptDir !== "undefined"`, but a minifier that sees `_scriptDir` declared in the enclosing
 *    scope rewrites the guard to `e !== void 0`, which throws "ReferenceError: e is not defined" in every
 *    thread, so the backend never starts. In a browser `_scriptDir` is always undefined there (it comes from
 *    `document.currentScript`, and tfjs runs in our Worker, which has no document): the uses are removed.
 * 2. tfjs caps its pool at `emscripten_num_logical_cores() / 2` (it assumes two hyperthreads per core), one
 *    thread on a 2-core laptop, whatever `setThreadsCount` asks. Doubling what that function reports makes the
 *    cap the browser's logical core count; `setThreadsCount` then decides (what it gains: README, "Measured speed").
 *
 * A tfjs update that changes these lines fails the build, rather than shipping threads that cannot start.
 */
import type { Plugin } from 'vite';

const FILE = /tfjs-backend-wasm[\\/]wasm-out[\\/]tfjs-backend-wasm-threaded-simd\.js$/;

export const THREADED_FACTORY_PATCHES: readonly (readonly [from: string, to: string])[] = [
  ['if(typeof _scriptDir !== "undefined" && _scriptDir){scriptDirectory=_scriptDir}', ''],
  ['"urlOrBlob":Module["mainScriptUrlOrBlob"]||_scriptDir,', '"urlOrBlob":Module["mainScriptUrlOrBlob"],'],
  ['return navigator["hardwareConcurrency"]}', 'return 2*navigator["hardwareConcurrency"]}'],
];

export function patchThreadedFactory(code: string): string {
  let out = code;
  for (const [from, to] of THREADED_FACTORY_PATCHES) {
    const parts = out.split(from);
    if (parts.length !== 2) {
      throw new Error(
        `tfjs-wasm-threads: expected ${JSON.stringify(from)} once in tfjs-backend-wasm-threaded-simd.js, ` +
          `found it ${parts.length - 1} times; check the patch against this tfjs version`,
      );
    }
    out = parts.join(to);
  }
  return out;
}

/** For Vite's `plugins`, `worker.plugins` (tfjs is bundled into the training Worker) and dev's dependency pre-bundling. */
export function tfjsWasmThreads(): Plugin {
  return {
    name: 'tfjs-wasm-threads',
    enforce: 'pre',
    transform(code, id) {
      if (!FILE.test(id.split('?')[0])) return null;
      return { code: patchThreadedFactory(code), map: null };
    },
  };
}
