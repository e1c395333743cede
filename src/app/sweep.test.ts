import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type Activation, type TrainConfig } from '../settings';
import { figure1Config, sweepPlan } from '../train/sweep';
import { classResults } from './class-results';
import { newRun, type RecordState, type RunRecord } from './run-store';
import type { NewRun } from './session';
import { latestSweep, pickedRates, SWEEP_PRESET, SweepRunner, sweepSummary, type SweepHost } from './sweep';

const base = figure1Config({ ...DEFAULT_CONFIG, dataset: 'user:abc', batchSize: 32 });

/** A finished sweep run whose training accuracy climbs at `speed` per step (the smoothed error crosses 25% later for slower ones). */
function sweepRun(
  group: string,
  activation: Activation,
  learningRate: number,
  speed: number,
  state: RecordState = 'done',
  createdAt = 1,
): RunRecord {
  const r = newRun(`${activation}-${learningRate}-${group}`, { ...base, activation, learningRate }, 0, `${activation} ${learningRate}`, {
    id: group,
    preset: SWEEP_PRESET,
  });
  const step = Array.from({ length: 100 }, (_, i) => i + 1);
  const acc = step.map((s) => (speed === 0 ? 0.1 : 1 - 0.9 * Math.exp(-speed * s)));
  return {
    ...r,
    createdAt,
    state,
    failure: state === 'failed' ? 'diverged' : undefined,
    curveOnly: true,
    steps: { step, acc, loss: step.map(() => 1), ms: step },
  };
}

describe("a sweep's results, read from its runs", () => {
  const runs = [
    sweepRun('s1', 'relu', 0.001, 0.02),
    sweepRun('s1', 'relu', 0.01, 0.1),
    sweepRun('s1', 'relu', 0.1, 0.3, 'failed'),
    sweepRun('s1', 'tanh', 0.001, 0),
    sweepRun('s1', 'tanh', 0.01, 0.05),
    sweepRun('s1', 'tanh', 0.1, 0.2, 'interrupted'),
  ];

  it('marks each rate crossed, not reached or diverged, and picks the fastest per activation', () => {
    const group = latestSweep(runs)!;
    expect(group.runs).toHaveLength(6);
    const { points, picks } = sweepSummary(group, 0.25, 0.9);
    // The interrupted run is left out: it has no result.
    expect(points.map((p) => [p.activation, p.learningRate, p.outcome])).toEqual([
      ['relu', 0.001, 'crossed'],
      ['tanh', 0.001, 'notReached'],
      ['relu', 0.01, 'crossed'],
      ['tanh', 0.01, 'crossed'],
      ['relu', 0.1, 'diverged'],
    ]);
    expect(points.filter((p) => p.outcome !== 'crossed').every((p) => p.steps === null)).toBe(true);
    expect(picks.map((p) => [p.activation, p.best?.learningRate])).toEqual([
      ['relu', 0.01],
      ['tanh', 0.01],
    ]);
    const relu = points.find((p) => p.activation === 'relu' && p.learningRate === 0.01)!;
    expect(relu.steps).toBe(picks[0].crossing);
  });

  it('hands the picks to the preset only for the dataset and batch size it was run on', () => {
    const group = latestSweep(runs);
    expect(pickedRates(group, base, 0.25, 0.9)).toEqual({ relu: 0.01, tanh: 0.01 });
    expect(pickedRates(group, { ...base, batchSize: 64 }, 0.25, 0.9)).toBeNull();
    expect(pickedRates(group, { ...base, dataset: 'cifar10' }, 0.25, 0.9)).toBeNull();
    expect(pickedRates(null, base, 0.25, 0.9)).toBeNull();
  });

  it('finds the latest sweep, and class results leave sweeps out', () => {
    const later = [...runs, sweepRun('s2', 'relu', 0.01, 0.1, 'done', 5)];
    expect(latestSweep(later)!.id).toBe('s2');
    expect(latestSweep([])).toBeNull();
    expect(classResults(later, 0.25, 0.9)).toEqual([]);
  });
});

/** A session stand-in: starting a run adds it training; `finish` ends it as the Worker would. */
function fakeHost() {
  const runs = new Map<string, RunRecord>();
  const listeners = new Set<() => void>();
  const started: NewRun[] = [];
  let active: string[] = [];
  let stops = 0;
  const notify = () => listeners.forEach((l) => l());
  const host: SweepHost = {
    startRuns(items) {
      const ids = items.map((item, i) => {
        const id = `run${started.length + i}`;
        runs.set(id, { ...newRun(id, item.config, 0, item.name, item.group), state: 'running' });
        return id;
      });
      started.push(...items);
      active = ids;
      return ids;
    },
    stop() {
      stops++;
      for (const id of active) finish(id, 'stopped');
    },
    get activeRunIds() {
      return active;
    },
    runs: {
      subscribe: (l) => (listeners.add(l), () => listeners.delete(l)),
      get: (id) => runs.get(id),
    },
  };
  const finish = (id: string, state: RecordState, failure?: RunRecord['failure']) => {
    runs.set(id, { ...runs.get(id)!, state, failure });
    active = active.filter((a) => a !== id);
    notify();
  };
  return { host, started, finish, stops: () => stops };
}

describe('running a sweep', () => {
  const plan = sweepPlan({ from: 0.01, to: 0.1, factor: 10, steps: 20 });
  const name = (a: Activation, lr: number) => `${a} ${lr}`;

  it('trains its runs one after another, curve only, in one group; a diverged run does not end it', () => {
    const { host, started, finish } = fakeHost();
    const runner = new SweepRunner(host);
    const group = runner.start(base, plan, name, 1503);
    expect(started.map((s) => s.name)).toEqual(['relu 0.01']);
    expect(started[0]).toMatchObject({ curveOnly: true, group: { id: group, preset: SWEEP_PRESET } });
    expect(runner.getSnapshot()).toEqual({ running: group, started: 1, total: 4 });
    finish('run0', 'done');
    finish('run1', 'failed', 'diverged');
    finish('run2', 'done');
    expect(started.map((s) => s.name)).toEqual(['relu 0.01', 'relu 0.1', 'tanh 0.01', 'tanh 0.1']);
    expect(started.every((s) => (s.config as TrainConfig).trainLimit === 20 * 32)).toBe(true);
    finish('run3', 'done');
    expect(runner.getSnapshot().running).toBeNull();
  });

  it('stops: the run training stops and no other starts; a run the user stopped ends the sweep too', () => {
    const { host, started, finish, stops } = fakeHost();
    const runner = new SweepRunner(host);
    runner.start(base, plan, name);
    finish('run0', 'done');
    runner.stop();
    expect(stops()).toBe(1);
    expect(runner.getSnapshot().running).toBeNull();
    expect(started).toHaveLength(2);

    const other = fakeHost();
    const second = new SweepRunner(other.host);
    second.start(base, plan, name);
    other.finish('run0', 'stopped'); // the Stop button of the training bar
    expect(second.getSnapshot().running).toBeNull();
    expect(other.started).toHaveLength(1);
  });
});
