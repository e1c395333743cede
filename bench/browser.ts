/**
 * npm run bench [-- flags]: builds the app with an extra page (bench.html, no UI), serves it with
 * `vite preview` on a free port, and measures in headless Chromium (Playwright):
 *
 *  - tfjs: for each backend (forced through the config's `backend`) and batch size, the seed network trained
 *    by THE app's training Worker through its protocol (src/bench/tfjs-run.ts): per-step times from the
 *    `step` events' elapsedMs, median ms/step (first step excluded), images/s, first-step ms. Each
 *    (backend, batch) gets a fresh browser (a software GPU left busy by a cut-off run cannot slow the next
 *    one), a step count and a time budget; a backend the Worker does not use when asked is reported skipped.
 *  - convnetjs: ConvNetJS 0.3.0 training the same shapes on the same MNIST batches in its own Worker; our
 *    best backend at batch 64 as a ratio of it.
 *  - pageload: the real app (index.html?bs=64): navigation -> click on Train -> first `step` event.
 *  - vis: the real app with live charts and feature maps every 10 steps vs never, and vs the bench page
 *    (no charts, no maps): wall time per step and CPU per step of the whole browser, as percent overhead.
 *
 * Every result is one JSON line on stdout and in bench-results/bench-<date>.jsonl; a table follows.
 * Flags: --backends=wasm,webgpu,webgl,cpu --batches=64,256 --steps=6 --budget=120 (s per measurement)
 *   --model=seed|small|tiny --setup-timeout=120 --convnet-images=64*ceil(steps/3) --convnet-method=adadelta|sgd
 *   --vis-model=small --vis-steps=10*steps (20..100) --vis-repeats=1 --only=tfjs,convnetjs,pageload,vis
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { appendFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserServer, type Page } from '@playwright/test';
import { build, preview, type PreviewServer } from 'vite';
import type { ConvnetRunResult } from './page/convnetjs-run';
import type { BenchApi } from './page/main';
import { mean, median, round } from './stats';
import type { TfjsRunOptions, TfjsRunResult } from './page/tfjs-run';
import { TRAIN_SPLIT_SIZE } from '../src/data/dataset';
import { BACKENDS, MODELS, type ModelName } from '../src/settings';

const ROOT = resolve(import.meta.dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--enable-unsafe-webgpu', '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];
const PARTS = ['tfjs', 'convnetjs', 'pageload', 'vis'] as const;
type Part = (typeof PARTS)[number];
type Backend = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

// ---- flags --------------------------------------------------------------------------------------------

interface Options {
  backends: Backend[];
  batches: number[];
  steps: number;
  budgetS: number;
  setupTimeoutS: number;
  model: ModelName;
  /** Defaults follow --steps (see parseArgs) unless given. */
  convnetImages: number;
  convnetMethod: 'adadelta' | 'sgd';
  visModel: ModelName;
  visSteps: number;
  visRepeats: number;
  only: Part[];
}

/** A mistake in the command line: reported in one line, without a stack. */
class UsageError extends Error {}

