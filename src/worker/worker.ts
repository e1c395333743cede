/// <reference lib="webworker" />
/**
 * The training Worker's entry: owns tfjs, the backend, the data and the models. The page only sends commands and
 * draws the events (protocol.ts). Nothing here blocks on a GPU read: results come back with `await data()`.
 *
 * Starts never overlap: a start (or a stop) cancels what is loading or training, and the next start waits until
 * the previous runs have ended and their models are freed. Every wait is bounded: runs that do not end when told
 * (a read from a lost GPU that never settles) make the Worker say it is stuck, and the page replaces it.
 */
import * as tf from '@tensorflow/tfjs';
import { browserBackendDeps } from '../backend/activate';
import { chooseBackend, type BackendInfo } from '../backend/choose';
import { gpuFailures } from '../backend/gpu-failure';
import { backendLimits, failureContext } from '../backend/limits';
import { BACKEND_LABEL, type BackendName } from '../backend/names';
import { outOfMemory } from '../backend/out-of-memory';
import { imageBytes, imageShape, isBuiltinDataset, type DatasetSplits } from '../data/dataset';
import { DataError } from '../data/errors';
import { messageOf, msg, type Message } from '../i18n/message';
import { syntheticSplits } from '../data/synthetic';
import { memoryVerdict } from '../model/memory-fit';
import { validateConfig, type BackendChoice, type Dataset, type TrainConfig } from '../settings';
import { FeatureMapProbe, MapsSchedule } from '../train/feature-maps';
import { RunGroup, Turnstile } from '../train/group';
import { InsideMonitor } from '../train/inside';
import { TrainingRun, type FailureReason } from '../train/run';
import { Trainer } from '../train/trainer';
import { DatasetRegistry } from './datasets';
import { handleModelCommand, type ModelOwner } from './models';
import { isCommand, type Command, type StartRun, type VisOptions, type WorkerEvent } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

type Post = (e: WorkerEvent, transfer?: Transferable[]) => void;

/** How long stopped runs may take to end before the Worker calls itself stuck (a step may be mid-way). */
const SETTLE_MS = 15_000;
const HEARTBEAT_MS = 2_000;

/** The runs of the last start, and what the page may still ask of their models once they end. */
interface Current {
  group: RunGroup;
  trainers: Map<string, Trainer>;
  probes: Map<string, FeatureMapProbe>;
  /** Layer statistics, one monitor per run (each spaces its own measurements within its time budget). */
  inside: Map<string, InsideMonitor>;
}

/** Resolves true when `p` settles within `ms`, false if it does not. */
function settlesWithin(p: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    p.then(
      () => (clearTimeout(timer), resolve(true)),
      () => (clearTimeout(timer), resolve(true)),
    );
  });
}

/** Everything the Worker holds between commands: one instance per Worker. */
class TrainingWorker {
  private readonly datasets = new Map<Dataset, Promise<DatasetSplits>>();
  private backend: { requested: BackendChoice; info: Promise<BackendInfo> } | null = null;
  private current: Current | null = null;
  /** The runs of the last start to its end (resolves when every run has ended). */
  private running: Promise<unknown> = Promise.resolve();
  /** Starts in order, one at a time. */
  private starts: Promise<void> = Promise.resolve();
  /** Bumped by every start and stop: a start that finds it changed while loading gives up. */
  private ticket = 0;
  private vis: VisOptions = { every: 0, probeIndex: 0 };
  private readonly maps = new MapsSchedule();
  /** Backends that failed while the page was open (a lost GPU device): automatic choice skips them. */
  private readonly broken = new Set<BackendName>();
  private readonly registry: DatasetRegistry;
  /** A model loaded from the browser or files (models.ts), in place of the last runs' models. */
  private loaded: { owner: ModelOwner; probe: FeatureMapProbe } | null = null;
  /** WASM's module aborted (out of memory): nothing trains in this Worker any more; the page replaces it. */
  private retired = false;

  constructor(
    private readonly post: Post,
    dataBase: string,
  ) {
    this.registry = new DatasetRegistry(dataBase, post);
    gpuFailures.subscribe((message, failed, kind) => {
      if (kind === 'out-of-memory') {
        // The device still works: these runs stop, the backend stays, and the page says to lower the batch.
        for (const r of this.current?.group.runs ?? []) r.fail(this.outOfMemoryMessage(r.trainer.config, failed, message), 'out-of-memory');
        return;
      }
      this.broken.add(failed);
      this.backend = null;
      for (const r of this.current?.group.runs ?? []) r.fail(msg('run.gpuFailed', { failure: message }), 'device-lost');
    });
  }

