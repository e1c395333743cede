/**
 * What the running backend can hold, for the memory check (src/model/memory-fit.ts): asked of tfjs and the browser
 * once a backend has started, and sent to the page with the backend (BackendInfo.limits). And what it can say
 * about a failure, for telling out of memory from the rest (src/backend/out-of-memory.ts).
 */
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { WASM_HEAP_MAX, type MemoryLimits } from '../model/memory-fit';
import type { BackendName } from './names';
import type { FailureContext } from './out-of-memory';

/** navigator.deviceMemory (GB, rounded down by the browser), in bytes, where the browser gives it. */
function deviceMemoryBytes(): number | undefined {
  const gb = (globalThis.navigator as { deviceMemory?: unknown } | undefined)?.deviceMemory;
  return typeof gb === 'number' && Number.isFinite(gb) && gb > 0 ? gb * 2 ** 30 : undefined;
}

/** The limits of `backend`, which must be the one tfjs runs now. Whatever cannot be read is left out (no check). */
export function backendLimits(backend: BackendName): MemoryLimits {
  const limits: MemoryLimits = { backend, deviceMemoryBytes: deviceMemoryBytes() };
  try {
    if (backend === 'wasm') limits.wasmHeapBytes = WASM_HEAP_MAX;
    if (backend === 'webgpu') {
      // tfjs-backend-webgpu asks the adapter for its own maxBufferSize and maxStorageBufferBindingSize: the device
      // has them, and every tensor is one buffer bound whole.
      const device = (tf.backend() as unknown as WebGPUBackend).device;
      const { maxBufferSize, maxStorageBufferBindingSize } = device.limits;
      limits.maxBufferBytes = Math.min(maxBufferSize, maxStorageBufferBindingSize);
    }
    if (backend === 'webgl') {
      const size = tf.env().getNumber('WEBGL_MAX_TEXTURE_SIZE');
      if (Number.isFinite(size) && size > 0) limits.maxTextureSize = size;
    }
  } catch {
    // A backend that cannot say: no limit is better than a wrong one (the run's own failure is still classified).
  }
  return limits;
}

/**
 * What the active backend can say about a failure that just happened, for outOfMemory(): WASM's heap (how close
 * to its limit it grew), WebGL's error flag (the driver's OUT_OF_MEMORY, which tfjs reads only in debug mode).
 */
export function failureContext(backend: BackendName): FailureContext {
  const ctx: FailureContext = { backend };
  try {
    if (backend === 'wasm') {
      const heap = (tf.backend() as unknown as { wasm?: { HEAPU8?: Uint8Array } }).wasm?.HEAPU8;
      if (heap) ctx.wasmHeap = { bytes: heap.length, max: WASM_HEAP_MAX };
    }
    if (backend === 'webgl') {
      const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGL2RenderingContext } }).gpgpu?.gl;
      if (gl) ctx.glOutOfMemory = gl.getError() === gl.OUT_OF_MEMORY;
    }
  } catch {
    // Nothing more to say than the error itself.
  }
  return ctx;
}
