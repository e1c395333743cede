/**
 * The app and the bench page, built into a temporary folder and served by `vite preview` on a free port of
 * 127.0.0.1. Both go away at cleanup().
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAndPreview } from '../../scripts/serve-build';
import { onCleanup } from './cleanup';
import { log } from './output';

/** Builds index.html and bench/index.html of `root`, serves them; returns the base URL. */
export async function buildAndServe(root: string): Promise<string> {
  const t0 = Date.now();
  const outDir = await mkdtemp(join(tmpdir(), 'alexnet-bench-'));
  onCleanup(() => rm(outDir, { recursive: true, force: true }));
  log(`building the app and bench.html into ${outDir}`);
  const { url, server } = await buildAndPreview(root, {
    outDir,
    emptyOutDir: true,
    // bench.html is built only here: the app's own build (vite.config.ts) stays index.html alone.
    rolldownOptions: {
      input: { index: join(root, 'index.html'), bench: join(root, 'bench/index.html') },
      checks: { bundlerTimings: false }, // "the build was slow" notes: it shares the CPU with whatever runs
    },
  });
  onCleanup(() => server.close());
  log(`serving on ${url} (build ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  return url;
}