  private dataset(name: Dataset): Promise<DatasetSplits> {
    let p = this.datasets.get(name);
    if (!p) {
      const loaded = this.registry.load(name);
      p = loaded.then((l) => l.data);
      this.datasets.set(name, p);
      loaded.then(
        ({ data: d, note }) =>
          this.post({
            type: 'data',
            dataset: name,
            train: d.train.count,
            validation: d.validation.count,
            test: d.test.count,
            note,
            // Built-in datasets' class names are the page's words; an imported one's are its folders'.
            classNames: isBuiltinDataset(name) ? undefined : d.classNames,
            height: d.train.height,
            width: d.train.width,
            channels: d.train.channels,
          }),
        () => this.datasets.delete(name), // let a later start retry
      );
    }
    return p;
  }

  private exclude(backends: readonly BackendName[] | undefined) {
    for (const b of backends ?? []) {
      if (!this.broken.has(b)) {
        this.broken.add(b);
        this.backend = null;
      }
    }
  }

  /**
   * What tfjs holds, once a backend has started. Never before, nor while one starts: asking tfjs anything then
   * makes it start its own choice of backend, which cancels the one being started.
   */
  memory(): { tensors: number; bytes: number } | undefined {
    if (!this.backendReady) return undefined;
    const m = tf.memory();
    return { tensors: m.numTensors, bytes: m.numBytes };
  }

  private backendReady = false;
  /** The last backend choice, finished or not: the next one waits for it. */
  private choosing: Promise<unknown> = Promise.resolve();

  private ensureBackend(requested: BackendChoice): Promise<BackendInfo> {
    if (!this.backend || this.backend.requested !== requested) {
      // One choice at a time: two tf.setBackend calls in flight cancel each other (tfjs keeps only the last).
      const info = this.choosing.then(() => {
        gpuFailures.rearm();
        this.backendReady = false;
        // The limits are read once the backend runs, for the memory check here and on the page.
        return chooseBackend(requested, browserBackendDeps, this.broken).then((r) => ({ ...r, limits: backendLimits(r.backend) }));
      });
      this.choosing = info.catch(() => undefined);
      info.then(
        (r) => {
          this.backendReady = true;
          this.post({ type: 'backend', info: r });
        },
        () => {
          if (this.backend?.info === info) this.backend = null;
        },
      );
      this.backend = { requested, info };
    }
    return this.backend.info;
  }

  /** Stops what trains and cancels what loads; the next start waits for both. */
  private stopAll() {
    this.ticket++;
    this.current?.group.stop();
  }

  private start(cmd: Extract<Command, { type: 'start' }>) {
    this.stopAll();
    const ticket = this.ticket;
    this.starts = this.starts.then(() => this.startRuns(cmd, ticket)).catch((err) => this.post({ type: 'error', message: messageOf(err) }));
  }

  private failAll(runs: readonly StartRun[], message: ReturnType<typeof msg>, reason: 'invalid-config' | 'error' | 'out-of-memory') {
    for (const r of runs) this.post({ type: 'state', runId: r.runId, state: 'failed', message, reason });
  }

  private outOfMemoryMessage(config: TrainConfig, backend: BackendName, detail: Message | string): Message {
    return msg('run.outOfMemory', { backend: BACKEND_LABEL[backend], batch: config.batchSize, detail });
  }

  /**
   * What a failure on `backend` means when it is out of memory: the run fails with reason 'out-of-memory' (never a
   * lost device: the backend stays), and a WASM module that aborted retires this Worker once its runs have ended.
   */
  private explainFailure(err: unknown, backend: BackendName, config: TrainConfig): { message: Message; reason: FailureReason } | undefined {
    const oom = outOfMemory(err, failureContext(backend));
    if (!oom) return undefined;
    if (oom.fatal) this.retired = true;
    return { message: this.outOfMemoryMessage(config, backend, oom.detail), reason: 'out-of-memory' };
  }

