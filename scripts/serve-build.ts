/**
 * The production build, served by `vite preview` on a free port of 127.0.0.1, both in this process (vite's build()
 * and preview(), with vite.config.ts): buildAndPreview for the bench (bench/harness/server.ts, which adds its own
 * page), serveBuild for scripts that drive the real page in Chromium (npm run shots, npm run soak:browser).
 */
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { build, preview, type BuildOptions, type PreviewServer } from 'vite';

const ROOT = resolve(import.meta.dirname, '..');

export function freePort(): Promise<number> {
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

/** Builds `root` (into `options.outDir`, else the config's dist/) and serves the build; `server.close()` stops it. */
export async function buildAndPreview(root: string, options: BuildOptions = {}): Promise<{ url: string; server: PreviewServer }> {
  await build({ root, logLevel: 'warn', mode: 'production', build: options });
  const port = await freePort();
  const server = await preview({
    root,
    logLevel: 'warn',
    build: { outDir: options.outDir },
    preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  });
  return { url: `http://127.0.0.1:${port}`, server };
}

/**
 * The app's build in dist/, with the test hooks (VITE_TEST_HOOKS=1: the page exposes its session on
 * `window.playground`, which the scripts read), served on a free port.
 */
export function serveBuild(): Promise<{ url: string; server: PreviewServer }> {
  // Vite takes VITE_* variables from the environment when it loads the config, as `VITE_TEST_HOOKS=1 vite build` would.
  process.env.VITE_TEST_HOOKS = '1';
  return buildAndPreview(ROOT);
}
