/**
 * npm run bench:node [-- flags]: training throughput of OUR training core (src/train/trainer.ts, the very
 * Trainer the Worker drives) in Node, one JSON line per measurement, in the shape of PyTorch's
 * shared/gpu/bench_torch.py lines (impl, variant, batch, mode, first_step_ms, ms_per_step, img_per_s,
 * mean_ms, min_ms, steps, warmup, loss, finite_loss) plus adapter, model, data, gpu_errors.
 *
 *   npm run bench:node -- --backend=webgpu --batches=64,256,1024 --steps=20 --model=seed
 *   npm run bench:node -- --backend=wasm --batches=64 --steps=5
 *
 * Each (variant, batch) gets a fresh Trainer (DEFAULT_CONFIG of src/settings.ts, Adam, the seed net unless
 * --model says otherwise). A step is timed whole: batch preparation, forward, backward, update and the
 * awaited loss readback (the trainer reads the loss every step, as the live chart needs). The first
 * --warmup steps (shader compilation, buffer pools) are excluded from the statistics; first_step_ms shows
 * the very first one. On the GPU machine this runs bundled as .gpukit/bench.mjs (bench/gpu/kit.sh).
 *
 * Flags:
 *   --backend=webgpu|wasm|cpu   (default webgpu)       --batches=64,256,1024    --steps=20   --warmup=5
 *   --model=seed|small|tiny     --dataset=mnist|fashion --variants=relu-lrn[,tanh-lrn,relu-nolrn,...]
 *   --config=<URL query of src/settings.ts, e.g. "opt=sgd&lr=0.01">   applied before the variant
 *   --synthetic                 random pixels and labels instead of MNIST (same shapes, same speed)
 *   --data-dir=DIR              where the *.idx.gz files are (default: ./data beside the script if it
 *                               exists, as in the GPU kit, else public/data/). Missing files -> synthetic.
 *   --budget=90                 seconds per measurement; past it the measurement stops early (truncated)
 *   --profile[=15]              after each measurement, one more step under tf.profile: the top kernels
 *                               by GPU time (WebGPU timestamp queries tick in coarse steps on the H100,
 *                               65.5 µs: small kernels read as 0, so the total is a floor; rank, don't sum)
 *   --dawn=OPTION               Dawn instance option, repeatable (e.g. --dawn=backend=opengl)
 *   --feature-level=compatibility   lets Dawn offer OpenGL adapters (local checks on llvmpipe)
 *   --impl=NAME                 the impl field (default tfjs-<backend>-ours)
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import type { DatasetId, DatasetSplits, ImageSet } from '../src/data/dataset';
import { datasetFileNames, splitTrainValidation } from '../src/data/dataset';
import { loadDataset } from '../src/data/load';
import { DEFAULT_DATA_DIR, nodeReader } from '../node/data';
import { setNodeBackend } from '../node/backends';
import { configFromQuery, DEFAULT_CONFIG, MODELS, validateConfig, type ModelName, type TrainConfig } from '../src/settings';
import { mulberry32 } from '../src/train/random';
import { Trainer } from '../src/train/trainer';

type Backend = 'webgpu' | 'wasm' | 'cpu';
const BACKENDS: readonly Backend[] = ['webgpu', 'wasm', 'cpu'];

interface Options {
  backend: Backend;
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

function parseArgs(argv: string[]): Options {
  const o: Options = {
    backend: 'webgpu', batches: [64, 256, 1024], steps: 20, warmup: 5, model: 'article', dataset: 'mnist',
    variants: ['relu-lrn'], config: '', synthetic: false, dataDir: null, budgetS: 90, profileTop: 0, dawn: [],
    featureLevel: undefined, impl: '',
  };
  const int = (k: string, v: string, min: number) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${k}=${v}: want an integer >= ${min}`);
    return n;
  };
  for (const arg of argv) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m) throw new Error(`unknown argument ${arg} (flags look like --steps=20)`);
    const [, k, v = ''] = m;
    switch (k) {
      case 'backend':
        if (!BACKENDS.includes(v as Backend)) throw new Error(`--backend=${v}: one of ${BACKENDS.join(', ')}`);
        o.backend = v as Backend;
        break;
      case 'batches': o.batches = v.split(',').map((b) => int(k, b, 1)); break;
      case 'steps': o.steps = int(k, v, 1); break;
      case 'warmup': o.warmup = int(k, v, 0); break;
      case 'model':
        if (!MODELS.includes(v as ModelName)) throw new Error(`--model=${v}: one of ${MODELS.join(', ')}`);
        o.model = v as ModelName;
        break;
      case 'dataset':
        if (v !== 'mnist' && v !== 'fashion') throw new Error(`--dataset=${v}: mnist or fashion`);
        o.dataset = v;
        break;
      case 'variants':
        o.variants = v.split(',');
        for (const name of o.variants) variantSettings(name);
        break;
      case 'config': o.config = v; break;
      case 'synthetic': o.synthetic = true; break;
      case 'data-dir': o.dataDir = v; break;
      case 'budget': o.budgetS = int(k, v, 1); break;
      case 'profile': o.profileTop = v ? int(k, v, 1) : 15; break;
      case 'dawn': o.dawn.push(v); break;
      case 'feature-level':
        if (v !== 'core' && v !== 'compatibility') throw new Error(`--feature-level=${v}: core or compatibility`);
        o.featureLevel = v;
        break;
      case 'impl': o.impl = v; break;
      default: throw new Error(`unknown flag --${k}`);
    }
  }
  o.impl ||= `tfjs-${o.backend}-ours`;
  return o;
}

/** "relu-lrn", "tanh-nolrn", ...: the activation and LRN on/off, as bench_torch.py names its variants. */
function variantSettings(name: string): Pick<TrainConfig, 'activation' | 'lrn'> {
  const m = /^(relu|tanh|sigmoid)-(lrn|nolrn)$/.exec(name);
  if (!m) throw new Error(`variant ${name}: want <relu|tanh|sigmoid>-<lrn|nolrn>`);
  return { activation: m[1] as TrainConfig['activation'], lrn: m[2] === 'lrn' };
}

