/**
 * The learning-rate sweep behind the paper's Figure 1: "the learning rates for each network were chosen
 * independently to make training as fast as possible". For each activation, a few short runs at rates a factor
 * apart; the pick is the rate whose run first reaches the threshold training error, by the same smoothed
 * crossing the comparison chart draws (firstCrossing). Pure: the Worker runs the configs and hands back the
 * curves; nothing here trains.
 */
import { TRAIN_SPLIT_SIZE } from '../data/dataset';
import type { Activation, TrainConfig } from '../settings';
import { firstCrossing } from './metrics';

export interface SweepPlan {
  activations: Activation[];
  /** Ascending, each `factor` times the one before. */
  rates: number[];
  /** Steps of each short run. */
  steps: number;
  /** Training error the runs race to (Figure 1: 25%). */
  threshold: number;
  /** EMA smoothing of the training error before looking for the crossing, as the chart's default. */
  smoothing: number;
}

export interface SweepPlanOptions {
  activations?: Activation[];
  from?: number;
  to?: number;
  /** Ratio between neighbouring rates (√10 gives 1e-3, 3.16e-3, 1e-2, ...). */
  factor?: number;
  steps?: number;
  threshold?: number;
  smoothing?: number;
}

/** Rates from `from` up to `to` (included when a whole number of factors away), `factor` apart. */
export function sweepPlan(o: SweepPlanOptions = {}): SweepPlan {
  const from = o.from ?? 1e-3;
  const to = o.to ?? 1e-1;
  const factor = o.factor ?? Math.sqrt(10);
  if (!(from > 0) || !(to >= from) || !(factor > 1)) throw new Error(`bad sweep: ${from}..${to} by ${factor}`);
  const rates: number[] = [];
  // Three significant digits: 1e-3 · √10² reads 0.01, not 0.010000000000000002.
  for (let i = 0; ; i++) {
    const r = Number((from * factor ** i).toPrecision(3));
    if (r > to * (1 + 1e-9)) break;
    rates.push(r);
  }
  return {
    activations: o.activations ?? ['relu', 'tanh'],
    rates,
    steps: o.steps ?? 200,
    threshold: o.threshold ?? 0.25,
    smoothing: o.smoothing ?? 0.9,
  };
}

/**
 * The settings of Figure 1's experiment on top of `base` (dataset, batch size, seed, backend and init stay the
 * user's): Figure 1's network, SGD with momentum 0.9 and no weight decay ("no regularization of any kind":
 * also no dropout, LRN or augmentation). The init is not forced to the layer file's σ ('cuda-convnet'): the
 * file fed raw 0..255 pixels minus the mean, ours are 0..1, and although conv1's σ is rescaled to give the
 * same outputs, its weights then learn 255² times slower relative to their size under the same rate.
 */
export function figure1Config(base: TrainConfig): TrainConfig {
  return {
    ...base,
    model: 'figure1',
    optimizer: 'sgd',
    momentum: 0.9,
    weightDecay: 0,
    lrn: false,
    dropout: 0,
    augShift: 0,
    augFlip: false,
    augNoise: 0,
  };
}

export interface SweepRun {
  activation: Activation;
  learningRate: number;
  config: TrainConfig;
}

/**
 * One config per (activation, rate) of the plan, each long enough for `plan.steps` steps of `base`'s batch
 * size, all with `base`'s seed (same initial weights and data order, so only the rate differs). `trainImages`:
 * the dataset's training images, where it has fewer than the built-in sets (an imported sample, say).
 */
export function sweepRuns(base: TrainConfig, plan: SweepPlan, trainImages = TRAIN_SPLIT_SIZE): SweepRun[] {
  const images = plan.steps * base.batchSize;
  const trainLimit = Math.min(images, TRAIN_SPLIT_SIZE, Math.max(base.batchSize, trainImages));
  const epochs = Math.ceil(plan.steps / Math.floor(trainLimit / base.batchSize));
  return plan.activations.flatMap((activation) =>
    plan.rates.map((learningRate) => ({ activation, learningRate, config: { ...base, activation, learningRate, trainLimit, epochs } })),
  );
}

/** What the Worker hands back for one run of the sweep: its curve, and whether the loss stopped being finite. */
export interface SweepRunResult {
  activation: Activation;
  learningRate: number;
  /** Step numbers and training accuracy (0..1) of each step, as the run reported them. */
  steps: number[];
  accuracy: number[];
  diverged: boolean;
}

export interface SweepPick {
  activation: Activation;
  /** The fastest run, or null when no run of this activation reached the threshold. */
  best: SweepRunResult | null;
  /** The step at which the best run crossed. */
  crossing: number | null;
  /** Every run of the activation with its crossing (null: never, or diverged), in the plan's order. */
  runs: { result: SweepRunResult; crossing: number | null }[];
}

/**
 * For each activation, the rate that first reaches the threshold. A diverged run never wins, even if it
 * crossed before its loss blew up (that rate is too large to train with); ties go to the smaller rate.
 */
export function pickRates(results: SweepRunResult[], threshold: number, smoothing: number): SweepPick[] {
  const activations = [...new Set(results.map((r) => r.activation))];
  return activations.map((activation) => {
    const runs = results
      .filter((r) => r.activation === activation)
      .map((result) => ({
        result,
        crossing: result.diverged ? null : firstCrossing(result.steps, result.accuracy, threshold, smoothing),
      }));
    let best: (typeof runs)[number] | null = null;
    for (const r of runs) {
      if (r.crossing === null) continue;
      const better =
        best === null || r.crossing < best.crossing! || (r.crossing === best.crossing && r.result.learningRate < best.result.learningRate);
      if (better) best = r;
    }
    return { activation, best: best?.result ?? null, crossing: best?.crossing ?? null, runs };
  });
}
