/**
 * The page's side of the Worker: starts it, sends commands, folds events into the run list and the page status,
 * and keeps the page working whatever the Worker does: every request gets an answer or a timeout, a Worker that
 * crashes, stops answering or says it is stuck is replaced by a fresh one (runs so far are kept), and a run lost
 * with its GPU is trained again on the next backend. No React here; components read it through useStore.
 */
import type { BackendName } from '../backend/names';
import { msg, type Message } from '../i18n/message';
import type { TrainConfig } from '../settings';
import {
  isWorkerEvent,
  type BackendInfo,
  type Command,
  type FeatureMapsEvent,
  type ModelSource,
  type ModelTarget,
  type StartRun,
  type VisOptions,
  type WorkerEvent,
} from '../worker/protocol';
import { RunDatabase } from './run-db';
import { RunKeeper } from './run-keeper';
import { machineFacts } from './machine';
import { ACTIVE_STATES, newRun, RunStore, startedRun, type RunRecord } from './run-store';
import { TabChannel } from './tabs';
import { InsideStore } from './inside-store';
import { DatasetLibrary } from './dataset-library';

export interface PageStatus {
  backend: BackendInfo | null;
  data: Extract<WorkerEvent, { type: 'data' }> | null;
  featureMaps: FeatureMapsEvent | null;
  /** The last problem the Worker reported that is not tied to a run's state. */
  error: { message: Message; setting?: keyof TrainConfig } | null;
  /** What tfjs holds in the Worker, from its last heartbeat. */
  memory: { tensors: number; bytes: number } | null;
  /** Why runs are not being kept in this browser now, or null when they are. */
  storage: Message | null;
  /** Saved runs that could not be read (left in storage), as a message. */
  skipped: Message | null;
  /** Whose model the Worker holds: a run the last start trained, or a loaded model's run (src/worker/models.ts). */
  model: { runId: string; from: 'trained' | ModelSource['kind']; step?: number } | null;
  /**
   * Runs that ran out of memory on `backend` (their curves are kept): the page offers to train them again, with the
   * same settings, on the next backend (another backend has other limits: a GPU's memory, WASM's heap).
   */
  outOfMemory: { backend: BackendName; runIds: string[] } | null;
}

type ModelReply = Extract<WorkerEvent, { type: 'modelSaved' | 'modelLoaded' | 'modelError' | 'error' }>;

export interface NewRun {
  config: TrainConfig;
  name: string;
  group?: RunRecord['group'];
  /** Only the training curve, no validation or test (a learning-rate sweep's runs). */
  curveOnly?: boolean;
}

/** How long a request (a prediction, gallery images) may take before the page stops waiting. */
export const REQUEST_MS = 30_000;
/** Silence after which a Worker counts as dead: long enough for a slow first step, scaled by the steps seen. */
export const SILENCE_MS = 60_000;
/** After a crash a fresh Worker starts at once, at most this many times in a row before one chooses a backend. */
const MAX_UNPROVEN_RESTARTS = 2;

let counter = 0;
const newId = () => `${Date.now().toString(36)}-${(counter++).toString(36)}`;

type Reply<T extends 'prediction' | 'images' | 'modelSaved' | 'modelLoaded' | 'modelError'> =
  Extract<WorkerEvent, { type: T }> | Extract<WorkerEvent, { type: 'error' }>;

export class TrainingSession {
  readonly runs = new RunStore();
  /** Layer statistics per run (the "Inside the network" panel). */
  readonly inside = new InsideStore();
  /** The datasets there are, and the user's imports (the Dataset control). */
  readonly library = new DatasetLibrary(
    (cmd) => this.post(cmd),
    () => this.nextRequest++,
  );
  private worker: Worker | null = null;
  private status: PageStatus = {
    backend: null,
    data: null,
    featureMaps: null,
    error: null,
    memory: null,
    storage: null,
    skipped: null,
    model: null,
    outOfMemory: null,
  };
  private readonly db: RunDatabase;
  private readonly tabs: TabChannel | null;
  readonly keeper: RunKeeper;
  private statusListeners = new Set<() => void>();
  /** The runs of the last start, until each has ended. */
  private active: string[] = [];
  /** The last start sent, so that a replaced Worker can be given it again. */
  private lastStart: Extract<Command, { type: 'start' }> | null = null;
  private vis: VisOptions = { every: 10, probeIndex: 0, inside: 10 };
  private mapsArrivedAt: number | null = null;
  private lastInit: Extract<Command, { type: 'init' }> | null = null;
  /** Workers started after a crash that have not yet chosen a backend (a Worker that crashes at once is not restarted for ever). */
  private restartsUnproven = 0;
  /** Silence after which the Worker counts as dead (SILENCE_MS; browser tests shorten it). */
  silenceMs = SILENCE_MS;
  private requests = new Map<number, { resolve: (e: WorkerEvent) => void; timer: ReturnType<typeof setTimeout> }>();
  private nextRequest = 1;
  /** Backends that failed while this page was open: a fresh Worker is told to skip them too. */
  private readonly broken = new Set<BackendName>();
  private lastHeard = 0;
  private slowestStepMs = 0;
  private watchdog: ReturnType<typeof setInterval> | null = null;