function parseArgs(argv: string[]): Options {
  const given = new Set<string>();
  const o: Options = {
    backends: ['wasm', 'webgpu', 'webgl', 'cpu'], batches: [64, 256], steps: 6, budgetS: 120, setupTimeoutS: 120,
    model: 'article', convnetImages: 128, convnetMethod: 'adadelta', visModel: 'small', visSteps: 40, visRepeats: 1,
    only: [...PARTS],
  };
  const list = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);
  const int = (name: string, v: string, min: number) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be a whole number >= ${min} (got "${v}")`);
    return n;
  };
  for (const arg of argv) {
    if (arg === '--help' || arg === '-h') {
      writeSync(1, `${readHelp()}\n`); // synchronous: process.exit would cut a piped console.log short
      process.exit(0);
    }
    const m = /^--([a-z-]+)=(.*)$/.exec(arg);
    if (!m) throw new UsageError(`unknown argument "${arg}" (flags look like --steps=3; see --help)`);
    const [, name, value] = m;
    given.add(name);
    switch (name) {
      case 'backends': {
        const names = list(value);
        const known = BACKENDS.filter((b) => b !== 'auto') as readonly string[];
        const bad = names.filter((b) => !known.includes(b));
        if (bad.length || names.length === 0) throw new UsageError(`--backends: unknown ${bad.join(', ') || '(empty)'}; use ${known.join(',')}`);
        o.backends = names as Backend[];
        break;
      }
      case 'batches': o.batches = list(value).map((v) => int('batches', v, 1)); break;
      case 'steps': o.steps = int('steps', value, 1); break;
      case 'budget': o.budgetS = int('budget', value, 1); break;
      case 'setup-timeout': o.setupTimeoutS = int('setup-timeout', value, 1); break;
      case 'model':
      case 'vis-model':
        if (!(MODELS as readonly string[]).includes(value)) throw new UsageError(`--${name}: use ${MODELS.join('|')}`);
        if (name === 'model') o.model = value as ModelName;
        else o.visModel = value as ModelName;
        break;
      case 'convnet-images': o.convnetImages = int('convnet-images', value, 0); break;
      case 'convnet-method':
        if (value !== 'adadelta' && value !== 'sgd') throw new UsageError('--convnet-method: use adadelta|sgd');
        o.convnetMethod = value;
        break;
      case 'vis-steps': o.visSteps = int('vis-steps', value, 2); break;
      case 'vis-repeats': o.visRepeats = int('vis-repeats', value, 1); break;
      case 'only': {
        const parts = list(value);
        const bad = parts.filter((p) => !(PARTS as readonly string[]).includes(p));
        if (bad.length || parts.length === 0) throw new UsageError(`--only: unknown ${bad.join(', ') || '(empty)'}; use ${PARTS.join(',')}`);
        o.only = parts as Part[];
        break;
      }
      default:
        throw new UsageError(`unknown flag --${name} (see --help)`);
    }
  }
  // The extra measurements scale with --steps, so a quick run (--steps=3) stays quick.
  if (!given.has('convnet-images')) o.convnetImages = 64 * Math.ceil(o.steps / 3);
  if (!given.has('vis-steps')) o.visSteps = Math.min(100, Math.max(20, 10 * o.steps));
  for (const b of o.batches) {
    if (b * o.steps > TRAIN_SPLIT_SIZE) throw new UsageError(`--steps x batch (${o.steps} x ${b}) exceeds the ${TRAIN_SPLIT_SIZE} training images`);
  }
  if (64 * o.visSteps > TRAIN_SPLIT_SIZE) throw new UsageError('--vis-steps too large');
  return o;
}

function readHelp(): string {
  const src = readFileSync(join(ROOT, 'bench/browser.ts'), 'utf8');
  return src.slice(src.indexOf('/**') + 4, src.indexOf('*/')).replace(/^ \* ?/gm, '').trimEnd();
}

// ---- cleanup: server, browsers and the build folder go away whatever happens -------------------------

const browsers = new Set<{ browser: Browser; server: BrowserServer }>();
let server: PreviewServer | null = null;
let outDir: string | null = null;
let cleaning: Promise<void> | null = null;

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await Promise.allSettled([...browsers].map(async (b) => {
      await b.browser.close().catch(() => {});
      await b.server.close();
    }));
    browsers.clear();
    if (server) await server.close().catch(() => {});
    server = null;
    if (outDir) await rm(outDir, { recursive: true, force: true }).catch(() => {});
    outDir = null;
  })();
  return cleaning;
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  // `on`, not `once`: npm and tsx pass the signal on too, and a second one must not kill us mid-cleanup.
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: closing the browser and the server...`);
    setTimeout(() => process.exit(130), 20_000).unref();
    void cleanup().finally(() => process.exit(130));
  });
}

// ---- output ------------------------------------------------------------------------------------------

let resultsFile = '';
const results: Record<string, unknown>[] = [];

async function emit(line: Record<string, unknown>): Promise<void> {
  if (interrupted) return; // what fails after Ctrl-C (closed pages) is not a result
  results.push(line);
  const text = JSON.stringify(line);
  console.log(text);
  await appendFile(resultsFile, `${text}\n`);
}

