/**
 * The bench page (bench/index.html, no UI) from Playwright: open it, then call the runs it offers
 * (bench/page/main.ts) and get their JSON results.
 */
import type { Page } from '@playwright/test';
import type { ConvnetRunResult } from '../page/convnetjs-run';
import type { BenchApi } from '../page/main';
import type { TfjsRunOptions, TfjsRunResult } from '../page/tfjs-run';

export async function openBench(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/bench/index.html`);
  await page.waitForFunction(() => (window as unknown as { bench?: { ready?: boolean } }).bench?.ready === true, undefined, {
    timeout: 60_000,
  });
}

export function runTfjs(page: Page, o: TfjsRunOptions): Promise<TfjsRunResult> {
  return page.evaluate((opts) => (window as unknown as { bench: BenchApi }).bench.runTfjs(opts), o);
}

export function runConvnet(page: Page, o: Parameters<BenchApi['runConvnet']>[0]): Promise<ConvnetRunResult> {
  return page.evaluate((opts) => (window as unknown as { bench: BenchApi }).bench.runConvnet(opts), o);
}
