import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    rolldownOptions: {
      input: {
        index: fileURLToPath(new URL('./index.html', import.meta.url)),
        // The page e2e/kernels.spec.ts checks our WebGPU kernels on: built for the browser tests only.
        ...(process.env.E2E_PAGES ? { kernels: fileURLToPath(new URL('./e2e/kernels.html', import.meta.url)) } : {}),
      },
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
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
