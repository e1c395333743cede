/**
 * The networks, written as layer tables that read like the article's code and the AlexNet paper's Figure 2.
 * Shapes, parameter counts and FLOPs (summary.ts) and the tfjs model (build.ts) both come from these
 * tables, so what the page describes is what trains.
 */
import type { Activation, ModelName, Pooling, TrainConfig } from '../settings';
import type { LrnParams } from './lrn';

export type Padding = 'same' | 'valid';

/**
 * Output length of a convolution or pooling window along one axis, as TensorFlow computes it: 'same' pads so
 * that only the stride shrinks the input, 'valid' keeps only windows that fit.
 */
export function outputSize(n: number, kernel: number, stride: number, padding: Padding): number {
  return padding === 'same' ? Math.ceil(n / stride) : Math.floor((n - kernel) / stride) + 1;
}

export type LayerSpec =
  | {
      kind: 'conv';
      name: string;
      filters: number;
      kernel: number;
      stride: number;
      padding: Padding;
      activation: Activation | 'linear';
      groups?: number;
    }
  | { kind: 'pool'; name: string; size: number; stride: number; padding: Padding }
  | ({ kind: 'lrn'; name: string } & LrnParams)
  | { kind: 'dropout'; name: string; rate: number }
  | { kind: 'flatten'; name: string }
  | { kind: 'dense'; name: string; units: number; activation: Activation | 'linear' };

export interface NetworkSpec {
  title: string;
  /** [height, width, channels] of one input image. */
  input: [number, number, number];
  layers: LayerSpec[];
}

/** Filters of the three conv blocks and units of the two hidden dense layers. */
const WIDTHS: Record<ModelName, { convs: [number, number, number]; dense: [number, number]; title: string }> = {
  // The article's network: conv 64, 128, 256; dense 1024, 1024 (5,624,842 parameters).
  article: { convs: [64, 128, 256], dense: [1024, 1024], title: 'AlexNet for MNIST (3 conv, from the article)' },
  small: { convs: [16, 32, 64], dense: [128, 128], title: 'Small AlexNet-style net' },
  // Small enough that a software WebGPU adapter trains it in seconds (browser tests of the GPU path).
  tiny: { convs: [4, 8, 8], dense: [16, 16], title: 'Tiny AlexNet-style net' },
};

export type NetworkOptions = Pick<
  TrainConfig,
  'model' | 'activation' | 'lrn' | 'lrnDepthRadius' | 'lrnBias' | 'lrnAlpha' | 'lrnBeta' | 'dropout' | 'pooling'
>;

function poolSpec(name: string, pooling: Pooling): LayerSpec {
  // 'same' padding as in the article's tf.nn.max_pool: 28 -> 14 -> 7 -> 4, for both pool shapes.
  return pooling === '2x2'
    ? { kind: 'pool', name, size: 2, stride: 2, padding: 'same' }
    : { kind: 'pool', name, size: 3, stride: 2, padding: 'same' };
}

/**
 * The article's network: three blocks of conv 3x3 -> activation -> max-pool -> LRN -> dropout, then flatten
 * 4*4*256 -> dense 1024 -> dense 1024 -> 10 logits (softmax lives in the loss).
 */
export function playgroundNetwork(o: NetworkOptions, classes = 10): NetworkSpec {
  const w = WIDTHS[o.model];
  const layers: LayerSpec[] = [];
  w.convs.forEach((filters, i) => {
    const n = i + 1;
    layers.push({ kind: 'conv', name: `conv${n}`, filters, kernel: 3, stride: 1, padding: 'same', activation: o.activation });
    layers.push(poolSpec(`pool${n}`, o.pooling));
    if (o.lrn) {
      layers.push({ kind: 'lrn', name: `lrn${n}`, depthRadius: o.lrnDepthRadius, bias: o.lrnBias, alpha: o.lrnAlpha, beta: o.lrnBeta });
    }
    if (o.dropout > 0) layers.push({ kind: 'dropout', name: `dropout${n}`, rate: o.dropout });
  });
  layers.push({ kind: 'flatten', name: 'flatten' });
  w.dense.forEach((units, i) => layers.push({ kind: 'dense', name: `fc${i + 1}`, units, activation: o.activation }));
  layers.push({ kind: 'dense', name: 'logits', units: classes, activation: 'linear' });
  return { title: w.title, input: [28, 28, 1], layers };
}

/**
 * AlexNet as in Krizhevsky, Sutskever & Hinton (2012), Figure 2, with the 227x227 input that makes the
 * arithmetic work (the paper's "224" does not give 55x55 after an 11x11 stride-4 conv).
 * `twoGpu`: conv2, conv4 and conv5 see only the channels on their own GPU (groups of 2), as trained in the
 * paper; 60,965,224 parameters. Single tower: 62,378,344.
 */
export function alexNet2012(twoGpu: boolean): NetworkSpec {
  const g = twoGpu ? 2 : 1;
  const lrn: LrnParams = { depthRadius: 2, bias: 2, alpha: 1e-4, beta: 0.75 }; // k=2, n=5, α=1e-4, β=0.75
  const relu = 'relu' as const;
  return {
    title: twoGpu ? 'AlexNet 2012 (two-GPU grouped)' : 'AlexNet 2012 (single tower)',
    input: [227, 227, 3],
    layers: [
      { kind: 'conv', name: 'conv1', filters: 96, kernel: 11, stride: 4, padding: 'valid', activation: relu },
      { kind: 'lrn', name: 'lrn1', ...lrn },
      { kind: 'pool', name: 'pool1', size: 3, stride: 2, padding: 'valid' },
      { kind: 'conv', name: 'conv2', filters: 256, kernel: 5, stride: 1, padding: 'same', activation: relu, groups: g },
      { kind: 'lrn', name: 'lrn2', ...lrn },
      { kind: 'pool', name: 'pool2', size: 3, stride: 2, padding: 'valid' },
      { kind: 'conv', name: 'conv3', filters: 384, kernel: 3, stride: 1, padding: 'same', activation: relu },
      { kind: 'conv', name: 'conv4', filters: 384, kernel: 3, stride: 1, padding: 'same', activation: relu, groups: g },
      { kind: 'conv', name: 'conv5', filters: 256, kernel: 3, stride: 1, padding: 'same', activation: relu, groups: g },
      { kind: 'pool', name: 'pool5', size: 3, stride: 2, padding: 'valid' },
      { kind: 'flatten', name: 'flatten' },
      { kind: 'dense', name: 'fc6', units: 4096, activation: relu },
      { kind: 'dropout', name: 'dropout6', rate: 0.5 },
      { kind: 'dense', name: 'fc7', units: 4096, activation: relu },
      { kind: 'dropout', name: 'dropout7', rate: 0.5 },
      { kind: 'dense', name: 'fc8', units: 1000, activation: 'linear' },
    ],
  };
}
