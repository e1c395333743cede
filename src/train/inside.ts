/**
 * What happens inside each conv and dense layer while a network trains (issue #13): the distribution of its
 * activations, the share of saturated (tanh, sigmoid) and dead (ReLU) units, and the size of its weight gradient and
 * of its update relative to its weights.
 *
 * All of it comes from a training step itself (Trainer.collectInside): on the steps that measure, the forward pass
 * runs through a probe model built from the model's own layers, which hands out each layer's output besides the
 * logits, and the optimizer step is `minimize` taken apart so that the gradients can be measured before they are
 * applied. No second forward or backward pass: a separate forward pass right after an update costs more than its
 * arithmetic, since the backend repacks the new weights (XNNPACK on WASM). Everything is reduced on the backend
 * and read back with the step's loss, in the same `data()`: a few hundred floats, never a whole tensor.
 */
import * as tf from '@tensorflow/tfjs';
import type { NetworkSpec } from '../model/networks';
import type { Activation } from '../settings';
import type { Trainer } from './trainer';
import { HIST_BINS, HIST_EDGES, INSIDE_MIN_CAPTURES, SATURATION_MARGIN } from './inside-scale';

/**
 * Images of the batch the activations are summarised over: the first ones. Thousands of values per layer even for
 * a dense layer, and a quarter of the reductions' work at batch 64.
 */
export const INSIDE_IMAGES = 16;

/** Statistics may take at most this share of training time (the step's extra work plus drawing on the page). */
export const INSIDE_BUDGET = 0.01;

export interface LayerGradient {
  /** ‖∂loss/∂W‖ of the layer's kernel (Frobenius norm; biases not included). */
  gradNorm: number;
  /** ‖W‖ before the update. */
  weightNorm: number;
  /** ‖ΔW‖, the update the optimizer applied at this step. */
  updateNorm: number;
}

export interface InsideLayer {
  name: string;
  kind: 'conv' | 'dense';
  activation: Activation | 'linear';
  /** What `dead` counts: the filters of a conv layer, the units of a dense one. */
  units: number;
  /** Values summarised: images x positions x channels. */
  values: number;
  /** Counts per bin of HIST_EDGES (src/train/inside-scale.ts), exact zeros left out (they are `zero`). */
  hist: number[];
  /** Share of the values that are exactly 0. */
  zero: number;
  /** tanh and sigmoid: share of the values within SATURATION_MARGIN of the limits; null for other activations. */
  saturated: number | null;
  /** ReLU: share of the filters or units whose output is 0 for every image; null for other activations. */
  dead: number | null;
  mean: number;
  std: number;
  gradient: LayerGradient;
}

export interface InsideEvent {
  type: 'inside';
  runId: string;
  /**
   * Steps taken before the measurement: the activations and gradients are those of the weights after this many
   * steps (so step 0 is the untrained network), the update the one the next step made from them.
   */
  step: number;
  /** Training images the activations were summarised over. */
  images: number;
  layers: InsideLayer[];
}

/** Floats per layer in the packed summary: the histogram, then zero, saturated, dead, mean, std. */
const SUMMARY_SIZE = HIST_BINS + 5;

/**
 * One layer's activations [images, ...positions, channels] reduced to SUMMARY_SIZE floats on the backend.
 * Inapplicable shares (saturation of ReLU, say) come out as -1.
 */
