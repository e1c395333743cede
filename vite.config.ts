import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { tfjsWasmThreads } from './scripts/vite-tfjs-wasm-threads.ts';
import { contentSecurityPolicy } from './scripts/vite-csp.ts';
import { offline } from './scripts/vite-offline.ts';
import { CROSS_ORIGIN_ISOLATION } from './src/offline/isolation.ts';
import { fileURLToPath } from 'node:url';

// Cross-origin isolation gives the Worker SharedArrayBuffer, which WebAssembly threads need (src/train/wasm-threads.ts).
// Everything the page loads is same-origin, so require-corp blocks nothing. A static host should send the same two;
// where it cannot, the service worker adds them (src/offline/isolation.ts).

export default defineConfig({
  plugins: [react(), tfjsWasmThreads(), contentSecurityPolicy(), offline()],
  worker: { format: 'es', plugins: () => [tfjsWasmThreads()] },
  optimizeDeps: { rolldownOptions: { plugins: [tfjsWasmThreads()] } },
  server: { headers: CROSS_ORIGIN_ISOLATION },
  preview: { headers: CROSS_ORIGIN_ISOLATION },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    rolldownOptions: {
      input: {
        index: fileURLToPath(new URL('./index.html', import.meta.url)),
        // Pages only the browser tests load: our WebGPU kernels (e2e/kernels.spec.ts), dataset imports (e2e/datasets.spec.ts).
        ...(process.env.E2E_PAGES
          ? {
              kernels: fileURLToPath(new URL('./e2e/kernels.html', import.meta.url)),
              datasets: fileURLToPath(new URL('./e2e/datasets.html', import.meta.url)),
            }
          : {}),
      },
    },
  },
  test: {
    include: ['{src,bench,node,scripts,test}/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // tfjs backends are process-global; one file at a time keeps tensor counts and timings honest
    fileParallelism: false,
    // CI counts tests from the JSON reports (.ci/run prints "N passed, N failed").
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: 'reports/unit.json' },
  },
});
