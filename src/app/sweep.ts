/**
 * The learning-rate sweep of the paper's Figure 1 on the page: its short runs (src/train/sweep.ts plans them) train
 * one after another through the session's ordinary start, as runs of one group, so they are drawn, kept and
 * reloaded like any run; the sweep's results are read back from those runs. No React, no tfjs.
 */
import type { Activation, TrainConfig } from '../settings';
import { pickRates, sweepRuns, type SweepPick, type SweepPlan, type SweepRunResult } from '../train/sweep';
import { ACTIVE_STATES, ranToEnd, type RunRecord } from './run-store';
import type { NewRun } from './session';
import { StateStore } from './state-store';

/** The group `preset` of a sweep's runs (not a comparison pair: class results leave them out). */
export const SWEEP_PRESET = 'figure1-sweep';

export const isSweepRun = (r: RunRecord): boolean => r.group?.preset === SWEEP_PRESET;

/** A sweep as its runs tell it: the group, its runs in the order they ran, and the config they share. */
export interface SweepGroup {
  id: string;
  runs: RunRecord[];
  /** What the runs share: dataset, batch size, seed, steps (the first run's config). */
  base: TrainConfig;
}

/** The most recent sweep among the runs (by its first run's start), or null. */
export function latestSweep(runs: readonly RunRecord[]): SweepGroup | null {
  const groups = new Map<string, RunRecord[]>();
  for (const r of runs) {
    if (!isSweepRun(r)) continue;
    const list = groups.get(r.group!.id) ?? [];
    list.push(r);
    groups.set(r.group!.id, list);
  }
  let latest: SweepGroup | null = null;
  for (const [id, members] of groups) {
    if (!latest || members[0].createdAt > latest.runs[0].createdAt) latest = { id, runs: members, base: members[0].config };
  }
  return latest;
}

/** The curves the pick reads, of runs that ran to their end (a diverged run's is marked so), in their order. */
function sweepResults(finished: readonly RunRecord[]): SweepRunResult[] {
  return finished.map((r) => ({
    activation: r.config.activation,
    learningRate: r.config.learningRate,
    steps: r.steps.step,
    accuracy: r.steps.acc,
    diverged: r.failure === 'diverged',
  }));
}

/** One point of the sweep chart: a run's rate and when it reached the threshold, or why it did not. */
export interface SweepPoint {
  activation: Activation;
  learningRate: number;
  /** Steps to the threshold; null when it never got there. */
  steps: number | null;
  outcome: 'crossed' | 'notReached' | 'diverged';
  runId: string;
}

/**
 * The chart's points and the fastest rate per activation, from the sweep's runs that ran to their end (ranToEnd: a
 * diverged run counts). Runs still training, interrupted by a reload, or failed for another reason are left out.
 */
export function sweepSummary(group: SweepGroup, threshold: number, smoothing: number): { points: SweepPoint[]; picks: SweepPick[] } {
  const finished = group.runs.filter(ranToEnd);
  const results = sweepResults(finished);
  const picks = pickRates(results, threshold, smoothing);
  const points: SweepPoint[] = [];
  for (const pick of picks) {
    for (const { result, crossing } of pick.runs) {
      const run = finished[results.indexOf(result)];
      points.push({
        activation: result.activation,
        learningRate: result.learningRate,
        steps: crossing,
        outcome: result.diverged ? 'diverged' : crossing === null ? 'notReached' : 'crossed',
        runId: run.id,
      });
    }
  }
  return { points: points.sort((a, b) => a.learningRate - b.learningRate), picks };
}

/**
 * The picked rate per activation, when the sweep was run on what the current settings train (same dataset and
 * batch size): a rate tuned on other data or batches says nothing about these.
 */
export function pickedRates(
  group: SweepGroup | null,
  config: TrainConfig,
  threshold: number,
  smoothing: number,
  /** The group's sweepSummary at this threshold and smoothing, where the caller has it already. */
  summary?: ReturnType<typeof sweepSummary>,
) {
  if (!group || group.base.dataset !== config.dataset || group.base.batchSize !== config.batchSize) return null;
  const rates: Partial<Record<Activation, number>> = {};
  for (const p of (summary ?? sweepSummary(group, threshold, smoothing)).picks) if (p.best) rates[p.activation] = p.best.learningRate;
  return Object.keys(rates).length > 0 ? rates : null;
}

/** What the sweep runner needs of the session (a fake one in tests). */
export interface SweepHost {
  startRuns(items: NewRun[]): string[];
  stop(): void;
  readonly activeRunIds: readonly string[];
  runs: { subscribe(l: () => void): () => void; get(id: string): RunRecord | undefined };
}

export interface SweepState {
  /** The group of the sweep running now, or null. */
  running: string | null;
  /** Runs of it started so far (the one training included), and how many there are in all. */
  started: number;
  total: number;
}

/**
 * Runs a sweep's runs one after another: the next starts when the last has ended and nothing else trains. A run
 * the user stopped ends the sweep (so does stop()); a diverged run does not (a too-large rate is a result).
 */
export class SweepRunner extends StateStore<SweepState> {
  private queue: NewRun[] = [];
  private current: string | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly host: SweepHost) {
    super({ running: null, started: 0, total: 0 });
  }

  /**
   * Starts a sweep of `plan` on `base` (a Figure 1 config): one curve-only run per activation and rate, named by
   * `name`. `trainImages`: the dataset's training images, so each run takes the planned steps. Returns the group id.
   */
  start(base: TrainConfig, plan: SweepPlan, name: (activation: Activation, learningRate: number) => string, trainImages?: number): string {
    this.stop();
    const group = { id: `${SWEEP_PRESET}-${Date.now().toString(36)}`, preset: SWEEP_PRESET };
    this.queue = sweepRuns(base, plan, trainImages).map((r) => ({
      config: r.config,
      name: name(r.activation, r.learningRate),
      group,
      curveOnly: true,
    }));
    this.set({ running: group.id, started: 0, total: this.queue.length });
    this.unsubscribe = this.host.runs.subscribe(() => this.check());
    this.next();
    return group.id;
  }

  /** Stops the run training now and drops the rest; the finished runs stay. */
  stop(): void {
    if (this.state.running === null) return;
    const training = this.current !== null && this.host.activeRunIds.includes(this.current);
    this.end();
    if (training) this.host.stop();
  }

  private end() {
    this.queue = [];
    this.current = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.set({ running: null });
  }

  private next() {
    const item = this.queue.shift();
    if (!item) return this.end();
    [this.current] = this.host.startRuns([item]);
    this.set({ started: this.state.started + 1 });
  }

  private check() {
    if (this.current === null) return;
    const run = this.host.runs.get(this.current);
    // Deleted from the run list, or stopped by the user: the sweep ends there.
    if (!run || run.state === 'stopped') return this.end();
    if (ACTIVE_STATES.includes(run.state) || this.host.activeRunIds.length > 0) return;
    this.next();
  }
}
