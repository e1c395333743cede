/**
 * The networks, written as layer tables that read like the article's code, the AlexNet paper's Figure 2 and
 * cuda-convnet's layer files. Shapes, parameter counts, FLOPs and memory (summary.ts, memory.ts) and the tfjs
 * model (build.ts) all come from these tables, so what the page describes is what trains. Which table a config
 * trains on a dataset's images: network-for.ts.
 */
import type { Activation, ModelName, NetworkWidth, Pooling, TrainConfig } from '../settings';
import type { LrnParams } from './lrn';

export type Padding = 'same' | 'valid';

/** [height, width, channels] of one image. */
export type Shape3 = [number, number, number];

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
      /** σ of the Gaussian initial weights where the network's source gives one (init 'cuda-convnet'). */
      initStd?: number;
    }
  /** `op` max unless said otherwise (Figure 1's network averages in its last two pools). */
  | { kind: 'pool'; name: string; size: number; stride: number; padding: Padding; op?: 'max' | 'avg' }
  | ({ kind: 'lrn'; name: string } & LrnParams)
  | { kind: 'dropout'; name: string; rate: number }
  | { kind: 'flatten'; name: string }
  | { kind: 'dense'; name: string; units: number; activation: Activation | 'linear'; initStd?: number };

export interface NetworkSpec {
  title: string;
  /** [height, width, channels] of one input image. */
  input: Shape3;
  layers: LayerSpec[];
}

/** Filters of the three conv blocks and units of the two hidden dense layers. */
export type ArticleModel = Extract<ModelName, 'article' | 'small' | 'tiny'>;
const ARTICLE_WIDTHS: Record<ArticleModel, { convs: [number, number, number]; dense: [number, number]; title: string }> = {
  // The article's network: conv 64, 128, 256; dense 1024, 1024 (5,624,842 parameters).
  article: { convs: [64, 128, 256], dense: [1024, 1024], title: 'AlexNet for MNIST (3 conv, from the article)' },
  small: { convs: [16, 32, 64], dense: [128, 128], title: 'Small AlexNet-style net' },
  // Small enough that a software WebGPU adapter trains it in seconds (browser tests of the GPU path).
  tiny: { convs: [4, 8, 8], dense: [16, 16], title: 'Tiny AlexNet-style net' },
};

const isArticleModel = (m: ModelName): m is ArticleModel => m in ARTICLE_WIDTHS;

export type NetworkOptions = Pick<
  TrainConfig,
  'model' | 'width' | 'activation' | 'lrn' | 'lrnDepthRadius' | 'lrnBias' | 'lrnAlpha' | 'lrnBeta' | 'dropout' | 'pooling'
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
export function playgroundNetwork(o: Omit<NetworkOptions, 'width'>, classes = 10, input: Shape3 = [28, 28, 1]): NetworkSpec {
  if (!isArticleModel(o.model)) throw new Error(`${o.model} is not one of the article's networks`);
  const w = ARTICLE_WIDTHS[o.model];
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
  return { title: w.title, input, layers };
}

/** The paper's LRN: k = 2, n = 5 (a radius of 2), α = 1e-4, β = 0.75. */
export const PAPER_LRN: LrnParams = { depthRadius: 2, bias: 2, alpha: 1e-4, beta: 0.75 };

/** How an AlexNet-pattern table is sized and which ingredients it keeps. */
export interface AlexNetOptions {
  /** Multiplies every conv's filters and the hidden dense units (1 = the paper's). */
  width: number;
  activation: Activation;
  /** LRN after conv1 and conv2, with the paper's constants. */
  lrn: boolean;
  /** Dropout rate after fc6 and fc7 (the paper's 0.5); 0 leaves the layers out. */
  dropout: number;
  classes: number;
  /** Colour channels of the input (3 in the paper). */
  channels: number;
}

export const PAPER_ALEXNET: AlexNetOptions = { width: 1, activation: 'relu', lrn: true, dropout: 0.5, classes: 1000, channels: 3 };

/** 1/16 -> 0.0625 */
export function widthFactor(w: NetworkWidth): number {
  const [a, b = '1'] = w.split('/');
  return Number(a) / Number(b);
}

/** The paper's widths times the multiplier, never below one filter. */
const scaled = (n: number, width: number) => Math.max(1, Math.round(n * width));

function widthTitle(width: number): string {
  return width === 1 ? '' : `, width ${width < 1 ? `1/${Math.round(1 / width)}` : width}`;
}