  private async startRuns(cmd: Extract<Command, { type: 'start' }>, ticket: number) {
    if (this.retired) {
      // The page replaces this Worker when told; a start sent before it heard ends here.
      this.failAll(cmd.runs, msg('run.workerRetired'), 'error');
      return;
    }
    for (const r of cmd.runs) {
      const errors = validateConfig(r.config);
      const bad = Object.keys(errors) as (keyof TrainConfig)[];
      if (bad.length > 0) {
        this.post({ type: 'error', runId: r.runId, message: errors[bad[0]]!, setting: bad[0] });
        this.failAll(cmd.runs, errors[bad[0]]!, 'invalid-config');
        return;
      }
    }
    if (!(await settlesWithin(this.running, SETTLE_MS))) {
      this.post({ type: 'stuck', message: msg('run.stuck', { detail: msg('run.busyStep') }) });
      return;
    }
    // The previous models stay usable (drawing, evaluation) until new runs replace them.
    this.disposeCurrent();
    const stopped = () => ticket !== this.ticket;
    if (stopped()) {
      for (const r of cmd.runs) this.post({ type: 'state', runId: r.runId, state: 'stopped', message: msg('run.replaced') });
      return;
    }
    this.exclude(cmd.exclude);
    if (cmd.vis) this.setVis(cmd.vis);
    for (const r of cmd.runs) this.post({ type: 'state', runId: r.runId, state: 'loading' });
    const first = cmd.runs[0].config;
    let info: BackendInfo;
    const datasets = new Map<Dataset, DatasetSplits>();
    try {
      if (cmd.synthetic) {
        // Benchmarks: as many random images as the runs ask for, made here and not kept.
        const count = Math.max(...cmd.runs.map((r) => Math.max(r.config.trainLimit, r.config.batchSize)));
        info = await this.ensureBackend(first.backend);
        for (const r of cmd.runs) datasets.set(r.config.dataset, syntheticSplits(cmd.synthetic, count));
      } else {
        [info] = await Promise.all([this.ensureBackend(first.backend), this.dataset(first.dataset)]);
        for (const r of cmd.runs) datasets.set(r.config.dataset, await this.dataset(r.config.dataset));
      }
    } catch (err) {
      // A dataset this browser does not have, or whose files are missing, is the dataset setting's fault.
      if (err instanceof DataError) this.post({ type: 'error', runId: cmd.runs[0].runId, message: err.words, setting: 'dataset' });
      this.failAll(cmd.runs, messageOf(err), 'error');
      return;
    }
    if (stopped()) {
      for (const r of cmd.runs) this.post({ type: 'state', runId: r.runId, state: 'stopped', message: msg('run.stoppedWhileLoading') });
      return;
    }
    // A step that cannot fit is refused now, with the figure and the backend's limit, next to the batch size: run,
    // it would abort WASM's module or run out of GPU memory halfway. (The page checks too, before Train, with the
    // limits this Worker reported; this check has the real image shape of an imported dataset.)
    for (const r of cmd.runs) {
      const d = datasets.get(r.config.dataset)!.train;
      const verdict = info.limits ? memoryVerdict(r.config, imageShape(d), info.limits) : null;
      if (verdict?.level === 'refuse') {
        this.post({ type: 'error', runId: r.runId, message: verdict.message, setting: 'batchSize' });
        this.failAll(cmd.runs, verdict.message, 'out-of-memory');
        return;
      }
    }
    const current: Current = { group: new RunGroup([]), trainers: new Map(), probes: new Map(), inside: new Map() };
    try {
      const turnstile = new Turnstile();
      const runs = cmd.runs.map(({ runId, config, curveOnly }) => {
        const data = datasets.get(config.dataset)!;
        const trainer = new Trainer(config, data);
        current.trainers.set(runId, trainer);
        current.probes.set(runId, new FeatureMapProbe(trainer.model, trainer.net, data.test));
        const inside = new InsideMonitor(trainer, runId, (e) => this.post(e));
        current.inside.set(runId, inside);
        this.post({
          type: 'started',
          runId,
          config,
          totalSteps: trainer.totalSteps,
          stepsPerEpoch: trainer.stepsPerEpoch,
          params: trainer.model.countParams(),
          backend: info.backend,
        });
        return new TrainingRun(
          runId,
          trainer,
          info.backend,
          {
            emit: (e) => this.post(e),
            turn: cmd.runs.length > 1 ? () => turnstile.enter() : undefined,
            afterStep: async (step, stepMs) => {
              if (runId === this.mapsRunId() && this.maps.due(step, stepMs)) await this.sendFeatureMaps(runId, step);
              inside.afterStep(stepMs);
            },
            explain: (err) => this.explainFailure(err, info.backend, config),
          },
          false,
          curveOnly,
        );
      });
      current.group = new RunGroup(runs);
    } catch (err) {
      // Building the models can run out of memory too (AlexNet 2012's weights, say).
      const oom = this.explainFailure(err, info.backend, first);
      if (!this.retired) for (const t of current.trainers.values()) t.dispose();
      this.failAll(cmd.runs, oom?.message ?? messageOf(err), oom ? 'out-of-memory' : 'error');
      if (this.retired) this.post({ type: 'retire', message: msg('run.workerRetired') });
      return;
    }
    this.current = current;
    this.maps.restart();
    for (const inside of current.inside.values()) inside.setEvery(this.vis.inside ?? 0);
    const mapsRun = this.mapsRunId();
    if (this.vis.every > 0 && mapsRun) await this.sendFeatureMaps(mapsRun, 0);
    // Not awaited here: the chain of starts waits for the setup only, so that a later start can find these runs
    // stuck (and say so) rather than wait behind them for ever.
    this.running = current.group.run().then(async (states) => {
      if (this.retired) {
        // Nothing more can run in this module: not even freeing the models or drawing the last maps.
        this.post({ type: 'retire', message: msg('run.workerRetired') });
        return;
      }
      // The last picture of a run is of the trained network, whatever the update interval skipped.
      const last = mapsRun ? states[cmd.runs.findIndex((r) => r.runId === mapsRun)] : undefined;
      if (mapsRun && this.vis.every > 0 && (last === 'done' || last === 'stopped')) {
        await this.sendFeatureMaps(mapsRun, current.trainers.get(mapsRun)!.step);
      }
    });
  }

