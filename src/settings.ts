/**
 * Every setting of a training run, in one table. The controls, the URL codec and the validation are all
 * derived from it, so a setting is described exactly once (the tensorflow/playground idea, typed).
 * Plain TypeScript: imported by the Worker, the page and Node tests alike.
 */
import { BACKEND_NAMES } from './backend/names';
import { BUILTIN_DATASETS, TRAIN_SPLIT_SIZE, USER_DATASET_ID, type DatasetId, type UserDatasetId } from './data/dataset';
import { msg, type Message } from './i18n/message';
import { datasetInput, networkProblem } from './model/network-for';
import type { Shape3 } from './model/networks';

/** The built-in datasets; a user's imported ones (`user:<id>`) are choices too, known only to the Worker. */
export const DATASETS = BUILTIN_DATASETS;
export const MODELS = ['article', 'small', 'tiny', 'figure1', 'alexnet-small', 'alexnet2012'] as const;
/** The models whose filters and hidden units scale with `width` (src/model/networks.ts). */
export const WIDE_MODELS: readonly ModelName[] = ['alexnet-small', 'alexnet2012'];
/** Width multipliers of the AlexNet models: every conv's filters and the hidden dense units, times this. */
export const WIDTHS = ['1/16', '1/8', '1/4', '1/2', '1'] as const;
export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid'] as const;
/** 'cuda-convnet': each layer's Gaussian σ from the network's table (Figure 1's network: cuda-convnet's initW). */
export const INITS = ['glorot', 'he', 'normal', 'cuda-convnet'] as const;
export const POOLINGS = ['2x2', '3x3s2'] as const;
export const OPTIMIZERS = ['adam', 'sgd'] as const;
export const BACKENDS = ['auto', ...BACKEND_NAMES] as const;

export type Dataset = DatasetId | UserDatasetId;
export type ModelName = (typeof MODELS)[number];
export type NetworkWidth = (typeof WIDTHS)[number];
export type Activation = (typeof ACTIVATIONS)[number];
export type Init = (typeof INITS)[number];
export type Pooling = (typeof POOLINGS)[number];
export type OptimizerName = (typeof OPTIMIZERS)[number];
export type BackendChoice = (typeof BACKENDS)[number];

export interface TrainConfig {
  dataset: Dataset;
  model: ModelName;
  width: NetworkWidth;
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
  /**
   * With a limit: the same images every epoch (a small training set, which a network can learn by heart), rather than
   * a fresh draw from the whole split each epoch.
   */
  fixedSubset: boolean;
  seed: number;
  augShift: number;
  augFlip: boolean;
  augNoise: number;
  /** AlexNet's PCA colour noise (RGB datasets only). */
  augColour: boolean;
  backend: BackendChoice;
}

interface Base<K extends keyof TrainConfig> {
  key: K;
  /** Short key used in the URL. */
  url: string;
  /**
   * Values for the help text's slots (its words, name and option names are in src/i18n/<language>/settings.ts,
   * under the setting's key).
   */
  helpValues?: Record<string, number>;
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
  /** Old values still read from links and saved runs, and the option each now means. */
  aliases?: Record<string, string>;
  /**
   * Values valid besides the options, by their form: choices the pure core cannot list (a user's imported
   * datasets live in the Worker's storage; it refuses, at start, an id it does not have).
   */
  pattern?: RegExp;
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
  width: '1/4',
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
  fixedSubset: false,
  seed: 42,
  augShift: 0,
  augFlip: false,
  augNoise: 0,
  augColour: false,
  backend: 'auto',
};

const num = <K extends keyof TrainConfig>(
  s: Omit<NumberSetting<K>, 'type' | 'minInclusive' | 'maxInclusive' | 'integer'> &
    Partial<Pick<NumberSetting<K>, 'minInclusive' | 'maxInclusive' | 'integer'>>,
): NumberSetting<K> => ({ type: 'number', minInclusive: true, maxInclusive: true, integer: false, ...s });

const sgdOn = (c: TrainConfig) => c.optimizer === 'sgd';
/**
 * The article's networks take the LRN constants and the pooling from the settings. The AlexNet models use the
 * paper's LRN constants and its overlapping pooling; Figure 1's network has no LRN and no dropout (the figure
 * used no regularisation) and pools as its cuda-convnet file does (src/model/networks.ts).
 */
const articleNet = (c: TrainConfig) => c.model === 'article' || c.model === 'small' || c.model === 'tiny';
const lrnOn = (c: TrainConfig) => c.lrn && articleNet(c);
const notFigure1 = (c: TrainConfig) => c.model !== 'figure1';