/** conv3, conv4, conv5, pool5 and the three dense layers: the same in both AlexNet tables. */
function alexNetTail(o: AlexNetOptions, groups: number): LayerSpec[] {
  const act = o.activation;
  const g = groups > 1 ? { groups } : {};
  const hidden = scaled(4096, o.width);
  const drop = (n: number): LayerSpec[] => (o.dropout > 0 ? [{ kind: 'dropout', name: `dropout${n}`, rate: o.dropout }] : []);
  return [
    { kind: 'conv', name: 'conv3', filters: scaled(384, o.width), kernel: 3, stride: 1, padding: 'same', activation: act },
    { kind: 'conv', name: 'conv4', filters: scaled(384, o.width), kernel: 3, stride: 1, padding: 'same', activation: act, ...g },
    { kind: 'conv', name: 'conv5', filters: scaled(256, o.width), kernel: 3, stride: 1, padding: 'same', activation: act, ...g },
    { kind: 'pool', name: 'pool5', size: 3, stride: 2, padding: 'valid' },
    { kind: 'flatten', name: 'flatten' },
    { kind: 'dense', name: 'fc6', units: hidden, activation: act },
    ...drop(6),
    { kind: 'dense', name: 'fc7', units: hidden, activation: act },
    ...drop(7),
    { kind: 'dense', name: 'fc8', units: o.classes, activation: 'linear' },
  ];
}

const lrnLayer = (o: AlexNetOptions, name: string): LayerSpec[] => (o.lrn ? [{ kind: 'lrn', name, ...PAPER_LRN }] : []);

/**
 * AlexNet as in Krizhevsky, Sutskever & Hinton (2012), Figure 2, with the 227x227 input that makes the
 * arithmetic work (the paper's "224" does not give 55x55 after an 11x11 stride-4 conv).
 * `twoGpu`: conv2, conv4 and conv5 see only the channels on their own GPU (groups of 2), as trained in the
 * paper; 60,965,224 parameters. Single tower: 62,378,344. With `o` it trains here: narrower (`width`), on
 * the dataset's classes and channels, with the settings' activation, LRN switch and dropout rate.
 */
export function alexNet2012(twoGpu: boolean, o: AlexNetOptions = PAPER_ALEXNET): NetworkSpec {
  const g = twoGpu ? 2 : 1;
  return {
    title: (twoGpu ? 'AlexNet 2012 (two-GPU grouped' : 'AlexNet 2012 (single tower') + `${widthTitle(o.width)})`,
    input: [227, 227, o.channels],
    layers: [
      { kind: 'conv', name: 'conv1', filters: scaled(96, o.width), kernel: 11, stride: 4, padding: 'valid', activation: o.activation },
      ...lrnLayer(o, 'lrn1'),
      { kind: 'pool', name: 'pool1', size: 3, stride: 2, padding: 'valid' },
      {
        kind: 'conv',
        name: 'conv2',
        filters: scaled(256, o.width),
        kernel: 5,
        stride: 1,
        padding: 'same',
        activation: o.activation,
        groups: g,
      },
      ...lrnLayer(o, 'lrn2'),
      { kind: 'pool', name: 'pool2', size: 3, stride: 2, padding: 'valid' },
      ...alexNetTail(o, g),
    ],
  };
}

/**
 * AlexNet's pattern for small images, single tower: 5 conv (LRN after the first two; overlapping 3x3 stride-2
 * max pooling after conv1, conv2 and conv5, unpadded as in the paper), then 3 dense with dropout after the
 * first two, and AlexNet's filter counts (96, 256, 384, 384, 256; 4096, 4096) times `width`.
 *
 * What changes with the image is conv1, AlexNet's only downsampling conv (11x11 stride 4 turned 227 into 55):
 * - up to 63 px (CIFAR's 32, also MNIST's 28): 5x5 stride 1, 'same'. A stride would leave conv2 a 7x7 map;
 *   AlexNet's conv2 works on 27x27. 32 -> pool1 15 -> pool2 7 -> pool5 3 (28 -> 13 -> 6 -> 2).
 * - 64 px and up: 7x7 stride 2, 'same' (the window overlaps its neighbours, as 11 over a stride of 4 did):
 *   64 -> 32, and then the 32-pixel network's maps. Without the stride the flattened 7x7x256 pool5 would
 *   give fc6 51M weights at width 1.
 * conv2 keeps 5x5 and conv3-5 3x3, 'same', as in the paper. With these, every map is at least 1x1 from
 * 15 px up (network-for.ts refuses smaller images, and images over 64 px: those are AlexNet 2012's).
 */