  private disposeCurrent() {
    for (const t of this.current?.trainers.values() ?? []) t.dispose();
    this.current = null;
    this.loaded?.owner.trainer.dispose();
    this.loaded = null;
  }

  /**
   * The model drawing, evaluation and saving use: run `runId`'s when the last start trained it, else a loaded
   * model, else the run whose maps are drawn.
   */
  private owner(runId?: string): ModelOwner | null {
    const id = runId && this.current?.trainers.has(runId) ? runId : this.loaded ? undefined : this.mapsRunId();
    const trainer = id ? this.current?.trainers.get(id) : undefined;
    if (id && trainer) return { runId: id, runName: '', step: trainer.step, trainer };
    return this.loaded?.owner ?? null;
  }

  private probeOf(runId: string): FeatureMapProbe | undefined {
    return this.current?.probes.get(runId) ?? (this.loaded?.owner.runId === runId ? this.loaded.probe : undefined);
  }

  /** Saving and loading models, and evaluating a loaded one (models.ts); a loaded model replaces the last runs'. */
  private async modelCommand(cmd: Extract<Command, { type: 'saveModel' | 'loadModel' | 'forgetModel' | 'evaluate' }>) {
    const owner = this.owner('runId' in cmd ? cmd.runId : undefined);
    await handleModelCommand(cmd, {
      post: this.post,
      current: owner,
      // Loading replaces every model the last start trained: refused while any of them trains.
      runState:
        cmd.type === 'loadModel'
          ? (this.current?.group.runs.find((r) => r.current === 'running' || r.current === 'paused')?.current ?? null)
          : owner
            ? (this.current?.group.find(owner.runId)?.current ?? null)
            : null,
      data: (config) => this.dataset(config.dataset),
      replace: async (loaded) => {
        this.disposeCurrent();
        this.loaded = { owner: loaded, probe: new FeatureMapProbe(loaded.trainer.model, loaded.trainer.net, loaded.trainer.data.test) };
        if (this.vis.every > 0) await this.sendFeatureMaps(loaded.runId, loaded.step);
      },
    });
  }

  /** Whose feature maps are drawn: the run the page chose, else the first of the current runs. */
  private mapsRunId(): string | undefined {
    const runs = this.current?.group.runs ?? [];
    return runs.find((r) => r.runId === this.vis.runId)?.runId ?? runs[0]?.runId;
  }

  private setVis(vis: VisOptions) {
    this.vis = vis;
    this.maps.every = vis.every;
  }

  private async sendFeatureMaps(runId: string, step: number) {
    const probe = this.probeOf(runId);
    if (!probe) return;
    const t0 = performance.now();
    const maps = await probe.capture(this.vis.probeIndex, runId, step);
    this.maps.captured(step, performance.now() - t0);
    this.post(maps, maps.layers.map((l) => l.values.buffer as ArrayBuffer).concat(maps.filters.values.buffer as ArrayBuffer));
  }

