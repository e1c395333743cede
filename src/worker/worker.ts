/// <reference lib="webworker" />
/**
 * The training Worker: owns tfjs, the backend, the data and the model. The page only sends commands and
 * draws the events (protocol.ts). Nothing here blocks on a GPU read: results come back with `await data()`.
 */
import * as tf from '@tensorflow/tfjs';
import { DATASET_INFO, type DatasetSplits } from '../data/dataset';
import { fetchReader, loadDataset } from '../data/load';
import { validateConfig, type BackendChoice, type Dataset, type TrainConfig } from '../settings';
import { chooseBackend, onGpuFailure, reportGpuFailure } from '../backend/backend';
import { FeatureMapProbe, mapsInterval } from '../train/feature-maps';
import { isCommand, type BackendInfo, type BackendName, type Command, type VisOptions, type WorkerEvent } from './protocol';
import { TrainingRun } from '../train/run';
import { Trainer } from '../train/trainer';

declare const self: DedicatedWorkerGlobalScope;

function post(e: WorkerEvent, transfer: Transferable[] = []) {
  self.postMessage(e, transfer);
}

const dataBase = new URL(`${import.meta.env.BASE_URL}data/`, self.location.origin).href;
const datasets = new Map<Dataset, Promise<DatasetSplits>>();
let backend: { requested: BackendChoice; info: Promise<BackendInfo> } | null = null;
let run: TrainingRun | null = null;
let running: Promise<unknown> = Promise.resolve();
let probe: FeatureMapProbe | null = null;
let vis: VisOptions = { every: 0, probeIndex: 0 };
/** Backends that failed mid-run (a lost GPU device): automatic choice skips them from then on. */
const broken = new Set<string>();

function dataset(name: Dataset): Promise<DatasetSplits> {
  let p = datasets.get(name);
  if (!p) {
    p = loadDataset(name, fetchReader(dataBase));
    datasets.set(name, p);
    p.then(
      (d) => post({ type: 'data', dataset: name, train: d.train.count, validation: d.validation.count, test: d.test.count, splitNote: DATASET_INFO[name].splitNote }),
      () => datasets.delete(name), // let a later start retry
    );
  }
  return p;
}

function ensureBackend(requested: BackendChoice): Promise<BackendInfo> {
  if (!backend || backend.requested !== requested) {
    const info = chooseBackend(requested, broken).then((r) => {
      post({ type: 'backend', info: r });
      return r as BackendInfo;
    });
    backend = { requested, info };
    info.catch(() => (backend = null));
  }
  return backend.info;
}

onGpuFailure((message, failed) => {
  broken.add(failed);
  backend = null;
  run?.fail(`${message}; continuing on the next backend.`, 'device-lost');
});

async function start(cmd: Extract<Command, { type: 'start' }>) {
  const errors = validateConfig(cmd.config);
  const bad = Object.keys(errors) as (keyof TrainConfig)[];
  if (bad.length > 0) {
    post({ type: 'error', runId: cmd.runId, message: errors[bad[0]]!, setting: bad[0] });
    post({ type: 'state', runId: cmd.runId, state: 'failed', message: errors[bad[0]], reason: 'invalid-config' });
    return;
  }
  run?.stop();
  await running;
  // The previous model stays usable (drawing, evaluation) until the next run replaces it.
  run?.trainer.dispose();
  run = null;
  probe = null;
  if (cmd.vis) vis = cmd.vis;
  post({ type: 'state', runId: cmd.runId, state: 'loading' });
  try {
    const [info, data] = await Promise.all([ensureBackend(cmd.config.backend), dataset(cmd.config.dataset)]);
    const trainer = new Trainer(cmd.config, data);
    probe = new FeatureMapProbe(trainer.model, trainer.net, data.test);
    post({
      type: 'started', runId: cmd.runId, config: cmd.config, totalSteps: trainer.totalSteps,
      stepsPerEpoch: trainer.stepsPerEpoch, params: trainer.model.countParams(), backend: info.backend,
    });
    const current = new TrainingRun(cmd.runId, trainer, info.backend, {
      emit: (e) => post(e),
      afterStep: async (step, stepMs) => {
        if (mapsDue(step, stepMs)) await sendFeatureMaps(cmd.runId, step);
      },
    });
    run = current;
    meanStepMs = 0;
    if (vis.every > 0) await sendFeatureMaps(cmd.runId, 0);
    running = current.run();
    const final = await running;
    // The last picture of a run is of the trained network, whatever the update interval skipped.
    if (vis.every > 0 && (final === 'done' || final === 'stopped')) await sendFeatureMaps(cmd.runId, trainer.step);
  } catch (err) {
    post({ type: 'error', runId: cmd.runId, message: err instanceof Error ? err.message : String(err), fatal: true });
    post({ type: 'state', runId: cmd.runId, state: 'failed', message: err instanceof Error ? err.message : String(err), reason: 'error' });
  }
}

