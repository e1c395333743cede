/**
 * What happens inside each conv and dense layer while a network trains (issue #13): the distribution of its
 * activations over a fixed set of probe images, the share of saturated (tanh, sigmoid) and dead (ReLU) units, and
 * the size of its weight gradient and of its update relative to its weights.
 *
 * Everything is reduced on the backend that trains and read back in one `data()` per capture: a few hundred floats,
 * never a whole tensor. Gradients are the training step's own (Trainer.collectGradients), not a second backward pass.
 */
import * as tf from '@tensorflow/tfjs';
import type { ImageSet } from '../data/dataset';
import type { NetworkSpec } from '../model/networks';
import type { Activation } from '../settings';
import type { Trainer } from './trainer';
import { HIST_BINS, HIST_EDGES, SATURATION_MARGIN } from './inside-scale';

/**
 * Test images the activations are measured on: the first ones of the test split, the same at every capture, so
 * that a change between captures is the network's. Enough for a histogram of thousands of values per layer; the
 * probe's forward pass costs about a quarter of a training step's at batch 64, and the budget below pays for it.
 */
export const PROBE_IMAGES = 16;

/** Statistics may take at most this share of training time (Worker capture plus drawing on the page). */
export const INSIDE_BUDGET = 0.01;

export interface LayerGradient {
  /** ‖∂loss/∂W‖ of the layer's kernel (Frobenius norm; biases not included), before the update. */
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
  /** Values summarised: probe images x positions x channels. */
  values: number;
  /** Counts per bin of HIST_EDGES (src/train/inside-scale.ts), exact zeros left out (they are `zero`). */
  hist: number[];
  /** Share of the values that are exactly 0. */
  zero: number;
  /** tanh and sigmoid: share of the values within SATURATION_MARGIN of the limits; null for other activations. */
  saturated: number | null;
  /** ReLU: share of the filters or units whose output is 0 for every probe image; null for other activations. */
  dead: number | null;
  mean: number;
  std: number;
  /** From the training step just taken; absent when the capture is not right after a step (step 0, run end). */
  gradient?: LayerGradient;
}

export interface InsideEvent {
  type: 'inside';
  runId: string;
  /** Activations after this many steps; gradients are those of this step. */
  step: number;
  probeImages: number;
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
    const updateSq = variables.map((vs, i) => sumSquares(vs.map((v, j) => tf.sub(v, before[i][j]))));
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
 * Runs the probe images through the model's own layers (no dropout, as at test time) and summarises every conv
 * and dense layer's output, after its activation function. The probe shares the model's layers and weights, so
 * it has nothing of its own to free.
 */
export class InsideProbe {
  readonly layers: WatchedLayer[];
  readonly probeImages: number;
  private readonly probe: tf.LayersModel;
  /** Values each layer outputs per image (positions x channels). */
  private readonly perImage: number[];

  constructor(
    model: tf.LayersModel,
    net: NetworkSpec,
    private readonly images: ImageSet,
    count = PROBE_IMAGES,
  ) {
    this.layers = watchedLayers(net);
    const outputs = this.layers.map((l) => model.getLayer(l.name).output as tf.SymbolicTensor);
    this.probe = tf.model({ inputs: model.inputs, outputs });
    this.perImage = outputs.map((o) => o.shape.slice(1).reduce((a: number, b) => a * (b ?? 1), 1));
    this.probeImages = Math.min(count, images.count);
  }

