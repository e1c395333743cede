/**
 * The page's side of the Worker: starts it, sends commands, folds events into the run list and the page
 * status, queues preset pairs, and survives the Worker crashing (runs so far are kept, a fresh Worker is
 * started for the next run). No React here; components read it through useSyncExternalStore.
 */
import { msg, type Message } from '../i18n/message';
import type { TrainConfig } from '../settings';
import {
  isWorkerEvent,
  type BackendInfo,
  type Command,
  type FeatureMapsEvent,
  type VisOptions,
  type WorkerEvent,
} from '../worker/protocol';
import { InsideStore } from './inside-store';
import { deleteRun, loadRuns, saveRun } from './run-db';
import { ACTIVE_STATES, newRun, RunStore, type RunRecord } from './run-store';

export interface PageStatus {
  backend: BackendInfo | null;
  data: Extract<WorkerEvent, { type: 'data' }> | null;
  featureMaps: FeatureMapsEvent | null;
  /** The last problem the Worker reported that is not tied to a run's state. */
  error: { message: Message; setting?: keyof TrainConfig } | null;
  /** Runs still waiting in a preset's queue. */
  queued: number;
}

interface Queued {
  config: TrainConfig;
  name: string;
  group?: RunRecord['group'];
}

let counter = 0;
const newId = () => `${Date.now().toString(36)}-${(counter++).toString(36)}`;

export class TrainingSession {
  readonly runs = new RunStore();
  /** Layer statistics per run (the "Inside the network" panel). */
  readonly inside = new InsideStore();
  private worker: Worker | null = null;
  private status: PageStatus = { backend: null, data: null, featureMaps: null, error: null, queued: 0 };
  private statusListeners = new Set<() => void>();
  private queue: Queued[] = [];
  private activeId: string | null = null;
  private vis: VisOptions = { every: 10, probeIndex: 0, inside: 10 };
  private mapsArrivedAt: number | null = null;
  private lastInit: Extract<Command, { type: 'init' }> | null = null;
  private requests = new Map<number, (e: WorkerEvent) => void>();
  private nextRequest = 1;

  constructor(private readonly createWorker: () => Worker) {
    this.runs.onPersist = (r) => void saveRun(r).catch(() => {});
  }

  async restore(): Promise<void> {
    try {
      const saved = await loadRuns();
      // A run that was live when the page closed did not finish: say so rather than show it as running.
      for (const r of saved) {
        if (ACTIVE_STATES.includes(r.state)) {
          r.state = 'stopped';
          r.message = msg('run.pageClosed');
        }
      }
      this.runs.load([...saved, ...this.runs.getSnapshot()]);
    } catch {
      // IndexedDB can be unavailable (private windows); the run list then lives for this page only.
    }
  }

  // ---- page status store ----
  subscribeStatus = (l: () => void) => {
    this.statusListeners.add(l);
    return () => this.statusListeners.delete(l);
  };
  getStatus = (): PageStatus => this.status;
  private setStatus(change: Partial<PageStatus>) {
    this.status = { ...this.status, ...change };
    for (const l of this.statusListeners) l();
  }

  get activeRunId(): string | null {
    return this.activeId;
  }

  // ---- commands ----
  init(backend: TrainConfig['backend'], dataset: TrainConfig['dataset']): void {
    this.lastInit = { type: 'init', backend, dataset };
    this.post(this.lastInit);
  }

  /** Starts runs one after another (a single run, or a preset's pair). */
  startRuns(items: Queued[]): void {
    this.queue = [...items];
    this.setStatus({ error: null });
    this.startNext();
  }

  pause() {
    this.post({ type: 'pause' });
  }
  resume() {
    this.post({ type: 'resume' });
  }
  step() {
    this.post({ type: 'step' });
  }
  evaluate() {
    this.post({ type: 'evaluate' });
  }

  stop(): void {
    this.queue = [];
    this.setStatus({ queued: 0 });
    this.post({ type: 'stop' });
  }

  /**
   * The feature maps have been drawn: tells the Worker what that took (from their arrival), so that maps are
   * captured less often when drawing them would slow training.
   */
  mapsDrawn(): void {
    if (this.mapsArrivedAt == null) return;
    this.post({ type: 'mapsDrawn', ms: performance.now() - this.mapsArrivedAt });
    this.mapsArrivedAt = null;
  }

  /** Changes the visualisation options given, keeping the others (feature maps and layer statistics are set apart). */
  setVis(vis: Partial<VisOptions>): void {
    this.vis = { ...this.vis, ...vis };
    if (this.worker) this.post({ type: 'vis', vis: this.vis });
  }

  /**
   * The layer statistics took `ms` of the main thread to render and draw: the Worker then captures them less often
   * when drawing them would slow training (as mapsDrawn does for the feature maps).
   */
  insideDrawn(ms: number): void {
    this.post({ type: 'insideDrawn', ms });
  }