const round = (x: number, d = 3) => Number(x.toFixed(d));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const errorText = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e)).slice(0, 500);

let impl = 'tfjs-ours';
function emit(obj: Record<string, unknown>): void {
  console.log(JSON.stringify({ impl, ...obj }));
}

/** Random images and labels of MNIST's shapes (seeded): throughput does not depend on pixel values. */
function syntheticSplits(trainCount: number): DatasetSplits {
  const rnd = mulberry32(12345);
  const make = (count: number): ImageSet => {
    const images = new Uint8Array(count * 28 * 28);
    for (let i = 0; i < images.length; i++) images[i] = (rnd() * 256) | 0;
    const labels = new Uint8Array(count);
    for (let i = 0; i < count; i++) labels[i] = (rnd() * 10) | 0;
    return { images, labels, count, height: 28, width: 28 };
  };
  return { ...splitTrainValidation(make(trainCount + 5000)), test: make(1000) };
}

function dataDirCandidates(o: Options): string[] {
  if (o.dataDir) return [o.dataDir];
  const here = dirname(fileURLToPath(import.meta.url));
  return [join(here, 'data'), DEFAULT_DATA_DIR];
}

async function loadData(o: Options): Promise<{ data: DatasetSplits; source: string }> {
  const synthetic = () => syntheticSplits(Math.max(10_000, ...o.batches.map((b) => b * 2)));
  if (o.synthetic) return { data: synthetic(), source: 'synthetic' };
  const names = Object.values(datasetFileNames(o.dataset));
  const dir = dataDirCandidates(o).find((d) => names.every((n) => existsSync(join(d, n))));
  if (!dir) {
    emit({ event: 'warning', message: `no ${o.dataset} files (${names.join(', ')}) in ${dataDirCandidates(o).join(' or ')}: ` +
      'using synthetic data (same shapes; run `npm run data` for the real files)' });
    return { data: synthetic(), source: 'synthetic' };
  }
  return { data: await loadDataset(o.dataset, nodeReader(dir)), source: o.dataset };
}