export function summariseActivations(a: tf.Tensor, activation: Activation | 'linear'): tf.Tensor1D {
  return tf.tidy(() => {
    const channels = a.shape[a.shape.length - 1];
    const flat = tf.reshape(a, [-1]);
    const nonZero = tf.cast(tf.notEqual(flat, 0), 'float32');
    const bins = tf.searchSorted(tf.tensor1d(HIST_EDGES as number[]), flat, 'right');
    const hist = tf.bincount(tf.reshape(bins, [-1]) as tf.Tensor1D, nonZero as tf.Tensor1D, HIST_BINS);
    const share = (mask: tf.Tensor) => tf.mean(tf.cast(mask, 'float32'));
    const none = tf.scalar(-1);
    const saturated =
      activation === 'tanh'
        ? share(tf.greater(tf.abs(flat), 1 - SATURATION_MARGIN))
        : activation === 'sigmoid'
          ? share(tf.logicalOr(tf.less(flat, SATURATION_MARGIN), tf.greater(flat, 1 - SATURATION_MARGIN)))
          : none;
    // A ReLU output is never negative, so a unit is dead exactly where its largest output is 0.
    const dead = activation === 'relu' ? share(tf.equal(tf.max(tf.reshape(a, [-1, channels]), 0), 0)) : none;
    const { mean, variance } = tf.moments(flat);
    const stats = tf.stack([tf.sub(1, tf.mean(nonZero)), saturated, dead, mean, tf.sqrt(variance)]);
    return tf.concat([hist, stats]) as tf.Tensor1D;
  });
}

function unpackSummary(values: Float32Array | Int32Array | Uint8Array, offset: number) {
  const at = (i: number) => values[offset + HIST_BINS + i];
  const share = (v: number) => (v < 0 ? null : v);
  return {
    hist: Array.from(values.subarray(offset, offset + HIST_BINS)),
    zero: at(0),
    saturated: share(at(1)),
    dead: share(at(2)),
    mean: at(3),
    std: at(4),
  };
}

interface WatchedLayer {
  name: string;
  kind: 'conv' | 'dense';
  activation: Activation | 'linear';
  units: number;
}

function watchedLayers(net: NetworkSpec): WatchedLayer[] {
  return net.layers.flatMap((l): WatchedLayer[] =>
    l.kind === 'conv'
      ? [{ name: l.name, kind: 'conv', activation: l.activation, units: l.filters }]
      : l.kind === 'dense'
        ? [{ name: l.name, kind: 'dense', activation: l.activation, units: l.units }]
        : [],
  );
}

/** The kernels (weights of rank 2 and up, so not the biases) of each conv and dense layer, by variable name. */
export function kernelGroups(model: tf.LayersModel, net: NetworkSpec): { name: string; variables: string[] }[] {
  return watchedLayers(net).map((l) => ({
    name: l.name,
    variables: model
      .getLayer(l.name)
      .trainableWeights.filter((w) => w.shape.length > 1)
      .map((w) => w.name),
  }));
}

/**
 * One optimizer step with the gradient and update sizes of the given kernels: exactly what `optimizer.minimize(f,
 * true)` does (variableGrads over every trainable variable, applyGradients, free the gradients), with norms read
 * around it. Returns the cost, as minimize does, and [gradNorm, weightNorm, updateNorm] per group, flat. The norms
 * only read the gradients and weights, so the step itself is the same as minimize's, bit for bit.
 */
export function minimizeWithNorms(
  optimizer: tf.Optimizer,
  f: () => tf.Scalar,
  groups: { variables: string[] }[],
): { cost: tf.Scalar; norms: tf.Tensor1D } {
  const { value, grads } = tf.variableGrads(f);
  const variables = groups.map((g) => g.variables.map((name) => tf.engine().registeredVariables[name]));
  const sumSquares = (ts: tf.Tensor[]) => (ts.length === 0 ? tf.scalar(0) : tf.addN(ts.map((t) => tf.sum(tf.square(t)))));
  const { before, gradSq, weightSq } = tf.tidy(() => ({
    // The values before the update stay alive through these handles: the optimizer assigns new tensors.
    before: variables.map((vs) => vs.map((v) => tf.clone(v))),
    gradSq: groups.map((g) => sumSquares(g.variables.map((name) => grads[name]).filter((t) => t != null))),
    weightSq: variables.map((vs) => sumSquares(vs)),
  }));
  optimizer.applyGradients(grads);
  tf.dispose(grads);
  const norms = tf.tidy(() => {
    const updateSq = variables.map((vs, i) =>
      vs.length === 0 ? tf.scalar(0) : tf.addN(vs.map((v, j) => tf.sum(tf.squaredDifference(v, before[i][j])))),
    );
    return tf.sqrt(tf.stack(groups.flatMap((_, i) => [gradSq[i], weightSq[i], updateSq[i]]))) as tf.Tensor1D;
  });
  tf.dispose([before, gradSq, weightSq]);
  return { cost: value as tf.Scalar, norms };
}

