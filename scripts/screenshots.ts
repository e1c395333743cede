/**
 * Screenshots of the page as people see it: a laptop (1280x800), a projector (1920x1080) and a phone (390x844),
 * in English and Chinese, fresh and after a preset's pair has trained. For looking at, not for tests: a layout
 * change is done when these look right.
 *
 *   npm run shots                     # builds, serves the build on a free port, writes shots/ (git-ignored)
 *   npm run shots -- --url http://127.0.0.1:5199 --out /tmp/shots --only 390x844
 *
 * A --url must serve a build with VITE_TEST_HOOKS=1 (the browser tests' server does): the script reads the run
 * store to know when the pair has ended.
 *
 * The pair trains the small network on 640 images with feature maps and layer statistics on, so that every
 * panel has something to show within a minute on two cores.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import type { TrainingSession } from '../src/app/session';
import { CHROMIUM_ARGS, chromiumExecutable } from './chromium';
import { serveBuild } from './serve-build';

const SIZES = [
  { name: '1280x800', width: 1280, height: 800 },
  { name: '1920x1080', width: 1920, height: 1080 },
  { name: '390x844', width: 390, height: 844, mobile: true },
] as const;
const LANGUAGES = ['en', 'zh'] as const;
/** A preset pair that finishes quickly: small network, 640 training images, batch 32 (20 steps each). */
const PAIR_QUERY = 'model=small&n=640&bs=32';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    out: { type: 'string', default: 'shots' },
    only: { type: 'string' },
    lesson: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log('npm run shots -- [--url URL of a running build] [--out DIR] [--only 1280x800|1920x1080|390x844] [--lesson ID]');
  process.exit(0);
}

async function ready(page: Page): Promise<void> {
  await page.getByTestId('backend-name').waitFor({ timeout: 60_000 });
}

/** Starts the first comparison preset and waits until both runs have ended. */
async function trainPair(page: Page): Promise<void> {
  await page.locator('[data-testid^="preset-"]').first().click();
  await page.waitForFunction(
    () => {
      const store = (window as unknown as { playground?: TrainingSession }).playground?.runs;
      const runs = store?.getSnapshot() ?? [];
      return runs.length >= 2 && runs.every((r) => r.state === 'done' || r.state === 'stopped' || r.state === 'failed');
    },
    undefined,
    { timeout: 600_000, polling: 1000 },
  );
  await page.waitForTimeout(1500); // the last feature maps and layer statistics
}

async function main() {
  const out = resolve(values.out!);
  mkdirSync(out, { recursive: true });
  const served = values.url ? null : await serveBuild();
  const url = values.url ?? served!.url;
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: [...CHROMIUM_ARGS] });
  try {
    for (const size of SIZES.filter((s) => !values.only || s.name === values.only)) {
      for (const language of LANGUAGES) {
        const context = await browser.newContext({
          viewport: { width: size.width, height: size.height },
          isMobile: 'mobile' in size,
          hasTouch: 'mobile' in size,
          deviceScaleFactor: 1,
        });
        const page = await context.newPage();
        const lesson = values.lesson ? `&lesson=${values.lesson}` : '';
        await page.goto(`${url}/?lang=${language}&${PAIR_QUERY}${lesson}`);
        await ready(page);
        const shot = async (state: string) => {
          const base = join(out, `${size.name}-${language}-${state}`);
          await page.screenshot({ path: `${base}.png` });
          await page.screenshot({ path: `${base}-full.png`, fullPage: true });
          console.log(`${base}.png (+ -full.png)`);
        };
        await shot('fresh');
        await trainPair(page);
        await page.evaluate(() => window.scrollTo(0, 0));
        await shot('trained');
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await served?.server.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
