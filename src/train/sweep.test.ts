import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, validateConfig } from '../settings';
import { firstCrossing } from './metrics';
import { figure1Config, pickRates, sweepPlan, sweepRuns, type SweepRunResult } from './sweep';

/** A training-accuracy curve that climbs from 0.1 towards 1 at `speed` per step (no noise unless asked). */
function run(activation: 'relu' | 'tanh', learningRate: number, speed: number, extra: Partial<SweepRunResult> = {}): SweepRunResult {
  const steps = Array.from({ length: 100 }, (_, i) => i + 1);
  const accuracy = steps.map((s) => 1 - 0.9 * Math.exp(-speed * s));
  return { activation, learningRate, steps, accuracy, diverged: false, ...extra };
}

describe('the learning-rate sweep plan', () => {
  it('spaces rates by the factor from 1e-3 to 1e-1, for ReLU and tanh', () => {
    const plan = sweepPlan();
    expect(plan.rates).toEqual([0.001, 0.00316, 0.01, 0.0316, 0.1]);
    expect(plan.activations).toEqual(['relu', 'tanh']);
    expect(sweepPlan({ from: 0.01, to: 1, factor: 10 }).rates).toEqual([0.01, 0.1, 1]);
  });

  it('turns a base config into one run per activation and rate, long enough for the planned steps', () => {
    const base = figure1Config({ ...DEFAULT_CONFIG, batchSize: 128, seed: 3 });
    const runs = sweepRuns(base, sweepPlan({ steps: 500 }));
    expect(runs).toHaveLength(10);
    expect(runs.map((r) => `${r.config.activation}@${r.config.learningRate}`).slice(0, 2)).toEqual(['relu@0.001', 'relu@0.00316']);
    for (const r of runs) {
      expect(r.config.seed).toBe(3);
      const perEpoch = Math.floor(r.config.trainLimit / r.config.batchSize);
      expect(perEpoch * r.config.epochs).toBeGreaterThanOrEqual(500);
      expect(validateConfig(r.config)).toEqual({});
    }
  });

  it('on a small dataset, runs more epochs over the images there are to take the planned steps', () => {
    const base = figure1Config({ ...DEFAULT_CONFIG, batchSize: 32 });
    const [first] = sweepRuns(base, sweepPlan({ steps: 100 }), 1503);
    expect(first.config.trainLimit).toBe(1503);
    const perEpoch = Math.floor(1503 / 32);
    expect(first.config.epochs).toBe(Math.ceil(100 / perEpoch));
    expect(perEpoch * first.config.epochs).toBeGreaterThanOrEqual(100);
  });

  it("sets Figure 1's experiment: its network, SGD with momentum, no regularisation of any kind", () => {
    const c = figure1Config({ ...DEFAULT_CONFIG, augShift: 2, dropout: 0.5 });
    expect(c).toMatchObject({ model: 'figure1', optimizer: 'sgd', momentum: 0.9, weightDecay: 0, dropout: 0, lrn: false, augShift: 0 });
  });
});

describe('picking the fastest rate', () => {
  it('takes, per activation, the rate whose smoothed training error first reaches the threshold', () => {
    const picks = pickRates(
      [run('relu', 0.001, 0.02), run('relu', 0.01, 0.08), run('relu', 0.1, 0.05), run('tanh', 0.001, 0.01), run('tanh', 0.01, 0.03)],
      0.25,
      0.9,
    );
    expect(picks.map((p) => [p.activation, p.best?.learningRate])).toEqual([
      ['relu', 0.01],
      ['tanh', 0.01],
    ]);
    const relu = picks[0];
    expect(relu.crossing).toBe(firstCrossing(relu.best!.steps, relu.best!.accuracy, 0.25, 0.9));
    expect(relu.runs.map((r) => r.crossing === null)).toEqual([false, false, false]);
  });

  it('never picks a diverged run, even one that crossed first', () => {
    const picks = pickRates([run('relu', 0.01, 0.05), run('relu', 0.1, 0.2, { diverged: true })], 0.25, 0.9);
    expect(picks[0].best?.learningRate).toBe(0.01);
    expect(picks[0].runs[1].crossing).toBeNull();
  });

  it('judges by the smoothed error, so one lucky batch does not count as a crossing', () => {
    const lucky = run('tanh', 0.1, 0.01);
    lucky.accuracy[2] = 0.99; // one batch at 1% error, the rest far above the threshold early on
    const steady = run('tanh', 0.01, 0.04);
    expect(pickRates([lucky, steady], 0.25, 0.9)[0].best?.learningRate).toBe(0.01);
    expect(pickRates([lucky, steady], 0.25, 0)[0].best?.learningRate).toBe(0.1); // unsmoothed, it would win
  });

  it('breaks ties towards the smaller rate, and picks nothing when no run gets there', () => {
    expect(pickRates([run('relu', 0.1, 0.05), run('relu', 0.01, 0.05)], 0.25, 0.9)[0].best?.learningRate).toBe(0.01);
    const none = pickRates([run('relu', 0.001, 0.001), run('relu', 1, 0.5, { diverged: true })], 0.25, 0.9)[0];
    expect(none.best).toBeNull();
    expect(none.crossing).toBeNull();
  });
});
