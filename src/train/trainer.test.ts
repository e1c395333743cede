import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatasetSplits } from '../data/dataset';
import { loadDataset } from '../data/load';
import { nodeReader } from '../../node/data';
import { setNodeBackend } from '../../node/backends';
import { englishText, msg } from '../i18n/message';
import { DEFAULT_CONFIG, type TrainConfig } from '../settings';
import type { WorkerEvent } from '../worker/protocol';
import { TrainingRun } from './run';
import { Trainer } from './trainer';

let mnist: DatasetSplits;

beforeAll(async () => {
  await setNodeBackend('wasm');
  mnist = await loadDataset('mnist', nodeReader());
});

const small = (over: Partial<TrainConfig> = {}): TrainConfig => ({
  ...DEFAULT_CONFIG,
  model: 'small',
  batchSize: 32,
  trainLimit: 32 * 60,
  ...over,
});

describe('training on real MNIST (wasm backend in Node)', () => {
  it('lowers the loss and beats chance clearly within 60 steps', async () => {
    const t = new Trainer(small(), mnist);
    const losses: number[] = [];
    while (!t.done) losses.push((await t.trainStep()).loss);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(losses.slice(-10))).toBeLessThan(0.6 * mean(losses.slice(0, 5)));
    const val = await t.evaluate(mnist.validation, 1000);
    expect(val.accuracy).toBeGreaterThan(0.7); // chance is 0.1
    expect(val.confusion.reduce((a, b) => a + b, 0)).toBe(1000);
    t.dispose();
  });

  it('holds the tensor count constant over many steps and evaluations', async () => {
    const t = new Trainer(small({ model: 'tiny', optimizer: 'sgd', augShift: 2, augNoise: 0.1 }), mnist);
    await t.trainStep(); // optimizer slots and cached scalars are created on the first step
    await t.evaluate(mnist.validation, 100);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 25; i++) await t.trainStep();
    await t.evaluate(mnist.validation, 100);
    expect(tf.memory().numTensors).toBe(before);
    t.dispose();
  });

  it('trains the very curve it trained before (a pinned curve: a change here is a change of behaviour)', async () => {
    // Recorded with these settings, WASM in Node: first on commit 852426e, before the reorganisation of issue #8
    // (which left it unchanged), then again when layer seeds were offset by one so that seed 0 repeats (issue #9).
    const pinned = [
      2.308537, 2.290751, 2.30647, 2.296749, 2.261078, 2.291466, 2.284636, 2.228303, 2.297672, 2.257617, 2.301459, 2.286548, 2.248639,
      2.247544, 2.281474, 2.234266, 2.302109, 2.153969, 2.224736, 2.194082,
    ];
    const t = new Trainer(small({ trainLimit: 640, seed: 7, augShift: 1, augNoise: 0.05 }), mnist);
    const losses: number[] = [];
    while (!t.done) losses.push((await t.trainStep()).loss);
    t.dispose();
    expect(losses).toHaveLength(pinned.length);
    losses.forEach((loss, i) => expect(loss, `step ${i + 1}`).toBeCloseTo(pinned[i], 4));
  });

  it('repeats the same loss curve for the same seed and config, and not for another seed', async () => {
    const curve = async (seed: number) => {
      const t = new Trainer(small({ model: 'tiny', seed, augShift: 1, dropout: 0.3 }), mnist);
      const out: number[] = [];
      for (let i = 0; i < 8; i++) out.push((await t.trainStep()).loss);
      t.dispose();
      return out;
    };
    const a = await curve(7);
    expect(await curve(7)).toEqual(a);
    expect(await curve(8)).not.toEqual(a);
  });
});

