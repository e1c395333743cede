import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { patchThreadedFactory, THREADED_FACTORY_PATCHES } from '../../scripts/vite-tfjs-wasm-threads';
import { englishText } from '../i18n/message';
import { textIn } from '../i18n/text';
import { describeWasmThreads as describe_, MAX_WASM_THREADS, planWasmThreads, type WasmThreadPlan } from './wasm-threads';

const describeWasmThreads = (actual: number, plan: WasmThreadPlan) => englishText(describe_(actual, plan));

describe('planWasmThreads', () => {
  it('uses one thread per core on an isolated page', () => {
    expect(planWasmThreads({ crossOriginIsolated: true, hardwareConcurrency: 2 })).toEqual({ threads: 2 });
    expect(describeWasmThreads(2, { threads: 2 })).toBe('2 threads, one per CPU core');
    expect(textIn('zh', describe_(2, { threads: 2 }))).toBe('2 个线程，每个 CPU 核心一个');
  });

  it('says why a page that is not cross-origin isolated gets one thread', () => {
    const plan = planWasmThreads({ crossOriginIsolated: false, hardwareConcurrency: 16 });
    expect(plan.threads).toBe(1);
    expect(describeWasmThreads(1, plan)).toMatch(/^one thread: .*not cross-origin isolated.*COOP\/COEP/);
  });

  it('stops at the pool tfjs pre-creates, and reports a count that differs from the plan', () => {
    const plan = planWasmThreads({ crossOriginIsolated: true, hardwareConcurrency: 32 });
    expect(plan.threads).toBe(MAX_WASM_THREADS);
    expect(describeWasmThreads(8, plan)).toMatch(/^8 threads \(the most .*32 cores\)$/);
    expect(describeWasmThreads(1, { threads: 4 })).toBe('one thread (4 planned)');
    expect(planWasmThreads({ crossOriginIsolated: true }).threads).toBe(1);
  });
});

describe('the threaded tfjs-backend-wasm patch', () => {
  const require = createRequire(import.meta.url);
  const file = require.resolve('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js');
  const source = readFileSync(file, 'utf8');

  it('applies to the installed tfjs, once per line', () => {
    const patched = patchThreadedFactory(source);
    for (const [from, to] of THREADED_FACTORY_PATCHES) {
      expect(patched.includes(from)).toBe(false);
      if (to) expect(patched.includes(to)).toBe(true);
    }
  });

  it('leaves the factory that threads are started from without free references to the closure', () => {
    const patched = patchThreadedFactory(source);
    // The function tfjs stringifies: from its header to the end of the closure it is returned from.
    const start = patched.indexOf('function(WasmBackendModuleThreadedSimd)');
    const end = patched.lastIndexOf('})();');
    expect(start).toBeGreaterThan(0);
    expect(patched.slice(start, end)).not.toMatch(/_scriptDir/);
  });

  it('fails loudly on a tfjs that no longer has the lines', () => {
    expect(() => patchThreadedFactory('var x = 1;')).toThrow(/expected .* once/);
  });
});
