/**
 * vis: what the app's visualisation costs. The real app with live charts, feature maps and layer statistics
 * ("Inside the network") every 10 steps, the same with maps never, with statistics never, with both never
 * (charts only), and the bench page (no charts, no maps), interleaved round by round: wall time per step and CPU
 * per step of the whole browser, and the overheads as percentages.
 */
import type { Page } from '@playwright/test';
import type { TfjsRunResult } from '../page/tfjs-run';
import { installAppTrace, readTrace, waitForSteps } from '../harness/app-trace';
import { openBench, runTfjs } from '../harness/bench-page';
import { withBrowser } from '../harness/browser';
import { loadNow, type LoadNow } from '../harness/cpu';
import { emit, log, table } from '../harness/output';
import type { BenchOptions } from '../options';
import { mean, median, round } from '../stats';

type VisVariant = 'bench-page' | 'app-maps-never' | 'app-maps10' | 'app-inside-never' | 'app-charts-only';

/** What the app's two visualisation controls are set to in each variant (steps between updates, 0 = never). */
const APP_VIS: Record<Exclude<VisVariant, 'bench-page'>, { maps: string; inside: string }> = {
  'app-maps10': { maps: '10', inside: '10' },
  'app-maps-never': { maps: '0', inside: '10' },
  'app-inside-never': { maps: '10', inside: '0' },
  'app-charts-only': { maps: '0', inside: '0' },
};

interface VisSample {
  variant: VisVariant;
  /** Mean interval between step events at the page, steps 2..n (every 10th carries the feature maps). */
  wallMeanMs: number | null;
  wallMedianMs: number | null;
  /** The Worker's own step time (elapsedMs deltas), steps 2..n. */
  computeMeanMs: number | null;
  /** wall - compute: what a step costs outside Trainer.trainStep (feature maps, messaging, yielding). */
  extraMeanMs: number | null;
  /** CPU time of the whole browser per step (all processes: Worker, page, compositor, GPU process). */
  browserCpuMsPerStep: number | null;
  /** CPU time of the page's main thread per step (CDP ThreadTime): React, charts, drawing the maps. */
  mainThreadCpuMsPerStep: number | null;
  /** Main-thread wall time in JavaScript / layout / style per step (CDP; inflated when the CPU is shared). */
  mainThreadParts: { script: number; layout: number; style: number } | null;
  /**
   * The page's main-thread long tasks between the first and the n-th step: counts over 50, 100 and 200 ms, over
   * 50 ms per minute of training, and the longest (wall time: inflated when the CPU is shared; reported, never asserted).
   */
  longTasks: { over50: number; over100: number; over200: number; over50PerMinute: number; maxMs: number };
  steps: number;
  featureMaps: number;
  insideCaptures: number;
  load: LoadNow;
}

interface PageMetrics {
  thread: number;
  script: number;
  layout: number;
  style: number;
}

/** The page's main-thread counters so far, ms (Chrome DevTools Protocol, Performance domain). */
async function pageMetrics(page: Page): Promise<() => Promise<PageMetrics>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const get = (name: string) => (metrics.find((m) => m.name === name)?.value ?? NaN) * 1000;
    return { thread: get('ThreadTime'), script: get('ScriptDuration'), layout: get('LayoutDuration'), style: get('RecalcStyleDuration') };
  };
}

/**
 * One sample: the same measurement for the app and the bench page. Counters are read when the first step
 * event has arrived and again when the n-th has, so setup (tfjs, data, model) is not counted.
 */
