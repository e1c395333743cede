import { beforeAll, describe, expect, it } from 'vitest';
import { setNodeBackend } from '../../node/backends';
import type { DatasetSplits } from '../data/dataset';
import { syntheticSplits } from '../data/synthetic';
import { DEFAULT_CONFIG, type TrainConfig } from '../settings';
import { Trainer } from './trainer';

let data: DatasetSplits;

beforeAll(async () => {
  await setNodeBackend('wasm');
  data = syntheticSplits([32, 32, 3], 512);
});

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** 32 steps of 32 synthetic 32x32x3 images (two passes over 512), the losses they report. */
async function losses(over: Partial<TrainConfig>): Promise<{ losses: number[]; trainer: Trainer }> {
  const trainer = new Trainer({ ...DEFAULT_CONFIG, batchSize: 32, trainLimit: 512, epochs: 2, ...over }, data);
  const out: number[] = [];
  while (!trainer.done) out.push((await trainer.trainStep()).loss);
  return { losses: out, trainer };
}

describe('the colour networks train on 32x32x3 images (synthetic, WASM in Node)', () => {
  it("Figure 1's network, with SGD and momentum and no regularisation, lowers its loss", async () => {
    const { losses: l, trainer } = await losses({ model: 'figure1', optimizer: 'sgd', weightDecay: 0, learningRate: 0.05 });
    expect(trainer.net.input).toEqual([32, 32, 3]);
    expect(l).toHaveLength(32);
    expect(mean(l.slice(-5))).toBeLessThan(0.8 * mean(l.slice(0, 5)));
    trainer.dispose();
  });

  it('AlexNet for small images at width 1/8 lowers its loss and evaluates colour images', async () => {
    const { losses: l, trainer } = await losses({ model: 'alexnet-small', width: '1/8' });
    expect(mean(l.slice(-5))).toBeLessThan(0.8 * mean(l.slice(0, 5)));
    const val = await trainer.evaluate(data.validation);
    expect(val.count).toBe(100);
    expect(val.confusion.reduce((a, b) => a + b, 0)).toBe(100);
    trainer.dispose();
  });
});