export const SETTINGS: readonly Setting[] = [
  {
    key: 'dataset',
    url: 'data',
    type: 'choice',
    options: DATASETS,
    pattern: USER_DATASET_ID,
  },
  {
    key: 'model',
    url: 'model',
    type: 'choice',
    options: MODELS,
    aliases: { seed: 'article' },
  },
  {
    key: 'width',
    url: 'w',
    type: 'choice',
    options: WIDTHS,
    relevant: (c) => WIDE_MODELS.includes(c.model),
  },
  {
    key: 'activation',
    url: 'act',
    type: 'choice',
    options: ACTIVATIONS,
  },
  {
    key: 'init',
    url: 'init',
    type: 'choice',
    options: INITS,
    aliases: { 'seed-normal': 'normal' },
  },
  {
    key: 'lrn',
    url: 'lrn',
    type: 'bool',
    relevant: notFigure1,
  },
  num({
    key: 'lrnDepthRadius',
    url: 'lrnr',
    min: 1,
    max: 16,
    integer: true,
    relevant: lrnOn,
  }),
  num({
    key: 'lrnBias',
    url: 'lrnk',
    min: 0,
    max: 10,
    minInclusive: false,
    relevant: lrnOn,
  }),
  num({
    key: 'lrnAlpha',
    url: 'lrna',
    min: 0,
    max: 1,
    log: true,
    slider: [1e-6, 1],
    relevant: lrnOn,
  }),
  num({
    key: 'lrnBeta',
    url: 'lrnb',
    min: 0,
    max: 2,
    relevant: lrnOn,
  }),
  num({
    key: 'dropout',
    url: 'drop',
    min: 0,
    max: 1,
    maxInclusive: false,
    relevant: notFigure1,
  }),
  {
    key: 'pooling',
    url: 'pool',
    type: 'choice',
    options: POOLINGS,
    relevant: articleNet,
  },
  {
    key: 'optimizer',
    url: 'opt',
    type: 'choice',
    options: OPTIMIZERS,
  },
  num({
    // The upper bound only catches typos: a student is welcome to watch a huge rate diverge.
    key: 'learningRate',
    url: 'lr',
    min: 0,
    max: 1e6,
    minInclusive: false,
    log: true,
    slider: [1e-5, 1],
  }),
  num({
    key: 'momentum',
    url: 'mom',
    min: 0,
    max: 1,
    maxInclusive: false,
    relevant: sgdOn,
  }),
  num({
    key: 'weightDecay',
    url: 'wd',
    min: 0,
    max: 1,
    relevant: sgdOn,
  }),
  num({
    key: 'batchSize',
    url: 'bs',
    min: 1,
    max: 4096,
    integer: true,
  }),
  num({
    key: 'epochs',
    url: 'ep',
    min: 1,
    max: 100,
    integer: true,
  }),
  num({
    key: 'trainLimit',
    url: 'n',
    min: 0,
    max: TRAIN_SPLIT_SIZE,
    integer: true,
    helpValues: { all: TRAIN_SPLIT_SIZE },
  }),
  {
    key: 'fixedSubset',
    url: 'fix',
    type: 'bool',
    // Without a limit every epoch sees the whole split anyway.
    relevant: (c) => c.trainLimit > 0,
  },
  num({
    key: 'seed',
    url: 'seed',
    min: 0,
    max: 2 ** 31 - 1,
    integer: true,
  }),
  num({
    key: 'augShift',
    url: 'shift',
    min: 0,
    max: 8,
    integer: true,
  }),
  {
    key: 'augFlip',
    url: 'flip',
    type: 'bool',
  },
  num({
    key: 'augNoise',
    url: 'noise',
    min: 0,
    max: 1,
  }),
  {
    key: 'augColour',
    url: 'pca',
    type: 'bool',
    helpValues: { sigma: 0.1 },
    // Greyscale images have no colour to vary.
    relevant: (c) => c.dataset !== 'mnist' && c.dataset !== 'fashion',
  },
  {
    key: 'backend',
    url: 'backend',
    type: 'choice',
    options: BACKENDS,
  },
];

/** Every problem with a config, by setting: a message the page translates, naming the setting. */
export type ConfigErrors = Partial<Record<keyof TrainConfig, Message>>;

/** A setting's name, as a message (for sentences about it). */
export const settingName = (key: keyof TrainConfig): Message => msg(`settings.${key}.label`);

function checkNumber(s: NumberSetting<keyof TrainConfig>, v: unknown): Message | undefined {
  const setting = settingName(s.key);
  if (typeof v !== 'number' || !Number.isFinite(v)) return msg('validation.notANumber', { setting });
  if (s.integer && !Number.isInteger(v)) return msg('validation.notWhole', { setting });
  const lo = s.minInclusive ? v < s.min : v <= s.min;
  const hi = s.maxInclusive ? v > s.max : v >= s.max;
  if (lo || hi) {
    const low = msg(s.minInclusive ? 'validation.atLeast' : 'validation.moreThan', { min: s.min });
    const high = msg(s.maxInclusive ? 'validation.atMost' : 'validation.lessThan', { max: s.max });
    return msg('validation.range', { setting, low, high, value: v });
  }
  return undefined;
}

/** What is wrong with one setting's value on its own (its type, range or choices), if anything. */
export function checkSetting(s: Setting, v: unknown): Message | undefined {
  if (s.type === 'number') return checkNumber(s as NumberSetting<keyof TrainConfig>, v);
  if (s.type === 'bool') return typeof v === 'boolean' ? undefined : msg('validation.notOnOff', { setting: settingName(s.key) });
  if (!(s.options as readonly unknown[]).includes(v) && !(typeof v === 'string' && s.pattern?.test(v)))
    return msg('validation.unknownChoice', { setting: settingName(s.key), value: String(v) });
  return undefined;
}

