import { beforeAll, describe, expect, it } from 'vitest';
import { setNodeBackend } from '../../node/backends';
import { nodeReader } from '../../node/data';
import type { DatasetSplits } from '../data/dataset';
import { loadDataset } from '../data/load';
import { DEFAULT_CONFIG, type TrainConfig } from '../settings';
import { RunGroup, Turnstile } from './group';
import { TrainingRun, type RunEvent } from './run';
import { Trainer } from './trainer';

let mnist: DatasetSplits;

beforeAll(async () => {
  await setNodeBackend('wasm');
  mnist = await loadDataset('mnist', nodeReader());
});

const config = (activation: TrainConfig['activation']): TrainConfig => ({
  ...DEFAULT_CONFIG,
  model: 'small',
  trainLimit: 320,
  batchSize: 32,
  seed: 7,
  activation,
  dropout: 0.3,
  augShift: 1,
});

function losses(events: RunEvent[], runId: string): number[] {
  return events.filter((e) => e.type === 'step' && e.runId === runId).map((e) => (e as { loss: number }).loss);
}

describe('a pair of runs training together', () => {
  it('gives each run exactly the curve it trains alone, steps taken in turns', async () => {
    const alone = async (activation: TrainConfig['activation']) => {
      const events: RunEvent[] = [];
      const t = new Trainer(config(activation), mnist);
      await new TrainingRun(activation, t, 'wasm', { emit: (e) => events.push(e) }).run();
      t.dispose();
      return losses(events, activation);
    };
    const relu = await alone('relu');
    const tanh = await alone('tanh');

    const events: RunEvent[] = [];
    const turnstile = new Turnstile();
    const trainers = [new Trainer(config('relu'), mnist), new Trainer(config('tanh'), mnist)];
    const group = new RunGroup(
      trainers.map(
        (t, i) => new TrainingRun(i === 0 ? 'relu' : 'tanh', t, 'wasm', { emit: (e) => events.push(e), turn: () => turnstile.enter() }),
      ),
    );
    expect(await group.run()).toEqual(['done', 'done']);
    trainers.forEach((t) => t.dispose());

    expect(losses(events, 'relu')).toEqual(relu);
    expect(losses(events, 'tanh')).toEqual(tanh);
    // Both curves grow together: the steps alternate between the runs.
    const order = events.filter((e) => e.type === 'step').map((e) => e.runId);
    expect(order.slice(0, 6)).toEqual(['relu', 'tanh', 'relu', 'tanh', 'relu', 'tanh']);
  });

  it('stops every run of the group, and both still report their test result', async () => {
    const events: RunEvent[] = [];
    const turnstile = new Turnstile();
    const trainers = [
      new Trainer({ ...config('relu'), trainLimit: 3200 }, mnist),
      new Trainer({ ...config('tanh'), trainLimit: 3200 }, mnist),
    ];
    const group = new RunGroup(
      trainers.map((t, i) => new TrainingRun(`r${i}`, t, 'wasm', { emit: (e) => events.push(e), turn: () => turnstile.enter() })),
    );
    const done = group.run();
    while (events.filter((e) => e.type === 'step').length < 4) await new Promise((r) => setTimeout(r, 5));
    group.stop();
    expect(await done).toEqual(['stopped', 'stopped']);
    expect(
      events
        .filter((e) => e.type === 'test')
        .map((e) => e.runId)
        .sort(),
    ).toEqual(['r0', 'r1']);
    trainers.forEach((t) => t.dispose());
  });
});

describe('the turnstile', () => {
  it('lets whoever asked first go next, and an ended turn ends only once', async () => {
    const t = new Turnstile();
    const log: string[] = [];
    const endA = await t.enter();
    const b = t.enter().then((end) => (log.push('b'), end));
    const c = t.enter().then((end) => (log.push('c'), end));
    endA();
    endA(); // a second call must not let c in early
    const endB = await b;
    expect(log).toEqual(['b']);
    endB();
    (await c)();
    expect(log).toEqual(['b', 'c']);
  });
});
