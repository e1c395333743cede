/**
 * `npm run soak:browser [-- --steps N --every K]`: the real page in headless Chromium, as a classroom leaves it
 * running. The small network trains N steps (default 1,000) with the charts live and feature maps and layer
 * statistics every 10 steps, the feature maps drawn; the page is reloaded; the first run's curve must be there in
 * full, and a second run trains N more with the layer statistics drawn. Every K steps it prints the Worker's tfjs
 * tensor count and tensor bytes (from its heartbeat) and the page's JS heap after a garbage collection (CDP), and
 * how long the last saves of the run to IndexedDB took (reported, not judged: timings are the machine's). Exits 1
 * when tensors or heap grow, when the curve is not complete after the reload, when a run's panel drew nothing, or
 * on a page error.
 *
 * What "grows" means: scripts/soak-verdict.ts, as for npm run soak. Tensors are read from the Worker's heartbeat,
 * which can fall in the middle of a step (a step's own tensors are then counted), so each K-step window keeps its
 * smallest count. At rest after each run (nothing training) the two counts must be equal: each Worker then holds
 * one trained model.
 */
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from './chromium';
import { serveBuild } from './serve-build';
import { soakVerdict } from './soak-verdict';
import type { TrainingSession } from '../src/app/session';
import { TRAIN_SPLIT_SIZE } from '../src/data/dataset';

const BATCH = 32;

const { values } = parseArgs({
  options: {
    steps: { type: 'string', default: '1000' },
    every: { type: 'string', default: '100' },
    model: { type: 'string', default: 'small' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log('npm run soak:browser -- [--steps N (default 1000)] [--every K (default 100)] [--model small|tiny|...]');
  process.exit(0);
}
const steps = Number(values.steps);
const every = Number(values.every);
if (!Number.isInteger(steps) || steps < 10 || !Number.isInteger(every) || every < 1)
  throw new Error('--steps >= 10 and --every >= 1, whole numbers');
const PER_EPOCH = Math.min(steps, Math.floor(TRAIN_SPLIT_SIZE / BATCH));
const EPOCHS = Math.ceil(steps / PER_EPOCH);

interface Sample {
  step: number;
  tensors: number;
  tensorMB: number;
  heapMB: number;
}
/** The page's session, on `window` in a build with the test hooks (src/main.tsx). */
type Hooks = { playground: TrainingSession };

const lastRun = (page: Page) =>
  page.evaluate(() => {
    const runs = (window as unknown as Hooks).playground.runs.getSnapshot();
    const r = runs.at(-1);
    return r
      ? {
          count: runs.length,
          state: r.state,
          total: r.totalSteps,
          points: r.steps.step.length,
          step: r.steps.step[r.steps.step.length - 1] ?? 0,
        }
      : null;
  });
const workerMemory = (page: Page) => page.evaluate(() => (window as unknown as Hooks).playground.getStatus().memory);

async function heapMB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / 2 ** 20;
}

/** Trains one run of `steps` steps from the Train button; a sample per `every` steps (the window's fewest tensors). */
async function trainAndSample(page: Page, label: string): Promise<Sample[]> {
  const before = (await lastRun(page))?.count ?? 0;
  await page.getByTestId('train').click();
  const samples: Sample[] = [];
  let window = { tensors: Infinity, bytes: 0 };
  let next = every;
  for (;;) {
    await page.waitForTimeout(250);
    const run = await lastRun(page);
    const memory = await workerMemory(page);
    if (memory && memory.tensors < window.tensors) window = memory;
    if (!run || run.count === before) continue;
    if (run.step >= next || run.state !== 'running') {
      if (Number.isFinite(window.tensors)) {
        const s = { step: run.step, tensors: window.tensors, tensorMB: window.bytes / 2 ** 20, heapMB: await heapMB(page) };
        samples.push(s);
        console.log(
          `${label} step ${String(s.step).padStart(5)}: ${s.tensors} tensors (${s.tensorMB.toFixed(1)} MB), page heap ${s.heapMB.toFixed(1)} MB`,
        );
      }
      window = { tensors: Infinity, bytes: 0 };
      next = run.step + every;
    }
    if (['done', 'failed', 'stopped'].includes(run.state)) {
      if (run.state !== 'done') throw new Error(`${label}: the run ended ${run.state}`);
      return samples;
    }
  }
}

/** How long the run keeper's last saves of the live run took (at most the last 100), ms. */
async function saves(page: Page, label: string): Promise<void> {
  const ms = [...(await page.evaluate(() => (window as unknown as Hooks).playground.keeper.saveMs))].sort((a, b) => a - b);
  if (ms.length === 0) return;
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))].toFixed(1);
  console.log(
    `${label}: the last ${ms.length} saves of the run to IndexedDB took median ${at(0.5)} ms, 90th percentile ${at(0.9)} ms, longest ${at(1)} ms`,
  );
}

