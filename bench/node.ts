/**
 * `npm run bench:node [-- flags]`: our training step in Node (WASM, CPU, or WebGPU through Dawn), timed
 * whole, one JSON line per measurement comparable with the PyTorch baseline's (bench/gpu/bench_torch.py).
 * Flags and what is measured: bench/node-options.ts (also `--help`).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import type { DatasetSplits, ImageSet } from '../src/data/dataset';
import { datasetFileNames, splitTrainValidation } from '../src/data/dataset';
import { loadDataset } from '../src/data/load';
import { DEFAULT_DATA_DIR, nodeReader } from '../node/data';
import { setNodeBackend } from '../node/backends';
import { englishText } from '../src/i18n/message';
import { configFromQuery, DEFAULT_CONFIG, validateConfig, type TrainConfig } from '../src/settings';
import { mulberry32 } from '../src/train/random';
import { Trainer } from '../src/train/trainer';
import { UsageError } from './cli';
import { parseOptions, variantSettings, type NodeBenchOptions as Options } from './node-options';

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
    return { images, labels, count, height: 28, width: 28, channels: 1 };
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
    emit({
      event: 'warning',
      message:
        `no ${o.dataset} files (${names.join(', ')}) in ${dataDirCandidates(o).join(' or ')}: ` +
        'using synthetic data (same shapes; run `npm run data` for the real files)',
    });
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
  emit({
    event: 'adapter',
    adapter: info.adapter,
    info: info.info,
    dawn: info.dawnOptions,
    feature_level: info.featureLevel,
    timestamp_query: info.timestampQuery,
    device_features: info.deviceFeatures,
    limits: info.limits,
    globals_set: info.globalsSet.length,
  });
  return { adapter: info.adapter, gpu: { takeErrors: takeWebGPUErrors, timestampQuery: info.timestampQuery } };
}

function trainConfig(o: Options, variant: string, batch: number, trainCount: number): TrainConfig {
  const { config, notices } = configFromQuery(o.config, { ...DEFAULT_CONFIG, model: o.model, dataset: o.dataset });
  if (notices.length) throw new Error(`--config: ${notices.map(englishText).join('; ')}`);
  const c: TrainConfig = { ...config, ...variantSettings(variant), batchSize: batch, epochs: 1, trainLimit: 0 };
  const errors = Object.values(validateConfig(c));
  if (errors.length) throw new Error(errors.map(englishText).join(' '));
  // Enough epochs that the run never ends inside the measurement (small synthetic sets, big batches).
  const stepsPerEpoch = Math.max(1, Math.floor(trainCount / batch));
  c.epochs = Math.ceil((o.warmup + o.steps + 2) / stepsPerEpoch);
  return c;
}

async function profileStep(
  o: Options,
  trainer: Trainer,
  variant: string,
  batch: number,
  gpu: GpuHooks | null,
): Promise<Record<string, unknown>> {
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
  const top = [...byKey]
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, o.profileTop)
    .map(([k, v]) => ({ k, ms: round(v.ms), n: v.n }));
  const byOp = [...byName]
    .sort((a, b) => b[1] - a[1])
    .slice(0, o.profileTop)
    .map(([k, ms]) => ({ k, ms: round(ms) }));
  // GPU backends: kernelTimeMs is GPU time (timestamp queries); CPU backends: wall time of each kernel.
  const timing = gpu ? (gpu.timestampQuery ? 'gpu-timestamps' : 'none (no timestamp-query: all 0)') : 'cpu-wall';
  return {
    event: 'profile',
    variant,
    batch,
    timing,
    wall_ms: round(wallMs),
    kernels: info.kernels.length,
    untimed,
    total_kernel_ms: round(total),
    top,
    by_op: byOp,
  };
}

async function measure(
  o: Options,
  data: DatasetSplits,
  dataSource: string,
  adapter: string | null,
  gpu: GpuHooks | null,
  variant: string,
  batch: number,
): Promise<void> {
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
        first_step_ms: round(first),
        ms_per_step: round(med),
        img_per_s: round(batch / (med / 1000), 1),
        mean_ms: round(times.reduce((a, b) => a + b, 0) / times.length),
        min_ms: round(Math.min(...times)),
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
  const o = parseOptions(process.argv.slice(2));
  impl = o.impl;
  emit({
    event: 'start',
    node: process.version,
    tfjs: tf.version.tfjs,
    backend: o.backend,
    model: o.model,
    variants: o.variants,
    batches: o.batches,
    warmup: o.warmup,
    steps: o.steps,
    argv: process.argv.slice(2),
  });
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
    // A mistake in the flags: one line on stderr, no JSON line (nothing was measured).
    if (e instanceof UsageError) console.error(`bench:node: ${e.message}`);
    else emit({ event: 'fatal', error: errorText(e) });
    process.exit(e instanceof UsageError ? 2 : 1);
  },
);
