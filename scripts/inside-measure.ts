/**
 * Measures what the page's "Inside the network" panel shows (issue #13), headless in Node on WASM (one thread), with
 * the same Trainer the Worker uses, and prints the tables in scripts/inside-measure.out.md:
 *   - tanh with the article's N(0, 1) weights (init=normal) against Glorot: the share of saturated units per layer
 *     at step 0 (the untrained network) and after N steps;
 *   - ReLU with Adam at learning rate 0.01 against 0.001: the share of dead units per layer, same steps;
 *   and for both, each layer's gradient norm and update/weight ratio at the same two points.
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
import { INSIDE_IMAGES, type InsideLayer } from '../src/train/inside';
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
  /** The untrained network (measured by the first step) and after `steps` steps (by the next one). */
  at0: InsideLayer[];
  atN: InsideLayer[];
  losses: number[];
  stepMs: number;
  insideStepMs: number;
}

/** Trains `steps` + 1 steps; the first and the last measure what happens inside, as the Worker has them do. */
async function measure(label: string, over: Partial<TrainConfig>): Promise<Measured> {
  const config: TrainConfig = { ...DEFAULT_CONFIG, model, batchSize: 64, trainLimit: 64 * (steps + 1), epochs: 1, ...over };
  const t = new Trainer(config, data);
  const losses: number[] = [];
  let at0: InsideLayer[] = [];
  let atN: InsideLayer[] = [];
  let plainMs = 0;
  let insideMs = 0;
  while (!t.done) {
    const measuring = t.step === 0 || t.step === steps;
    t.collectInside = measuring;
    const r = await t.trainStep();
    losses.push(r.loss);
    const layers = t.takeInside();
    if (measuring) {
      // The first step is slower anyway (the optimizer's slots, kernels compiled): time the last one only.
      if (r.step === 1) at0 = layers!;
      else {
        atN = layers!;
        insideMs = r.ms;
      }
    } else if (r.step > 1) plainMs += r.ms;
    if (r.step % 25 === 0) process.stderr.write(`${label}: step ${r.step}/${steps + 1}, loss ${r.loss.toFixed(3)}\n`);
  }
  t.dispose();
  return { label, at0, atN, losses, stepMs: plainMs / Math.max(1, steps - 1), insideStepMs: insideMs };
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
  const head = ['layer', ...runs.flatMap((r) => [`${r.label}: ‖∇W‖ step 0 → ${steps}`, `‖ΔW‖/‖W‖ step 0 → ${steps}`])];
  const rows = runs[0].at0.map((l, i) => [
    l.name,
    ...runs.flatMap((r) => {
      const [a, b] = [r.at0[i].gradient, r.atN[i].gradient];
      return [`${sci(a.gradNorm)} → ${sci(b.gradNorm)}`, `${sci(a.updateNorm / a.weightNorm)} → ${sci(b.updateNorm / b.weightNorm)}`];
    }),
  ]);
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

function lossLine(runs: Measured[]): string {
  return runs
    .map((r) => `${r.label}: loss ${r.losses[0].toFixed(3)} in the first step, ${mean(r.losses.slice(-10)).toFixed(3)} over the last 10`)
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
  `Measured as the page does: by the training step itself (step 0: the first step, on the untrained network; step ${steps}: the step after ${steps} steps), after each layer's activation function, over the first ${INSIDE_IMAGES} images of its batch.`,
  `Saturated: |y| > ${1 - SATURATION_MARGIN} (tanh). Dead: a filter (conv) or unit (dense) whose output is 0 for all ${INSIDE_IMAGES} images. ‖ΔW‖/‖W‖: the update that step made.`,
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
  `Mean over the runs: a plain step ${mean(all.map((r) => r.stepMs)).toFixed(0)} ms, the last (measuring) step ` +
    `${mean(all.map((r) => r.insideStepMs)).toFixed(0)} ms. ` +
    `Whole script: ${((performance.now() - t0) / 1000).toFixed(0)} s; load average at the end ${loadavg()
      .map((v) => v.toFixed(1))
      .join(', ')} (timings here are only comparable within one run: \`npm run bench\` measures the overhead).`,
];
console.log(lines.join('\n'));
