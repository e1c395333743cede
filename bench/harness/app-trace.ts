/**
 * The real app (index.html) under measurement: a script installed before the app's own records when each
 * Worker event reaches the page, and when Train is clicked; the bench reads that record back.
 */
import type { Page } from '@playwright/test';

export interface AppTrace {
  events: { type: string; t: number; step?: number; elapsedMs?: number; backend?: string; runId?: string; accuracy?: number }[];
  clickAt: number | null;
  /** The page's main-thread long tasks (over 50 ms, PerformanceObserver 'longtask'), from the page's start. */
  longTasks: { start: number; duration: number }[];
}

/** For page.addInitScript: runs in the page, before the app's scripts. */
export function installAppTrace(): void {
  const w = window as unknown as { __benchTrace: AppTrace };
  w.__benchTrace = { events: [], clickAt: null, longTasks: [] };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__benchTrace.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const Original = window.Worker;
  window.Worker = class extends Original {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      this.addEventListener('message', (ev: MessageEvent) => {
        const d = ev.data as {
          type?: unknown;
          step?: number;
          elapsedMs?: number;
          info?: { backend?: string };
          backend?: string;
          runId?: string;
          accuracy?: number;
        };
        if (!d || typeof d.type !== 'string' || d.type === 'images') return;
        w.__benchTrace.events.push({
          type: d.type,
          t: performance.now(),
          step: d.step,
          elapsedMs: d.elapsedMs,
          backend: d.info?.backend ?? d.backend,
          runId: d.runId,
          accuracy: d.type === 'step' ? d.accuracy : undefined,
        });
      });
    }
  };
  document.addEventListener(
    'click',
    (e) => {
      if ((e.target as Element | null)?.closest?.('[data-testid=train]')) w.__benchTrace.clickAt ??= performance.now();
    },
    true,
  );
}

export const readTrace = (page: Page): Promise<AppTrace> =>
  page.evaluate(() => (window as unknown as { __benchTrace: AppTrace }).__benchTrace);

export async function waitForSteps(page: Page, n: number, timeoutMs: number): Promise<void> {
  await page.waitForFunction(
    (count) => (window as unknown as { __benchTrace: AppTrace }).__benchTrace.events.filter((e) => e.type === 'step').length >= count,
    n,
    { timeout: timeoutMs, polling: 100 },
  );
}
