/**
 * Which Chromium the browser tests (playwright.config.ts) and the benchmarks (bench/) launch, and with which
 * flags: one source for both.
 *
 * Order: $CHROMIUM_PATH, else Debian's /usr/bin/chromium (`apt-get install chromium`; what CI uses), else
 * Playwright's own build (`npx playwright install chromium`). Run directly (`tsx scripts/chromium.ts`, the first
 * step of `npm test`) it says which one it found, or stops at once with both ways to get one.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

/**
 * `--enable-unsafe-webgpu`: a real WebGPU adapter in pages and Workers (SwiftShader, on the CPU, where there is no
 * GPU). The rest let Chromium run as root in a container with no network beyond localhost: without the
 * background-networking flags it keeps trying to reach Google's hosts.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--enable-unsafe-webgpu',
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export class NoChromiumError extends Error {}

/** The browser to launch: a path, or undefined for Playwright's own build. Throws NoChromiumError when there is none. */
export function chromiumExecutable(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const forced = env.CHROMIUM_PATH;
  if (forced) {
    if (!existsSync(forced)) throw new NoChromiumError(`CHROMIUM_PATH is ${forced}, but there is no such file.`);
    return forced;
  }
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  if (existsSync(chromium.executablePath())) return undefined;
  throw new NoChromiumError(
    'No Chromium for the browser tests. Install one of:\n' +
      '  npx playwright install chromium          (Playwright downloads its own build)\n' +
      '  sudo apt-get install chromium            (Debian/Ubuntu; used from /usr/bin/chromium)\n' +
      'or point CHROMIUM_PATH at a Chromium or Chrome binary.',
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const path = chromiumExecutable();
    console.log(`browser tests use ${path ?? `Playwright's Chromium (${chromium.executablePath()})`}`);
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
}