async function visSample(base: string, o: BenchOptions, variant: VisVariant): Promise<VisSample> {
  const load = loadNow();
  return withBrowser(`vis ${variant}`, (o.setupTimeoutS + o.budgetS + 120) * 1000, async (page, b) => {
    await page.addInitScript(installAppTrace); // records step events on the bench page too (same Worker class)
    const metrics = await pageMetrics(page);
    let benchRun: Promise<TfjsRunResult> | null = null;
    if (variant === 'bench-page') {
      await openBench(page, base);
      benchRun = runTfjs(page, {
        backend: 'auto',
        batch: 64,
        model: o.visModel,
        steps: o.visSteps,
        budgetMs: o.budgetS * 1000,
        setupTimeoutMs: o.setupTimeoutS * 1000,
        visEvery: 0,
      });
      benchRun.catch(() => {}); // awaited below; a failure also shows as missing steps
    } else {
      await page.goto(`${base}/?model=${o.visModel}&bs=64&n=${o.visSteps * 64}`);
      await page.getByTestId('backend-name').waitFor({ timeout: o.setupTimeoutS * 1000 });
      await page.getByTestId('data-note').waitFor({ timeout: o.setupTimeoutS * 1000 });
      // The panels sit in tabs: the statistics' schedule is set in theirs, then the feature maps' tab is the one
      // shown while training (the Worker measures the statistics either way; only the shown tab draws).
      await page.getByTestId('tab-inside').click();
      await page.selectOption('[data-testid=inside-every]', APP_VIS[variant].inside);
      await page.getByTestId('tab-feature-maps').click();
      await page.selectOption('[data-testid=vis-every]', APP_VIS[variant].maps);
      await page.getByTestId('train').click();
    }
    await waitForSteps(page, 1, o.setupTimeoutS * 1000);
    const [cpu1, m1] = [b.cpuMs(), await metrics()];
    const first = (await readTrace(page)).events.filter((e) => e.type === 'step').length;
    await waitForSteps(page, o.visSteps, o.budgetS * 1000 + 60_000);
    const [cpuN, mN] = [b.cpuMs(), await metrics()];
    const trace = await readTrace(page);
    if (benchRun) {
      const r = await benchRun;
      if (r.error) throw new Error(r.error);
    }
    const steps = trace.events.filter((e) => e.type === 'step') as { t: number; elapsedMs: number }[];
    const between = Math.max(1, steps.length - first); // steps finished between the two readings
    const counted = steps.slice(0, o.visSteps);
    const wall = counted.slice(1).map((x, i) => x.t - counted[i].t);
    const compute = counted.slice(1).map((x, i) => x.elapsedMs - counted[i].elapsedMs);
    const lastT = counted.at(-1)!.t;
    return {
      variant,
      wallMeanMs: mean(wall),
      wallMedianMs: median(wall),
      computeMeanMs: mean(compute),
      extraMeanMs: mean(wall.map((w, i) => w - compute[i])),
      browserCpuMsPerStep: (cpuN - cpu1) / between,
      mainThreadCpuMsPerStep: (mN.thread - m1.thread) / between,
      mainThreadParts: {
        script: round((mN.script - m1.script) / between, 2)!,
        layout: round((mN.layout - m1.layout) / between, 2)!,
        style: round((mN.style - m1.style) / between, 2)!,
      },
      longTasks: longTaskFigures(trace.longTasks, counted[0].t, lastT),
      steps: counted.length,
      featureMaps: trace.events.filter((e) => e.type === 'featureMaps' && e.t > counted[0].t && e.t <= lastT).length,
      insideCaptures: trace.events.filter((e) => e.type === 'inside' && e.t > counted[0].t && e.t <= lastT).length,
      load,
    };
  });
}

function longTaskFigures(tasks: { start: number; duration: number }[], from: number, to: number): VisSample['longTasks'] {
  const inside = tasks.filter((t) => t.start >= from && t.start <= to);
  const minutes = Math.max(1e-9, (to - from) / 60_000);
  return {
    over50: inside.length,
    over100: inside.filter((t) => t.duration > 100).length,
    over200: inside.filter((t) => t.duration > 200).length,
    over50PerMinute: round(inside.length / minutes, 1)!,
    maxMs: Math.round(Math.max(0, ...inside.map((t) => t.duration))),
  };
}

function longTaskMedians(of: VisSample[]): Record<keyof VisSample['longTasks'], number | null> {
  const keys = ['over50', 'over100', 'over200', 'over50PerMinute', 'maxMs'] as const;
  return Object.fromEntries(keys.map((k) => [k, median(of.map((s) => s.longTasks[k]))])) as Record<
    keyof VisSample['longTasks'],
    number | null
  >;
}

function roundAll<T extends object>(x: T): T {
  return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, typeof v === 'number' ? round(v, 2) : v])) as T;
}

