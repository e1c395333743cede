/// <reference lib="webworker" />
/**
 * ConvNetJS 0.3.0 training the playground network's shapes (convnetjs-net.ts) on the same real MNIST
 * batches as the tfjs Trainer (same seeded order, same makeBatch), in a Worker of its own like ours.
 * ConvNetJS is synchronous and takes one image at a time; its Trainer applies the update every batch_size
 * images. Only the training loop is timed (not data loading or building the net).
 */
import convnetjs from 'convnetjs';
import { fetchReader, loadDataset } from '../../src/data/load';
import { playgroundNetwork } from '../../src/model/networks';
import { DEFAULT_CONFIG } from '../../src/settings';
import { makeBatch } from '../../src/train/batches';
import { deriveSeed, mulberry32, shuffledIndices } from '../../src/train/random';
import { convnetLayerDefs } from './convnetjs-net';
import type { ConvnetEvent, ConvnetRunCommand } from './convnetjs-protocol';

declare const self: DedicatedWorkerGlobalScope;
const post = (e: ConvnetEvent) => self.postMessage(e);

async function run(cmd: ConvnetRunCommand) {
  const t0 = performance.now();
  const data = await loadDataset('mnist', fetchReader(new URL(`${import.meta.env.BASE_URL}data/`, self.location.origin).href));
  const config = { ...DEFAULT_CONFIG, model: cmd.model, seed: cmd.seed, batchSize: cmd.batch };
  const { defs } = convnetLayerDefs(playgroundNetwork(config));
  const net = new convnetjs.Net();
  net.makeLayers(defs);
  const trainer = new convnetjs.Trainer(
    net,
    cmd.method === 'adadelta'
      ? { method: 'adadelta', batch_size: cmd.batch, l2_decay: 0 }
      : { method: 'sgd', learning_rate: 0.01, momentum: 0.9, batch_size: cmd.batch, l2_decay: 0 },
  );
  const params = (net as unknown as { getParamsAndGrads(): { params: ArrayLike<number> }[] })
    .getParamsAndGrads()
    .reduce((n, p) => n + p.params.length, 0);
  // The Trainer's first epoch order and batches (src/train/trainer.ts), no augmentation in the default config.
  const order = shuffledIndices(data.train.count, deriveSeed(cmd.seed, 1, 0));
  const augRandom = mulberry32(deriveSeed(cmd.seed, 2));
  const { height, width } = data.train;
  post({ type: 'ready', setupMs: performance.now() - t0, params, layers: net.layers.map((l) => l.layer_type).join(',') });

  const start = performance.now();
  let images = 0;
  let budgetExhausted = false;
  for (let b = 0; images < cmd.images && !budgetExhausted; b++) {
    const count = Math.min(cmd.batch, cmd.images - images);
    const batch = makeBatch(data.train, order.subarray(b * cmd.batch, b * cmd.batch + count), config, augRandom);
    const tb = performance.now();
    let lossSum = 0;
    let done = 0;
    for (let i = 0; i < count; i++) {
      const v = new convnetjs.Vol(width, height, 1, 0);
      v.w.set(batch.pixels.subarray(i * height * width, (i + 1) * height * width));
      lossSum += trainer.train(v, batch.labels[i]).loss;
      done++;
      if (performance.now() - start > cmd.budgetMs) {
        budgetExhausted = true;
        break;
      }
    }
    images += done;
    post({ type: 'batch', index: b, images: done, ms: performance.now() - tb, meanLoss: lossSum / done });
  }
  post({ type: 'done', images, ms: performance.now() - start, budgetExhausted });
}

self.onmessage = (ev: MessageEvent<ConvnetRunCommand>) => {
  if (ev.data?.type !== 'run') return;
  run(ev.data).catch((err) => post({ type: 'error', message: err instanceof Error ? err.message : String(err) }));
};
