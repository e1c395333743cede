import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WASM_HEAP_MAX } from '../model/memory-fit';

const wasmOut = join(dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'wasm-out');
const build = (name: string) => readFileSync(join(wasmOut, name), 'utf8');

describe("the WASM heap's limit is the installed tfjs-backend-wasm's", () => {
  it.each(['tfjs-backend-wasm.js', 'tfjs-backend-wasm-simd.js', 'tfjs-backend-wasm-threaded-simd.js'])(
    '%s grows its heap to at most WASM_HEAP_MAX',
    (file) => {
      expect(build(file)).toContain(`getHeapMax(){return ${WASM_HEAP_MAX}}`);
    },
  );

  it('the threaded build declares its shared memory with at most 4 GiB', () => {
    expect(build('tfjs-backend-wasm-threaded-simd.js')).toContain('"maximum":4294967296/65536');
  });
});