/**
 * Every problem with a config, keyed by setting, each message naming the setting. An empty object means
 * the config can start. Only settings that apply are checked (momentum only for SGD, ...): a setting the page
 * hides cannot block a run, since nothing on screen could show why. Cross-setting rules (batch larger than the
 * data) are checked here too.
 */
export function validateConfig(c: TrainConfig): ConfigErrors {
  const errors: ConfigErrors = {};
  for (const s of SETTINGS) {
    if (s.relevant && !s.relevant(c)) continue;
    const e = checkSetting(s, c[s.key]);
    if (e) errors[s.key] = e;
  }
  // An imported dataset's images are checked by the Worker, which has them (and by the page once it has listed them:
  // src/app/dataset-library.ts, datasetProblems).
  return checkDataRules(c, errors, { trainImages: c.trainLimit > 0 ? c.trainLimit : TRAIN_SPLIT_SIZE, input: datasetInput(c.dataset) });
}

/**
 * The rules that need the dataset: a batch larger than the training images a run takes (`trainImages`), and a
 * network that cannot take the images, or an init it has no values for (`input`, on `classes` classes, 10 if not
 * said; null: images only the Worker knows, not checked). Added to `errors`, which are returned, unless a setting a
 * rule reads is already wrong there.
 */
export function checkDataRules(
  c: TrainConfig,
  errors: ConfigErrors,
  data: { trainImages: number; input: Shape3 | null; classes?: number },
): ConfigErrors {
  if (!errors.batchSize && !errors.trainLimit && c.batchSize > data.trainImages) {
    errors.batchSize = msg('validation.batchOverData', { images: data.trainImages });
  }
  const networkKeys = ['dataset', 'model', 'width', 'activation', 'init'] as const;
  if (data.input && networkKeys.every((k) => !errors[k])) {
    const problem = networkProblem(c, data.input, data.classes);
    if (problem) errors[problem.key === 'networks.noLayerStd' ? 'init' : 'model'] = problem;
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

/**
 * A config from a file (an exported run, a saved model), made current by upgradeConfig and checked by the table's
 * rules: the config, or the first problem with the setting it is about. A key the table does not know means the
 * file comes from another version or another network, and is refused rather than silently dropped.
 */
export function readSavedConfig(
  saved: Record<string, unknown>,
): { ok: true; config: TrainConfig } | { ok: false; key: string; problem?: Message } {
  const known = new Set<string>(SETTINGS.map((s) => s.key));
  const unknown = Object.keys(saved).find((k) => !known.has(k));
  if (unknown !== undefined) return { ok: false, key: unknown };
  const config = upgradeConfig(saved);
  const errors = validateConfig(config);
  const bad = (Object.keys(errors) as (keyof TrainConfig)[])[0];
  return bad ? { ok: false, key: bad, problem: errors[bad] } : { ok: true, config };
}

// ---- URL codec -------------------------------------------------------------------------------

export interface DecodedUrl {
  config: TrainConfig;
  /** One line per value that was unknown or malformed and fell back to its default. */
  notices: Message[];
}

/** An on/off value in a link: 1 or true, 0 or false (configToQuery writes 1 and 0); undefined for anything else. */
export function readBool(raw: string): boolean | undefined {
  return raw === '1' || raw === 'true' ? true : raw === '0' || raw === 'false' ? false : undefined;
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

/**
 * Parses a query string; anything unknown or malformed falls back to the default with a notice. `otherParams`:
 * parameters the page itself reads (the language, say), which are not training settings but not unknown either.
 */
export function configFromQuery(query: string, base: TrainConfig = DEFAULT_CONFIG, otherParams: readonly string[] = []): DecodedUrl {
  const p = new URLSearchParams(query);
  const config: TrainConfig = { ...base };
  const notices: Message[] = [];
  const known = new Set([...SETTINGS.map((s) => s.url), ...otherParams]);
  for (const key of p.keys()) {
    if (!known.has(key)) notices.push(msg('validation.urlUnknown', { key }));
  }
  const mutable = config as unknown as Record<string, unknown>;
  for (const s of SETTINGS) {
    const raw = p.get(s.url);
    if (raw === null) continue;
    let value: unknown;
    if (s.type === 'bool') value = readBool(raw);
    else if (s.type === 'number') value = raw.trim() === '' ? undefined : Number(raw);
    else value = s.aliases?.[raw] ?? raw;
    const candidate = { ...config, [s.key]: value } as TrainConfig;
    // A link's value is checked even when its setting does not apply now: it would show up wrong once it does.
    const err =
      value === undefined
        ? msg('validation.unreadable', { setting: settingName(s.key), value: raw })
        : (checkSetting(s, value) ?? validateConfig(candidate)[s.key]);
    if (err) notices.push(msg('validation.urlFallback', { problem: err, fallback: String(DEFAULT_CONFIG[s.key]) }));
    else mutable[s.key] = value;
  }
  return { config, notices };
}