function log(msg: string) {
  console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}`);
}

// ---- helpers -----------------------------------------------------------------------------------------

function freePort(): Promise<number> {
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

/** Other CPU-heavy jobs (the headless Node trainer, other test runs) skew every number here: say so. */
const OTHER_JOBS: [RegExp, string][] = [
  [/scripts\/train-node/, 'train-node'],
  [/vitest/, 'vitest'],
  [/playwright(\.js)? test|workerProcessEntry/, 'playwright test'],
  [/vite(\.js)? build/, 'vite build'],
  [/\btsc\b/, 'tsc'],
];

interface LoadSnapshot {
  /** The train-node process itself (pid, %cpu averaged over its life, elapsed, command). */
  trainNode: string[];
  /** Other heavy jobs seen at that moment, by kind. */
  others: string[];
  loadavg: number[];
}

function competingLoad(): LoadSnapshot {
  let trainNode: string[] = [];
  const others = new Set<string>();
  try {
    const ps = execFileSync('ps', ['-eo', 'pid,ppid,pcpu,etime,args'], { encoding: 'utf8' }).split('\n');
    // the processes doing the work, not their npm / sh / tsx wrappers
    const work = ps.filter((l) => !/\b(npm|sh -c|grep)\b|\.bin\/tsx /.test(l));
    trainNode = work.filter((l) => /scripts\/train-node/.test(l))
      .map((l) => l.trim().replace(/\s+/g, ' ').replace(/ --require \S+ --import \S+/, '').slice(0, 120));
    for (const l of work) for (const [re, name] of OTHER_JOBS) if (re.test(l)) others.add(name);
  } catch {
    // no ps: nothing to report
  }
  return { trainNode, others: [...others], loadavg: loadavg().map((x) => round(x, 2)!) };
}

/** One line's worth: what else ran when a measurement started. */
function loadNow(): { loadavg1: number; others: string[] } {
  const l = competingLoad();
  return { loadavg1: l.loadavg[0], others: l.others };
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, fail) => (timer = setTimeout(() => fail(new Error(`${what}: no answer within ${Math.round(ms / 1000)} s`)), ms))),
  ]);
}

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * CPU time (user + system, ms) used so far by a process and all its descendants, from /proc (Linux; NaN
 * elsewhere). For the browser that is every Chromium process: renderer main thread, Workers, compositor,
 * GPU process (raster), so it counts the cost of drawing charts wherever it happens.
 */
function treeCpuMs(rootPid: number): number {
  const procs = new Map<number, { ppid: number; ticks: number }>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return NaN;
  }
  for (const d of entries) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // f[0] is field 3 (state)
      // utime, stime, and the waited-for children's cutime, cstime (fields 14-17)
      procs.set(Number(d), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]) });
    } catch {
      // the process exited meanwhile
    }
  }
  const children = new Map<number, number[]>();
  for (const [pid, p] of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), pid]);
  let ticks = 0;
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop()!;
    ticks += procs.get(pid)?.ticks ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return (ticks * 1000) / CLK_TCK;
}

interface BrowserHandle {
  browser: Browser;
  /** CPU time of the whole browser (all its processes) so far, ms. */
  cpuMs: () => number;
}

/** A fresh browser per measurement, closed afterwards (also on error). */
async function withBrowser<T>(what: string, timeoutMs: number, fn: (page: Page, b: BrowserHandle) => Promise<T>): Promise<T> {
  if (interrupted) throw new Error('interrupted');
  // launchServer rather than launch: it gives the browser's process id, for its CPU time.
  // Our own SIGINT/SIGTERM handler closes browsers, server and build folder; Playwright's would exit first.
  const server = await chromium.launchServer({
    executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, handleSIGINT: false, handleSIGTERM: false,
  });
  let entry: { browser: Browser; server: BrowserServer } | null = null;
  try {
    const browser = await chromium.connect(server.wsEndpoint());
    entry = { browser, server };
    browsers.add(entry);
    const pid = server.process().pid ?? -1;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => log(`${what}: page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') log(`${what}: console: ${m.text().slice(0, 300)}`);
    });
    return await withTimeout(fn(page, { browser, cpuMs: () => treeCpuMs(pid) }), timeoutMs, what);
  } finally {
    if (entry) {
      browsers.delete(entry);
      await entry.browser.close().catch(() => {});
    }
    await server.close().catch(() => {});
  }
}

