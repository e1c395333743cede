import * as tf from '@tensorflow/tfjs';
import { imageBytes, type ImageSet } from '../data/dataset';
import type { NetworkSpec } from '../model/networks';

/** One layer's maps (or the first layer's filters), as bytes the Worker sends without copying. */
export interface FeatureMapLayer {
  name: string;
  /** 'conv' (after activation), 'pool' (max), 'avgpool' or 'lrn'; 'filters' for the first layer's kernels. */
  stage: string;
  height: number;
  width: number;
  channels: number;
  /**
   * Channel-major maps, each height*width, quantised to 0..255 over [min, max]. When `rgb` is set (the first
   * layer's filters of a net on colour images) each of the `channels` tiles is height*width*3 bytes instead, its
   * pixels' R, G and B together (HWC), to be drawn in colour.
   */
  values: Uint8Array;
  rgb?: boolean;
  min: number;
  max: number;
}

export interface FeatureMapsEvent {
  type: 'featureMaps';
  runId: string;
  step: number;
  probeIndex: number;
  layers: FeatureMapLayer[];
  /** First-layer filters, each kernel*kernel (times 3, RGB, for colour input), quantised like the maps. */
  filters: FeatureMapLayer;
}

/** Feature maps may take at most this share of training time (capture in the Worker plus drawing on the page). */
export const MAPS_BUDGET = 0.02;

/**
 * Steps between feature-map captures: the `every` the student chose, or more when one capture plus its drawing
 * on the page would take more than MAPS_BUDGET of the training time in between (a tiny net's step is shorter
 * than a capture; and the page's main thread competes with training, which uses every core on WASM).
 */
export function mapsInterval(every: number, captureMs: number, drawMs: number, meanStepMs: number): number {
  if (every <= 0) return Infinity;
  if (!(meanStepMs > 0)) return every;
  return Math.max(every, Math.ceil((captureMs + drawMs) / (MAPS_BUDGET * meanStepMs)));
}

/**
 * When the Worker captures feature maps during a run: every `every` steps, stretched by `mapsInterval` from what
 * the last capture cost here, what the page said drawing it cost (`drawn`), and the mean step time.
 */
export class MapsSchedule {
  every = 0;
  private captureMs = 0;
  private drawMs = 0;
  private lastStep = 0;
  private meanStepMs = 0;

  /** A new run: its steps may be of another size. */
  restart(): void {
    this.meanStepMs = 0;
    this.lastStep = 0;
  }

  /** Whether maps are due after `step`, which took `stepMs` (always after the first step). */
  due(step: number, stepMs: number): boolean {
    this.meanStepMs = this.meanStepMs === 0 ? stepMs : 0.9 * this.meanStepMs + 0.1 * stepMs;
    if (this.every <= 0) return false;
    return step === 1 || step - this.lastStep >= mapsInterval(this.every, this.captureMs, this.drawMs, this.meanStepMs);
  }

  captured(step: number, ms: number): void {
    this.lastStep = step;
    this.captureMs = ms;
  }

  /** The page drew the last maps in `ms` of its main thread, which shares the CPU with training. */
  drawn(ms: number): void {
    if (Number.isFinite(ms) && ms >= 0) this.drawMs = ms;
  }
}

/**
 * Reads the activations of every conv block (after the activation, after pooling, after LRN) for one image,
 * on whatever backend trains, and packs them as bytes: a 64-channel 28x28 map is 50 KB instead of 200 KB of
 * floats, and the Worker sends it without copying. One colour scale per layer, shared by its channels, so
 * a bright channel really is more active than a dim one. The probe shares the model's layers and weights, so
 * it has nothing of its own to free: disposing the model is enough.
 */
export class FeatureMapProbe {
  private readonly probe: tf.LayersModel;
  private readonly names: { name: string; stage: string }[];
  /** The input is RGB: the first layer's filters are sent as colour tiles. */
  private readonly rgb: boolean;

