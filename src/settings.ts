/**
 * Every setting of a training run, in one table. The controls, the URL codec and the validation are all
 * derived from it, so a setting is described exactly once (the tensorflow/playground idea, typed).
 * Plain TypeScript: imported by the Worker, the page and Node tests alike.
 */
import { BACKEND_DESCRIPTION, BACKEND_NAMES } from './backend/names';
import { TRAIN_SPLIT_SIZE } from './data/dataset';

export const DATASETS = ['mnist', 'fashion'] as const;
export const MODELS = ['article', 'small', 'tiny'] as const;
export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid'] as const;
export const INITS = ['glorot', 'he', 'normal'] as const;
export const POOLINGS = ['2x2', '3x3s2'] as const;
export const OPTIMIZERS = ['adam', 'sgd'] as const;
export const BACKENDS = ['auto', ...BACKEND_NAMES] as const;

export type Dataset = (typeof DATASETS)[number];
export type ModelName = (typeof MODELS)[number];
export type Activation = (typeof ACTIVATIONS)[number];
export type Init = (typeof INITS)[number];
export type Pooling = (typeof POOLINGS)[number];
export type OptimizerName = (typeof OPTIMIZERS)[number];
export type BackendChoice = (typeof BACKENDS)[number];

export interface TrainConfig {
  dataset: Dataset;
  model: ModelName;
  activation: Activation;
  init: Init;
  lrn: boolean;
  lrnDepthRadius: number;
  lrnBias: number;
  lrnAlpha: number;
  lrnBeta: number;
  dropout: number;
  pooling: Pooling;
  optimizer: OptimizerName;
  learningRate: number;
  momentum: number;
  weightDecay: number;
  batchSize: number;
  epochs: number;
  /** Training images used per epoch (0 = all of the training split); small values give quick demos. */
  trainLimit: number;
  seed: number;
  augShift: number;
  augFlip: boolean;
  augNoise: number;
  backend: BackendChoice;
}

interface Base<K extends keyof TrainConfig> {
  key: K;
  /** Short key used in the URL. */
  url: string;
  label: string;
  /** One line a student understands, from the AlexNet ideas. */
  help: string;
  /** Settings that only matter when this returns true (e.g. momentum only for SGD). */
  relevant?: (c: TrainConfig) => boolean;
}
export interface NumberSetting<K extends keyof TrainConfig> extends Base<K> {
  type: 'number';
  min: number;
  max: number;
  /** Whether min / max themselves are allowed. */
  minInclusive: boolean;
  maxInclusive: boolean;
  integer: boolean;
  /** Learning rates span decades: the control is a log slider. */
  log?: boolean;
  /** The slider's span where it is narrower than what is valid (the text box takes any valid value). */
  slider?: [number, number];
}
export interface ChoiceSetting<K extends keyof TrainConfig> extends Base<K> {
  type: 'choice';
  options: readonly string[];
  optionLabels?: Record<string, string>;
  /** Old values still read from links and saved runs, and the option each now means. */
  aliases?: Record<string, string>;
}
export interface BoolSetting<K extends keyof TrainConfig> extends Base<K> {
  type: 'bool';
}
export type Setting = {
  [K in keyof TrainConfig]: TrainConfig[K] extends number
    ? NumberSetting<K>
    : TrainConfig[K] extends boolean
      ? BoolSetting<K>
      : ChoiceSetting<K>;
}[keyof TrainConfig];

export const DEFAULT_CONFIG: TrainConfig = {
  dataset: 'mnist',
  model: 'article',
  activation: 'relu',
  init: 'glorot',
  lrn: true,
  // The article's tf.nn.lrn(x, 4, bias=1.0, alpha=0.001/9.0, beta=0.75): a window of 2*4+1 = 9 channels,
  // alpha multiplies the plain sum (not the mean).
  lrnDepthRadius: 4,
  lrnBias: 1,
  lrnAlpha: 0.001 / 9,
  lrnBeta: 0.75,
  // The article's dropout = 0.8 is TensorFlow's keep probability: a drop rate of 0.2.
  dropout: 0.2,
  pooling: '2x2',
  optimizer: 'adam',
  learningRate: 1e-3,
  momentum: 0.9,
  weightDecay: 5e-4,
  batchSize: 64,
  epochs: 1,
  trainLimit: 0,
  seed: 42,
  augShift: 0,
  augFlip: false,
  augNoise: 0,
  backend: 'auto',
};