/** What the last capture took here (the budget: MAPS_BUDGET in feature-maps.ts). */
let mapsCostMs = 0;
/** What the page last took to draw maps (`mapsDrawn`). */
let mapsDrawMs = 0;
let lastMapsStep = 0;
let meanStepMs = 0;

function mapsDue(step: number, stepMs: number): boolean {
  meanStepMs = meanStepMs === 0 ? stepMs : 0.9 * meanStepMs + 0.1 * stepMs;
  if (vis.every <= 0) return false;
  return step === 1 || step - lastMapsStep >= mapsInterval(vis.every, mapsCostMs, mapsDrawMs, meanStepMs);
}

async function sendFeatureMaps(runId: string, step: number) {
  if (!probe) return;
  const t0 = performance.now();
  const maps = await probe.capture(vis.probeIndex, runId, step);
  mapsCostMs = performance.now() - t0;
  lastMapsStep = step;
  post(maps, maps.layers.map((l) => l.values.buffer as ArrayBuffer).concat(maps.filters.values.buffer as ArrayBuffer));
}

async function handle(cmd: Command) {
  switch (cmd.type) {
    case 'init':
      await Promise.all([ensureBackend(cmd.backend), dataset(cmd.dataset)]);
      return;
    case 'start':
      return start(cmd);
    case 'simulateGpuLoss':
      return reportGpuFailure(tf.getBackend() as BackendName, 'The GPU device was lost (simulated)');
    case 'pause':
      return run?.pause();
    case 'resume':
      return run?.resume();
    case 'step':
      return run?.stepOnce();
    case 'stop':
      return run?.stop();
    case 'evaluate':
      return run?.requestEvaluation();
    case 'mapsDrawn':
      if (Number.isFinite(cmd.ms) && cmd.ms >= 0) mapsDrawMs = cmd.ms;
      return;
    case 'vis':
      vis = cmd.vis;
      if (run && probe && vis.every > 0) await sendFeatureMaps(run.runId, run.trainer.step);
      return;
    case 'predict': {
      if (!probe || !run) {
        post({ type: 'error', message: 'Train a model first: there is nothing to predict with yet.' });
        return;
      }
      const result = await probe.predict(cmd.pixels, run.runId, run.trainer.step);
      post({ type: 'prediction', requestId: cmd.requestId, probabilities: result.probabilities, maps: result.maps });
      return;
    }
    case 'images': {
      const d = await dataset(cmd.dataset);
      const size = d.test.height * d.test.width;
      const pixels = new Uint8Array(cmd.indices.length * size);
      const labels = new Uint8Array(cmd.indices.length);
      cmd.indices.forEach((idx, i) => {
        pixels.set(d.test.images.subarray(idx * size, (idx + 1) * size), i * size);
        labels[i] = d.test.labels[idx];
      });
      post({ type: 'images', requestId: cmd.requestId, pixels, labels, indices: cmd.indices }, [pixels.buffer]);
      return;
    }
  }
}

self.onmessage = (ev: MessageEvent) => {
  if (!isCommand(ev.data)) {
    post({ type: 'error', message: `The training worker got a message it does not understand: ${JSON.stringify(ev.data)?.slice(0, 80)}` });
    return;
  }
  handle(ev.data).catch((err) => post({ type: 'error', message: err instanceof Error ? err.message : String(err) }));
};

tf.enableProdMode(); // skips per-op NaN checks and debug bookkeeping; correctness is covered by the tests
post({ type: 'ready' });