/** The norms `minimizeWithNorms` packed, as one LayerGradient per group. */
export function unpackNorms(values: ArrayLike<number>, groups: number): LayerGradient[] {
  return Array.from({ length: groups }, (_, i) => ({
    gradNorm: values[3 * i],
    weightNorm: values[3 * i + 1],
    updateNorm: values[3 * i + 2],
  }));
}

/**
 * What a measuring step needs besides the plain one: a probe model over the model's own layers (and weights, so
 * nothing of its own to free) whose outputs are every conv and dense layer's output, after its activation, and the
 * logits (usually the last of them); the kernels to measure; and, between the forward pass and the summary, the
 * activations it kept.
 */
export class InsideStep {
  readonly layers: WatchedLayer[];
  readonly groups: { name: string; variables: string[] }[];
  private readonly probe: tf.LayersModel;
  /** Values each layer outputs per image (positions x channels). */
  private readonly perImage: number[];
  private kept: tf.Tensor[] = [];
  private images = 0;
  private readonly logitsAt: number;

  constructor(model: tf.LayersModel, net: NetworkSpec) {
    this.layers = watchedLayers(net);
    this.groups = kernelGroups(model, net);
    const outputs = this.layers.map((l) => model.getLayer(l.name).output as tf.SymbolicTensor);
    // The logits are usually a watched layer's output already (a model may not list one output twice).
    this.logitsAt = outputs.indexOf(model.outputs[0]);
    this.probe = tf.model({ inputs: model.inputs, outputs: this.logitsAt >= 0 ? outputs : [...outputs, model.outputs[0]] });
    this.perImage = outputs.map((o) => o.shape.slice(1).reduce((a: number, b) => a * (b ?? 1), 1));
  }

  /**
   * The model's forward pass (the same layers, in the same order, so the same numbers), keeping the first
   * INSIDE_IMAGES images' activations for `summary`. Called inside the step's gradient tape.
   */
  forward(xs: tf.Tensor, training: boolean): tf.Tensor2D {
    const outs = this.probe.apply(xs, { training }) as tf.Tensor | tf.Tensor[];
    const list = Array.isArray(outs) ? outs : [outs];
    const logits = (this.logitsAt >= 0 ? list[this.logitsAt] : list[this.layers.length]) as tf.Tensor2D;
    this.images = Math.min(INSIDE_IMAGES, xs.shape[0]);
    tf.dispose(this.kept);
    this.kept = list
      .slice(0, this.layers.length)
      .map((a) => tf.keep(a.shape[0] === this.images ? tf.clone(a) : tf.slice(a, 0, this.images)));
    return logits;
  }

  /** The kept activations reduced to SUMMARY_SIZE floats a layer, in one tensor; frees them. */
  summary(): tf.Tensor1D {
    try {
      return tf.tidy(() => tf.concat(this.kept.map((a, i) => summariseActivations(a, this.layers[i].activation)))) as tf.Tensor1D;
    } finally {
      tf.dispose(this.kept);
      this.kept = [];
    }
  }

  /** The layers from the summary and the norms (minimizeWithNorms), as read back. */
  unpack(summary: ArrayLike<number>, norms: ArrayLike<number>): InsideLayer[] {
    const values = Float32Array.from(summary);
    const gradients = unpackNorms(norms, this.groups.length);
    return this.layers.map((l, i) => ({
      ...l,
      values: this.images * this.perImage[i],
      ...unpackSummary(values, i * SUMMARY_SIZE),
      gradient: gradients[i],
    }));
  }
}