  /**
   * `retryName`: the name of a run started again after its GPU failed, in the page's language (a run's name is
   * stored text, written when the run starts). `db` is for tests (a database of their own, a stubbed one that
   * fails); `page`: the window whose pagehide/visibilitychange events flush unsaved runs (none in Node).
   */
  constructor(
    private readonly createWorker: () => Worker,
    private readonly retryName: (name: string) => string,
    { db, page = typeof window === 'undefined' ? null : window }: { db?: RunDatabase; page?: Window | null } = {},
  ) {
    this.db = db ?? new RunDatabase((problem) => this.setStatus({ storage: problem }));
    this.tabs = page
      ? new TabChannel(
          () => this.active,
          (id) => void this.savedElsewhere(id),
        )
      : null;
    this.keeper = new RunKeeper(
      this.db,
      (id) => this.runs.get(id),
      () => this.active,
      this.tabs,
    );
    this.runs.onChange = (run, important) => this.keeper.changed(run, important);
    if (page) {
      // A reload or a closed tab: what is unsaved is saved now, live runs as interrupted (see pageshow).
      page.addEventListener('pagehide', () => void this.keeper.flush(true));
      page.document.addEventListener('visibilitychange', () => {
        if (page.document.visibilityState === 'hidden') void this.keeper.flush();
      });
      // Back from the back/forward cache: the runs were not interrupted after all.
      page.addEventListener('pageshow', (e) => {
        if (e.persisted) for (const id of this.active) this.keeper.changed(this.runs.get(id)!, true);
      });
    }
  }

  /**
   * Loads the saved runs. A run that was live when its page went away is interrupted, and saved so; one that
   * another open tab trains now is shown as training there.
   */
  async restore(): Promise<void> {
    let loaded;
    try {
      loaded = await this.db.load();
    } catch {
      return; // the database said why (status.storage); the run list lives for this page only
    }
    const elsewhere =
      loaded.runs.some((r) => ACTIVE_STATES.includes(r.state)) && this.tabs ? await this.tabs.trainingElsewhere() : new Set<string>();
    const runs = loaded.runs.map((r) => {
      if (!ACTIVE_STATES.includes(r.state)) return r;
      if (elsewhere.has(r.id)) return { ...r, message: msg('storage.elsewhere') };
      const interrupted: RunRecord = { ...r, state: 'interrupted', message: msg('storage.interrupted'), tab: undefined };
      void this.db.save(interrupted).catch(() => {});
      return interrupted;
    });
    this.runs.load([...runs, ...this.runs.getSnapshot()]);
    if (loaded.skipped.length > 0) {
      const details = loaded.skipped.map((k) => `${k.id ?? '?'} (${k.problem})`).join('; ');
      this.setStatus({ skipped: msg('storage.skipped', { count: loaded.skipped.length, details }) });
    }
  }

