import { expect, type Page } from '@playwright/test';
import type { RunRecord } from '../src/app/run-store';
import type { TrainingSession } from '../src/app/session';

/** The window of the tests' build (VITE_TEST_HOOKS=1): src/main.tsx puts the page's session on it. */
export type TestWindow = Window & { playground: TrainingSession };

/** The run list as the page holds it (fed by the Worker's events). */
export async function runs(page: Page): Promise<RunRecord[]> {
  return page.evaluate(() => {
    const store = (window as unknown as TestWindow).playground.runs;
    // Typed arrays do not survive evaluate's JSON: turn them into plain arrays.
    return JSON.parse(
      JSON.stringify(store.getSnapshot(), (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v)),
    );
  });
}

export async function lastRun(page: Page): Promise<RunRecord> {
  const all = await runs(page);
  expect(all.length).toBeGreaterThan(0);
  return all[all.length - 1];
}

export async function waitForRunState(page: Page, states: string[], timeout = 180_000): Promise<RunRecord> {
  await expect
    .poll(async () => (await runs(page)).at(-1)?.state, { timeout, intervals: [250, 500, 1000] })
    .toMatch(new RegExp(`^(${states.join('|')})$`));
  return lastRun(page);
}

/** Opens the page with a config in the URL and waits until the Worker has chosen a backend. */
export async function open(page: Page, query = ''): Promise<void> {
  await page.goto(`/${query ? `?${query}` : ''}`);
  await expect(page.getByTestId('backend-name')).toBeVisible({ timeout: 60_000 });
}

/**
 * A forced WebGPU run of the tiny network (SwiftShader here), feature maps off, started with Train: returns after
 * its first step.
 */
export async function startWebGpuRun(page: Page): Promise<void> {
  await open(page, 'backend=webgpu&model=tiny&bs=8&n=400&drop=0');
  await page.getByTestId('vis-every').selectOption('0');
  await page.getByTestId('train').click();
  await expect.poll(async () => (await lastRun(page)).steps.step.length, { timeout: 240_000, intervals: [1000] }).toBeGreaterThan(0);
}

/** Page errors and CSP violations, recorded from the very start of every page load. */
export async function watchForErrors(page: Page): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await page.exposeFunction('reportViolation', (v: string) => errors.push(`CSP: ${v}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { reportViolation(v: string): void }).reportViolation(`${e.effectiveDirective} ${e.blockedURI}`),
    );
  });
  return errors;
}

/** Waits until the service worker has saved the whole copy and controls the page; returns the copy's bytes. */
export async function waitForOfflineCopy(page: Page): Promise<number> {
  const note = page.getByTestId('offline-note');
  await expect(note).toHaveAttribute('data-copy', 'ready', { timeout: 120_000 });
  await expect(note).toHaveAttribute('data-bytes', /^\d+$/);
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  return Number(await note.getAttribute('data-bytes'));
}

/** Pixel variance of a canvas: zero means blank (one flat colour). */
export async function canvasVariance(page: Page, selector: string): Promise<number> {
  return page
    .locator(selector)
    .first()
    .evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let sum = 0;
      let sq = 0;
      const n = d.length / 4;
      for (let i = 0; i < d.length; i += 4) {
        const v = (d[i] + d[i + 1] + d[i + 2]) / 3;
        sum += v;
        sq += v * v;
      }
      return sq / n - (sum / n) ** 2;
    });
}

/** The panels below the charts sit in tabs: shows one (feature-maps, inside, evaluation, class-results, model, network). */
export async function showPanel(
  page: Page,
  tab: 'feature-maps' | 'inside' | 'evaluation' | 'class-results' | 'model' | 'network',
): Promise<void> {
  await page.getByTestId(`tab-${tab}`).click();
  await expect(page.getByTestId(`tab-${tab}`)).toHaveAttribute('aria-selected', 'true');
}
