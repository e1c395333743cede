/**
 * How many threads tfjs-backend-wasm's XNNPACK kernels (convolutions, matrix products) get, and why.
 *
 * WebAssembly threads need SharedArrayBuffer, which browsers give only to cross-origin isolated pages (the
 * server sends `Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Embedder-Policy: require-corp`;
 * vite.config.ts does, in dev and preview). Without isolation tfjs loads its single-threaded SIMD build.
 *
 * tfjs caps its thread pool at navigator.hardwareConcurrency / 2 (it assumes two hyperthreads per core), which
 * is one thread on a 2-core laptop; scripts/vite-tfjs-wasm-threads.ts lifts that cap so this plan decides
 * (what the second thread gains: README, "Measured speed").
 */

import { msg, type Message } from '../i18n/message';

/** tfjs-backend-wasm pre-creates 8 Emscripten workers: more threads than that cannot start. */
export const MAX_WASM_THREADS = 8;

export interface WasmThreadPlan {
  threads: number;
  /** Set when threads are off or fewer than the cores: a clause for the backend reason. */
  limit?: Message;
}

export function planWasmThreads(env: { crossOriginIsolated?: boolean; hardwareConcurrency?: number }): WasmThreadPlan {
  if (!env.crossOriginIsolated) {
    return { threads: 1, limit: msg('backend.threads.notIsolated') };
  }
  const cores = Math.max(1, Math.floor(env.hardwareConcurrency ?? 1));
  if (cores > MAX_WASM_THREADS) {
    return { threads: MAX_WASM_THREADS, limit: msg('backend.threads.poolCap', { cores }) };
  }
  return { threads: cores };
}

/** The plan for this browser context (the training Worker). */
export function currentWasmThreadPlan(): WasmThreadPlan {
  const g = globalThis as { crossOriginIsolated?: boolean; navigator?: { hardwareConcurrency?: number } };
  return planWasmThreads({ crossOriginIsolated: g.crossOriginIsolated, hardwareConcurrency: g.navigator?.hardwareConcurrency });
}

/** "2 threads, one per CPU core" / "one thread: …why…", from the count tfjs actually started. */
export function describeWasmThreads(actual: number, plan: WasmThreadPlan): Message {
  const threads = msg('backend.threads.count', { count: actual });
  if (actual !== plan.threads) return msg('backend.threads.planned', { threads, planned: plan.threads });
  if (plan.limit) return actual === 1 ? plan.limit : msg('backend.threads.limited', { threads, limit: plan.limit });
  return msg('backend.threads.perCore', { threads });
}
