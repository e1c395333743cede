/**
 * The flags of `npm run bench` (bench/browser.ts): their table, their defaults and their checks.
 */
import { parseFlags, UsageError, type Flags } from './cli';
import { TRAIN_SPLIT_SIZE } from '../src/data/dataset';
import { BACKENDS, DEFAULT_CONFIG, MODELS, WIDTHS, type BackendChoice, type ModelName, type NetworkWidth } from '../src/settings';

export const PARTS = ['tfjs', 'convnetjs', 'pageload', 'vis', 'race'] as const;
export type Part = (typeof PARTS)[number];

/** The backends a run can be forced onto: the settings' list without 'auto'. */
export type BenchBackend = Exclude<BackendChoice, 'auto'>;
export const BENCH_BACKENDS: readonly BenchBackend[] = BACKENDS.filter((b): b is BenchBackend => b !== 'auto');
/** WASM first: on a machine without a GPU it is the number that counts, and the software GPUs are slow. */
const DEFAULT_BACKENDS = [...BENCH_BACKENDS].sort((a, b) => Number(b === 'wasm') - Number(a === 'wasm'));
const CONVNET_METHODS = ['adadelta', 'sgd'] as const;
const VIS_MODEL: ModelName = 'small'; // short steps: the page's own drawing shows most against them

/** A network measured beside --model: a model and, for the AlexNet models, a width. */
export interface BenchNet {
  model: ModelName;
  width?: NetworkWidth;
}
/** What a bare --nets measures: Figure 1's network and AlexNet for small images at two widths. */
const COLOUR_NETS = 'figure1,alexnet-small@1/4,alexnet-small@1';
/** The images --nets trains on until a colour dataset exists: CIFAR-10's shape, random pixels. */
export const SYNTHETIC_SHAPE: [number, number, number] = [32, 32, 3];

export interface BenchOptions {
  backends: BenchBackend[];
  batches: number[];
  steps: number;
  budgetS: number;
  setupTimeoutS: number;
  model: ModelName;
  /** Measured after --model at each backend and batch, on synthetic SYNTHETIC_SHAPE images. */
  nets: BenchNet[];
  convnetImages: number;
  convnetMethod: (typeof CONVNET_METHODS)[number];
  visModel: ModelName;
  visSteps: number;
  visRepeats: number;
  only: Part[];
}

const FLAGS = {
  backends: {
    type: 'string',
    value: BENCH_BACKENDS.join(','),
    help: `backends to measure, in this order (default ${DEFAULT_BACKENDS.join(',')})`,
  },
  batches: { type: 'string', value: '64,256', help: 'batch sizes (default 64,256)' },
  steps: { type: 'string', value: 'N', help: 'training steps per measurement (default 6)' },
  budget: { type: 'string', value: 'S', help: 'seconds per measurement; it ends with fewer steps when they run out (default 120)' },
  model: { type: 'string', value: MODELS.join('|'), help: `network of the tfjs and ConvNetJS runs (default ${DEFAULT_CONFIG.model})` },
  nets: {
    type: 'string',
    value: 'MODEL[@WIDTH],...',
    bare: COLOUR_NETS,
    help: `also these networks, on synthetic ${SYNTHETIC_SHAPE.join('x')} images (bare: ${COLOUR_NETS}; default none)`,
  },
  'setup-timeout': { type: 'string', value: 'S', help: 'seconds allowed to set up each run: tfjs, backend, data, model (default 120)' },
  'convnet-images': { type: 'string', value: 'N', help: 'images ConvNetJS trains on, 0 = none (default 64*ceil(steps/3))' },
  'convnet-method': { type: 'string', value: CONVNET_METHODS.join('|'), help: 'ConvNetJS trainer (default adadelta)' },
  'vis-model': { type: 'string', value: MODELS.join('|'), help: `network of the vis measurement (default ${VIS_MODEL})` },
  'vis-steps': { type: 'string', value: 'N', help: 'steps per vis sample (default 10*steps, within 20..100)' },
  'vis-repeats': { type: 'string', value: 'N', help: 'rounds of the five vis variants (default 1)' },
  only: { type: 'string', value: PARTS.join(','), help: 'the parts to run (default all)' },
} satisfies Flags;

