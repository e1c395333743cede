/**
 * The run list: every run's config, backend and metrics, updated from Worker events. Plain TypeScript with
 * a subscribe/snapshot pair for React's useSyncExternalStore; notifications are coalesced so a fast network
 * (hundreds of steps a second) does not re-render the page hundreds of times a second.
 */
import type { Message } from '../i18n/message';
import { boundSeries } from './series';
import type { TrainConfig } from '../settings';
import type { BackendName, FailureReason, WorkerEvent } from '../worker/protocol';

export interface StepSeries {
  step: number[];
  loss: number[];
  acc: number[];
  /** Training time at that step, ms. */
  ms: number[];
}

export interface EpochSeries {
  epoch: number[];
  step: number[];
  valLoss: number[];
  valAcc: number[];
  ms: number[];
}

export interface TestResult {
  step: number;
  accuracy: number;
  loss: number;
  count: number;
  confusion: number[];
  labels: Uint8Array;
  predictions: Uint8Array;
  confidence: Float32Array;
}

/**
 * A run's states as the page keeps them: the Worker's (RunState), and 'interrupted' for a run whose page went away.
 * The schemas of saved and exported runs accept these. A state the Worker adds and this list lacks fails to compile
 * where a Worker event's state is stored (RunStore.apply).
 */
export const RECORD_STATES = ['loading', 'running', 'paused', 'stopped', 'done', 'failed', 'interrupted'] as const;
export type RecordState = (typeof RECORD_STATES)[number];

export interface RunRecord {
  id: string;
  name: string;
  /** Index into the run palette. */
  color: number;
  createdAt: number;
  config: TrainConfig;
  state: RecordState;
  message?: Message;
  /** Why a failed run failed (a lost GPU is retried on the next backend). */
  failure?: FailureReason;
  backend?: BackendName;
  totalSteps: number;
  stepsPerEpoch: number;
  params: number;
  imagesPerSec: number;
  elapsedMs: number;
  steps: StepSeries;
  epochs: EpochSeries;
  test?: TestResult;
  /** Runs started together by a comparison preset share a group; `preset` is the preset's id (src/ui/Comparison.tsx). */
  group?: { id: string; preset: string };
  /** While live: the browser tab that trains it (another tab shows it, and does not call it interrupted). */
  tab?: string;
  /** What the page knew of the machine when the run started (exported with the run). */
  machine?: MachineFacts;
  /** A run that came from a file (src/app/run-schema.ts), and the file's name. */
  imported?: boolean;
  importedFrom?: string;
  /** The run's trained model is saved in this browser (src/worker/models.ts). */
  modelSaved?: boolean;
  /** A learning-rate sweep's run: only its training curve, never validated or tested (src/app/sweep.ts). */
  curveOnly?: boolean;
}

export interface MachineFacts {
  userAgent: string;
  cores: number;
  /** Why the backend was chosen, as the page said it (a message, so a file says it in the reader's language). */
  backendReason?: Message;
}

/** Okabe–Ito: distinguishable with the common colour-vision deficiencies. */
export const RUN_COLORS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

export const ACTIVE_STATES: readonly RecordState[] = ['loading', 'running', 'paused'];

/**
 * A run that ran to its end: trained every step, or stopped for diverging (a too-large rate is a result, and the
 * learning-rate lesson's is there to diverge). Stopped, interrupted or otherwise failed runs did not.
 */
export const ranToEnd = (run: RunRecord): boolean => run.state === 'done' || (run.state === 'failed' && run.failure === 'diverged');

export function newRun(id: string, config: TrainConfig, index: number, name: string, group?: RunRecord['group']): RunRecord {
  return {
    id,
    name,
    color: index % RUN_COLORS.length,
    createdAt: Date.now(),
    config,
    state: 'loading',
    totalSteps: 0,
    stepsPerEpoch: 0,
    params: 0,
    imagesPerSec: 0,
    elapsedMs: 0,
    steps: { step: [], loss: [], acc: [], ms: [] },
    epochs: { epoch: [], step: [], valLoss: [], valAcc: [], ms: [] },
    group,
  };
}

/** A run as its Worker started it: the config it acknowledged is the one the run used, with its size and backend. */
export function startedRun(r: RunRecord, e: Extract<WorkerEvent, { type: 'started' }>): RunRecord {
  return { ...r, config: e.config, totalSteps: e.totalSteps, stepsPerEpoch: e.stepsPerEpoch, params: e.params, backend: e.backend };
}

/** Redraws during training take at most one part in RENDER_SHARE of a core (see RunStore's constructor). */
export const RENDER_SHARE = 20;

function defaultWhenIdle(callback: () => void): void {
  const g = globalThis as { requestIdleCallback?: (cb: () => void) => number };
  if (g.requestIdleCallback) g.requestIdleCallback(callback);
  else setTimeout(callback, 0);
}

export class RunStore {
  private runs: RunRecord[] = [];
  private listeners = new Set<() => void>();
  private scheduled = false;
  private lastNotify = 0;
  /**
   * Called with a run whenever it changes; `important` for a point worth saving at once (state change, epoch,
   * test), not for a training step (RunKeeper batches those).
   */
  onChange: (run: RunRecord, important: boolean) => void = () => {};

