/**
 * Telling "out of memory" from everything else when a step fails, so that the page says "lower the batch size"
 * instead of calling a GPU lost (and skipping it for the rest of the session) or showing a bare WebAssembly error.
 * Pure: the Worker passes what it knows of the backend's state, the rules are unit-tested.
 *
 * What each backend does when memory runs out (tfjs 4.22 in Chromium):
 * - WASM: a malloc inside the module fails and Emscripten aborts it ("Aborted()", then the RuntimeError
 *   "memory access out of bounds" from the code that used the null pointer; seen at batch 1400 of the article's
 *   network, src/model/memory-fit.ts). The module is dead after that: nothing but a fresh Worker trains again.
 *   Growing the heap past its limit throws a RangeError. Since "out of bounds" and "Aborted()" alone can also be
 *   bugs, they count as out of memory only when the heap has grown near its limit.
 * - WebGPU: the device reports a GPUOutOfMemoryError (an allocation failed) or a validation error for a buffer over
 *   maxBufferSize or a binding over maxStorageBufferBindingSize, both as uncaptured errors (src/backend/gpu-failure.ts);
 *   the device itself still works. A lost device (GPUDevice.lost) is another matter: that is device-lost.
 * - WebGL: tfjs throws before allocating a texture larger than MAX_TEXTURE_SIZE; the driver's own failure is
 *   gl.getError() = OUT_OF_MEMORY, which tfjs only checks in debug mode (the Worker asks when a run fails). A lost
 *   context ('webglcontextlost') is device-lost.
 * - CPU: a typed array the JavaScript engine cannot allocate (RangeError).
 */
import type { BackendName } from './names';

export interface FailureContext {
  backend: BackendName;
  /** WASM: the heap's size now and its limit, bytes. */
  wasmHeap?: { bytes: number; max: number };
  /** WebGL: what gl.getError() said after the failure. */
  glOutOfMemory?: boolean;
}

export interface OutOfMemory {
  /** The error's own words (first line), for the page's message. */
  detail: string;
  /** The backend cannot go on in this Worker (WASM's module aborted): the page must start a fresh Worker. */
  fatal: boolean;
}

/** Texts that mean memory ran out, whatever the backend. */
const ALWAYS = [
  /out of memory/i,
  /\bOOM\b/,
  /Cannot enlarge memory/i,
  /Array buffer allocation failed/i,
  /Invalid typed array length/i,
  /WebAssembly\.Memory.*(grow|could not allocate|Maximum memory size)/i,
  /exceeds the max buffer size/i,
  /(larger than|exceeds) the max(imum)? storage buffer binding size/i,
  /greater than WebGL maximum/i,
];
/** Texts that mean it when the WASM heap has grown near its limit (else they may be bugs). */
const WASM_WITH_HEAP = [/memory access out of bounds/i, /^Aborted\(/, /RuntimeError: Aborted/];
/** The WASM heap counts as near its limit from this share on. */
const NEAR_LIMIT = 0.5;

/** The first line of what an error says: an Error's message, a GPUError's (not an Error), or the value itself. */
function errorText(err: unknown): string {
  const m = typeof err === 'object' && err !== null ? (err as { message?: unknown }).message : undefined;
  const text = typeof m === 'string' ? m : typeof err === 'string' ? err : '';
  return text.split('\n')[0].trim();
}

function errorName(err: unknown): string {
  if (typeof err !== 'object' || err === null) return '';
  return (err as { constructor?: { name?: string } }).constructor?.name ?? (err as { name?: string }).name ?? '';
}

/** Whether `err` (what a step threw, or a GPU error the device reported) means memory ran out, and what follows. */
export function outOfMemory(err: unknown, ctx: FailureContext): OutOfMemory | null {
  const text = errorText(err);
  const name = errorName(err);
  const wasmRuntime = ctx.backend === 'wasm' && (name === 'RuntimeError' || /^(RuntimeError: )?Aborted\(/.test(text));
  if (name === 'GPUOutOfMemoryError') return { detail: text || name, fatal: false };
  if (ctx.glOutOfMemory) return { detail: text ? `${text}; WebGL: OUT_OF_MEMORY` : 'WebGL: OUT_OF_MEMORY', fatal: false };
  if (ALWAYS.some((r) => r.test(text))) return { detail: text, fatal: wasmRuntime };
  const heap = ctx.wasmHeap;
  if (ctx.backend === 'wasm' && heap && heap.bytes >= NEAR_LIMIT * heap.max && WASM_WITH_HEAP.some((r) => r.test(text))) {
    return { detail: text, fatal: true };
  }
  return null;
}