  /** Another tab saved a run: show it as saved there, unless this page trains it. */
  private async savedElsewhere(id: string) {
    if (this.active.includes(id)) return;
    const run = await this.db.get(id).catch(() => null);
    if (run) this.runs.put(ACTIVE_STATES.includes(run.state) ? { ...run, message: msg('storage.elsewhere') } : run);
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

  /** The runs training (or loading) now: one, or a preset's pair. */
  get activeRunIds(): readonly string[] {
    return this.active;
  }

  // ---- commands ----
  init(backend: TrainConfig['backend'], dataset: TrainConfig['dataset']): void {
    this.lastInit = { type: 'init', backend, dataset };
    this.post(this.lastInit);
  }

  /** Starts runs: one, or several that train together, taking turns step by step (a preset's pair). */
  startRuns(items: NewRun[]): string[] {
    this.setStatus({ error: null, outOfMemory: null });
    const ids = items.map((item) => {
      const id = newId();
      const run = newRun(id, item.config, this.runs.getSnapshot().length, item.name, item.group);
      this.runs.add(item.curveOnly ? { ...run, curveOnly: true } : run);
      return id;
    });
    this.active = ids;
    this.slowestStepMs = 0;
    const runs: StartRun[] = ids.map((runId, i) => ({
      runId,
      config: items[i].config,
      ...(items[i].curveOnly ? { curveOnly: true } : {}),
    }));
    this.lastStart = { type: 'start', runs, vis: this.vis, exclude: [...this.broken] };
    this.post(this.lastStart);
    return ids;
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

  /** Stops the runs that train or load (loading ones end as stopped, before any step). */
  stop(): void {
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
    const next = { ...this.vis, ...vis };
    // The same options again (a panel shown again runs its effects again) change nothing: the Worker would
    // otherwise redo the maps of the chosen image, over a drawing's.
    if ((Object.keys(next) as (keyof VisOptions)[]).every((k) => next[k] === this.vis[k])) return;
    this.vis = next;
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
    if (this.active.includes(id)) this.stop();
    this.keeper.forget(id);
    this.runs.remove(id);
    this.inside.remove(id);
    await this.db.delete(id).catch(() => {});
    if (this.worker) this.post({ type: 'forgetModel', runId: id });
  }

  saveModel(runId: string, runName: string, to: ModelTarget, baseName: string): Promise<ModelReply> {
    return this.request<'modelSaved' | 'modelError'>((requestId) => ({ type: 'saveModel', requestId, runId, runName, to, baseName }));
  }

  loadModel(from: ModelSource, config: TrainConfig): Promise<ModelReply> {
    return this.request<'modelLoaded' | 'modelError'>((requestId) => ({ type: 'loadModel', requestId, from, config }));
  }

  predict(pixels: Float32Array, runId?: string): Promise<Reply<'prediction'>> {
    return this.request((requestId) => ({ type: 'predict', requestId, pixels, runId }));
  }

  images(dataset: TrainConfig['dataset'], indices: number[]): Promise<Reply<'images'>> {
    return this.request((requestId) => ({ type: 'images', requestId, dataset, indices }));
  }

  /** Every request ends: with its answer, with the Worker's error for it, or after REQUEST_MS with a timeout. */
  private request<T extends 'prediction' | 'images' | 'modelSaved' | 'modelLoaded' | 'modelError'>(
    make: (id: number) => Command,
  ): Promise<Reply<T>> {
    const id = this.nextRequest++;
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => this.answer(id, { type: 'error', requestId: id, message: msg('run.requestTimeout', { seconds: REQUEST_MS / 1000 }) }),
        REQUEST_MS,
      );
      this.requests.set(id, { resolve: (e) => resolve(e as Reply<T>), timer });
      this.post(make(id));
    });
  }

  private answer(id: number, e: WorkerEvent) {
    const pending = this.requests.get(id);
    if (!pending) return;
    clearTimeout(pending.timer);
    this.requests.delete(id);
    pending.resolve(e);
  }

  private post(cmd: Command): void {
    this.ensureWorker().postMessage(cmd);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = this.createWorker();
    w.onmessage = (ev: MessageEvent) => {
      if (w !== this.worker) return; // a replaced Worker's last words
      this.lastHeard = performance.now();
      if (isWorkerEvent(ev.data)) this.onEvent(ev.data);
    };
    w.onerror = (ev: ErrorEvent) => {
      ev.preventDefault();
      if (w === this.worker) this.crashed(ev.message || msg('run.unknownCrash'));
    };
    w.onmessageerror = () => this.crashed(msg('run.unreadableMessage'));
    this.worker = w;
    this.lastHeard = performance.now();
    this.watchdog ??= setInterval(() => this.checkAlive(), 5_000);
    if (this.lastInit) w.postMessage({ ...this.lastInit, exclude: [...this.broken] });
    return w;
  }

  /** A Worker silent for too long (no heartbeat: it died without an error event) is replaced. */
  private checkAlive() {
    if (!this.worker) return;
    const allowed = Math.max(this.silenceMs, 4 * this.slowestStepMs);
    const silent = performance.now() - this.lastHeard;
    if (silent > allowed) this.crashed(msg('run.notAnswering', { seconds: Math.round(silent / 1000) }));
  }

  /** The Worker died: its runs are marked failed (metrics kept) and the next command starts a new one. */
  crashed(reason: string | Message): void {
    // A fresh Worker at once, so that the page shows its backend again and trains when asked, with no reload. Not
    // again and again: a Worker that dies before it has chosen a backend is left for the next command to restart.
    const restart = this.restartsUnproven < MAX_UNPROVEN_RESTARTS;
    const said = msg(restart ? 'run.workerRestarted' : 'run.workerCrashedShort', { reason });
    this.endWorker(reason, msg('run.workerCrashedShort', { reason }), { model: null, error: { message: said } });
    this.runs.failActive(this.active, msg('run.workerCrashed', { reason }));
    this.active = [];
    this.lastStart = null;
    if (restart) {
      this.restartsUnproven++;
      this.ensureWorker();
    }
  }

  /** The Worker could not stop its runs: a fresh one takes over the start it was given. */
  private replaceStuckWorker(message: Message) {
    const start = this.lastStart;
    this.endWorker(message, message, { error: { message } });
    if (start) this.post({ ...start, exclude: [...this.broken] });
  }

  /**
   * The Worker's backend cannot go on (WASM's module aborted when memory ran out): its runs have failed and said
   * why; a fresh Worker takes over at once, so the page shows its backend again and trains when asked.
   */
  private retireWorker() {
    this.active = [];
    this.lastStart = null;
    const retired = msg('run.workerRetired');
    this.endWorker(retired, retired, { model: null, memory: null });
    this.ensureWorker();
  }

  /**
   * Ends the Worker, whichever way it failed: nothing it still sends is heard (onmessage ignores a replaced Worker),
   * every request waiting on it is answered with `reply` rather than left to its timeout, a dataset import or
   * removal it had ends saying `reason` (else the library would wait for ever and refuse every later import as
   * busy), and the page shows no backend until the next Worker says which it chose. `status`: what else the page
   * now shows. Starting the next Worker is the caller's: each failure has its own rule for that.
   */
  private endWorker(reason: string | Message, reply: Message, status: Partial<PageStatus>) {
    this.worker?.terminate();
    this.worker = null;
    this.setStatus({ backend: null, ...status });
    for (const id of [...this.requests.keys()]) this.answer(id, { type: 'error', requestId: id, message: reply });
    this.library.workerLost(reason);
  }

  /** The user changed a setting: a problem the Worker found with it is no longer the news. */
  settingChanged(key: keyof TrainConfig): void {
    if (this.status.error?.setting === key) this.setStatus({ error: null });
  }

  /**
   * Test hook: the Worker acts as if its GPU device were lost (`hang`: with a read that never settles), or, with
   * `outOfMemory`, as if its WebGPU device could not allocate the next step's memory.
   */
  simulateGpuLoss(hang = false, outOfMemory = false): void {
    this.post({ type: 'simulateGpuLoss', hang, outOfMemory });
  }

  /**
   * Test hook: makes the Worker die. 'throw': it throws an uncaught error, and the page learns of it only by the
   * Worker's real `error` event; 'silent': it is ended with no word to the page, which must notice by the missing
   * heartbeat; 'terminate': it is ended and the page told at once.
   */
  crashForTest(how: 'throw' | 'terminate' | 'silent' = 'terminate'): void {
    if (how === 'throw') return this.post({ type: 'crash' });
    // Killed with no event at all (the browser ended it, an out-of-memory kill): only the heartbeat's silence tells.
    if (how === 'silent') return this.worker?.terminate();
    this.worker?.terminate();
    this.crashed(msg('run.crashTest'));
  }

  private onEvent(e: WorkerEvent): void {
    if (this.library.apply(e)) return;
    switch (e.type) {
      case 'backend':
        this.restartsUnproven = 0;
        return this.setStatus({ backend: e.info });
      case 'data':
        return this.setStatus({ data: e });
      case 'heartbeat':
        return e.memory ? this.setStatus({ memory: e.memory }) : undefined;
      case 'stuck':
        return this.replaceStuckWorker(e.message);
      case 'retire':
        return this.retireWorker();
      case 'featureMaps':
        this.mapsArrivedAt = performance.now();
        return this.setStatus({ featureMaps: e });
      case 'inside':
        return this.inside.apply(e);
      case 'prediction':
        // A drawing's maps replace the probe's until training sends new ones.
        if (e.maps) this.setStatus({ featureMaps: e.maps });
        return this.answer(e.requestId, e);
      case 'images':
        return this.answer(e.requestId, e);
      case 'modelSaved':
        if (e.to === 'browser') this.runs.update(e.runId, (r) => ({ ...r, modelSaved: true }), true);
        return this.answer(e.requestId, e);
      case 'modelLoaded':
        this.setStatus({ model: { runId: e.runId, from: e.from, step: e.step } });
        return this.answer(e.requestId, e);
      case 'modelError':
        return this.answer(e.requestId, e);
      case 'started':
        // One change to the run: what the Worker says, and what the page knows of the machine it runs on.
        this.runs.update(e.runId, (r) => ({ ...startedRun(r, e), machine: machineFacts(this.status.backend) }));
        // A pair's first run is the one drawing and evaluation use unless the page asks for another.
        if (e.runId === this.active[0]) this.setStatus({ model: { runId: e.runId, from: 'trained' } });
        return;
      case 'error':
        if (e.requestId !== undefined) return this.answer(e.requestId, e);
        if (!e.runId || e.setting) this.setStatus({ error: { message: e.message, setting: e.setting } });
        return;
      case 'step': {
        const previous = this.runs.get(e.runId)?.steps.ms.at(-1);
        if (previous !== undefined) this.slowestStepMs = Math.max(this.slowestStepMs, e.elapsedMs - previous);
        return this.runs.apply(e);
      }
      case 'state': {
        this.runs.apply(e);
        // Out of memory is the batch size's problem: the page says so next to it (the backend is fine).
        if (e.state === 'failed' && e.reason === 'out-of-memory' && e.message && this.active.includes(e.runId)) {
          this.setStatus({ error: { message: e.message, setting: 'batchSize' } });
        }
        if (e.state === 'failed' && e.reason === 'device-lost') {
          const backend = this.runs.get(e.runId)?.backend;
          if (backend) this.broken.add(backend);
        }
        if (e.state === 'done' || e.state === 'stopped' || e.state === 'failed') this.ended(e.runId);
        return;
      }
      default:
        this.runs.apply(e);
    }
  }

  /** A run ended. When every run of the start has, runs lost with their GPU train again on the next backend. */
  private ended(runId: string) {
    if (!this.active.includes(runId)) return;
    const group = this.active.map((id) => this.runs.get(id)).filter((r): r is RunRecord => r !== undefined);
    if (group.some((r) => ACTIVE_STATES.includes(r.state))) return;
    this.active = [];
    this.lastStart = null;
    if (group.some((r) => r.state === 'failed' && r.failure === 'device-lost')) {
      this.startRuns(this.retryItems(group));
      return;
    }
    // Offered when a GPU ran out mid-run: the next backend's limits are checked before it trains (WASM's heap). Not
    // after WASM (the next is the CPU backend, whose memory is the tab's and unchecked), nor for a start refused
    // before its first step (the page said which batch fits).
    const oom = group.find((r) => r.failure === 'out-of-memory' && r.steps.step.length > 0);
    if (oom?.backend === 'webgpu' || oom?.backend === 'webgl') {
      this.setStatus({ outOfMemory: { backend: oom.backend, runIds: group.map((r) => r.id) } });
    }
  }

  /** Runs to train again from the start, as they were set, on whichever backend the Worker chooses now. */
  private retryItems(group: readonly RunRecord[]) {
    return group.map((r) => ({
      config: { ...r.config, backend: 'auto' as const },
      name: this.retryName(r.name),
      group: r.group,
      curveOnly: r.curveOnly,
    }));
  }

  /**
   * The runs that ran out of memory train again from the start, with their settings, on the next backend: the one
   * that ran out is left for the rest of this visit, as a lost one is (the Worker then chooses again).
   */
  trainOnNextBackend(): string[] {
    const oom = this.status.outOfMemory;
    if (!oom) return [];
    const group = oom.runIds.map((id) => this.runs.get(id)).filter((r): r is RunRecord => r !== undefined);
    this.broken.add(oom.backend);
    return this.startRuns(this.retryItems(group));
  }
}
