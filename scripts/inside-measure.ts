/**
 * Measures what the page's "Inside the network" panel shows (issue #13), headless in Node on WASM (one thread), with
 * the same Trainer and probe the Worker uses, and prints the tables in scripts/inside-measure.out.md:
 *   - tanh with the article's N(0, 1) weights (init=normal) against Glorot: the share of saturated units per layer
 *     at step 0 and after N steps;
 *   - ReLU with Adam at learning rate 0.01 against 0.001: the share of dead units per layer, same steps;
 *   and for both, each layer's gradient norm and update/weight ratio at step 1 and step N.
 *
 *   npx tsx scripts/inside-measure.ts                     # the article's network, 100 steps of 64
 *   npx tsx scripts/inside-measure.ts --model=small --steps=100
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { loadDataset } from '../src/data/load';
import { nodeReader } from '../node/data';
import { setNodeBackend } from '../node/backends';
import { DEFAULT_CONFIG, MODELS, type ModelName, type TrainConfig } from '../src/settings';
import { InsideProbe, PROBE_IMAGES, type InsideLayer } from '../src/train/inside';
import { SATURATION_MARGIN } from '../src/train/inside-scale';
import { Trainer } from '../src/train/trainer';

const { values: flags } = parseArgs({
  options: { model: { type: 'string', default: 'article' }, steps: { type: 'string', default: '100' } },
});
if (!(MODELS as readonly string[]).includes(flags.model!)) throw new Error(`--model: use ${MODELS.join('|')}`);
const model = flags.model as ModelName;
const steps = Number(flags.steps);

await setNodeBackend('wasm');
const data = await loadDataset('mnist', nodeReader());

interface Measured {
  label: string;
  at0: InsideLayer[];
  at1: InsideLayer[];
  atN: InsideLayer[];
  losses: number[];
  stepMs: number;
  statsStepMs: number;
  captureMs: number;
}

/** Trains `steps` steps, capturing before the first, after the first and after the last (gradients of those steps). */
async function measure(label: string, over: Partial<TrainConfig>): Promise<Measured> {
  const config: TrainConfig = { ...DEFAULT_CONFIG, model, batchSize: 64, trainLimit: 64 * steps, epochs: 1, ...over };
  const t = new Trainer(config, data);
  const probe = new InsideProbe(t.model, t.net, data.test);
  const at0 = await probe.capture();
  const losses: number[] = [];
  let at1: InsideLayer[] = [];
  let atN: InsideLayer[] = [];
  let plainMs = 0;
  let statsMs = 0;
  let captureMs = 0;
  while (!t.done) {
    const last = t.step + 1 === steps;
    t.collectGradients = t.step === 0 || last;
    const r = await t.trainStep();
    losses.push(r.loss);
    if (r.step === 1 || last) {
      statsMs += r.ms;
      const c0 = performance.now();
      const layers = await probe.capture(t.takeGradients()!);
      captureMs += performance.now() - c0;
      if (r.step === 1) at1 = layers;
      else atN = layers;
    } else plainMs += r.ms;
    if (r.step % 25 === 0) process.stderr.write(`${label}: step ${r.step}/${steps}, loss ${r.loss.toFixed(3)}\n`);
  }
  t.dispose();
  return {
    label,
    at0,
    at1,
    atN,
    losses,
    stepMs: plainMs / Math.max(1, steps - 2),
    statsStepMs: statsMs / 2,
    captureMs: captureMs / 2,
  };
}

