import type { BackendName } from '../backend/names';
import { msg, type Message } from '../i18n/message';
import type { TrainConfig } from '../settings';
import type { Trainer } from './trainer';

/** Why a run failed, so the page can react: a lost GPU device is retried on the next backend. */
export type FailureReason = 'diverged' | 'device-lost' | 'out-of-memory' | 'invalid-config' | 'error';

export type RunState = 'loading' | 'running' | 'paused' | 'stopped' | 'done' | 'failed';

export interface StateEvent {
  type: 'state';
  runId: string;
  state: RunState;
  message?: Message;
  reason?: FailureReason;
}

export interface StepEvent {
  type: 'step';
  runId: string;
  step: number;
  epoch: number;
  loss: number;
  accuracy: number;
  imagesPerSec: number;
  /** Training time so far, pauses excluded. */
  elapsedMs: number;
}

export interface EpochEvent {
  type: 'epoch';
  runId: string;
  /** 1-based number of the epoch just finished. */
  epoch: number;
  step: number;
  valLoss: number;
  valAccuracy: number;
  elapsedMs: number;
}

export interface TestEvent {
  type: 'test';
  runId: string;
  step: number;
  loss: number;
  accuracy: number;
  count: number;
  confusion: number[];
  /** True and predicted class per evaluated test image, and the predicted class's probability. */
  labels: Uint8Array;
  predictions: Uint8Array;
  confidence: Float32Array;
}

/** What a run reports, in the order it happens; the Worker passes these to the page unchanged. */
export type RunEvent = StateEvent | StepEvent | EpochEvent | TestEvent;

/** Lets queued messages (pause, stop) in: awaiting a CPU/WASM tensor read only runs microtasks. */
const setImmediateIfAny = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate;
export const yieldToEventLoop: () => Promise<void> =
  typeof setImmediateIfAny === 'function' // Node (tests, scripts)
    ? () => new Promise((resolve) => setImmediateIfAny(resolve))
    : (() => {
        // MessageChannel rather than setTimeout: nested timeouts are clamped to 4 ms, a lot for a tiny net.
        const channel = new MessageChannel();
        const waiting: (() => void)[] = [];
        channel.port1.onmessage = () => waiting.shift()?.();
        return () =>
          new Promise<void>((resolve) => {
            waiting.push(resolve);
            channel.port2.postMessage(0);
          });
      })();

export interface RunHooks {
  emit: (e: RunEvent) => void;
  /** Called after every step (feature maps and the like); its time counts as visualisation overhead. */
  afterStep?: (step: number, stepMs: number) => Promise<void>;
  /**
   * Waits for this run's turn to step and returns the function that ends it: runs that train together take
   * turns (RunGroup), so both curves grow at the same pace.
   */
  turn?: () => Promise<() => void>;
  /**
   * What a failure means on this backend, when more than "an error": out of memory, say (src/backend/out-of-memory.ts).
   * `err` is what the step threw, or null when the loss went non-finite without an error (a GPU that ran out of
   * memory can return garbage instead of throwing). Undefined: the run's own reading stands.
   */
  explain?: (err: unknown) => { message: Message; reason: FailureReason } | undefined;
}

/**
 * What most likely made a run diverge, in the order a student should check: the article's N(0, 1) weights make
 * the first logits huge; an LRN divisor near zero (bias k about 0, whatever alpha) divides by almost nothing;
 * otherwise the learning rate is too large.
 */
function divergenceAdvice(c: TrainConfig): Message {
  if (c.init === 'normal') return msg('run.adviceInit');
  if (c.lrn && c.lrnBias < 1e-3) return msg('run.adviceLrn', { bias: c.lrnBias });
  return msg('run.adviceRate', { rate: Number((c.learningRate / 10).toPrecision(2)) });
}

/**
 * Drives a Trainer through its epochs and answers pause / resume / step / stop. Validation runs at the end
 * of each epoch, the test set once at the end (neither with `curveOnly`: a learning-rate sweep's short runs
 * only need their training curves). A loss that is not finite ends the run with advice.
 */
export class TrainingRun {
  private state: RunState = 'running';
  private wake: (() => void) | null = null;
  private pendingSteps = 0;
  private evaluationRequested = false;
  private trainingMs = 0;
  private recent: { images: number; ms: number }[] = [];

  constructor(
    readonly runId: string,
    readonly trainer: Trainer,
    readonly backend: BackendName,
    private readonly hooks: RunHooks,
    startPaused = false,
    private readonly curveOnly = false,
  ) {
    if (startPaused) this.state = 'paused';
  }

  get current(): RunState {
    return this.state;
  }

  get elapsedMs(): number {
    return this.trainingMs;
  }

  pause(): void {
    if (this.state === 'running') this.setState('paused');
  }

  resume(): void {
    if (this.state === 'paused') {
      this.setState('running');
      this.wakeUp();
    }
  }

  stepOnce(): void {
    if (this.state === 'paused') {
      this.pendingSteps++;
      this.wakeUp();
    }
  }

