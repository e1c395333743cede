import * as tf from '@tensorflow/tfjs';
import { classCount, imageShape, type DatasetSplits, type ImageSet } from '../data/dataset';
import { buildModel } from '../model/build';
import { networkFor } from '../model/network-for';
import type { NetworkSpec } from '../model/networks';
import type { TrainConfig } from '../settings';
import { colourPca, makeBatch, sliceBatch, type Batch, type ColourPca } from './batches';
import { deriveSeed, mulberry32, shuffledIndices } from './random';
import { FusedAdamOptimizer } from './fused-adam';
import { InsideStep, minimizeWithNorms, type InsideLayer } from './inside';

export interface StepResult {
  /** 1-based number of the step just taken. */
  step: number;
  /** 0-based epoch the step belongs to. */
  epoch: number;
  loss: number;
  accuracy: number;
  images: number;
  /** Wall time of the step: batch preparation, forward, backward, update and reading the loss back. */
  ms: number;
}

export interface EvalResult {
  loss: number;
  accuracy: number;
  count: number;
  /** confusion[true * classes + predicted] */
  confusion: number[];
  predictions: Uint8Array;
  /** Softmax probability of the predicted class, per image. */
  confidence: Float32Array;
}

function createOptimizer(c: TrainConfig): tf.Optimizer {
  return c.optimizer === 'adam' ? new FusedAdamOptimizer(c.learningRate) : tf.train.momentum(c.learningRate, c.momentum);
}

/**
 * The training images of an epoch, in order. Without `fixed`, the whole split is shuffled with a per-epoch seed and
 * the first `limit` kept, so small runs still see varied data. With `fixed`, one seeded draw of `limit` images is
 * kept for every epoch (a small training set, for overfitting on purpose), shuffled afresh each epoch.
 */
export function epochOrder(count: number, limit: number, fixed: boolean, seed: number, epoch: number): Uint32Array {
  if (!fixed || limit >= count) return shuffledIndices(count, deriveSeed(seed, 1, epoch)).subarray(0, limit);
  const subset = shuffledIndices(count, deriveSeed(seed, 3)).subarray(0, limit);
  return shuffledIndices(limit, deriveSeed(seed, 1, epoch)).map((i) => subset[i]);
}

/**
 * The training core: one model, one optimizer, one seeded data order. No DOM and no messaging, so the
 * Worker, Node tests and benchmarks drive the very same steps.
 */
export class Trainer {
  readonly net: NetworkSpec;
  readonly model: tf.LayersModel;
  readonly stepsPerEpoch: number;
  readonly totalSteps: number;
  readonly classes: number;
  private readonly pca: ColourPca | undefined;
  private readonly optimizer: tf.Optimizer;
  private readonly trainImages: number;
  private readonly augRandom: () => number;
  private order: Uint32Array = new Uint32Array(0);
  private orderEpoch = -1;
  private stepsTaken = 0;
  /** Set before a step to have it measure what happens inside each layer (src/train/inside.ts). */
  collectInside = false;
  private insideStep: InsideStep | null = null;
  private inside: InsideLayer[] | null = null;

  constructor(
    readonly config: TrainConfig,
    readonly data: DatasetSplits,
  ) {
    this.classes = classCount(data);
    // The network the settings name, for the data's images as they are (28x28 grey, 32x32 RGB, a folder's size).
    this.net = networkFor(config, imageShape(data.train), this.classes);
    this.model = buildModel(this.net, { init: config.init, seed: config.seed });
    this.optimizer = createOptimizer(config);
    this.trainImages = config.trainLimit > 0 ? Math.min(config.trainLimit, data.train.count) : data.train.count;
    // A partial last batch would change the batch statistics; drop it, as tf.data's drop_remainder does.
    this.stepsPerEpoch = Math.max(1, Math.floor(this.trainImages / config.batchSize));
    this.totalSteps = this.stepsPerEpoch * config.epochs;
    this.augRandom = mulberry32(deriveSeed(config.seed, 2));
    this.pca = config.augColour && data.train.channels === 3 ? colourPca(data.train) : undefined;
  }

  get step(): number {
    return this.stepsTaken;
  }

  get done(): boolean {
    return this.stepsTaken >= this.totalSteps;
  }

  /** The indices of the next batch: each epoch is a fresh seeded shuffle of the (limited) training set. */
  private nextIndices(): { epoch: number; indices: Uint32Array } {
    const epoch = Math.floor(this.stepsTaken / this.stepsPerEpoch);
    if (epoch !== this.orderEpoch) {
      this.order = epochOrder(this.data.train.count, this.trainImages, this.config.fixedSubset, this.config.seed, epoch);
      this.orderEpoch = epoch;
    }
    const start = (this.stepsTaken % this.stepsPerEpoch) * this.config.batchSize;
    return { epoch, indices: this.order.subarray(start, start + this.config.batchSize) };
  }