  async remove(id: string): Promise<void> {
    if (id === this.activeId) this.stop();
    this.runs.remove(id);
    this.inside.remove(id);
    await deleteRun(id).catch(() => {});
  }

  predict(pixels: Float32Array): Promise<Extract<WorkerEvent, { type: 'prediction' }>> {
    return this.request((requestId) => ({ type: 'predict', requestId, pixels }), 'prediction');
  }

  images(dataset: TrainConfig['dataset'], indices: number[]): Promise<Extract<WorkerEvent, { type: 'images' }>> {
    return this.request((requestId) => ({ type: 'images', requestId, dataset, indices }), 'images');
  }

  private request<T extends 'prediction' | 'images'>(make: (id: number) => Command, _type: T): Promise<Extract<WorkerEvent, { type: T }>> {
    const id = this.nextRequest++;
    return new Promise((resolve) => {
      this.requests.set(id, (e) => resolve(e as Extract<WorkerEvent, { type: T }>));
      this.post(make(id));
    });
  }

  private startNext(): void {
    const next = this.queue.shift();
    this.setStatus({ queued: this.queue.length });
    if (!next) return;
    const id = newId();
    const index = this.runs.getSnapshot().length;
    this.runs.add(newRun(id, next.config, index, next.name, next.group));
    this.activeId = id;
    this.post({ type: 'start', runId: id, config: next.config, vis: this.vis });
  }

  private post(cmd: Command): void {
    this.ensureWorker().postMessage(cmd);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = this.createWorker();
    w.onmessage = (ev: MessageEvent) => {
      if (isWorkerEvent(ev.data)) this.onEvent(ev.data);
    };
    w.onerror = (ev: ErrorEvent) => {
      ev.preventDefault();
      this.crashed(ev.message || msg('run.unknownCrash'));
    };
    w.onmessageerror = () => this.crashed(msg('run.unreadableMessage'));
    this.worker = w;
    if (this.lastInit) w.postMessage(this.lastInit);
    return w;
  }

  /** The Worker died: its runs are marked failed (metrics kept) and the next command starts a new one. */
  crashed(reason: string | Message): void {
    this.worker?.terminate();
    this.worker = null;
    this.runs.failActive(msg('run.workerCrashed', { reason }));
    this.queue = [];
    this.activeId = null;
    this.setStatus({ queued: 0, backend: null, error: { message: msg('run.workerCrashedShort', { reason }) } });
    for (const resolve of this.requests.values()) resolve({ type: 'error', message: msg('run.workerCrashedShort', { reason }) });
    this.requests.clear();
  }

  /** Test hook: the Worker acts as if its GPU device were lost. */
  simulateGpuLoss(): void {
    this.post({ type: 'simulateGpuLoss' });
  }

  /** Test hook: makes the Worker die the way a real crash does, to check the page survives it. */
  crashForTest(): void {
    this.worker?.terminate();
    this.crashed(msg('run.crashTest'));
  }

  private onEvent(e: WorkerEvent): void {
    switch (e.type) {
      case 'backend':
        return this.setStatus({ backend: e.info });
      case 'data':
        return this.setStatus({ data: e });
      case 'featureMaps':
        this.mapsArrivedAt = performance.now();
        return this.setStatus({ featureMaps: e });
      case 'inside':
        return this.inside.apply(e);
      case 'prediction':
      case 'images': {
        // A drawing's maps replace the probe's until training sends new ones.
        if (e.type === 'prediction' && e.maps) this.setStatus({ featureMaps: e.maps });
        const resolve = this.requests.get(e.requestId);
        this.requests.delete(e.requestId);
        resolve?.(e);
        return;
      }
      case 'error':
        if (!e.runId || e.setting) this.setStatus({ error: { message: e.message, setting: e.setting } });
        return;
      case 'state': {
        this.runs.apply(e);
        if (e.runId !== this.activeId) return;
        if (e.state === 'failed' && e.reason === 'device-lost') {
          // Same experiment again, on the next backend (the Worker now skips WebGPU).
          const run = this.runs.get(e.runId);
          if (run) this.queue.unshift({ config: { ...run.config, backend: 'auto' }, name: `${run.name} (retry)`, group: run.group });
        }
        if (e.state === 'done' || e.state === 'stopped' || e.state === 'failed') {
          // A stopped run still sends its test result; wait for it before starting the next queued run.
          if (e.state === 'done' || e.state === 'failed') this.finishActive();
        }
        return;
      }
      case 'test': {
        this.runs.apply(e);
        const run = this.runs.get(e.runId);
        if (run?.state === 'stopped' && e.runId === this.activeId) this.finishActive();
        return;
      }
      default:
        this.runs.apply(e);
    }
  }

  private finishActive(): void {
    this.activeId = null;
    this.startNext();
  }
}
