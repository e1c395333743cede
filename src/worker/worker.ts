/// <reference lib="webworker" />
/**
 * The training Worker's entry: owns tfjs, the backend, the data and the model. The page only sends commands and
 * draws the events (protocol.ts). Nothing here blocks on a GPU read: results come back with `await data()`.
 */
import * as tf from '@tensorflow/tfjs';
import { browserBackendDeps } from '../backend/activate';
import { chooseBackend, type BackendInfo } from '../backend/choose';
import { gpuFailures } from '../backend/gpu-failure';
import type { BackendName } from '../backend/names';
import { DATASET_INFO, type DatasetSplits } from '../data/dataset';
import { msg } from '../i18n/message';
import { fetchReader, loadDataset } from '../data/load';
import { validateConfig, type BackendChoice, type Dataset, type TrainConfig } from '../settings';
import { FeatureMapProbe, MapsSchedule } from '../train/feature-maps';
import { InsideMonitor } from '../train/inside';
import { TrainingRun } from '../train/run';
import { Trainer } from '../train/trainer';
import { isCommand, type Command, type VisOptions, type WorkerEvent } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

type Post = (e: WorkerEvent, transfer?: Transferable[]) => void;

/** Everything the Worker holds between commands: one instance per Worker. */
class TrainingWorker {
  private readonly datasets = new Map<Dataset, Promise<DatasetSplits>>();
  private backend: { requested: BackendChoice; info: Promise<BackendInfo> } | null = null;
  private run: TrainingRun | null = null;
  private running: Promise<unknown> = Promise.resolve();
  private probe: FeatureMapProbe | null = null;
  private inside: InsideMonitor | null = null;
  private vis: VisOptions = { every: 0, probeIndex: 0 };
  private readonly maps = new MapsSchedule();
  /** Backends that failed mid-run (a lost GPU device): automatic choice skips them from then on. */
  private readonly broken = new Set<BackendName>();

  constructor(
    private readonly post: Post,
    private readonly dataBase: string,
  ) {
    gpuFailures.subscribe((message, failed) => {
      this.broken.add(failed);
      this.backend = null;
      this.run?.fail(msg('run.gpuFailed', { failure: message }), 'device-lost');
    });
  }

  private dataset(name: Dataset): Promise<DatasetSplits> {
    let p = this.datasets.get(name);
    if (!p) {
      p = loadDataset(name, fetchReader(this.dataBase));
      this.datasets.set(name, p);
      p.then(
        (d) =>
          this.post({
            type: 'data',
            dataset: name,
            train: d.train.count,
            validation: d.validation.count,
            test: d.test.count,
            splitNote: DATASET_INFO[name].splitNote,
          }),
        () => this.datasets.delete(name), // let a later start retry
      );
    }
    return p;
  }

  private ensureBackend(requested: BackendChoice): Promise<BackendInfo> {
    if (!this.backend || this.backend.requested !== requested) {
      gpuFailures.rearm();
      const info = chooseBackend(requested, browserBackendDeps, this.broken).then((r) => {
        this.post({ type: 'backend', info: r });
        return r;
      });
      this.backend = { requested, info };
      info.catch(() => (this.backend = null));
    }
    return this.backend.info;
  }

  private async start(cmd: Extract<Command, { type: 'start' }>) {
    const errors = validateConfig(cmd.config);
    const bad = Object.keys(errors) as (keyof TrainConfig)[];
    if (bad.length > 0) {
      this.post({ type: 'error', runId: cmd.runId, message: errors[bad[0]]!, setting: bad[0] });
      this.post({ type: 'state', runId: cmd.runId, state: 'failed', message: errors[bad[0]], reason: 'invalid-config' });
      return;
    }
    this.run?.stop();
    await this.running;
    // The previous model stays usable (drawing, evaluation) until the next run replaces it.
    this.run?.trainer.dispose();
    this.run = null;
    this.probe = null;
    this.inside = null;
    if (cmd.vis) this.setVis(cmd.vis);
    this.post({ type: 'state', runId: cmd.runId, state: 'loading' });
    try {
      const [info, data] = await Promise.all([this.ensureBackend(cmd.config.backend), this.dataset(cmd.config.dataset)]);
      const trainer = new Trainer(cmd.config, data);
      this.probe = new FeatureMapProbe(trainer.model, trainer.net, data.test);
      const inside = new InsideMonitor(trainer, cmd.runId, (e) => this.post(e));
      this.inside = inside;
      this.post({
        type: 'started',
        runId: cmd.runId,
        config: cmd.config,
        totalSteps: trainer.totalSteps,
        stepsPerEpoch: trainer.stepsPerEpoch,
        params: trainer.model.countParams(),
        backend: info.backend,
      });
      const current = new TrainingRun(cmd.runId, trainer, info.backend, {
        emit: (e) => this.post(e),
        afterStep: async (step, stepMs) => {
          if (this.maps.due(step, stepMs)) await this.sendFeatureMaps(cmd.runId, step);
          inside.afterStep(stepMs);
        },
      });
      this.run = current;
      this.maps.restart();
      if (this.vis.every > 0) await this.sendFeatureMaps(cmd.runId, 0);
      inside.setEvery(this.vis.inside ?? 0);
      this.running = current.run();
      const final = await this.running;
      // The last picture of a run is of the trained network, whatever the update interval skipped.
      if (this.vis.every > 0 && (final === 'done' || final === 'stopped')) await this.sendFeatureMaps(cmd.runId, trainer.step);
    } catch (err) {
      const message = msg('run.failed', { detail: err instanceof Error ? err.message : String(err) });
      this.post({ type: 'error', runId: cmd.runId, message, fatal: true });
      this.post({ type: 'state', runId: cmd.runId, state: 'failed', message, reason: 'error' });
    }
  }