/** The Worker's tensors with nothing training: the heartbeat after the run's end and its last messages. */
async function atRest(page: Page): Promise<number> {
  await page.waitForTimeout(3000);
  const m = await workerMemory(page);
  if (!m) throw new Error('the Worker reported no memory');
  return m.tensors;
}

/**
 * Feature maps and layer statistics every 10 steps, then `shown`'s tab in front. Only the shown panel draws (the
 * other waits hidden, src/ui/PanelTabs.tsx; the Worker captures both either way), so run 1 shows the feature maps
 * and run 2 the layer statistics: each drawing path is soaked once.
 */
async function panels(page: Page, shown: 'feature-maps' | 'inside'): Promise<void> {
  await page.getByTestId('tab-feature-maps').click();
  await page.getByTestId('vis-every').selectOption('10');
  await page.getByTestId('tab-inside').click();
  await page.getByTestId('inside-every').selectOption('10');
  await page.getByTestId(`tab-${shown}`).click();
}

/** Whether the shown panel has drawn: feature-map canvases, or layer statistics captured, on screen. */
async function drawn(page: Page, shown: 'feature-maps' | 'inside'): Promise<boolean> {
  if (shown === 'feature-maps') return page.getByTestId('feature-map-canvas').first().isVisible();
  const run = page.getByTestId('inside-run').first();
  return (await run.isVisible()) && Number(await run.getAttribute('data-captures')) > 0;
}

function grew(samples: Sample[]): string[] {
  const v = soakVerdict(samples);
  const first = samples[0];
  return [
    ...v.moreTensors.map((s) => `tensors ${first.tensors} -> ${s.tensors} at step ${s.step}`),
    ...(v.heapGrew ? [`page heap ${first.heapMB.toFixed(1)} -> ${v.lastThirdHeapMB.toFixed(1)} MB (the last third's mean)`] : []),
  ];
}

async function main() {
  chromiumExecutable();
  const { url, server } = await serveBuild();
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: [...CHROMIUM_ARGS] });
  const problems: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    // `steps` batches, in as many epochs as the training split needs; feature maps and layer statistics every 10
    // steps, the charts always.
    await page.goto(`${url}/?model=${values.model}&bs=${BATCH}&n=${PER_EPOCH * BATCH}&ep=${EPOCHS}`);
    await page.getByTestId('backend-name').waitFor({ timeout: 120_000 });
    await panels(page, 'feature-maps');
    const first = await trainAndSample(page, 'run 1');
    if (!(await drawn(page, 'feature-maps'))) problems.push('run 1: no feature maps drawn');
    await saves(page, 'run 1');
    const rest1 = await atRest(page);
    const before = await lastRun(page);
    problems.push(...grew(first).map((p) => `run 1: ${p}`));

    await page.reload();
    await page.getByTestId('backend-name').waitFor({ timeout: 120_000 });
    const kept = await lastRun(page);
    console.log(`after the reload: run 1 ${kept?.state}, ${kept?.points} training points, last step ${kept?.step}`);
    // The curve as the page held it before the reload (past 10,000 points its history is bucketed, src/app/series.ts).
    if (!kept || kept.state !== 'done' || kept.step !== kept.total || kept.points !== before?.points)
      problems.push(`run 1 after the reload: ${JSON.stringify(kept)}, before it: ${JSON.stringify(before)}`);

    await panels(page, 'inside');
    const second = await trainAndSample(page, 'run 2');
    if (!(await drawn(page, 'inside'))) problems.push('run 2: no layer statistics drawn');
    await saves(page, 'run 2');
    const rest2 = await atRest(page);
    problems.push(...grew(second).map((p) => `run 2: ${p}`));
    console.log(`at rest, one trained model held: ${rest1} tensors after run 1, ${rest2} after run 2 (a new Worker since the reload)`);
    if (rest2 !== rest1) problems.push(`tensors at rest: ${rest1} after run 1, ${rest2} after run 2`);
  } finally {
    await browser.close();
    await server.close();
  }
  if (problems.length) {
    console.log(`\nFAILED:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    process.exitCode = 1;
  } else console.log('\nflat: tensors and page heap did not grow, the curve was complete after the reload, no page error');
}

await main();