interface GpuHooks {
  takeErrors: () => string[];
  /** Per-kernel GPU times in tf.profile need timestamp queries; without them every kernel reads 0. */
  timestampQuery: boolean;
}

async function startBackend(o: Options): Promise<{ adapter: string | null; gpu: GpuHooks | null }> {
  if (o.backend !== 'webgpu') {
    await setNodeBackend(o.backend);
    return { adapter: null, gpu: null };
  }
  // Dynamic: the `webgpu` addon (Dawn) is loaded only when WebGPU is asked for.
  // (Renamed: the name `use…` reads as a React hook to the lint rules.)
  const { startNodeWebGPU, takeWebGPUErrors } = await import('../node/webgpu');
  const info = await startNodeWebGPU({ dawnOptions: o.dawn, featureLevel: o.featureLevel });
  emit({ event: 'adapter', adapter: info.adapter, info: info.info, dawn: info.dawnOptions, feature_level: info.featureLevel,
    timestamp_query: info.timestampQuery, device_features: info.deviceFeatures, limits: info.limits,
    globals_set: info.globalsSet.length });
  return { adapter: info.adapter, gpu: { takeErrors: takeWebGPUErrors, timestampQuery: info.timestampQuery } };
}

function trainConfig(o: Options, variant: string, batch: number, trainCount: number): TrainConfig {
  const { config, notices } = configFromQuery(o.config, { ...DEFAULT_CONFIG, model: o.model, dataset: o.dataset });
  if (notices.length) throw new Error(`--config: ${notices.join('; ')}`);
  const c: TrainConfig = { ...config, ...variantSettings(variant), batchSize: batch, epochs: 1, trainLimit: 0 };
  const errors = Object.values(validateConfig(c));
  if (errors.length) throw new Error(errors.join(' '));
  // Enough epochs that the run never ends inside the measurement (small synthetic sets, big batches).
  const stepsPerEpoch = Math.max(1, Math.floor(trainCount / batch));
  c.epochs = Math.ceil((o.warmup + o.steps + 2) / stepsPerEpoch);
  return c;
}

async function profileStep(o: Options, trainer: Trainer, variant: string, batch: number, gpu: GpuHooks | null): Promise<Record<string, unknown>> {
  const t0 = performance.now();
  const info = await tf.profile(async () => {
    await trainer.trainStep();
  });
  const wallMs = performance.now() - t0;
  const byKey = new Map<string, { ms: number; n: number }>();
  let total = 0;
  let untimed = 0;
  for (const k of info.kernels) {
    const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : NaN;
    if (!Number.isFinite(ms)) untimed++;
    const key = `${k.name} ${JSON.stringify(k.inputShapes)}`;
    const entry = byKey.get(key) ?? { ms: 0, n: 0 };
    entry.ms += Number.isFinite(ms) ? ms : 0;
    entry.n++;
    byKey.set(key, entry);
    total += Number.isFinite(ms) ? ms : 0;
  }
  const byName = new Map<string, number>();
  for (const [key, v] of byKey) byName.set(key.split(' ')[0], (byName.get(key.split(' ')[0]) ?? 0) + v.ms);
  const top = [...byKey].sort((a, b) => b[1].ms - a[1].ms).slice(0, o.profileTop)
    .map(([k, v]) => ({ k, ms: round(v.ms), n: v.n }));
  const byOp = [...byName].sort((a, b) => b[1] - a[1]).slice(0, o.profileTop).map(([k, ms]) => ({ k, ms: round(ms) }));
  // GPU backends: kernelTimeMs is GPU time (timestamp queries); CPU backends: wall time of each kernel.
  const timing = gpu ? (gpu.timestampQuery ? 'gpu-timestamps' : 'none (no timestamp-query: all 0)') : 'cpu-wall';
  return { event: 'profile', variant, batch, timing, wall_ms: round(wallMs), kernels: info.kernels.length, untimed,
    total_kernel_ms: round(total), top, by_op: byOp };
}

