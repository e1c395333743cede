/**
 * The app and the bench page, built into a temporary folder and served by `vite preview` on a free port of
 * 127.0.0.1. Both go away at cleanup().
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, preview } from 'vite';
import { onCleanup } from './cleanup';
import { log } from './output';

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.unref();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

/** Builds index.html and bench/index.html of `root`, serves them; returns the base URL. */
export async function buildAndServe(root: string): Promise<string> {
  const t0 = Date.now();
  const outDir = await mkdtemp(join(tmpdir(), 'alexnet-bench-'));
  onCleanup(() => rm(outDir, { recursive: true, force: true }));
  log(`building the app and bench.html into ${outDir}`);
  await build({
    root,
    logLevel: 'warn',
    mode: 'production',
    build: {
      outDir,
      emptyOutDir: true,
      // bench.html is built only here: the app's own build (vite.config.ts) stays index.html alone.
      rolldownOptions: {
        input: { index: join(root, 'index.html'), bench: join(root, 'bench/index.html') },
        checks: { bundlerTimings: false }, // "the build was slow" notes: it shares the CPU with whatever runs
      },
    },
  });
  const port = await freePort();
  const server = await preview({
    root,
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  });
  onCleanup(() => server.close());
  const base = `http://127.0.0.1:${port}`;
  log(`serving on ${base} (build ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  return base;
}