async function openBench(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/bench/index.html`);
  await page.waitForFunction(() => (window as unknown as { bench?: { ready?: boolean } }).bench?.ready === true, undefined, { timeout: 60_000 });
}

function benchRunTfjs(page: Page, o: TfjsRunOptions): Promise<TfjsRunResult> {
  return page.evaluate((opts) => (window as unknown as { bench: BenchApi }).bench.runTfjs(opts), o);
}

// ---- the real app: Worker events as the page receives them --------------------------------------------

interface AppTrace {
  events: { type: string; t: number; step?: number; elapsedMs?: number; backend?: string }[];
  clickAt: number | null;
}

/** Installed before the app's scripts: records when each Worker event reaches the page, and the Train click. */
function installAppTrace(): void {
  const w = window as unknown as { __benchTrace: AppTrace };
  w.__benchTrace = { events: [], clickAt: null };
  const Original = window.Worker;
  window.Worker = class extends Original {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      this.addEventListener('message', (ev: MessageEvent) => {
        const d = ev.data as { type?: unknown; step?: number; elapsedMs?: number; info?: { backend?: string }; backend?: string };
        if (!d || typeof d.type !== 'string' || d.type === 'images') return;
        w.__benchTrace.events.push({ type: d.type, t: performance.now(), step: d.step, elapsedMs: d.elapsedMs, backend: d.info?.backend ?? d.backend });
      });
    }
  };
  document.addEventListener('click', (e) => {
    if ((e.target as Element | null)?.closest?.('[data-testid=train]')) w.__benchTrace.clickAt ??= performance.now();
  }, true);
}

const readTrace = (page: Page) => page.evaluate(() => (window as unknown as { __benchTrace: AppTrace }).__benchTrace);

async function waitForSteps(page: Page, n: number, timeoutMs: number): Promise<void> {
  await page.waitForFunction(
    (count) => (window as unknown as { __benchTrace: AppTrace }).__benchTrace.events.filter((e) => e.type === 'step').length >= count,
    n, { timeout: timeoutMs, polling: 100 },
  );
}

// ---- measurements ------------------------------------------------------------------------------------

async function benchTfjs(base: string, o: Options): Promise<TfjsRunResult[]> {
  const out: TfjsRunResult[] = [];
  for (const backend of o.backends) {
    for (const batch of o.batches) {
      log(`tfjs ${backend} batch ${batch}: up to ${o.steps} steps of ${o.model}, budget ${o.budgetS} s`);
      const opts: TfjsRunOptions = { backend, batch, model: o.model, steps: o.steps, budgetMs: o.budgetS * 1000, setupTimeoutMs: o.setupTimeoutS * 1000 };
      const load = loadNow();
      let r: TfjsRunResult;
      try {
        r = await withBrowser(`tfjs ${backend}/${batch}`, (o.budgetS + o.setupTimeoutS + 90) * 1000, async (page) => {
          await openBench(page, base);
          return benchRunTfjs(page, opts);
        });
      } catch (e) {
        r = {
          kind: 'tfjs', requested: backend, backend: null, batch, model: o.model, stepsRequested: o.steps, steps: 0, medianMs: null,
          imagesPerSec: null, firstStepMs: null, stepMs: [], wallStepMs: [], setupMs: null, losses: [], budgetExhausted: false,
          error: e instanceof Error ? e.message : String(e),
        };
      }
      const { requested: _r, ...line } = r;
      await emit({ ...line, backend: r.skipped ? backend : (r.backend ?? backend), actualBackend: r.backend, load });
      out.push(r);
      // A backend the Worker replaces with another is the same at every batch size: don't ask again.
      if (r.skipped) {
        for (const b of o.batches.slice(o.batches.indexOf(batch) + 1)) {
          const skipLine = { ...line, batch: b, backend, actualBackend: r.backend, steps: 0 };
          await emit(skipLine);
          out.push({ ...r, batch: b });
        }
        break;
      }
    }
  }
  return out;
}

async function benchConvnet(base: string, o: Options): Promise<ConvnetRunResult> {
  const budgetMs = o.budgetS * 1000;
  log(`convnetjs: ${o.convnetImages} images of ${o.model}, batch 64, ${o.convnetMethod}, budget ${o.budgetS} s`);
  try {
    return await withBrowser('convnetjs', budgetMs + (o.setupTimeoutS + 150) * 1000, async (page) => {
      await openBench(page, base);
      return page.evaluate(
        (opts) => (window as unknown as { bench: BenchApi }).bench.runConvnet(opts),
        { model: o.model, batch: 64, images: o.convnetImages, method: o.convnetMethod, budgetMs },
      );
    });
  } catch (e) {
    return {
      kind: 'convnetjs', model: o.model, batch: 64, method: o.convnetMethod, images: 0, imagesRequested: o.convnetImages,
      imagesPerSec: null, medianBatchMs: null, firstBatchMs: null, batchMs: [], losses: [], setupMs: null, params: null,
      budgetExhausted: false, error: e instanceof Error ? e.message : String(e),
    };
  }
}

async function benchPageLoad(base: string, o: Options): Promise<Record<string, unknown>> {
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
        kind: 'pageload', url: '/?bs=64', model: 'seed', batch: 64, backend: started?.backend ?? at('backend')?.backend ?? null,
        navToClickMs: round(click), clickToFirstStepMs: round(first.t - click), navToFirstStepMs: round(first.t),
        navToDomContentLoadedMs: round(nav?.domContentLoaded), navToWorkerReadyMs: round(at('ready')?.t),
        navToBackendMs: round(at('backend')?.t), navToDataMs: round(at('data')?.t),
        clickToStartedMs: started ? round(started.t - click) : null,
        firstStepComputeMs: round(first.elapsedMs),
        note: 'navigation start = performance.timeOrigin; cold cache, localhost; the app sends init (backend + data) on mount, so some of that overlaps the click',
      };
    });
  } catch (e) {
    return { kind: 'pageload', error: e instanceof Error ? e.message : String(e) };
  }
}

type VisVariant = 'bench-page' | 'app-maps-never' | 'app-maps10';

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
  steps: number;
  featureMaps: number;
  load: { loadavg1: number; others: string[] };
}

interface PageMetrics { thread: number; script: number; layout: number; style: number }

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
 * One visualisation sample: the same measurement for the app and the bench page. Counters are read when the
 * first step event has arrived and again when the n-th has, so setup (tfjs, data, model) is not counted.
 */
async function visSample(base: string, o: Options, variant: VisVariant): Promise<VisSample> {
  const load = loadNow();
  return withBrowser(`vis ${variant}`, (o.setupTimeoutS + o.budgetS + 120) * 1000, async (page, b) => {
    await page.addInitScript(installAppTrace); // records step events on the bench page too (same Worker class)
    const metrics = await pageMetrics(page);
    let benchRun: Promise<TfjsRunResult> | null = null;
    if (variant === 'bench-page') {
      await openBench(page, base);
      benchRun = benchRunTfjs(page, {
        backend: 'auto', batch: 64, model: o.visModel, steps: o.visSteps, budgetMs: o.budgetS * 1000,
        setupTimeoutMs: o.setupTimeoutS * 1000, visEvery: 0,
      });
      benchRun.catch(() => {}); // awaited below; a failure also shows as missing steps
    } else {
      await page.goto(`${base}/?model=${o.visModel}&bs=64&n=${o.visSteps * 64}`);
      await page.getByTestId('backend-name').waitFor({ timeout: o.setupTimeoutS * 1000 });
      await page.getByTestId('data-note').waitFor({ timeout: o.setupTimeoutS * 1000 });
      await page.selectOption('[data-testid=vis-every]', variant === 'app-maps10' ? '10' : '0');
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
      variant, wallMeanMs: mean(wall), wallMedianMs: median(wall), computeMeanMs: mean(compute),
      extraMeanMs: mean(wall.map((w, i) => w - compute[i])),
      browserCpuMsPerStep: (cpuN - cpu1) / between,
      mainThreadCpuMsPerStep: (mN.thread - m1.thread) / between,
      mainThreadParts: {
        script: round((mN.script - m1.script) / between, 2)!, layout: round((mN.layout - m1.layout) / between, 2)!,
        style: round((mN.style - m1.style) / between, 2)!,
      },
      steps: counted.length,
      featureMaps: trace.events.filter((e) => e.type === 'featureMaps' && e.t > counted[0].t && e.t <= lastT).length,
      load,
    };
  });
}

async function benchVis(base: string, o: Options): Promise<Record<string, unknown>> {
  log(`vis: ${o.visModel} batch 64, ${o.visSteps} steps, app (charts + maps every 10 / never) vs bench page, ${o.visRepeats} round(s)`);
  const samples: VisSample[] = [];
  for (let r = 0; r < o.visRepeats; r++) {
    // Interleaved, so a change in the background load hits every variant alike.
    for (const variant of ['bench-page', 'app-maps10', 'app-maps-never'] as const) {
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
  const med = (v: VisVariant, k: Fig) => median(samples.filter((s) => s.variant === v && s[k] != null && Number.isFinite(s[k])).map((s) => s[k]!));
  const fig = (k: Fig) => ({ benchPage: med('bench-page', k), appMapsNever: med('app-maps-never', k), appMaps10: med('app-maps10', k) });
  const wall = fig('wallMeanMs');
  const cpu = fig('browserCpuMsPerStep');
  const pct = (a: number | null, b: number | null) => (a != null && b ? round((a / b - 1) * 100, 1) : null);
  const r2 = (x: Record<string, number | null>) => Object.fromEntries(Object.entries(x).map(([k, v]) => [k, round(v, 2)]));
  const summary = {
    kind: 'visOverhead', model: o.visModel, batch: 64, steps: o.visSteps, rounds: o.visRepeats,
    wallMsPerStep: r2(wall), workerStepMs: r2(fig('computeMeanMs')), workerExtraMsPerStep: r2(fig('extraMeanMs')),
    browserCpuMsPerStep: r2(cpu), mainThreadCpuMsPerStep: r2(fig('mainThreadCpuMsPerStep')),
    // Throughput (wall time per step): what a user sees; on a shared 2-core box its noise can exceed the effect.
    featureMapsOverheadPct: pct(wall.appMaps10, wall.appMapsNever),
    totalVisOverheadPct: pct(wall.appMaps10, wall.benchPage),
    chartsOnlyOverheadPct: pct(wall.appMapsNever, wall.benchPage),
    // CPU per step of the whole browser: robust to background load; what the charts/maps cost a machine
    // whose cores are all busy (on one with a spare core the main-thread part runs alongside for free).
    featureMapsCpuOverheadPct: pct(cpu.appMaps10, cpu.appMapsNever),
    totalVisCpuOverheadPct: pct(cpu.appMaps10, cpu.benchPage),
    chartsOnlyCpuOverheadPct: pct(cpu.appMapsNever, cpu.benchPage),
    targetPct: 5,
    note: 'wall = mean interval between step events at the page (steps 2..n; maps after steps 1, 10, 20, ...); worker step = the Worker\'s own step time, extra = wall - worker step; CPU from /proc over all browser processes and CDP ThreadTime, between the first and n-th step event',
  };
  await emit(summary);
  return summary;
}

function roundAll<T extends object>(x: T): T {
  return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, typeof v === 'number' ? round(v, 2) : v])) as T;
}

// ---- table -------------------------------------------------------------------------------------------

/** Columns in `left` are left-aligned (text), the others right-aligned (numbers). */
function table(rows: (string | number | null)[][], left: number[] = [0, 1]): string {
  const cells = rows.map((r) => r.map((c) => (c === null ? '-' : String(c))));
  const widths = cells[0].map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  return cells.map((r, j) => {
    const line = r.map((c, i) => (left.includes(i) ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
    return j === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
  }).join('\n');
}

function report(o: Options, tfjs: TfjsRunResult[], convnet: ConvnetRunResult | null, load: Record<string, unknown> | null, vis: Record<string, unknown> | null, meta: Record<string, unknown>) {
  const lines: string[] = [''];
  lines.push(`AlexNet Playground bench — ${meta.date} — ${meta.browser} — ${meta.cpus} CPU(s)`);
  const load0 = meta.loadAtStart as { trainNode: string[]; loadavg: number[] };
  if (load0.trainNode.length) lines.push(`NOTE: a Node training job (train-node) was running during the bench — numbers are slower than on an idle machine:\n  ${load0.trainNode.join('\n  ')}`);
  lines.push(`load average at start ${load0.loadavg.join(' ')}, at end ${(meta.loadAtEnd as { loadavg: number[] } | undefined)?.loadavg.join(' ') ?? '?'}`);
  if (tfjs.length) {
    lines.push('', `tfjs, ${o.model} network, THE app's training Worker (median excludes the first step; budget ${o.budgetS} s each):`);
    lines.push(table([
      ['backend', 'batch', 'steps', 'median ms/step', 'img/s', 'first step ms', 'setup s', 'note'],
      ...tfjs.map((r) => [
        r.skipped ? `${r.requested} (skipped)` : (r.backend ?? r.requested), r.batch, `${r.steps}/${r.stepsRequested}`, r.medianMs, r.imagesPerSec,
        r.firstStepMs, r.setupMs === null ? null : round(r.setupMs / 1000, 1),
        (r.error ?? r.note ?? (r.adapter ? `adapter: ${r.adapter}` : '')).slice(0, 110),
      ]),
    ], [0, 7]));
  }
  if (convnet) {
    lines.push('', `ConvNetJS 0.3.0, ${convnet.model}-shaped net (${convnet.params?.toLocaleString('en') ?? '?'} params), ${convnet.method}, batch ${convnet.batch}, own Worker:`);
    lines.push(convnet.error
      ? `  error: ${convnet.error}`
      : `  ${convnet.images}/${convnet.imagesRequested} images: ${convnet.imagesPerSec} img/s (median batch ${convnet.medianBatchMs} ms, first batch ${convnet.firstBatchMs} ms)${convnet.budgetExhausted ? ' — budget spent' : ''}`);
    const ratio = results.find((r) => r.kind === 'ratio') as { best?: { backend: string; imagesPerSec: number }; ratio?: number | null } | undefined;
    if (ratio?.best && ratio.ratio != null) lines.push(`  our best at batch 64: ${ratio.best.backend} ${ratio.best.imagesPerSec} img/s = ${ratio.ratio}x ConvNetJS`);
  }
  if (load) {
    lines.push('', 'Page load to first step (real app, index.html?bs=64, seed, auto backend):');
    lines.push(load.error
      ? `  error: ${load.error}`
      : `  navigation -> Train click ${load.navToClickMs} ms; click -> first step ${load.clickToFirstStepMs} ms (click -> started ${load.clickToStartedMs} ms, first step itself ${load.firstStepComputeMs} ms); backend ${load.backend}\n` +
        `  (navigation -> DOMContentLoaded ${load.navToDomContentLoadedMs} ms, -> worker ready ${load.navToWorkerReadyMs} ms, -> backend chosen ${load.navToBackendMs} ms, -> data loaded ${load.navToDataMs} ms)`);
  }
  if (vis) {
    const f = (k: string) => vis[k] as Record<string, number | null>;
    const [w, c, x, cpu, main] = [f('wallMsPerStep'), f('workerStepMs'), f('workerExtraMsPerStep'), f('browserCpuMsPerStep'), f('mainThreadCpuMsPerStep')];
    lines.push('', `Visualisation overhead (${vis.model}, batch 64, ${vis.steps} steps, median of ${vis.rounds} round(s); target < 5%), ms per step:`);
    lines.push(table([
      ['variant', 'what', 'wall', 'worker step', 'worker extra', 'browser CPU', 'page main-thread CPU'],
      ['bench page', 'no charts, no maps', w.benchPage, c.benchPage, x.benchPage, cpu.benchPage, main.benchPage],
      ['app, maps never', 'app UI: charts, progress, run list', w.appMapsNever, c.appMapsNever, x.appMapsNever, cpu.appMapsNever, main.appMapsNever],
      ['app, maps every 10', 'app UI + feature maps', w.appMaps10, c.appMaps10, x.appMaps10, cpu.appMaps10, main.appMaps10],
    ]));
    lines.push(`  wall time (throughput): maps every 10 vs never ${vis.featureMapsOverheadPct}%; app (charts + maps) vs bench page ${vis.totalVisOverheadPct}%; charts alone ${vis.chartsOnlyOverheadPct}%`);
    lines.push(`  browser CPU per step:   maps every 10 vs never ${vis.featureMapsCpuOverheadPct}%; app (charts + maps) vs bench page ${vis.totalVisCpuOverheadPct}%; charts alone ${vis.chartsOnlyCpuOverheadPct}%`);
  }
  lines.push('', `JSON lines: ${resultsFile}`);
  console.log(lines.join('\n'));
}