const list = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function int(name: string, v: string, min: number): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be a whole number >= ${min} (got "${v}")`);
  return n;
}

/** Names from a comma list, each one of `known`. */
function names<T extends string>(flag: string, v: string, known: readonly T[]): T[] {
  const given = list(v);
  const bad = given.filter((x) => !(known as readonly string[]).includes(x));
  if (bad.length || given.length === 0) throw new UsageError(`--${flag}: unknown ${bad.join(', ') || '(empty)'}; use ${known.join(',')}`);
  return given as T[];
}

/** `figure1,alexnet-small@1/4` -> [{ model: 'figure1' }, { model: 'alexnet-small', width: '1/4' }] */
function nets(v: string | undefined): BenchNet[] {
  if (v === undefined) return [];
  return list(v).map((item) => {
    const [m, width] = item.split('@');
    const net: BenchNet = { model: model('nets', m, DEFAULT_CONFIG.model) };
    if (width === undefined) return net;
    if (!(WIDTHS as readonly string[]).includes(width)) throw new UsageError(`--nets: width "${width}" is not one of ${WIDTHS.join(', ')}`);
    return { ...net, width: width as NetworkWidth };
  });
}

function model(flag: string, v: string | undefined, fallback: ModelName): ModelName {
  if (v === undefined) return fallback;
  if (!(MODELS as readonly string[]).includes(v)) throw new UsageError(`--${flag}: use ${MODELS.join('|')}`);
  return v as ModelName;
}

export function parseOptions(argv: readonly string[], about: string): BenchOptions {
  const f = parseFlags(argv, FLAGS, about);
  const steps = f.steps === undefined ? 6 : int('steps', f.steps, 1);
  const method = f['convnet-method'] ?? 'adadelta';
  if (method !== 'adadelta' && method !== 'sgd') throw new UsageError(`--convnet-method: use ${CONVNET_METHODS.join('|')}`);
  const o: BenchOptions = {
    backends: f.backends === undefined ? DEFAULT_BACKENDS : names('backends', f.backends, BENCH_BACKENDS),
    batches: f.batches === undefined ? [64, 256] : list(f.batches).map((v) => int('batches', v, 1)),
    steps,
    budgetS: f.budget === undefined ? 120 : int('budget', f.budget, 1),
    setupTimeoutS: f['setup-timeout'] === undefined ? 120 : int('setup-timeout', f['setup-timeout'], 1),
    model: model('model', f.model, DEFAULT_CONFIG.model),
    nets: nets(f.nets),
    // The extra measurements scale with --steps, so a quick run (--steps=3) stays quick.
    convnetImages: f['convnet-images'] === undefined ? 64 * Math.ceil(steps / 3) : int('convnet-images', f['convnet-images'], 0),
    convnetMethod: method,
    visModel: model('vis-model', f['vis-model'], VIS_MODEL),
    visSteps: f['vis-steps'] === undefined ? Math.min(100, Math.max(20, 10 * steps)) : int('vis-steps', f['vis-steps'], 2),
    visRepeats: f['vis-repeats'] === undefined ? 1 : int('vis-repeats', f['vis-repeats'], 1),
    only: f.only === undefined ? [...PARTS] : names('only', f.only, PARTS),
  };
  for (const b of o.batches) {
    if (b * o.steps > TRAIN_SPLIT_SIZE)
      throw new UsageError(`--steps x batch (${o.steps} x ${b}) exceeds the ${TRAIN_SPLIT_SIZE} training images`);
  }
  if (64 * o.visSteps > TRAIN_SPLIT_SIZE) throw new UsageError('--vis-steps too large');
  return o;
}