  async handle(cmd: Command) {
    switch (cmd.type) {
      case 'init':
        this.exclude(cmd.exclude);
        await Promise.all([this.ensureBackend(cmd.backend), this.dataset(cmd.dataset)]);
        return;
      case 'start':
        return this.start(cmd);
      case 'crash':
        // Outside any promise, so that nothing catches it: the page gets the Worker's real `error` event.
        setTimeout(() => {
          throw new Error('crash requested by a test');
        });
        return;
      case 'simulateGpuLoss': {
        if (cmd.outOfMemory) {
          // Through the device's own event, as a failed allocation arrives (gpu-failure.ts tells it from a loss).
          const device = tf.getBackend() === 'webgpu' ? (tf.backend() as unknown as { device?: GPUDevice }).device : undefined;
          const error = new GPUOutOfMemoryError('Out of memory (simulated): an allocation of the next step failed.');
          if (device) device.dispatchEvent(new GPUUncapturedErrorEvent('uncapturederror', { error }));
          return;
        }
        const lose = () => gpuFailures.report(tf.getBackend() as BackendName, msg('backend.failure.deviceLostSimulated'));
        if (!cmd.hang) return lose();
        // The next step's read never settles, and the device is lost while it waits.
        for (const t of this.current?.trainers.values() ?? []) {
          t.trainStep = () => {
            setTimeout(lose, 0);
            return new Promise(() => {});
          };
        }
        return;
      }
      case 'pause':
        return this.current?.group.pause();
      case 'resume':
        return this.current?.group.resume();
      case 'step':
        return this.current?.group.stepOnce();
      case 'stop':
        return this.stopAll();
      case 'evaluate':
        return this.current ? this.current.group.requestEvaluation() : this.modelCommand(cmd);
      case 'mapsDrawn':
        return this.maps.drawn(cmd.ms);
      case 'insideDrawn':
        for (const inside of this.current?.inside.values() ?? []) inside.schedule.drawn(cmd.ms);
        return;
      case 'vis': {
        this.setVis(cmd.vis);
        for (const inside of this.current?.inside.values() ?? []) inside.setEvery(this.vis.inside ?? 0);
        const owner = this.owner();
        if (owner && this.vis.every > 0) await this.sendFeatureMaps(owner.runId, owner.step);
        return;
      }
      case 'saveModel':
      case 'loadModel':
      case 'forgetModel':
        return this.modelCommand(cmd);
      case 'predict': {
        const owner = this.owner(cmd.runId);
        const probe = owner ? this.probeOf(owner.runId) : undefined;
        if (!owner || !probe) {
          this.post({ type: 'error', requestId: cmd.requestId, message: msg('run.noModel') });
          return;
        }
        try {
          const result = await probe.predict(cmd.pixels, owner.runId, owner.step);
          this.post({ type: 'prediction', requestId: cmd.requestId, probabilities: result.probabilities, maps: result.maps });
        } catch (err) {
          this.post({ type: 'error', requestId: cmd.requestId, message: messageOf(err) });
        }
        return;
      }
      case 'images': {
        try {
          const d = await this.dataset(cmd.dataset);
          const size = imageBytes(d.test);
          // Only images the test set has (a small imported set may have fewer than a strip asks for).
          const indices = cmd.indices.filter((i) => Number.isInteger(i) && i >= 0 && i < d.test.count);
          const pixels = new Uint8Array(indices.length * size);
          const labels = new Uint8Array(indices.length);
          indices.forEach((idx, i) => {
            pixels.set(d.test.images.subarray(idx * size, (idx + 1) * size), i * size);
            labels[i] = d.test.labels[idx];
          });
          const { height, width, channels } = d.test;
          this.post({ type: 'images', requestId: cmd.requestId, pixels, labels, indices, height, width, channels }, [pixels.buffer]);
        } catch (err) {
          this.post({ type: 'error', requestId: cmd.requestId, message: messageOf(err) });
        }
        return;
      }
      case 'importCifar':
      case 'importFolder':
        return this.registry.import(cmd);
      case 'listDatasets':
        return this.registry.list(cmd.requestId);
      case 'removeDataset':
        this.datasets.delete(cmd.id); // its bytes go with the next garbage collection, unless a run still trains on them
        return this.registry.remove(cmd.requestId, cmd.id);
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
  const requestId = (ev.data as { requestId?: number }).requestId;
  worker.handle(ev.data).catch((err) => post({ type: 'error', requestId, message: messageOf(err, 'run.error') }));
};

// A heartbeat from the event loop: the page notices a Worker that died without an error event.
setInterval(() => post({ type: 'heartbeat', memory: worker.memory() }), HEARTBEAT_MS);

tf.enableProdMode(); // skips per-op NaN checks and debug bookkeeping; correctness is covered by the tests
post({ type: 'ready' });
