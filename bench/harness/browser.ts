/**
 * Headless Chromium for the measurements (scripts/chromium.ts: which binary, which flags): a fresh browser
 * per measurement, closed afterwards (also on error, timeout or Ctrl-C), and its CPU time over all its processes.
 */
import { chromium, type Page, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../../scripts/chromium';
import { isInterrupted, onCleanup } from './cleanup';
import { treeCpuMs } from './cpu';
import { log } from './output';

export interface BrowserHandle {
  browser: Browser;
  /** CPU time of the whole browser (all its processes) so far, ms. */
  cpuMs: () => number;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, fail) => (timer = setTimeout(() => fail(new Error(`${what}: no answer within ${Math.round(ms / 1000)} s`)), ms))),
  ]);
}

/** Runs `fn` on a new page of a new browser, within `timeoutMs`; page errors are logged under `what`. */
export async function withBrowser<T>(what: string, timeoutMs: number, fn: (page: Page, b: BrowserHandle) => Promise<T>): Promise<T> {
  if (isInterrupted()) throw new Error('interrupted');
  // launchServer rather than launch: it gives the browser's process id, for its CPU time.
  // Our own SIGINT/SIGTERM handler closes browsers, server and build folder; Playwright's would exit first.
  const server = await chromium.launchServer({
    executablePath: chromiumExecutable(),
    args: [...CHROMIUM_ARGS],
    headless: true,
    handleSIGINT: false,
    handleSIGTERM: false,
  });
  let browser: Browser | null = null;
  const forget = onCleanup(async () => {
    await browser?.close().catch(() => {});
    await server.close();
  });
  try {
    browser = await chromium.connect(server.wsEndpoint());
    const pid = server.process().pid ?? -1;
    // No service worker: saving the offline copy (47 MB, README "Offline and installing") would compete with the
    // training and drawing measured here.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    page.on('pageerror', (e) => log(`${what}: page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') log(`${what}: console: ${m.text().slice(0, 300)}`);
    });
    return await withTimeout(fn(page, { browser, cpuMs: () => treeCpuMs(pid) }), timeoutMs, what);
  } finally {
    forget();
    await browser?.close().catch(() => {});
    await server.close().catch(() => {});
  }
}
