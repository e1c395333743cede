/**
 * Drives THE training Worker of the app (src/worker/worker.ts) through its protocol for a fixed number of
 * steps and records the step events. No charts, no feature maps (vis every 0) unless asked. The Worker is
 * terminated right after the last step event needed (or when the time budget runs out), so no validation
 * or test evaluation is ever timed.
 */
import { DEFAULT_CONFIG, type BackendChoice, type ModelName, type NetworkWidth, type TrainConfig } from '../../src/settings';
import { englishText } from '../../src/i18n/message';
import { isWorkerEvent, type BackendInfo, type Command, type WorkerEvent } from '../../src/worker/protocol';
import { deltas, median, round, steady } from '../stats';

export interface TfjsRunOptions {
  backend: BackendChoice;
  batch: number;
  model: ModelName;
  width?: NetworkWidth;
  /** Random images of this [height, width, channels] instead of the dataset's (the Worker's `synthetic`). */
  synthetic?: [number, number, number];
  steps: number;
  /** Training time allowed after the 'started' event; the run ends with fewer steps when it is spent. */
  budgetMs: number;
  /** Allowed from creating the Worker to 'started' (tfjs, backend, data, model). */
  setupTimeoutMs?: number;
  /** Feature maps every N steps (0 = never, the default). */
  visEvery?: number;
  /** Overrides of the default config (DEFAULT_CONFIG), e.g. { dropout: 0 }. */
  config?: Partial<TrainConfig>;
}

export interface TfjsRunResult {
  kind: 'tfjs';
  requested: BackendChoice;
  backend: string | null;
  batch: number;
  model: ModelName;
  width?: NetworkWidth;
  /** 'mnist' (the config's dataset) or 'synthetic 32x32x3'. */
  data: string;
  stepsRequested: number;
  /** Steps measured (fewer than requested when the budget ran out). */
  steps: number;
  /** Median of the per-step times from the Worker's elapsedMs deltas, first step excluded when n > 1. */
  medianMs: number | null;
  imagesPerSec: number | null;
  firstStepMs: number | null;
  /** Per-step times (elapsedMs deltas), all steps. */
  stepMs: number[];
  /** Intervals between step events as the page received them (steps 2..n), wall time incl. messaging. */
  wallStepMs: number[];
  /** Creating the Worker -> 'started' (tfjs import, backend, data, model build). */
  setupMs: number | null;
  losses: number[];
  adapter?: string;
  reason?: string;
  /** Why there is no (or an incomplete) measurement. */
  note?: string;
  budgetExhausted: boolean;
  skipped?: boolean;
  error?: string;
}

export function runTfjs(o: TfjsRunOptions): Promise<TfjsRunResult> {
  const config: TrainConfig = {
    ...DEFAULT_CONFIG,
    ...o.config,
    model: o.model,
    ...(o.width ? { width: o.width } : {}),
    batchSize: o.batch,
    epochs: 1,
    trainLimit: o.steps * o.batch,
    backend: o.backend,
  };
  const t0 = performance.now();
  const worker = new Worker(new URL('../../src/worker/worker.ts', import.meta.url), { type: 'module', name: 'bench-training' });
  const elapsed: number[] = [];
  const received: number[] = [];
  const losses: number[] = [];
  let info: BackendInfo | null = null;
  let startedAt: number | null = null;
  let budgetTimer: ReturnType<typeof setTimeout> | undefined;
  let done = false;

  return new Promise<TfjsRunResult>((resolve) => {
    const finish = (extra: Partial<TfjsRunResult> = {}) => {
      if (done) return;
      done = true;
      clearTimeout(setupTimer);
      clearTimeout(budgetTimer);
      worker.terminate();
      const stepMs = deltas(elapsed);
      const med = median(steady(stepMs));
      resolve({
        kind: 'tfjs',
        requested: o.backend,
        backend: info?.backend ?? null,
        batch: o.batch,
        model: o.model,
        width: o.width,
        data: o.synthetic ? `synthetic ${o.synthetic.join('x')}` : config.dataset,
        stepsRequested: o.steps,
        steps: elapsed.length,
        medianMs: round(med),
        imagesPerSec: med ? round((o.batch * 1000) / med, 2) : null,
        firstStepMs: round(stepMs[0]),
        stepMs: stepMs.map((x) => round(x)!),
        wallStepMs: deltas(received)
          .slice(1)
          .map((x) => round(x)!),
        setupMs: startedAt === null ? null : round(startedAt - t0),
        losses: losses.map((l) => round(l, 4)!),
        adapter: info?.adapter,
        reason: info ? englishText(info.reason) : undefined,
        budgetExhausted: false,
        ...extra,
      });
    };
    const setupTimer = setTimeout(
      () => finish({ error: `no 'started' event within ${(o.setupTimeoutMs ?? 120_000) / 1000} s` }),
      o.setupTimeoutMs ?? 120_000,
    );
    worker.onerror = (ev) => {
      ev.preventDefault();
      finish({ error: `worker error: ${ev.message || 'unknown'}` });
    };
    worker.onmessage = (ev: MessageEvent) => {
      if (!isWorkerEvent(ev.data)) return;
      const e: WorkerEvent = ev.data;
      switch (e.type) {
        case 'backend':
          info = e.info;
          if (o.backend !== 'auto' && e.info.backend !== o.backend) {
            const why = e.info.skipped.find((s) => s.backend === o.backend)?.why;
            finish({
              skipped: true,
              note: `asked for ${o.backend}, the Worker chose ${e.info.backend}${why ? `: ${englishText(why)}` : ''}`,
            });
          }
          return;
        case 'started':
          startedAt = performance.now();
          clearTimeout(setupTimer);
          budgetTimer = setTimeout(() => {
            const s = elapsed.length;
            finish({
              budgetExhausted: true,
              note:
                s === 0
                  ? `no step finished within the ${o.budgetMs / 1000} s budget: one step takes longer`
                  : `budget of ${o.budgetMs / 1000} s spent after ${s} of ${o.steps} steps`,
            });
          }, o.budgetMs);
          return;
        case 'step':
          elapsed.push(e.elapsedMs);
          received.push(performance.now());
          losses.push(e.loss);
          if (e.step >= o.steps) finish();
          return;
        case 'state':
          if (e.state === 'failed') finish({ error: e.message ? englishText(e.message) : 'run failed' });
          return;
        case 'error':
          if (e.setting) finish({ error: englishText(e.message) });
          return;
        default:
          return;
      }
    };
    const start: Command = {
      type: 'start',
      runs: [{ runId: `bench-${o.backend}-${o.batch}`, config }],
      vis: { every: o.visEvery ?? 0, probeIndex: 0 },
      ...(o.synthetic ? { synthetic: o.synthetic } : {}),
    };
    worker.postMessage(start);
  });
}
