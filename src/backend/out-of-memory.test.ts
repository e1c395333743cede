import { describe, expect, it } from 'vitest';
import { WASM_HEAP_MAX } from '../model/memory-fit';
import { outOfMemory } from './out-of-memory';

class RuntimeError extends Error {}
class GPUOutOfMemoryError {
  constructor(readonly message: string) {}
}
class GPUValidationError {
  constructor(readonly message: string) {}
}

const nearLimit = { bytes: 3.875 * 2 ** 30, max: WASM_HEAP_MAX };
const small = { bytes: 23 * 2 ** 20, max: WASM_HEAP_MAX };

describe('an out-of-memory failure is told from a lost device and from a bug', () => {
  it("WASM: the abort seen at batch 1400 of the article's network, when the heap is near its limit, ends the module", () => {
    // What tfjs-backend-wasm threw in Node (src/model/memory-fit.ts's measurement), heap at 3.875 GiB.
    const err = new RuntimeError('memory access out of bounds');
    expect(outOfMemory(err, { backend: 'wasm', wasmHeap: nearLimit })).toEqual({ detail: 'memory access out of bounds', fatal: true });
    expect(
      outOfMemory(new RuntimeError('Aborted(). Build with -sASSERTIONS for more info.'), { backend: 'wasm', wasmHeap: nearLimit })?.fatal,
    ).toBe(true);
  });

  it('WASM: the same words with a small heap are a bug, not memory', () => {
    expect(outOfMemory(new RuntimeError('memory access out of bounds'), { backend: 'wasm', wasmHeap: small })).toBeNull();
    expect(outOfMemory(new RuntimeError('memory access out of bounds'), { backend: 'wasm' })).toBeNull();
  });

  it('WASM: a heap that cannot grow is out of memory at any size', () => {
    const err = new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded');
    expect(outOfMemory(err, { backend: 'wasm', wasmHeap: small })).toEqual({ detail: err.message, fatal: false });
  });

  it("WebGPU: an allocation failure or a buffer over the device's limits, but not a lost device", () => {
    expect(outOfMemory(new GPUOutOfMemoryError('Failed to allocate buffer'), { backend: 'webgpu' })?.fatal).toBe(false);
    const tooBig = new GPUValidationError('Buffer size (1744830464) exceeds the max buffer size limit (1073741824).');
    expect(outOfMemory(tooBig, { backend: 'webgpu' })?.detail).toMatch(/exceeds the max buffer size/);
    const binding = new GPUValidationError(
      'Binding size (1744830464) is larger than the maximum storage buffer binding size (1073741824).',
    );
    expect(outOfMemory(binding, { backend: 'webgpu' })).not.toBeNull();
    expect(outOfMemory(new GPUValidationError('Invalid ShaderModule'), { backend: 'webgpu' })).toBeNull();
    expect(outOfMemory(new Error('A valid external Instance reference no longer exists.'), { backend: 'webgpu' })).toBeNull();
  });

  it("WebGL: tfjs's texture-size refusal, or the driver's OUT_OF_MEMORY; a lost context is not memory", () => {
    const tex = new Error('Requested texture size [20000x20000] greater than WebGL maximum on this browser / GPU [16384x16384].');
    expect(outOfMemory(tex, { backend: 'webgl' })?.detail).toMatch(/greater than WebGL maximum/);
    expect(outOfMemory(new Error('The loss is NaN'), { backend: 'webgl', glOutOfMemory: true })?.detail).toBe(
      'The loss is NaN; WebGL: OUT_OF_MEMORY',
    );
    expect(outOfMemory(new Error('webgl context lost'), { backend: 'webgl' })).toBeNull();
  });

  it('CPU: an array the engine cannot allocate', () => {
    expect(outOfMemory(new RangeError('Array buffer allocation failed'), { backend: 'cpu' })).not.toBeNull();
    expect(outOfMemory(new RangeError('Invalid typed array length: 4294967296'), { backend: 'cpu' })).not.toBeNull();
  });

  it('anything at all as the error, even not an Error, without throwing', () => {
    for (const err of [undefined, null, 42, 'text', {}, { message: 3 }])
      expect(outOfMemory(err, { backend: 'wasm', wasmHeap: nearLimit })).toBeNull();
    expect(outOfMemory('out of memory', { backend: 'cpu' })).toEqual({ detail: 'out of memory', fatal: false });
  });
});