// ---- main --------------------------------------------------------------------------------------------

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (!existsSync(join(ROOT, 'public/data/mnist-train-images.idx.gz'))) {
    throw new UsageError('public/data has no MNIST files: run `npm run data` first');
  }
  await mkdir(join(ROOT, 'bench-results'), { recursive: true });
  const date = new Date().toISOString();
  resultsFile = join(ROOT, 'bench-results', `bench-${date.slice(0, 19).replace(/:/g, '-')}.jsonl`);

  const t0 = Date.now();
  outDir = await mkdtemp(join(tmpdir(), 'alexnet-bench-'));
  log(`building the app and bench.html into ${outDir}`);
  await build({
    root: ROOT, logLevel: 'warn', mode: 'production',
    build: {
      outDir, emptyOutDir: true,
      // bench.html is built only here: the app's own build (vite.config.ts) stays index.html alone.
      rolldownOptions: {
        input: { index: join(ROOT, 'index.html'), bench: join(ROOT, 'bench/index.html') },
        checks: { bundlerTimings: false }, // "the build was slow" notes: it shares the CPU with whatever runs
      },
    },
  });
  const port = await freePort();
  server = await preview({ root: ROOT, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port, strictPort: true, open: false } });
  const base = `http://127.0.0.1:${port}`;
  log(`serving on ${base} (build ${((Date.now() - t0) / 1000).toFixed(1)} s)`);

  const browserVersion = await withBrowser('version', 60_000, async (_page, b) => `Chromium ${b.browser.version()}`);

  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const meta: Record<string, unknown> = {
    kind: 'meta', date, browser: browserVersion, cpus: cpus().length, cpuModel: cpus()[0]?.model,
    tfjs: pkg.dependencies['@tensorflow/tfjs'], options: o, loadAtStart: competingLoad(),
  };
  await emit(meta);
  if ((meta.loadAtStart as { trainNode: string[] }).trainNode.length) log('NOTE: a train-node job is running: numbers will be slower than on an idle machine');

  let tfjs: TfjsRunResult[] = [];
  let convnet: ConvnetRunResult | null = null;
  let load: Record<string, unknown> | null = null;
  let vis: Record<string, unknown> | null = null;
  if (o.only.includes('tfjs')) tfjs = await benchTfjs(base, o);
  if (o.only.includes('convnetjs') && o.convnetImages > 0) {
    const load = loadNow();
    convnet = await benchConvnet(base, o);
    await emit({ ...convnet, load });
    const ours = tfjs.filter((r) => r.batch === 64 && !r.skipped && r.imagesPerSec != null && r.model === o.model)
      .sort((a, b) => b.imagesPerSec! - a.imagesPerSec!)[0];
    await emit({
      kind: 'ratio', model: o.model, batch: 64,
      best: ours ? { backend: ours.backend, imagesPerSec: ours.imagesPerSec } : null,
      convnetjsImagesPerSec: convnet.imagesPerSec,
      ratio: ours && convnet.imagesPerSec ? round(ours.imagesPerSec! / convnet.imagesPerSec, 2) : null,
    });
  }
  if (o.only.includes('pageload')) {
    const before = loadNow();
    load = await benchPageLoad(base, o);
    await emit({ ...load, load: before });
  }
  if (o.only.includes('vis')) vis = await benchVis(base, o);
  meta.loadAtEnd = competingLoad();
  await emit({ kind: 'end', loadAtEnd: meta.loadAtEnd, totalS: round((Date.now() - t0) / 1000, 1) });
  if (!interrupted) report(o, tfjs, convnet, load, vis, meta);
}

main()
  .catch((e) => {
    console.error(`bench failed: ${e instanceof UsageError ? e.message : e instanceof Error ? e.stack ?? e.message : String(e)}`);
    process.exitCode = 1;
  })
  .finally(() => cleanup());