const num = <K extends keyof TrainConfig>(
  s: Omit<NumberSetting<K>, 'type' | 'minInclusive' | 'maxInclusive' | 'integer'> &
    Partial<Pick<NumberSetting<K>, 'minInclusive' | 'maxInclusive' | 'integer'>>,
): NumberSetting<K> => ({ type: 'number', minInclusive: true, maxInclusive: true, integer: false, ...s });

const lrnOn = (c: TrainConfig) => c.lrn;
const sgdOn = (c: TrainConfig) => c.optimizer === 'sgd';

export const SETTINGS: readonly Setting[] = [
  {
    key: 'dataset',
    url: 'data',
    type: 'choice',
    options: DATASETS,
    label: 'Dataset',
    optionLabels: { mnist: 'MNIST digits', fashion: 'Fashion-MNIST clothes' },
    help: 'Handwritten digits, or photos of clothes (harder: shirts look like pullovers).',
  },
  {
    key: 'model',
    url: 'model',
    type: 'choice',
    options: MODELS,
    label: 'Network',
    optionLabels: {
      article: 'AlexNet for MNIST (3 conv, from the article; 5.6M parameters)',
      small: 'Small (16-32-64)',
      tiny: 'Tiny (4-8-8)',
    },
    aliases: { seed: 'article' },
    help: "Three conv blocks then two dense layers, as in the article's network; smaller ones train faster.",
  },
  {
    key: 'activation',
    url: 'act',
    type: 'choice',
    options: ACTIVATIONS,
    label: 'Activation',
    optionLabels: { relu: 'ReLU', tanh: 'tanh', sigmoid: 'sigmoid' },
    help: 'AlexNet used ReLU: it does not saturate, so gradients stay large and training is faster.',
  },
  {
    key: 'init',
    url: 'init',
    type: 'choice',
    options: INITS,
    label: 'Weight init',
    optionLabels: { glorot: 'Glorot (default)', he: 'He', normal: 'N(0, 1), as in the article' },
    aliases: { 'seed-normal': 'normal' },
    help: "Scaled random weights keep signals a sensible size; the article's N(0, 1) blows up the logits.",
  },
  {
    key: 'lrn',
    url: 'lrn',
    type: 'bool',
    label: 'Local response norm',
    help: 'Neurons compete with neighbouring channels; in the paper it cut top-1 error by 1.4 points.',
  },
  num({
    key: 'lrnDepthRadius',
    url: 'lrnr',
    label: 'LRN depth radius',
    min: 1,
    max: 16,
    integer: true,
    relevant: lrnOn,
    help: 'How many channels on each side compete (the window is 2r+1 channels).',
  }),
  num({
    key: 'lrnBias',
    url: 'lrnk',
    label: 'LRN bias k',
    min: 0,
    max: 10,
    minInclusive: false,
    relevant: lrnOn,
    help: 'Added before the power; keeps the divisor away from zero (the paper used 2).',
  }),
  num({
    key: 'lrnAlpha',
    url: 'lrna',
    label: 'LRN alpha',
    min: 0,
    max: 1,
    log: true,
    slider: [1e-6, 1],
    relevant: lrnOn,
    help: 'Strength of the competition; multiplies the sum of squares in the window.',
  }),
  num({
    key: 'lrnBeta',
    url: 'lrnb',
    label: 'LRN beta',
    min: 0,
    max: 2,
    relevant: lrnOn,
    help: 'Exponent of the divisor (0.75 in the paper and the seed).',
  }),
  num({
    key: 'dropout',
    url: 'drop',
    label: 'Dropout rate',
    min: 0,
    max: 1,
    maxInclusive: false,
    help: 'Fraction of neurons switched off at random each step; AlexNet used 0.5 against overfitting.',
  }),
  {
    key: 'pooling',
    url: 'pool',
    type: 'choice',
    options: POOLINGS,
    label: 'Pooling',
    optionLabels: { '2x2': '2x2, stride 2', '3x3s2': 'Overlapping 3x3, stride 2' },
    help: 'AlexNet pooled 3x3 windows with stride 2, so windows overlap; it cut error by 0.4 points.',
  },
  {
    key: 'optimizer',
    url: 'opt',
    type: 'choice',
    options: OPTIMIZERS,
    label: 'Optimizer',
    optionLabels: { adam: 'Adam', sgd: 'SGD + momentum' },
    help: 'The article used Adam; the paper used SGD with momentum 0.9 and weight decay 0.0005.',
  },
  num({
    // The upper bound only catches typos: a student is welcome to watch a huge rate diverge.
    key: 'learningRate',
    url: 'lr',
    label: 'Learning rate',
    min: 0,
    max: 1e6,
    minInclusive: false,
    log: true,
    slider: [1e-5, 1],
    help: 'Step size of each update: too small crawls, too large diverges.',
  }),
  num({
    key: 'momentum',
    url: 'mom',
    label: 'Momentum',
    min: 0,
    max: 1,
    maxInclusive: false,
    relevant: sgdOn,
    help: 'How much of the previous update carries over (0.9 in the paper).',
  }),
  num({
    key: 'weightDecay',
    url: 'wd',
    label: 'Weight decay',
    min: 0,
    max: 1,
    relevant: sgdOn,
    help: 'Pulls weights towards zero each step; the paper found 0.0005 lowered training error too.',
  }),
  num({
    key: 'batchSize',
    url: 'bs',
    label: 'Batch size',
    min: 1,
    max: 4096,
    integer: true,
    help: 'Images per step: larger batches give smoother gradients and better GPU use.',
  }),
  num({
    key: 'epochs',
    url: 'ep',
    label: 'Epochs',
    min: 1,
    max: 100,
    integer: true,
    help: 'Passes over the training images.',
  }),
  num({
    key: 'trainLimit',
    url: 'n',
    label: 'Training images',
    min: 0,
    max: TRAIN_SPLIT_SIZE,
    integer: true,
    help: `Use only this many training images per epoch (0 = all ${TRAIN_SPLIT_SIZE.toLocaleString('en')}) for a quick experiment.`,
  }),
  num({
    key: 'seed',
    url: 'seed',
    label: 'Random seed',
    min: 0,
    max: 2 ** 31 - 1,
    integer: true,
    help: 'Same seed, same settings, same backend: the same loss curve.',
  }),
  num({
    key: 'augShift',
    url: 'shift',
    label: 'Random shift (px)',
    min: 0,
    max: 8,
    integer: true,
    help: "Moves each image by up to this many pixels, like AlexNet's random crops.",
  }),
  {
    key: 'augFlip',
    url: 'flip',
    type: 'bool',
    label: 'Horizontal flip',
    help: 'Mirrors half the images, as AlexNet did; wrong for digits (a mirrored 2 is not a 2).',
  },
  num({
    key: 'augNoise',
    url: 'noise',
    label: 'Pixel noise σ',
    min: 0,
    max: 1,
    help: "Adds Gaussian noise to pixels (0..1 scale), a simple cousin of AlexNet's PCA colour noise.",
  }),
  {
    key: 'backend',
    url: 'backend',
    type: 'choice',
    options: BACKENDS,
    label: 'Backend',
    optionLabels: { auto: 'Automatic (fastest real one)', ...BACKEND_DESCRIPTION },
    help: 'Where the maths runs; automatic picks WebGPU or WebGL only on real hardware.',
  },
];