  constructor(
    private readonly model: tf.LayersModel,
    net: NetworkSpec,
    private readonly images: ImageSet,
  ) {
    this.names = net.layers
      .filter((l) => l.kind === 'conv' || l.kind === 'pool' || l.kind === 'lrn')
      // Figure 1's network averages in its last two pools: the page says which pooling it was.
      .map((l) => ({ name: l.name, stage: l.kind === 'pool' && l.op === 'avg' ? 'avgpool' : l.kind }));
    const outputs = [...this.names.map((n) => model.getLayer(n.name).output as tf.SymbolicTensor), model.outputs[0]];
    this.probe = tf.model({ inputs: model.inputs, outputs });
    this.rgb = images.channels === 3;
  }

  private imageTensor(index: number): tf.Tensor4D {
    const { height: h, width: w, channels: c } = this.images;
    const size = imageBytes(this.images);
    const i = Math.max(0, Math.min(this.images.count - 1, index));
    const bytes = this.images.images.subarray(i * size, (i + 1) * size);
    return tf.tidy(() => tf.tensor4d(bytes, [1, h, w, c], 'int32').toFloat().div(255));
  }

  async capture(probeIndex: number, runId: string, step: number): Promise<FeatureMapsEvent> {
    const x = this.imageTensor(probeIndex);
    try {
      const { maps } = await this.run(x);
      return { ...maps, runId, step, probeIndex };
    } finally {
      x.dispose();
    }
  }

  /** Class probabilities and maps for an image of the caller's (a drawing): values 0..1, row-major, HWC. */
  async predict(pixels: Float32Array, runId: string, step: number) {
    const { height: h, width: w, channels: c } = this.images;
    if (pixels.length !== h * w * c) throw new Error(`Expected ${h * w * c} values (${h}x${w}x${c}), got ${pixels.length}.`);
    const x = tf.tensor4d(pixels, [1, h, w, c]);
    try {
      const { maps, probabilities } = await this.run(x);
      return { probabilities, maps: { ...maps, runId, step, probeIndex: -1 } };
    } finally {
      x.dispose();
    }
  }

  private async run(x: tf.Tensor4D) {
    const packed = tf.tidy(() => {
      const outs = this.probe.predict(x) as tf.Tensor[];
      const logits = outs.pop() as tf.Tensor2D;
      const layers = outs.map((t) => quantise(tf.transpose(t.squeeze([0]), [2, 0, 1])));
      const kernel = this.model.getLayer(this.names[0].name).getWeights()[0]; // [k, k, channels, filters]
      // Colour input: each filter as an RGB tile [filters, k, k, 3]; grey: [filters, k, k].
      const filters = quantise(this.rgb ? tf.transpose(kernel, [3, 0, 1, 2]) : tf.transpose(kernel.sum(2), [2, 0, 1]));
      return { layers, filters, probs: tf.softmax(logits).squeeze([0]) };
    });
    const read = async (q: Quantised, name: string, stage: string): Promise<FeatureMapLayer> => {
      const [values, range] = await Promise.all([q.bytes.data(), q.range.data()]);
      const [channels, height, width, colour] = q.bytes.shape;
      const layer = { name, stage, channels, height, width, values: Uint8Array.from(values), min: range[0], max: range[1] };
      return colour === 3 ? { ...layer, rgb: true } : layer;
    };
    try {
      const [layers, filters, probs] = await Promise.all([
        Promise.all(packed.layers.map((q, i) => read(q, this.names[i].name, this.names[i].stage))),
        read(packed.filters, `${this.names[0].name} filters`, 'filters'),
        packed.probs.data(),
      ]);
      return { maps: { type: 'featureMaps' as const, layers, filters }, probabilities: Array.from(probs) };
    } finally {
      tf.dispose([...packed.layers.flatMap((q) => [q.bytes, q.range]), packed.filters.bytes, packed.filters.range, packed.probs]);
    }
  }
}

// A type alias, not an interface: tf.tidy only returns index-signature-compatible containers.
type Quantised = { bytes: tf.Tensor; range: tf.Tensor1D };

function quantise(t: tf.Tensor): Quantised {
  const lo = tf.min(t);
  const hi = tf.max(t);
  const span = tf.maximum(tf.sub(hi, lo), 1e-12);
  const bytes = tf.round(tf.mul(tf.div(tf.sub(t, lo), span), 255)).toInt();
  return { bytes, range: tf.stack([lo, hi]) as tf.Tensor1D };
}
