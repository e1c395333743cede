/**
 * The flags of `npm run bench:node` (bench/node.ts): their table, defaults and checks, and what the
 * benchmark measures (ABOUT, printed by --help).
 */
import type { DatasetId } from '../src/data/dataset';
import { BACKENDS, DEFAULT_CONFIG, MODELS, type BackendChoice, type ModelName, type TrainConfig } from '../src/settings';
import { parseFlags, UsageError, type Flags } from './cli';

export const ABOUT = `
npm run bench:node [-- flags]: training throughput of OUR training core (src/train/trainer.ts, the very
Trainer the Worker drives) in Node, one JSON line per measurement, in the shape of the PyTorch baseline's
lines (bench/gpu/bench_torch.py: impl, variant, batch, mode, first_step_ms, ms_per_step, img_per_s,
mean_ms, min_ms, steps, warmup, loss, finite_loss) plus adapter, model, data, gpu_errors.

  npm run bench:node -- --backend=webgpu --batches=64,256,1024 --steps=20
  npm run bench:node -- --backend=wasm --batches=64 --steps=5

Each (variant, batch) gets a fresh Trainer (DEFAULT_CONFIG of src/settings.ts, Adam, the default network
unless --model says otherwise). A step is timed whole: batch preparation, forward, backward, update and the
awaited loss readback (the trainer reads the loss every step, as the live chart needs). The first --warmup
steps (shader compilation, buffer pools) are excluded from the statistics; first_step_ms shows the very
first one. On a GPU machine this runs bundled as .gpukit/bench.mjs (bench/gpu/README.md).`;

/** Node has no WebGL: the settings' backends without 'auto' and 'webgl'. */
export type NodeBenchBackend = Exclude<BackendChoice, 'auto' | 'webgl'>;
const NODE_BACKENDS: readonly NodeBenchBackend[] = BACKENDS.filter((b): b is NodeBenchBackend => b !== 'auto' && b !== 'webgl');

export interface NodeBenchOptions {
  backend: NodeBenchBackend;
  batches: number[];
  steps: number;
  warmup: number;
  model: ModelName;
  dataset: DatasetId;
  variants: string[];
  config: string;
  synthetic: boolean;
  dataDir: string | null;
  budgetS: number;
  profileTop: number;
  dawn: string[];
  featureLevel: 'core' | 'compatibility' | undefined;
  impl: string;
}

const FLAGS = {
  backend: { type: 'string', value: NODE_BACKENDS.join('|'), help: 'default webgpu' },
  batches: { type: 'string', value: '64,256,1024', help: 'batch sizes (default 64,256,1024)' },
  steps: { type: 'string', value: 'N', help: 'timed steps per measurement (default 20)' },
  warmup: { type: 'string', value: 'N', help: 'untimed steps first (default 5)' },
  model: { type: 'string', value: MODELS.join('|'), help: `default ${DEFAULT_CONFIG.model}` },
  dataset: { type: 'string', value: 'mnist|fashion', help: 'default mnist' },
  variants: {
    type: 'string',
    value: 'relu-lrn[,tanh-lrn,...]',
    help: '<relu|tanh|sigmoid>-<lrn|nolrn>, as bench_torch.py names them (default relu-lrn)',
  },
  config: { type: 'string', value: 'QUERY', help: 'URL query of src/settings.ts, e.g. "opt=sgd&lr=0.01"; applied before the variant' },
  synthetic: { type: 'boolean', help: 'random pixels and labels instead of MNIST (same shapes, same speed)' },
  'data-dir': {
    type: 'string',
    value: 'DIR',
    help: 'where the *.idx.gz files are (default: ./data beside the script if it exists,\nas in the GPU kit, else public/data/). Missing files -> synthetic.',
  },
  budget: { type: 'string', value: 'S', help: 'seconds per measurement; past it the measurement stops early, truncated (default 90)' },
  profile: {
    type: 'string',
    bare: '15',
    value: 'N',
    help:
      'after each measurement, one more step under tf.profile: the top N kernels by GPU time\n' +
      '(WebGPU timestamp queries can tick coarsely, so small kernels read as 0: rank, do not sum)',
  },
  dawn: { type: 'string', multiple: true, value: 'OPTION', help: 'Dawn instance option, repeatable (e.g. --dawn=backend=opengl)' },
  'feature-level': {
    type: 'string',
    value: 'core|compatibility',
    help: 'compatibility lets Dawn offer OpenGL adapters (local checks on llvmpipe)',
  },
  impl: { type: 'string', value: 'NAME', help: 'the impl field (default tfjs-<backend>-ours)' },
} satisfies Flags;

function int(k: string, v: string, min: number): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${k}=${v}: want an integer >= ${min}`);
  return n;
}

/** "relu-lrn", "tanh-nolrn", ...: the activation and LRN on/off, as bench_torch.py names its variants. */
export function variantSettings(name: string): Pick<TrainConfig, 'activation' | 'lrn'> {
  const m = /^(relu|tanh|sigmoid)-(lrn|nolrn)$/.exec(name);
  if (!m) throw new UsageError(`variant ${name}: want <relu|tanh|sigmoid>-<lrn|nolrn>`);
  return { activation: m[1] as TrainConfig['activation'], lrn: m[2] === 'lrn' };
}

export function parseOptions(argv: readonly string[]): NodeBenchOptions {
  const f = parseFlags(argv, FLAGS, ABOUT);
  const backend = f.backend ?? 'webgpu';
  if (!(NODE_BACKENDS as readonly string[]).includes(backend))
    throw new UsageError(`--backend=${backend}: one of ${NODE_BACKENDS.join(', ')}`);
  const model = f.model ?? DEFAULT_CONFIG.model;
  if (!(MODELS as readonly string[]).includes(model)) throw new UsageError(`--model=${model}: one of ${MODELS.join(', ')}`);
  const dataset = f.dataset ?? 'mnist';
  if (dataset !== 'mnist' && dataset !== 'fashion') throw new UsageError(`--dataset=${dataset}: mnist or fashion`);
  const featureLevel = f['feature-level'];
  if (featureLevel !== undefined && featureLevel !== 'core' && featureLevel !== 'compatibility') {
    throw new UsageError(`--feature-level=${featureLevel}: core or compatibility`);
  }
  const variants = f.variants?.split(',') ?? ['relu-lrn'];
  for (const name of variants) variantSettings(name);
  return {
    backend: backend as NodeBenchBackend,
    batches: f.batches?.split(',').map((b) => int('batches', b, 1)) ?? [64, 256, 1024],
    steps: f.steps === undefined ? 20 : int('steps', f.steps, 1),
    warmup: f.warmup === undefined ? 5 : int('warmup', f.warmup, 0),
    model: model as ModelName,
    dataset,
    variants,
    config: f.config ?? '',
    synthetic: f.synthetic ?? false,
    dataDir: f['data-dir'] ?? null,
    budgetS: f.budget === undefined ? 90 : int('budget', f.budget, 1),
    profileTop: f.profile === undefined ? 0 : int('profile', f.profile, 1),
    dawn: f.dawn ?? [],
    featureLevel,
    impl: f.impl || `tfjs-${backend}-ours`,
  };
}