  /**
   * Test-set evaluation on demand. A live run does it between two steps (never interleaved with one);
   * a finished run does it at once.
   */
  async requestEvaluation(): Promise<void> {
    if (this.state === 'running' || this.state === 'paused') {
      this.evaluationRequested = true;
      this.wakeUp();
    } else {
      await this.test();
    }
  }

  stop(): void {
    if (this.state === 'running' || this.state === 'paused') {
      this.setState('stopped');
      this.wakeUp();
    }
  }

  /** Ends the run from outside with a reason (a lost GPU device, say); metrics so far stay with the page. */
  fail(message: Message, reason: FailureReason = 'error'): void {
    if (this.state === 'running' || this.state === 'paused') {
      this.setState('failed', message, reason);
      this.wakeUp();
    }
  }

  private wakeUp() {
    this.wake?.();
    this.wake = null;
  }

  private setState(state: RunState, message?: Message, reason?: FailureReason) {
    this.state = state;
    this.hooks.emit({ type: 'state', runId: this.runId, state, message, reason });
  }

  async run(): Promise<RunState> {
    const t = this.trainer;
    this.hooks.emit({ type: 'state', runId: this.runId, state: this.state });
    try {
      while (!t.done) {
        await yieldToEventLoop();
        if (this.evaluationRequested) {
          this.evaluationRequested = false;
          await this.test();
          continue;
        }
        if (this.state === 'paused' && this.pendingSteps === 0) {
          await new Promise<void>((resolve) => (this.wake = resolve));
          continue;
        }
        if (this.state !== 'running' && this.state !== 'paused') break;
        const endTurn = this.hooks.turn ? await this.hooks.turn() : null;
        try {
          // The state may have changed while this run waited for its turn.
          if (this.state !== 'running' && !(this.state === 'paused' && this.pendingSteps > 0)) continue;
          if (!(await this.step())) break;
        } finally {
          endTurn?.();
        }
      }
      if (this.state === 'running' || this.state === 'paused') {
        if (!this.curveOnly) await this.test();
        this.setState('done');
      } else if (this.state === 'stopped' && !this.curveOnly) {
        // A stopped run still reports how good it got: that is what the user compares.
        await this.test();
      }
    } catch (err) {
      // A run already failed from outside (lost device) keeps that reason; its pending read may reject.
      if (this.state !== 'failed') {
        const known = this.explain(err);
        if (known) this.setState('failed', known.message, known.reason);
        else this.setState('failed', msg('run.failed', { detail: err instanceof Error ? err.message : String(err) }), 'error');
      }
    }
    return this.state;
  }

  /** One training step and what follows it (events, feature maps, validation at an epoch's end). False: stop. */
  private async step(): Promise<boolean> {
    const t = this.trainer;
    if (this.pendingSteps > 0) this.pendingSteps--;
    const r = await t.trainStep();
    this.trainingMs += r.ms;
    if (!Number.isFinite(r.loss)) {
      const known = this.explain(null);
      if (known) {
        this.setState('failed', known.message, known.reason);
        return false;
      }
      this.setState('failed', msg('run.diverged', { loss: String(r.loss), step: r.step, advice: divergenceAdvice(t.config) }), 'diverged');
      return false;
    }
    this.hooks.emit({
      type: 'step',
      runId: this.runId,
      step: r.step,
      epoch: r.epoch,
      loss: r.loss,
      accuracy: r.accuracy,
      imagesPerSec: this.throughput(r.images, r.ms),
      elapsedMs: this.trainingMs,
    });
    if (this.hooks.afterStep) await this.hooks.afterStep(r.step, r.ms);
    if (r.step % t.stepsPerEpoch === 0 && !this.curveOnly) await this.validate(r.epoch + 1, r.step);
    return true;
  }

  /** The hook's reading of a failure; a hook that throws reads as none (the failure is still reported). */
  private explain(err: unknown): { message: Message; reason: FailureReason } | undefined {
    try {
      return this.hooks.explain?.(err);
    } catch {
      return undefined;
    }
  }

  private throughput(images: number, ms: number): number {
    this.recent.push({ images, ms });
    if (this.recent.length > 10) this.recent.shift();
    const total = this.recent.reduce((a, r) => ({ images: a.images + r.images, ms: a.ms + r.ms }), { images: 0, ms: 0 });
    return (total.images / total.ms) * 1000;
  }

  private async validate(epoch: number, step: number) {
    const v = await this.trainer.evaluate(this.trainer.data.validation);
    this.hooks.emit({
      type: 'epoch',
      runId: this.runId,
      epoch,
      step,
      valLoss: v.loss,
      valAccuracy: v.accuracy,
      elapsedMs: this.trainingMs,
    });
  }

  async test(): Promise<void> {
    const r = await this.trainer.evaluate(this.trainer.data.test);
    this.hooks.emit({
      type: 'test',
      runId: this.runId,
      step: this.trainer.step,
      loss: r.loss,
      accuracy: r.accuracy,
      count: r.count,
      confusion: r.confusion,
      labels: this.trainer.data.test.labels.slice(0, r.count),
      predictions: r.predictions,
      confidence: r.confidence,
    });
  }
}
