/**
 * Where the browser finds tfjs-backend-wasm's three .wasm binaries (browser only).
 *
 * Under Vite the binaries are not next to the bundled JavaScript, and without these paths
 * `tf.setBackend('wasm')` quietly returns false (the fetch 404s). `?url` makes Vite copy each file into the
 * build (and serve it in dev) and gives its URL. The backend picks one of the three itself: plain, SIMD,
 * or threaded SIMD (threads need cross-origin isolation; see NOTES.md).
 *
 * In Node (Vitest, scripts) this does nothing: there Emscripten reads the files from node_modules.
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

let configured = false;

function inBrowser(): boolean {
  return (
    typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined' ||
    typeof (globalThis as { document?: unknown }).document !== 'undefined'
  );
}

/** Call before the first `tf.setBackend('wasm')`; later calls do nothing. Returns true if it set paths. */
export function configureWasmPaths(): boolean {
  if (configured || !inBrowser()) return false;
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmPlainUrl,
    'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl,
  });
  configured = true;
  return true;
}
