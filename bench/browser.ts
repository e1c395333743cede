/**
 * `npm run bench [-- flags]`: the entry. Parses the flags (bench/options.ts), builds and serves the app with
 * the bench page (harness/server.ts), runs the chosen benchmarks (benchmarks/), each in fresh headless
 * Chromium (harness/browser.ts), and prints the summary. What it measures: ABOUT below, also `--help`.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { NoChromiumError, chromiumExecutable } from '../scripts/chromium';
import type { ConvnetRunResult } from './page/convnetjs-run';
import type { TfjsRunResult } from './page/tfjs-run';
import { benchConvnet, convnetReport, type Ratio } from './benchmarks/convnetjs';
import { benchPageLoad, pageLoadReport, type PageLoad } from './benchmarks/pageload';
import { benchTfjs, tfjsReport } from './benchmarks/tfjs';
import { benchVis, visReport } from './benchmarks/vis';
import { UsageError } from './cli';
import { cleanup, cleanupOnSignals, isInterrupted } from './harness/cleanup';
import { competingLoad, type LoadSnapshot } from './harness/cpu';
import { withBrowser } from './harness/browser';
import { emit, log, openResults } from './harness/output';
import { buildAndServe } from './harness/server';
import { benchRace, raceReport, type Race } from './benchmarks/race';
import { parseOptions, type BenchOptions } from './options';
import { round } from './stats';

const ABOUT = `
npm run bench [-- flags]: builds the app with an extra page (bench/index.html, no UI), serves it with
\`vite preview\` on a free port, and measures in headless Chromium (Playwright):

 - tfjs: for each backend and batch size, the network trained by THE app's training Worker through its
   protocol: median ms/step (first step excluded), images/s, first-step ms. A fresh browser, a step count
   and a time budget per (backend, batch); a backend the Worker does not use when asked is reported skipped.
   --nets adds networks for colour images (Figure 1's, AlexNet for small images) beside it, trained on
   synthetic 32x32x3 images.
 - convnetjs: ConvNetJS 0.3.0 training the same shapes on the same MNIST batches in its own Worker; our
   best backend at batch 64 as a ratio of it.
 - pageload: the real app (index.html?bs=64): navigation -> click on Train -> first \`step\` event.
 - vis: the real app with live charts, feature maps and layer statistics every 10 steps, against maps never,
   statistics never, both never, and the bench page (no charts, no maps): wall time per step and CPU per step
   of the whole browser, as percent overhead.
 - race: the real app, the ReLU vs tanh preset on the article's network as a student clicks it: the step and
   the seconds after the click at which each run's smoothed training error first reaches 25%.

Every result is one JSON line on stdout and in bench-results/bench-<date>.jsonl; a table follows.`;

const ROOT = resolve(import.meta.dirname, '..');

interface Results {
  tfjs: TfjsRunResult[];
  convnet: { convnet: ConvnetRunResult; ratio: Ratio } | null;
  load: PageLoad | null;
  vis: Record<string, unknown> | null;
  race: Race | null;
}

function report(o: BenchOptions, r: Results, meta: Record<string, unknown>, file: string): void {
  const lines: string[] = [''];
  lines.push(`AlexNet Playground bench — ${meta.date} — ${meta.browser} — ${meta.cpus} CPU(s)`);
  const load0 = meta.loadAtStart as LoadSnapshot;
  if (load0.trainNode.length)
    lines.push(
      `NOTE: a Node training job (train-node) was running during the bench — numbers are slower than on an idle machine:\n  ${load0.trainNode.join('\n  ')}`,
    );
  lines.push(
    `load average at start ${load0.loadavg.join(' ')}, at end ${(meta.loadAtEnd as LoadSnapshot | undefined)?.loadavg.join(' ') ?? '?'}`,
  );
  if (r.tfjs.length) lines.push(...tfjsReport(o, r.tfjs));
  if (r.convnet) lines.push(...convnetReport(r.convnet));
  if (r.load) lines.push(...pageLoadReport(r.load));
  if (r.vis) lines.push(...visReport(r.vis));
  if (r.race) lines.push(...raceReport(r.race));
  lines.push('', `JSON lines: ${file}`);
  console.log(lines.join('\n'));
}

async function main() {
  const o = parseOptions(process.argv.slice(2), ABOUT);
  // `npm run bench` builds the data first (prebench); a direct `tsx bench/browser.ts` does not.
  if (!existsSync(join(ROOT, 'public/data/mnist-train-images.idx.gz'))) {
    throw new UsageError('public/data has no MNIST files: run `npm run data` first (`npm run bench` does it itself)');
  }
  chromiumExecutable(); // no Chromium: stop now, saying how to get one
  const date = new Date().toISOString();
  const file = await openResults(ROOT, date);
  const t0 = Date.now();
  const base = await buildAndServe(ROOT);
  const browserVersion = await withBrowser('version', 60_000, async (_page, b) => `Chromium ${b.browser.version()}`);

  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const meta: Record<string, unknown> = {
    kind: 'meta',
    date,
    browser: browserVersion,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    tfjs: pkg.dependencies['@tensorflow/tfjs'],
    options: o,
    loadAtStart: competingLoad(),
  };
  await emit(meta);
  if ((meta.loadAtStart as LoadSnapshot).trainNode.length)
    log('NOTE: a train-node job is running: numbers will be slower than on an idle machine');

  const r: Results = { tfjs: [], convnet: null, load: null, vis: null, race: null };
  if (o.only.includes('tfjs')) r.tfjs = await benchTfjs(base, o);
  if (o.only.includes('convnetjs') && o.convnetImages > 0) r.convnet = await benchConvnet(base, o, r.tfjs);
  if (o.only.includes('pageload')) r.load = await benchPageLoad(base, o);
  if (o.only.includes('vis')) r.vis = await benchVis(base, o);
  if (o.only.includes('race')) r.race = await benchRace(base, o);
  meta.loadAtEnd = competingLoad();
  await emit({ kind: 'end', loadAtEnd: meta.loadAtEnd, totalS: round((Date.now() - t0) / 1000, 1) });
  if (!isInterrupted()) report(o, r, meta, file);
}

cleanupOnSignals();
main()
  .catch((e) => {
    const known = e instanceof UsageError || e instanceof NoChromiumError;
    console.error(`bench failed: ${known ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exitCode = 1;
  })
  .finally(() => cleanup());