/**
 * Steps between captures: the `every` the student chose, or more when one capture (the statistics in the step,
 * the probe, and drawing them on the page) would take more than INSIDE_BUDGET of the training time in between;
 * never so many that a run of `totalSteps` gets fewer than INSIDE_MIN_CAPTURES after its first.
 */
export function insideInterval(every: number, captureMs: number, drawMs: number, meanStepMs: number, totalSteps = Infinity): number {
  if (every <= 0) return Infinity;
  if (!(meanStepMs > 0)) return every;
  const budget = Math.ceil((captureMs + drawMs) / (INSIDE_BUDGET * meanStepMs));
  const floor = Math.max(1, Math.floor(totalSteps / INSIDE_MIN_CAPTURES));
  return Math.max(every, Math.min(budget, floor));
}

const smooth = (old: number, ms: number) => (old === 0 ? ms : 0.6 * old + 0.4 * ms);

/**
 * When to measure: decided before a step, since everything comes from the step itself. Like the feature maps'
 * MapsSchedule, stretched by what the last capture cost here and what the page said drawing it cost.
 */
export class InsideSchedule {
  every = 0;
  private captureMs = 0;
  private drawMs = 0;
  private lastStep = -Infinity;
  private meanMs = 0;

  /** The smoothed time of a plain step, ms (0 before the first). */
  get meanStepMs(): number {
    return this.meanMs;
  }

  /** A plain step took `stepMs`. */
  observe(stepMs: number): void {
    this.meanMs = this.meanMs === 0 ? stepMs : 0.9 * this.meanMs + 0.1 * stepMs;
  }

  /**
   * Whether to measure the network after `step` steps (in the next step) of a run of `totalSteps`; always the
   * untrained one, step 0.
   */
  due(step: number, totalSteps = Infinity): boolean {
    if (this.every <= 0) return false;
    return step === 0 || step - this.lastStep >= insideInterval(this.every, this.captureMs, this.drawMs, this.meanMs, totalSteps);
  }

  /**
   * The measurement after `step` steps cost `ms` in the Worker. Smoothed, as is the drawing: a measuring step's extra
   * time is its time less a plain step's, and one noisy step would otherwise stop the measurements for a long while.
   */
  captured(step: number, ms: number): void {
    this.lastStep = step;
    this.captureMs = smooth(this.captureMs, ms);
  }

  drawn(ms: number): void {
    if (Number.isFinite(ms) && ms >= 0) this.drawMs = smooth(this.drawMs, ms);
  }
}

/**
 * The statistics of one run, as the Worker drives them: the schedule arms a step before it is taken (the statistics
 * come from the step itself), and after it the Trainer's measurement goes to `send`, labelled with the steps taken
 * before it (the first step measures the untrained network: step 0; the last one the trained network).
 */
export class InsideMonitor {
  readonly schedule = new InsideSchedule();

  constructor(
    private readonly trainer: Trainer,
    private readonly runId: string,
    private readonly send: (e: InsideEvent) => void,
  ) {}

  get every(): number {
    return this.schedule.every;
  }

  /** Steps between measurements (0 = never). */
  setEvery(every: number): void {
    this.schedule.every = every;
    this.arm();
  }

  /** After each step: its measurement if it took one, and the next step armed. */
  afterStep(stepMs: number): void {
    const layers = this.trainer.takeInside();
    if (layers) {
      // What the step spent measuring counts as the measurement's cost.
      const plainMs = this.schedule.meanStepMs;
      const step = this.trainer.step - 1;
      this.schedule.captured(step, plainMs > 0 ? Math.max(0, stepMs - plainMs) : 0);
      this.send({ type: 'inside', runId: this.runId, step, images: Math.min(INSIDE_IMAGES, this.trainer.config.batchSize), layers });
    } else {
      this.schedule.observe(stepMs);
    }
    this.arm();
  }

  private arm(): void {
    const t = this.trainer;
    // The last step too, so that the run ends with the trained network, whatever the spacing skipped.
    const last = this.every > 0 && t.step === t.totalSteps - 1;
    t.collectInside = !t.done && (this.schedule.due(t.step, t.totalSteps) || last);
  }
}