export function alexNetSmall(o: AlexNetOptions, input: Shape3): NetworkSpec {
  const big = input[0] >= 64;
  return {
    title: `AlexNet for ${big ? '64x64' : '32x32'} images${widthTitle(o.width)}`,
    input,
    layers: [
      {
        kind: 'conv',
        name: 'conv1',
        filters: scaled(96, o.width),
        kernel: big ? 7 : 5,
        stride: big ? 2 : 1,
        padding: 'same',
        activation: o.activation,
      },
      ...lrnLayer(o, 'lrn1'),
      { kind: 'pool', name: 'pool1', size: 3, stride: 2, padding: 'valid' },
      { kind: 'conv', name: 'conv2', filters: scaled(256, o.width), kernel: 5, stride: 1, padding: 'same', activation: o.activation },
      ...lrnLayer(o, 'lrn2'),
      { kind: 'pool', name: 'pool2', size: 3, stride: 2, padding: 'valid' },
      ...alexNetTail(o, 1),
    ],
  };
}

/**
 * The network of the paper's Figure 1 ("a four-layer convolutional neural network with ReLUs reaches a 25%
 * training error rate on CIFAR-10 six times faster than an equivalent network with tanh neurons"), from
 * Krizhevsky's cuda-convnet: example-layers/layers-19pct.cfg ("19% error on CIFAR-10 in 20 minutes"), the
 * only published CIFAR-10 file with three conv layers and one fully connected layer and nothing else.
 * layers-18pct.cfg is the same network with two `rnorm` layers; layers-80sec.cfg adds a 64-unit fc layer;
 * the conv-local files use unshared `local` layers.
 *
 * Taken from the file: conv 32, 32, 64 filters of 5x5, stride 1, padding 2 (= 'same' on 32x32); pool1 max,
 * pool2 and pool3 average, all 3x3 stride 2 from offset 0 (cuda-convnet's ceil((32 - 3) / 2) + 1 = 16, then
 * 8, then 4: TensorFlow's 'same' windows exactly, and both average over the pixels inside the image only);
 * fc10 on the 4x4x64 map; initW (Gaussian σ) 1e-4 for conv1, 0.01 for conv2, conv3 and fc10.
 *
 * What differs: the file puts conv1's ReLU after pool1; max pooling commutes with any rising activation, so
 * here it sits on conv1 like the others. The file's neurons are ReLU; the figure's other curve swaps in tanh
 * (the activation setting). Dropped, as the figure used no regularisation: weight decay (the params file's
 * wc: 0.004 on the convs, 3 on fc10), and 18pct's rnorm layers, which cuda-convnet computes over a 3x3
 * patch of the same map, unlike our across-channel LRN. Not taken: the biases' doubled learning rate (epsB
 * = 2 x epsW). cuda-convnet fed raw 0..255 pixels minus the mean image; our pixels are 0..1, so conv1's σ
 * is the file's 1e-4 times 255, which gives conv1 the file's output scale (ReLU and pooling are
 * scale-free, so the later σ stand). Its training is still not the file's: with inputs 255 times smaller
 * and weights 255 times larger, the same learning rate moves conv1's weights 255² times less relative to
 * their size.
 */
export function figure1Network(o: Pick<TrainConfig, 'activation'>, input: Shape3 = [32, 32, 3], classes = 10): NetworkSpec {
  const act = o.activation;
  const pool = (name: string, op: 'max' | 'avg'): LayerSpec => ({ kind: 'pool', name, size: 3, stride: 2, padding: 'same', op });
  return {
    title: "Figure 1's network (cuda-convnet layers-19pct.cfg)",
    input,
    layers: [
      { kind: 'conv', name: 'conv1', filters: 32, kernel: 5, stride: 1, padding: 'same', activation: act, initStd: 1e-4 * 255 },
      pool('pool1', 'max'),
      { kind: 'conv', name: 'conv2', filters: 32, kernel: 5, stride: 1, padding: 'same', activation: act, initStd: 0.01 },
      pool('pool2', 'avg'),
      { kind: 'conv', name: 'conv3', filters: 64, kernel: 5, stride: 1, padding: 'same', activation: act, initStd: 0.01 },
      pool('pool3', 'avg'),
      { kind: 'flatten', name: 'flatten' },
      { kind: 'dense', name: 'fc10', units: classes, activation: 'linear', initStd: 0.01 },
    ],
  };
}
