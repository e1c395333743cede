/**
 * The production build with the test hooks (VITE_TEST_HOOKS=1: the page exposes its run store and status on
 * `window.playground`), served by `vite preview` on a free port: for scripts that drive the real page in Chromium
 * (npm run shots, npm run soak:browser).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

export async function serveBuild(): Promise<{ url: string; server: ChildProcess }> {
  const port = await freePort();
  const build = spawn('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit', env: { ...process.env, VITE_TEST_HOOKS: '1' } });
  const code = await new Promise<number | null>((done) => build.on('exit', done));
  if (code !== 0) throw new Error(`vite build exited with ${code}`);
  const server = spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { url, server };
    await new Promise((r) => setTimeout(r, 200));
  }
  server.kill();
  throw new Error(`vite preview did not answer on ${url}`);
}