export async function benchVis(base: string, o: BenchOptions): Promise<Record<string, unknown>> {
  log(
    `vis: ${o.visModel} batch 64, ${o.visSteps} steps, app (charts, maps and layer statistics every 10 / maps never / statistics never / neither) vs bench page, ${o.visRepeats} round(s)`,
  );
  const samples: VisSample[] = [];
  for (let r = 0; r < o.visRepeats; r++) {
    // Interleaved, so a change in the background load hits every variant alike.
    for (const variant of ['bench-page', 'app-maps10', 'app-maps-never', 'app-inside-never', 'app-charts-only'] as const) {
      try {
        const s = await visSample(base, o, variant);
        samples.push(s);
        await emit({ kind: 'vis', round: r + 1, model: o.visModel, batch: 64, ...roundAll(s) });
      } catch (e) {
        await emit({ kind: 'vis', round: r + 1, variant, error: e instanceof Error ? e.message : String(e) });
      }
    }
  }
  type Fig = 'wallMeanMs' | 'computeMeanMs' | 'extraMeanMs' | 'browserCpuMsPerStep' | 'mainThreadCpuMsPerStep';
  const med = (v: VisVariant, k: Fig) =>
    median(samples.filter((s) => s.variant === v && s[k] != null && Number.isFinite(s[k])).map((s) => s[k]!));
  const fig = (k: Fig) => ({
    benchPage: med('bench-page', k),
    appMapsNever: med('app-maps-never', k),
    appMaps10: med('app-maps10', k),
    appInsideNever: med('app-inside-never', k),
    appChartsOnly: med('app-charts-only', k),
  });
  const wall = fig('wallMeanMs');
  const cpu = fig('browserCpuMsPerStep');
  const pct = (a: number | null, b: number | null) => (a != null && b ? round((a / b - 1) * 100, 1) : null);
  const r2 = (x: Record<string, number | null>) => Object.fromEntries(Object.entries(x).map(([k, v]) => [k, round(v, 2)]));
  const summary = {
    kind: 'visOverhead',
    model: o.visModel,
    batch: 64,
    steps: o.visSteps,
    rounds: o.visRepeats,
    wallMsPerStep: r2(wall),
    workerStepMs: r2(fig('computeMeanMs')),
    workerExtraMsPerStep: r2(fig('extraMeanMs')),
    browserCpuMsPerStep: r2(cpu),
    mainThreadCpuMsPerStep: r2(fig('mainThreadCpuMsPerStep')),
    // The app with everything on: its main-thread long tasks, the median over rounds (reported, never asserted).
    longTasksAppMaps10: longTaskMedians(samples.filter((s) => s.variant === 'app-maps10')),
    // Throughput (wall time per step): what a user sees; on a shared 2-core box its noise can exceed the effect.
    featureMapsOverheadPct: pct(wall.appMaps10, wall.appMapsNever),
    insideOverheadPct: pct(wall.appMaps10, wall.appInsideNever),
    totalVisOverheadPct: pct(wall.appMaps10, wall.benchPage),
    chartsOnlyOverheadPct: pct(wall.appChartsOnly, wall.benchPage),
    // CPU per step of the whole browser: robust to background load; what the charts/maps cost a machine
    // whose cores are all busy (on one with a spare core the main-thread part runs alongside for free).
    featureMapsCpuOverheadPct: pct(cpu.appMaps10, cpu.appMapsNever),
    insideCpuOverheadPct: pct(cpu.appMaps10, cpu.appInsideNever),
    totalVisCpuOverheadPct: pct(cpu.appMaps10, cpu.benchPage),
    chartsOnlyCpuOverheadPct: pct(cpu.appChartsOnly, cpu.benchPage),
    insideCaptures: median(samples.filter((s) => s.variant === 'app-maps10').map((s) => s.insideCaptures)),
    targetPct: 5,
    note: "wall = mean interval between step events at the page (steps 2..n; maps after steps 1, 10, 20, ...; layer statistics as often as their 1% budget allows); worker step = the Worker's own step time, extra = wall - worker step; CPU from /proc over all browser processes and CDP ThreadTime, between the first and n-th step event",
  };
  await emit(summary);
  return summary;
}

/** The summary's visualisation table. */
export function visReport(vis: Record<string, unknown>): string[] {
  const f = (k: string) => vis[k] as Record<string, number | null>;
  const [w, c, x, cpu, main] = [
    f('wallMsPerStep'),
    f('workerStepMs'),
    f('workerExtraMsPerStep'),
    f('browserCpuMsPerStep'),
    f('mainThreadCpuMsPerStep'),
  ];
  return [
    '',
    `Visualisation overhead (${vis.model}, batch 64, ${vis.steps} steps, median of ${vis.rounds} round(s); target < 5%), ms per step:`,
    table([
      ['variant', 'what', 'wall', 'worker step', 'worker extra', 'browser CPU', 'page main-thread CPU'],
      ['bench page', 'no charts, no maps', w.benchPage, c.benchPage, x.benchPage, cpu.benchPage, main.benchPage],
      [
        'app, charts only',
        'app UI: charts, progress, run list',
        w.appChartsOnly,
        c.appChartsOnly,
        x.appChartsOnly,
        cpu.appChartsOnly,
        main.appChartsOnly,
      ],
      ['app, maps never', 'app UI + layer statistics', w.appMapsNever, c.appMapsNever, x.appMapsNever, cpu.appMapsNever, main.appMapsNever],
      [
        'app, statistics never',
        'app UI + feature maps',
        w.appInsideNever,
        c.appInsideNever,
        x.appInsideNever,
        cpu.appInsideNever,
        main.appInsideNever,
      ],
      ['app, all every 10', 'app UI + maps + statistics', w.appMaps10, c.appMaps10, x.appMaps10, cpu.appMaps10, main.appMaps10],
    ]),
    `  wall time (throughput): maps on vs off ${vis.featureMapsOverheadPct}%; layer statistics on vs off ${vis.insideOverheadPct}% (${vis.insideCaptures} captures); app (all) vs bench page ${vis.totalVisOverheadPct}%; charts alone ${vis.chartsOnlyOverheadPct}%`,
    `  main-thread long tasks, app with all every 10: ${JSON.stringify(vis.longTasksAppMaps10)} (wall time; more on a busy machine)`,
    `  browser CPU per step:   maps on vs off ${vis.featureMapsCpuOverheadPct}%; layer statistics on vs off ${vis.insideCpuOverheadPct}%; app (all) vs bench page ${vis.totalVisCpuOverheadPct}%; charts alone ${vis.chartsOnlyCpuOverheadPct}%`,
  ];
}