export type ConfigErrors = Partial<Record<keyof TrainConfig, string>>;

function checkNumber(s: NumberSetting<keyof TrainConfig>, v: unknown): string | undefined {
  if (typeof v !== 'number' || !Number.isFinite(v)) return `${s.label} must be a number.`;
  if (s.integer && !Number.isInteger(v)) return `${s.label} must be a whole number.`;
  const lo = s.minInclusive ? v < s.min : v <= s.min;
  const hi = s.maxInclusive ? v > s.max : v >= s.max;
  if (lo || hi) {
    const left = s.minInclusive ? `at least ${s.min}` : `more than ${s.min}`;
    const right = s.maxInclusive ? `at most ${s.max}` : `less than ${s.max}`;
    return `${s.label} must be ${left} and ${right} (got ${v}).`;
  }
  return undefined;
}

/**
 * Every problem with a config, keyed by setting, each message naming the setting. An empty object means
 * the config can start. Cross-setting rules (batch larger than the data) are checked here too.
 */
export function validateConfig(c: TrainConfig): ConfigErrors {
  const errors: ConfigErrors = {};
  for (const s of SETTINGS) {
    const v = c[s.key];
    let e: string | undefined;
    if (s.type === 'number') e = checkNumber(s as NumberSetting<keyof TrainConfig>, v);
    else if (s.type === 'bool') e = typeof v === 'boolean' ? undefined : `${s.label} must be on or off.`;
    else e = (s.options as readonly unknown[]).includes(v) ? undefined : `${s.label}: unknown choice "${String(v)}".`;
    if (e) errors[s.key] = e;
  }
  const images = c.trainLimit > 0 ? c.trainLimit : TRAIN_SPLIT_SIZE;
  if (!errors.batchSize && !errors.trainLimit && c.batchSize > images) {
    errors.batchSize = `Batch size must not exceed the ${images.toLocaleString('en')} training images.`;
  }
  return errors;
}