  private tensors(batch: Batch) {
    const xs = tf.tensor4d(batch.pixels, [batch.count, ...this.net.input]);
    const labels = tf.tensor1d(batch.labels, 'int32');
    return { xs, labels };
  }

  async trainStep(): Promise<StepResult> {
    const t0 = performance.now();
    const { epoch, indices } = this.nextIndices();
    const batch = makeBatch(this.data.train, indices, this.config, this.augRandom, this.pca);
    const inside = this.collectInside ? (this.insideStep ??= new InsideStep(this.model, this.net)) : null;
    this.collectInside = false;
    const metrics = tf.tidy(() => {
      const { xs, labels } = this.tensors(batch);
      const oneHot = tf.oneHot(labels, this.classes);
      let crossEntropy: tf.Scalar | undefined;
      let hits: tf.Scalar | undefined;
      const objective = () => {
        const logits = inside ? inside.forward(xs, true) : (this.model.apply(xs, { training: true }) as tf.Tensor2D);
        crossEntropy = tf.keep(tf.losses.softmaxCrossEntropy(oneHot, logits) as tf.Scalar);
        hits = tf.keep(tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'float32')) as tf.Scalar);
        return this.regularised(crossEntropy);
      };
      // The same step either way; measuring only reads the activations, gradients and weights on the way.
      const { cost, norms } = inside
        ? minimizeWithNorms(this.optimizer, objective, inside.groups)
        : { cost: this.optimizer.minimize(objective, true), norms: null };
      // With no weight decay the cost *is* the cross-entropy we keep, so only a distinct cost is freed.
      if (cost !== crossEntropy) tf.dispose(cost ?? []);
      // One tensor, so one read back from the GPU a step.
      const pair = tf.stack([crossEntropy!, hits!]);
      const both = inside && norms ? tf.concat([pair, norms, inside.summary()]) : pair;
      tf.dispose([crossEntropy!, hits!]);
      return both;
    });
    try {
      // Reading the loss back every step is what the live chart needs; await keeps GPU reads asynchronous.
      const values = await metrics.data();
      const [loss, hits] = values;
      const normsEnd = 2 + 3 * (inside?.groups.length ?? 0);
      this.inside = inside ? inside.unpack(values.subarray(normsEnd), values.subarray(2, normsEnd)) : null;
      this.stepsTaken++;
      return { step: this.stepsTaken, epoch, loss, accuracy: hits / batch.count, images: batch.count, ms: performance.now() - t0 };
    } finally {
      metrics.dispose();
    }
  }

  /** What the last step measured inside each layer, if it was asked to (collectInside); once. */
  takeInside(): InsideLayer[] | null {
    const layers = this.inside;
    this.inside = null;
    return layers;
  }

  /**
   * SGD in the paper used weight decay 0.0005: the same as adding wd/2·Σw² over the kernels to the loss
   * (biases are not decayed). The article's Adam had none.
   */
  private regularised(loss: tf.Scalar): tf.Scalar {
    if (this.config.optimizer !== 'sgd' || this.config.weightDecay === 0) return loss;
    const kernels = this.model.trainableWeights.filter((w) => w.shape.length > 1).map((w) => tf.sum(tf.square(w.read())));
    return tf.add(loss, tf.mul(this.config.weightDecay / 2, tf.addN(kernels))) as tf.Scalar;
  }

  /** Loss, accuracy, confusion and per-image predictions over the first `limit` images of a set. */
  async evaluate(set: ImageSet, limit = set.count, batchSize = 500): Promise<EvalResult> {
    const count = Math.min(limit, set.count);
    const classes = this.classes;
    const confusion = new Array<number>(classes * classes).fill(0);
    const predictions = new Uint8Array(count);
    const confidence = new Float32Array(count);
    let lossSum = 0;
    let correct = 0;
    for (let start = 0; start < count; start += batchSize) {
      const batch = sliceBatch(set, start, Math.min(batchSize, count - start));
      const { lossT, predT, confT } = tf.tidy(() => {
        const { xs, labels } = this.tensors(batch);
        const logits = this.model.predict(xs) as tf.Tensor2D;
        const probs = tf.softmax(logits);
        return {
          lossT: tf.losses.softmaxCrossEntropy(tf.oneHot(labels, classes), logits, undefined, undefined, tf.Reduction.SUM),
          predT: tf.argMax(logits, 1),
          confT: tf.max(probs, 1),
        };
      });
      const [l, p, c] = await Promise.all([lossT.data(), predT.data(), confT.data()]);
      tf.dispose([lossT, predT, confT]);
      lossSum += l[0];
      for (let i = 0; i < batch.count; i++) {
        const truth = batch.labels[i];
        predictions[start + i] = p[i];
        confidence[start + i] = c[i];
        confusion[truth * classes + p[i]]++;
        if (truth === p[i]) correct++;
      }
    }
    return { loss: lossSum / count, accuracy: correct / count, count, confusion, predictions, confidence };
  }

  dispose(): void {
    this.model.dispose();
    this.optimizer.dispose();
  }
}
