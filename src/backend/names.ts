/**
 * The TensorFlow.js backends the playground trains on, fastest first, and their names for people. Pure: the settings
 * table, the Worker, the page and the benchmarks all read them here.
 */
export const BACKEND_NAMES = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

/** Short names, for reasons, the run list and tables. (What each one is in words: the Backend setting's options.) */
export const BACKEND_LABEL: Record<BackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };

export function isBackendName(x: unknown): x is BackendName {
  return (BACKEND_NAMES as readonly unknown[]).includes(x);
}