async function measure(o: Options, data: DatasetSplits, dataSource: string, adapter: string | null, gpu: GpuHooks | null,
  variant: string, batch: number): Promise<void> {
  const rec: Record<string, unknown> = { variant, batch, mode: 'fp32', model: o.model, data: dataSource, backend: tf.getBackend() };
  if (adapter) rec.adapter = adapter;
  gpu?.takeErrors();
  const tensorsBefore = tf.memory().numTensors;
  let trainer: Trainer | null = null;
  let profile: Record<string, unknown> | null = null; // emitted after the measurement's line
  try {
    trainer = new Trainer(trainConfig(o, variant, batch, data.train.count), data);
    rec.params = trainer.model.countParams();
    const times: number[] = [];
    let first = NaN;
    let loss = NaN;
    const deadline = performance.now() + o.budgetS * 1000;
    for (let i = 0; i < o.warmup + o.steps; i++) {
      const t0 = performance.now();
      const r = await trainer.trainStep();
      const dt = performance.now() - t0;
      loss = r.loss;
      if (i === 0) first = dt;
      if (i >= o.warmup) times.push(dt);
      if (performance.now() > deadline && i + 1 < o.warmup + o.steps) {
        rec.truncated = `budget of ${o.budgetS} s reached after ${i + 1} steps`;
        break;
      }
    }
    if (times.length) {
      const med = median(times);
      Object.assign(rec, {
        first_step_ms: round(first), ms_per_step: round(med), img_per_s: round(batch / (med / 1000), 1),
        mean_ms: round(times.reduce((a, b) => a + b, 0) / times.length), min_ms: round(Math.min(...times)),
      });
    } else {
      rec.first_step_ms = round(first);
      rec.error = 'no step after the warm-up finished within the budget';
    }
    Object.assign(rec, { steps: times.length, warmup: o.warmup, loss: round(loss, 4), finite_loss: Number.isFinite(loss) });
    if (o.profileTop > 0 && !rec.error) {
      try {
        profile = await profileStep(o, trainer, variant, batch, gpu);
      } catch (e) {
        profile = { event: 'profile', variant, batch, error: errorText(e) };
      }
    }
  } catch (e) {
    rec.error = errorText(e);
  } finally {
    trainer?.dispose();
    rec.num_tensors_after = tf.memory().numTensors - tensorsBefore;
    if (gpu) {
      const errors = gpu.takeErrors();
      rec.gpu_errors = errors.length;
      // tfjs-webgpu returns zeros for invalid GPU work: such a measurement is not a measurement.
      if (errors.length) rec.gpu_error = errors[0].slice(0, 500);
    }
  }
  emit(rec);
  if (profile) emit(profile);
}

async function main(): Promise<number> {
  const o = parseArgs(process.argv.slice(2));
  impl = o.impl;
  emit({ event: 'start', node: process.version, tfjs: tf.version.tfjs, backend: o.backend, model: o.model,
    variants: o.variants, batches: o.batches, warmup: o.warmup, steps: o.steps, argv: process.argv.slice(2) });
  let backend: Awaited<ReturnType<typeof startBackend>>;
  try {
    backend = await startBackend(o);
  } catch (e) {
    emit({ event: 'backend', error: errorText(e) });
    return 1;
  }
  emit({ event: 'backend', backend: tf.getBackend() });
  const { data, source } = await loadData(o);
  for (const variant of o.variants) {
    for (const batch of o.batches) await measure(o, data, source, backend.adapter, backend.gpu, variant, batch);
  }
  emit({ event: 'done' });
  return 0;
}

// Dawn keeps the event loop alive: exit explicitly.
main().then(
  (code) => process.exit(code),
  (e) => {
    emit({ event: 'fatal', error: errorText(e) });
    process.exit(1);
  },
);