const pct = (v: number | null) => (v == null ? '–' : `${(v * 100).toFixed(1)}%`);
const sci = (v: number) => (Number.isFinite(v) ? v.toExponential(1) : String(v));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function shareTable(title: string, runs: Measured[], pick: (l: InsideLayer) => number | null): string[] {
  const head = ['layer', ...runs.flatMap((r) => [`${r.label}, step 0`, `${r.label}, step ${steps}`])];
  const rows = runs[0].at0.map((l, i) => [l.name, ...runs.flatMap((r) => [pct(pick(r.at0[i])), pct(pick(r.atN[i]))])]);
  return [
    `### ${title}`,
    '',
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}

function gradientTable(runs: Measured[]): string[] {
  const head = ['layer', ...runs.flatMap((r) => [`${r.label}: ‖∇W‖ step 1 → ${steps}`, `‖ΔW‖/‖W‖ step 1 → ${steps}`])];
  const rows = runs[0].at1.map((l, i) => [
    l.name,
    ...runs.flatMap((r) => {
      const [a, b] = [r.at1[i].gradient!, r.atN[i].gradient!];
      return [`${sci(a.gradNorm)} → ${sci(b.gradNorm)}`, `${sci(a.updateNorm / a.weightNorm)} → ${sci(b.updateNorm / b.weightNorm)}`];
    }),
  ]);
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

function lossLine(runs: Measured[]): string {
  return runs
    .map((r) => `${r.label}: loss ${r.losses[0].toFixed(3)} at step 1, ${mean(r.losses.slice(-10)).toFixed(3)} over the last 10 steps`)
    .join('; ');
}

const t0 = performance.now();
const tanh = [
  await measure('N(0, 1)', { activation: 'tanh', init: 'normal' }),
  await measure('Glorot', { activation: 'tanh', init: 'glorot' }),
];
const relu = [
  await measure('lr 0.01', { activation: 'relu', optimizer: 'adam', learningRate: 0.01 }),
  await measure('lr 0.001', { activation: 'relu', optimizer: 'adam', learningRate: 0.001 }),
];
const all = [...tanh, ...relu];

const lines = [
  `## Inside the network: ${model === 'article' ? "the article's network" : `the ${model} network`}, MNIST, ${steps} steps of 64, WASM in Node (one thread)`,
  '',
  `Command: \`npx tsx scripts/inside-measure.ts --model=${model} --steps=${steps}\`; ${new Date().toISOString().slice(0, 10)}.`,
  `Statistics over the first ${PROBE_IMAGES} test images, after each layer's activation function, dropout off (as the page measures them).`,
  `Saturated: |y| > ${1 - SATURATION_MARGIN} (tanh). Dead: a filter (conv) or unit (dense) whose output is 0 for all ${PROBE_IMAGES} images.`,
  `Otherwise the default settings: LRN on, dropout 0.2, Adam (rate 0.001 unless stated), no augmentation, seed ${DEFAULT_CONFIG.seed}.`,
  '',
  ...shareTable('tanh: saturated units, N(0, 1) weights (init=normal) against Glorot', tanh, (l) => l.saturated),
  '',
  ...gradientTable(tanh),
  '',
  lossLine(tanh),
  '',
  ...shareTable('ReLU (Glorot): dead units, Adam at learning rate 0.01 against 0.001', relu, (l) => l.dead),
  '',
  ...shareTable('ReLU: share of outputs that are exactly 0', relu, (l) => (l.activation === 'relu' ? l.zero : null)),
  '',
  ...gradientTable(relu),
  '',
  lossLine(relu),
  '',
  '### Cost',
  '',
  `Per run, mean: plain step ${mean(all.map((r) => r.stepMs)).toFixed(0)} ms, a step that reads its gradient norms ` +
    `${mean(all.map((r) => r.statsStepMs)).toFixed(0)} ms (the first step is among them: slower anyway), ` +
    `probe capture (forward of ${PROBE_IMAGES} images and the reductions) ${mean(all.map((r) => r.captureMs)).toFixed(0)} ms. ` +
    `Whole script: ${((performance.now() - t0) / 1000).toFixed(0)} s; load average at the end ${loadavg()
      .map((v) => v.toFixed(1))
      .join(', ')} (timings here are only comparable within one run: \`npm run bench\` measures the overhead).`,
];
console.log(lines.join('\n'));