describe('a training run', () => {
  const collect = () => {
    const events: WorkerEvent[] = [];
    return { events, emit: (e: WorkerEvent) => events.push(e) };
  };

  it('stops with advice when the loss turns NaN', async () => {
    const { events, emit } = collect();
    const t = new Trainer(small({ model: 'tiny', init: 'normal', learningRate: 1e9, optimizer: 'sgd' }), mnist);
    const state = await new TrainingRun('r1', t, 'wasm', { emit }).run();
    expect(state).toBe('failed');
    const failed = events.find((e) => e.type === 'state' && e.state === 'failed');
    expect(failed && 'message' in failed && failed.message ? englishText(failed.message) : '').toMatch(/diverged.*smaller learning rate/);
    t.dispose();
  });

  it("a step that runs out of memory fails the run with the backend's reading of it; an unknown error stays an error", async () => {
    const oom = msg('run.outOfMemory', { backend: 'WASM', batch: 32, detail: 'memory access out of bounds' });
    for (const [thrown, reason] of [
      [new Error('memory access out of bounds'), 'out-of-memory'],
      [new Error('something else'), 'error'],
    ] as const) {
      const { events, emit } = collect();
      const t = new Trainer(small({ model: 'tiny', trainLimit: 64, batchSize: 32 }), mnist);
      t.trainStep = () => Promise.reject(thrown);
      const explain = (err: unknown) =>
        err instanceof Error && /out of bounds/.test(err.message) ? { message: oom, reason: 'out-of-memory' as const } : undefined;
      expect(await new TrainingRun('r0', t, 'wasm', { emit, explain }).run()).toBe('failed');
      const failed = events.find((e) => e.type === 'state' && e.state === 'failed');
      expect(failed?.type === 'state' && failed.reason).toBe(reason);
      if (reason === 'out-of-memory') expect(failed?.type === 'state' && failed.message).toEqual(oom);
      t.dispose();
    }
  });

  it('reports steps, validation each epoch and the test accuracy at the end', async () => {
    const { events, emit } = collect();
    const t = new Trainer(small({ model: 'tiny', trainLimit: 64, batchSize: 32, epochs: 2 }), mnist);
    const state = await new TrainingRun('r2', t, 'wasm', { emit }).run();
    expect(state).toBe('done');
    expect(events.filter((e) => e.type === 'step').map((e) => (e as { step: number }).step)).toEqual([1, 2, 3, 4]);
    expect(events.filter((e) => e.type === 'epoch').map((e) => (e as { epoch: number }).epoch)).toEqual([1, 2]);
    const test = events.find((e) => e.type === 'test');
    expect(test && test.type === 'test' ? test.count : 0).toBe(10_000);
    t.dispose();
  });

  it('a curve-only run (a sweep run) reports its steps but neither validates nor tests', async () => {
    const { events, emit } = collect();
    const t = new Trainer(small({ model: 'tiny', trainLimit: 64, batchSize: 32, epochs: 2 }), mnist);
    const state = await new TrainingRun('r4', t, 'wasm', { emit }, false, true).run();
    expect(state).toBe('done');
    expect(events.filter((e) => e.type === 'step')).toHaveLength(4);
    expect(events.filter((e) => e.type === 'epoch' || e.type === 'test')).toEqual([]);
    t.dispose();
  });

  it('pauses, takes single steps while paused, resumes and stops', async () => {
    const { events, emit } = collect();
    const t = new Trainer(small({ model: 'tiny', trainLimit: 32 * 50 }), mnist);
    const run = new TrainingRun('r3', t, 'wasm', { emit }, true);
    const done = run.run();
    const steps = () => events.filter((e) => e.type === 'step').length;
    await new Promise((r) => setTimeout(r, 50));
    expect(steps()).toBe(0);
    run.stepOnce();
    run.stepOnce();
    await waitFor(() => steps() === 2);
    await new Promise((r) => setTimeout(r, 50));
    expect(steps()).toBe(2);
    // evaluation on demand while paused: between steps, without taking one
    await run.requestEvaluation();
    await waitFor(() => events.some((e) => e.type === 'test'));
    expect(steps()).toBe(2);
    run.resume();
    await waitFor(() => steps() >= 5);
    run.stop();
    expect(await done).toBe('stopped');
    expect(steps()).toBeLessThan(50);
    t.dispose();
  });
});

async function waitFor(cond: () => boolean, ms = 30_000) {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}