  /** Summaries of every watched layer now, with `gradients` (one per layer, in order) when the step gave them. */
  async capture(gradients?: LayerGradient[]): Promise<InsideLayer[]> {
    const packed = tf.tidy(() => {
      const { height: h, width: w } = this.images;
      const n = this.probeImages;
      const x = tf.div(tf.cast(tf.tensor4d(this.images.images.subarray(0, n * h * w), [n, h, w, 1], 'int32'), 'float32'), 255);
      const outs = this.probe.predict(x) as tf.Tensor | tf.Tensor[];
      const list = Array.isArray(outs) ? outs : [outs];
      return tf.concat(list.map((a, i) => summariseActivations(a, this.layers[i].activation)));
    });
    let values: Float32Array | Int32Array | Uint8Array;
    try {
      values = await packed.data();
    } finally {
      packed.dispose();
    }
    return this.layers.map((l, i) => ({
      ...l,
      values: this.probeImages * this.perImage[i],
      ...unpackSummary(values, i * SUMMARY_SIZE),
      ...(gradients ? { gradient: gradients[i] } : {}),
    }));
  }
}

/**
 * Steps between captures: the `every` the student chose, or more when one capture (the statistics in the step,
 * the probe, and drawing them on the page) would take more than INSIDE_BUDGET of the training time in between.
 */
export function insideInterval(every: number, captureMs: number, drawMs: number, meanStepMs: number): number {
  if (every <= 0) return Infinity;
  if (!(meanStepMs > 0)) return every;
  return Math.max(every, Math.ceil((captureMs + drawMs) / (INSIDE_BUDGET * meanStepMs)));
}

/**
 * When to capture: decided before a step, since the gradients come from the step itself. Like the feature maps'
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

  /** Whether step `step` (about to be taken) should collect its gradients; always the first. */
  due(step: number): boolean {
    if (this.every <= 0) return false;
    return step === 1 || step - this.lastStep >= insideInterval(this.every, this.captureMs, this.drawMs, this.meanMs);
  }

  /** A capture after `step` cost `ms` in the Worker (the step's extra time included). */
  captured(step: number, ms: number): void {
    this.lastStep = step;
    this.captureMs = ms;
  }

  drawn(ms: number): void {
    if (Number.isFinite(ms) && ms >= 0) this.drawMs = ms;
  }
}

/**
 * The statistics of one run, as the Worker drives them: the untrained network before the first step, then the
 * steps the schedule picks (armed before the step, since the gradients come from the step itself), and the trained
 * network at the end. `send` gets each capture.
 */
export class InsideMonitor {
  readonly schedule = new InsideSchedule();
  private readonly probe: InsideProbe;
  private lastCaptured = -1;

  constructor(
    private readonly trainer: Trainer,
    images: ImageSet,
    private readonly runId: string,
    private readonly send: (e: InsideEvent) => void,
  ) {
    this.probe = new InsideProbe(trainer.model, trainer.net, images);
  }

  get every(): number {
    return this.schedule.every;
  }

  /** Steps between captures (0 = never). Turned on, it captures the network as it is now (before the first step, say). */
  async setEvery(every: number): Promise<void> {
    const was = this.schedule.every;
    this.schedule.every = every;
    this.arm();
    if (was <= 0 && every > 0 && this.lastCaptured !== this.trainer.step) await this.capture();
  }

  /** After each step: a capture if the step collected its gradients, and the next step armed. */
  async afterStep(stepMs: number): Promise<void> {
    const gradients = this.trainer.takeGradients();
    if (gradients) {
      // What reading the norms added to the step counts as the capture's cost too.
      const plainMs = this.schedule.meanStepMs;
      await this.capture(gradients, plainMs > 0 ? Math.max(0, stepMs - plainMs) : 0);
    } else {
      this.schedule.observe(stepMs);
    }
    this.arm();
  }

  /** The trained network, unless the last capture already shows it. */
  async end(): Promise<void> {
    this.trainer.collectGradients = false;
    if (this.every > 0 && this.lastCaptured !== this.trainer.step) await this.capture();
  }

  private arm(): void {
    this.trainer.collectGradients = !this.trainer.done && this.schedule.due(this.trainer.step + 1);
  }

  private async capture(gradients?: LayerGradient[], extraMs = 0): Promise<void> {
    const t0 = performance.now();
    const layers = await this.probe.capture(gradients);
    const step = this.trainer.step;
    this.schedule.captured(step, performance.now() - t0 + extraMs);
    this.lastCaptured = step;
    this.send({ type: 'inside', runId: this.runId, step, probeImages: this.probe.probeImages, layers });
  }
}
