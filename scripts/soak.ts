/**
 * `npm run soak [-- steps=N every=K <settings>]`: trains in Node the way the Worker does (TrainingRun, feature maps
 * every 10 steps, layer statistics on their schedule, validation each epoch) and prints tfjs's tensor count and
 * the JS heap every K steps. Exits 1 when either grows: a leak that a long classroom run would turn into a crash.
 *   npm run soak                         # the small network, MNIST, batch 32, 1,000 steps, WASM, every 100
 *   npm run soak -- steps=3000 model=tiny backend=cpu
 * Settings take the URL keys of src/settings.ts; `n` and `ep` are set from `steps` (100 steps an epoch).
 *
 * What "grows" means: scripts/soak-verdict.ts (the same for npm run soak:browser).
 */
import { isBuiltinDataset } from '../src/data/dataset';
import { loadDataset } from '../src/data/load';
import { nodeReader } from '../node/data';
import { setNodeBackend } from '../node/backends';
import { englishText } from '../src/i18n/message';
import { configFromQuery, validateConfig } from '../src/settings';
import { FeatureMapProbe } from '../src/train/feature-maps';
import { InsideMonitor } from '../src/train/inside';
import { TrainingRun } from '../src/train/run';
import { Trainer } from '../src/train/trainer';
import * as tf from '@tensorflow/tfjs';
import { soakVerdict } from './soak-verdict';

const STEPS_PER_EPOCH = 100;
const MAPS_EVERY = 10;

const args = process.argv.slice(2);
const own = (key: string, fallback: number) => {
  const a = args.find((x) => x.startsWith(`${key}=`));
  const n = a ? Number(a.slice(key.length + 1)) : fallback;
  if (!Number.isInteger(n) || n < 1) throw new Error(`${key} must be a whole number >= 1`);
  return n;
};
const steps = own('steps', 1000);
const every = own('every', 100);
const settings = args.filter((x) => !/^(steps|every)=/.test(x));
const query = ['model=small', 'bs=32', ...settings].join('&');
const { config: asked, notices } = configFromQuery(query);
if (notices.length) throw new Error(notices.map(englishText).join('\n'));
const config = { ...asked, trainLimit: STEPS_PER_EPOCH * asked.batchSize, epochs: Math.ceil(steps / STEPS_PER_EPOCH) };
const errors = Object.values(validateConfig(config));
if (errors.length) throw new Error(errors.map(englishText).join('\n'));
if (!isBuiltinDataset(config.dataset)) throw new Error(`${config.dataset}: only built-in datasets train in Node`);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run soak does)');

const backend = config.backend === 'cpu' ? 'cpu' : 'wasm';
await setNodeBackend(backend);
const data = await loadDataset(config.dataset, nodeReader());
const trainer = new Trainer(config, data);
const probe = new FeatureMapProbe(trainer.model, trainer.net, data.test);
const inside = new InsideMonitor(trainer, 'soak', () => {});
inside.setEvery(MAPS_EVERY);

const samples: { step: number; tensors: number; heapMB: number; rssMB: number }[] = [];
const sample = (step: number) => {
  gc();
  const m = process.memoryUsage();
  const s = { step, tensors: tf.memory().numTensors, heapMB: m.heapUsed / 2 ** 20, rssMB: m.rss / 2 ** 20 };
  samples.push(s);
  console.log(`step ${String(step).padStart(6)}  tensors ${s.tensors}  heap ${s.heapMB.toFixed(1)} MB  rss ${s.rssMB.toFixed(0)} MB`);
};

console.log(`soak: ${trainer.net.title}, ${config.dataset}, batch ${config.batchSize}, ${backend}, ${steps} steps, sampled every ${every}`);
let maps = 0;
const run = new TrainingRun('soak', trainer, backend, {
  emit: () => {},
  afterStep: async (step, stepMs) => {
    if (step % MAPS_EVERY === 0) {
      await probe.capture(0, 'soak', step);
      maps++;
    }
    inside.afterStep(stepMs);
    // The first sample once an epoch (and its validation) has run: every cache exists by then.
    if (step >= STEPS_PER_EPOCH && step % every === 0) sample(step);
    if (step >= steps) run.stop();
  },
});
const state = await run.run();
if (state === 'failed') throw new Error('the run failed');

const [first] = samples;
const verdict = soakVerdict(samples);
const tailHeap = verdict.lastThirdHeapMB;
const heapGrows = verdict.heapGrew;
const result = {
  steps: samples.at(-1)?.step,
  featureMaps: maps,
  tensors: { first: first?.tensors, last: samples.at(-1)?.tensors, max: Math.max(...samples.map((s) => s.tensors)) },
  heapMB: { first: Number(first?.heapMB.toFixed(1)), lastThirdMean: Number(tailHeap.toFixed(1)) },
  grows: { tensors: verdict.moreTensors.length > 0, heap: heapGrows },
};
console.log(JSON.stringify(result));
trainer.dispose();
if (samples.length < 2) {
  console.error(`soak: too few samples (${samples.length}); give more steps than ${STEPS_PER_EPOCH + every}`);
  process.exit(2);
}
if (result.grows.tensors || result.grows.heap) {
  console.error(
    `soak: ${result.grows.tensors ? 'tensor count' : ''}${result.grows.tensors && heapGrows ? ' and ' : ''}${heapGrows ? 'heap' : ''} grew`,
  );
  process.exit(1);
}