  private intervalMs: number;
  private renderCostMs: number | null = null;

  /**
   * During training the page redraws at most four times a second, and less often when a redraw is costly: each
   * redraw is timed from the notification to the next idle moment of the main thread (React's render, commit
   * and effects, Recharts' own follow-up renders), and redraws are spaced so that they take at most
   * 1/RENDER_SHARE of one core. The training Worker needs every core (WASM runs one thread per core), so on a
   * small machine each redraw is time taken from training (README, "Measured speed": page overhead).
   * `whenIdle` runs a callback when the main thread is next idle (requestIdleCallback where there is one).
   */
  constructor(
    private readonly minIntervalMs = 250,
    private readonly maxIntervalMs = 1500,
    private readonly whenIdle: (callback: () => void) => void = defaultWhenIdle,
  ) {
    this.intervalMs = minIntervalMs;
  }

  /** The wait between redraws during training now, ms. */
  get redrawIntervalMs(): number {
    return this.intervalMs;
  }

  /** How long a redraw took, ms. */
  reportRenderCost(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    // Smoothed: one slow draw (a garbage collection, a first layout) should not slow the page for long.
    this.renderCostMs = this.renderCostMs == null ? ms : 0.7 * this.renderCostMs + 0.3 * ms;
    this.intervalMs = Math.min(this.maxIntervalMs, Math.max(this.minIntervalMs, RENDER_SHARE * this.renderCostMs));
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): readonly RunRecord[] => this.runs;

  get(id: string): RunRecord | undefined {
    return this.runs.find((r) => r.id === id);
  }

  /** Replaces the whole list (after loading from storage). */
  load(runs: RunRecord[]): void {
    this.runs = runs;
    this.notify(true);
  }

  add(run: RunRecord): void {
    this.runs = [...this.runs, run];
    this.onChange(run, true);
    this.notify(true);
  }

  /** A run as another tab saved it: replaces this page's copy, or joins the list. Not saved again from here. */
  put(run: RunRecord): void {
    const i = this.runs.findIndex((r) => r.id === run.id);
    this.runs = i < 0 ? [...this.runs, run].sort((a, b) => a.createdAt - b.createdAt) : this.runs.map((r, j) => (j === i ? run : r));
    this.notify(false);
  }

  remove(id: string): void {
    this.runs = this.runs.filter((r) => r.id !== id);
    this.notify(true);
  }

  /** Marks these runs failed if they are unfinished: the Worker died under them. Their metrics stay. */
  failActive(ids: readonly string[], message: Message): void {
    for (const r of this.runs) {
      if (ids.includes(r.id) && ACTIVE_STATES.includes(r.state)) this.update(r.id, (x) => ({ ...x, state: 'failed', message }), true);
    }
  }

  update(id: string, change: (r: RunRecord) => RunRecord, persist = false): void {
    const i = this.runs.findIndex((r) => r.id === id);
    if (i < 0) return;
    const next = change(this.runs[i]);
    this.runs = this.runs.map((r, j) => (j === i ? next : r));
    this.onChange(next, persist);
    this.notify(persist);
  }

  /** Folds one Worker event into the run it belongs to. */
  apply(e: WorkerEvent): void {
    switch (e.type) {
      case 'started':
        return this.update(e.runId, (r) => startedRun(r, e));
      case 'state':
        return this.update(
          e.runId,
          (r) => ({ ...r, state: e.state, message: e.message ?? r.message, failure: e.reason ?? r.failure }),
          true,
        );
      case 'step': {
        // Mutating the arrays in place keeps a 10,000-step run O(1) per step; the new record object is
        // what tells React something changed.
        return this.update(e.runId, (r) => {
          const s = r.steps;
          s.step.push(e.step);
          s.loss.push(e.loss);
          s.acc.push(e.accuracy);
          s.ms.push(e.elapsedMs);
          boundSeries(s);
          return { ...r, steps: s, imagesPerSec: e.imagesPerSec, elapsedMs: e.elapsedMs };
        });
      }
      case 'epoch':
        return this.update(
          e.runId,
          (r) => {
            const s = r.epochs;
            s.epoch.push(e.epoch);
            s.step.push(e.step);
            s.valLoss.push(e.valLoss);
            s.valAcc.push(e.valAccuracy);
            s.ms.push(e.elapsedMs);
            return { ...r, epochs: s };
          },
          true,
        );
      case 'test':
        return this.update(
          e.runId,
          (r) => ({
            ...r,
            test: {
              step: e.step,
              accuracy: e.accuracy,
              loss: e.loss,
              count: e.count,
              confusion: e.confusion,
              labels: e.labels,
              predictions: e.predictions,
              confidence: e.confidence,
            },
          }),
          true,
        );
      default:
        return;
    }
  }

  private notify(now: boolean): void {
    const fire = (timed: boolean) => {
      this.scheduled = false;
      const at = performance.now();
      this.lastNotify = at;
      for (const l of this.listeners) l();
      if (timed) this.whenIdle(() => this.reportRenderCost(performance.now() - at));
    };
    if (now) return fire(false);
    if (this.scheduled) return;
    this.scheduled = true;
    const wait = Math.max(0, this.intervalMs - (performance.now() - this.lastNotify));
    setTimeout(() => fire(true), wait);
  }
}
