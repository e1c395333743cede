/**
 * Trains a network headless in Node, with the same Trainer the Worker uses, and prints the test accuracy.
 *   npm run train:node                      # the article's network, MNIST, one epoch, WASM
 *   npm run train:node -- act=tanh ep=2     # any setting, with the URL keys of src/settings.ts
 *   npm run train:node -- backend=cpu
 */
import { isBuiltinDataset } from '../src/data/dataset';
import { loadDataset } from '../src/data/load';
import { nodeReader } from '../node/data';
import { setNodeBackend } from '../node/backends';
import { englishText } from '../src/i18n/message';
import { configFromQuery, validateConfig } from '../src/settings';
import { Trainer } from '../src/train/trainer';

const { config, notices } = configFromQuery(process.argv.slice(2).join('&'));
if (notices.length) throw new Error(notices.map(englishText).join('\n'));
const errors = Object.values(validateConfig(config));
if (errors.length) throw new Error(errors.map(englishText).join('\n'));
const backend = config.backend === 'cpu' ? 'cpu' : 'wasm';
await setNodeBackend(backend);
// Datasets imported in a browser live in its IndexedDB; here only the files in public/data/ are there.
if (!isBuiltinDataset(config.dataset)) throw new Error(`${config.dataset}: only built-in datasets train in Node (mnist, fashion, cifar10)`);
const data = await loadDataset(config.dataset, nodeReader());
const trainer = new Trainer(config, data);
console.log(
  `${trainer.net.title}, ${trainer.model.countParams().toLocaleString('en')} parameters, ${config.dataset}, backend ${backend}, ` +
    `${trainer.totalSteps} steps of ${config.batchSize}`,
);
const t0 = performance.now();
let window: number[] = [];
let stepMs = 0; // training steps only, evaluation excluded
while (!trainer.done) {
  const r = await trainer.trainStep();
  window.push(r.loss);
  stepMs += r.ms;
  if (!Number.isFinite(r.loss)) throw new Error(`loss ${r.loss} at step ${r.step}: diverged`);
  if (r.step % 50 === 0 || trainer.done) {
    const s = (performance.now() - t0) / 1000;
    console.log(
      `step ${r.step}/${trainer.totalSteps}  loss ${(window.reduce((a, b) => a + b) / window.length).toFixed(4)}  ` +
        `${((r.step * config.batchSize) / (stepMs / 1000)).toFixed(1)} img/s  ${s.toFixed(0)} s`,
    );
    window = [];
  }
  if (r.step % trainer.stepsPerEpoch === 0) {
    const v = await trainer.evaluate(data.validation);
    console.log(
      `epoch ${r.step / trainer.stepsPerEpoch}: validation accuracy ${(v.accuracy * 100).toFixed(2)}%  loss ${v.loss.toFixed(4)}`,
    );
  }
}
const trainSeconds = stepMs / 1000;
const wallSeconds = (performance.now() - t0) / 1000;
const test = await trainer.evaluate(data.test);
console.log(
  JSON.stringify({
    model: config.model,
    dataset: config.dataset,
    backend,
    epochs: config.epochs,
    steps: trainer.totalSteps,
    batch: config.batchSize,
    testAccuracy: test.accuracy,
    testLoss: test.loss,
    trainSeconds: Math.round(trainSeconds),
    wallSeconds: Math.round(wallSeconds),
    imagesPerSec: Number(((trainer.totalSteps * config.batchSize) / trainSeconds).toFixed(1)),
  }),
);
