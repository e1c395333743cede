/**
 * pageload: the real app (index.html?bs=64, the default network, automatic backend) in a fresh browser:
 * navigation -> click on Train (as soon as it can be clicked) -> the first `step` event, with the
 * milestones between (DOMContentLoaded, Worker ready, backend chosen, data loaded).
 */
import { installAppTrace, readTrace, waitForSteps } from '../harness/app-trace';
import { withBrowser } from '../harness/browser';
import { loadNow } from '../harness/cpu';
import { emit, log } from '../harness/output';
import type { BenchOptions } from '../options';
import { round } from '../stats';
import { DEFAULT_CONFIG } from '../../src/settings';

export type PageLoad = Record<string, unknown>;

async function measure(base: string, o: BenchOptions): Promise<PageLoad> {
  log('pageload: index.html?bs=64, click Train as soon as it can be clicked, wait for the first step');
  try {
    return await withBrowser('pageload', (o.setupTimeoutS + 240) * 1000, async (page) => {
      await page.addInitScript(installAppTrace);
      await page.goto(`${base}/?bs=64`, { waitUntil: 'commit' });
      await page.getByTestId('train').click({ timeout: 60_000 });
      await waitForSteps(page, 1, (o.setupTimeoutS + 180) * 1000);
      const trace = await readTrace(page);
      const nav = await page.evaluate(() => {
        const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
        return n ? { domContentLoaded: n.domContentLoadedEventEnd, load: n.loadEventEnd } : null;
      });
      const at = (type: string) => trace.events.find((e) => e.type === type);
      const click = trace.clickAt!;
      const first = at('step')!;
      const started = at('started');
      return {
        kind: 'pageload',
        url: '/?bs=64',
        model: DEFAULT_CONFIG.model,
        batch: 64,
        backend: started?.backend ?? at('backend')?.backend ?? null,
        navToClickMs: round(click),
        clickToFirstStepMs: round(first.t - click),
        navToFirstStepMs: round(first.t),
        navToDomContentLoadedMs: round(nav?.domContentLoaded),
        navToWorkerReadyMs: round(at('ready')?.t),
        navToBackendMs: round(at('backend')?.t),
        navToDataMs: round(at('data')?.t),
        clickToStartedMs: started ? round(started.t - click) : null,
        firstStepComputeMs: round(first.elapsedMs),
        note: 'navigation start = performance.timeOrigin; cold cache, localhost; the app sends init (backend + data) on mount, so some of that overlaps the click',
      };
    });
  } catch (e) {
    return { kind: 'pageload', error: e instanceof Error ? e.message : String(e) };
  }
}

export async function benchPageLoad(base: string, o: BenchOptions): Promise<PageLoad> {
  const before = loadNow();
  const load = await measure(base, o);
  await emit({ ...load, load: before });
  return load;
}

/** The summary's page-load lines. */
export function pageLoadReport(load: PageLoad): string[] {
  return [
    '',
    `Page load to first step (real app, index.html?bs=64, ${DEFAULT_CONFIG.model}, auto backend):`,
    load.error
      ? `  error: ${load.error}`
      : `  navigation -> Train click ${load.navToClickMs} ms; click -> first step ${load.clickToFirstStepMs} ms (click -> started ${load.clickToStartedMs} ms, first step itself ${load.firstStepComputeMs} ms); backend ${load.backend}\n` +
        `  (navigation -> DOMContentLoaded ${load.navToDomContentLoadedMs} ms, -> worker ready ${load.navToWorkerReadyMs} ms, -> backend chosen ${load.navToBackendMs} ms, -> data loaded ${load.navToDataMs} ms)`,
  ];
}