/**
 * A config saved or shared by an older version, made current: settings added since take their defaults, and
 * renamed options (the network once called "seed", say) their new names. Validation is still the caller's.
 */
export function upgradeConfig(saved: Record<string, unknown>): TrainConfig {
  const config = { ...DEFAULT_CONFIG } as Record<string, unknown>;
  for (const s of SETTINGS) {
    if (!(s.key in saved)) continue;
    const v = saved[s.key];
    config[s.key] = s.type === 'choice' && typeof v === 'string' ? (s.aliases?.[v] ?? v) : v;
  }
  return config as unknown as TrainConfig;
}

/** Runtime check of a config arriving over the Worker boundary or from storage. */
export function isTrainConfig(x: unknown): x is TrainConfig {
  if (typeof x !== 'object' || x === null) return false;
  return SETTINGS.every((s) => s.key in x);
}

// ---- URL codec -------------------------------------------------------------------------------

export interface DecodedUrl {
  config: TrainConfig;
  /** One line per value that was unknown or malformed and fell back to its default. */
  notices: string[];
}

export function configToQuery(c: TrainConfig): string {
  const p = new URLSearchParams();
  for (const s of SETTINGS) {
    const v = c[s.key];
    if (v === DEFAULT_CONFIG[s.key]) continue;
    p.set(s.url, s.type === 'bool' ? (v ? '1' : '0') : String(v));
  }
  return p.toString();
}

/** Parses a query string; anything unknown or malformed falls back to the default with a notice. */
export function configFromQuery(query: string, base: TrainConfig = DEFAULT_CONFIG): DecodedUrl {
  const p = new URLSearchParams(query);
  const config: TrainConfig = { ...base };
  const notices: string[] = [];
  const known = new Set(SETTINGS.map((s) => s.url));
  for (const key of p.keys()) {
    if (!known.has(key)) notices.push(`Ignored unknown URL setting "${key}".`);
  }
  const mutable = config as unknown as Record<string, unknown>;
  for (const s of SETTINGS) {
    const raw = p.get(s.url);
    if (raw === null) continue;
    let value: unknown;
    if (s.type === 'bool') value = raw === '1' || raw === 'true' ? true : raw === '0' || raw === 'false' ? false : undefined;
    else if (s.type === 'number') value = raw.trim() === '' ? undefined : Number(raw);
    else value = s.aliases?.[raw] ?? raw;
    const candidate = { ...config, [s.key]: value } as TrainConfig;
    const err = value === undefined ? `${s.label}: cannot read "${raw}".` : validateConfig(candidate)[s.key];
    if (err) notices.push(`${err} Using the default, ${String(DEFAULT_CONFIG[s.key])}.`);
    else mutable[s.key] = value;
  }
  return { config, notices };
}