  private setVis(vis: VisOptions) {
    this.vis = vis;
    this.maps.every = vis.every;
  }

  private async sendFeatureMaps(runId: string, step: number) {
    if (!this.probe) return;
    const t0 = performance.now();
    const maps = await this.probe.capture(this.vis.probeIndex, runId, step);
    this.maps.captured(step, performance.now() - t0);
    this.post(maps, maps.layers.map((l) => l.values.buffer as ArrayBuffer).concat(maps.filters.values.buffer as ArrayBuffer));
  }

  async handle(cmd: Command) {
    switch (cmd.type) {
      case 'init':
        await Promise.all([this.ensureBackend(cmd.backend), this.dataset(cmd.dataset)]);
        return;
      case 'start':
        return this.start(cmd);
      case 'simulateGpuLoss':
        return gpuFailures.report(tf.getBackend() as BackendName, 'The GPU device was lost (simulated)');
      case 'pause':
        return this.run?.pause();
      case 'resume':
        return this.run?.resume();
      case 'step':
        return this.run?.stepOnce();
      case 'stop':
        return this.run?.stop();
      case 'evaluate':
        return this.run?.requestEvaluation();
      case 'mapsDrawn':
        return this.maps.drawn(cmd.ms);
      case 'insideDrawn':
        return this.inside?.schedule.drawn(cmd.ms);
      case 'vis':
        this.setVis(cmd.vis);
        this.inside?.setEvery(this.vis.inside ?? 0);
        if (this.run && this.probe && this.vis.every > 0) await this.sendFeatureMaps(this.run.runId, this.run.trainer.step);
        return;
      case 'predict': {
        if (!this.probe || !this.run) {
          this.post({ type: 'error', message: msg('run.noModel') });
          return;
        }
        const result = await this.probe.predict(cmd.pixels, this.run.runId, this.run.trainer.step);
        this.post({ type: 'prediction', requestId: cmd.requestId, probabilities: result.probabilities, maps: result.maps });
        return;
      }
      case 'images': {
        const d = await this.dataset(cmd.dataset);
        const size = d.test.height * d.test.width;
        const pixels = new Uint8Array(cmd.indices.length * size);
        const labels = new Uint8Array(cmd.indices.length);
        cmd.indices.forEach((idx, i) => {
          pixels.set(d.test.images.subarray(idx * size, (idx + 1) * size), i * size);
          labels[i] = d.test.labels[idx];
        });
        this.post({ type: 'images', requestId: cmd.requestId, pixels, labels, indices: cmd.indices }, [pixels.buffer]);
        return;
      }
    }
  }
}

const post: Post = (e, transfer = []) => self.postMessage(e, transfer);
const worker = new TrainingWorker(post, new URL(`${import.meta.env.BASE_URL}data/`, self.location.origin).href);

self.onmessage = (ev: MessageEvent) => {
  if (!isCommand(ev.data)) {
    post({ type: 'error', message: msg('run.unknownCommand', { text: JSON.stringify(ev.data)?.slice(0, 80) ?? String(ev.data) }) });
    return;
  }
  worker
    .handle(ev.data)
    .catch((err) => post({ type: 'error', message: msg('run.error', { detail: err instanceof Error ? err.message : String(err) }) }));
};

tf.enableProdMode(); // skips per-op NaN checks and debug bookkeeping; correctness is covered by the tests
post({ type: 'ready' });
