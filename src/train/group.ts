/**
 * Runs that train together, such as a preset's pair (ReLU vs tanh): both curves grow at the same pace instead of
 * one run waiting for the other to finish. The runs take turns, one step each (a `Turnstile`), in one thread:
 * each keeps its own model, optimizer and seeded data order, so its curve is the one it would have trained alone
 * (src/train/group.test.ts compares them). Pause, step, stop and evaluation apply to every run of the group.
 */
import type { RunState } from './run';
import type { TrainingRun } from './run';

/** A first-come, first-served lock: whoever asked first steps next, so two looping runs alternate. */
export class Turnstile {
  private busy = false;
  private readonly waiting: (() => void)[] = [];

  /** Resolves with the function that ends this turn. */
  async enter(): Promise<() => void> {
    if (this.busy) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.busy = true;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.busy = false;
    };
  }
}

export class RunGroup {
  constructor(readonly runs: readonly TrainingRun[]) {}

  /** Every run to its end; the final state of each, in order. */
  run(): Promise<RunState[]> {
    return Promise.all(this.runs.map((r) => r.run()));
  }

  find(runId: string): TrainingRun | undefined {
    return this.runs.find((r) => r.runId === runId);
  }

  pause(): void {
    for (const r of this.runs) r.pause();
  }

  resume(): void {
    for (const r of this.runs) r.resume();
  }

  stepOnce(): void {
    for (const r of this.runs) r.stepOnce();
  }

  stop(): void {
    for (const r of this.runs) r.stop();
  }

  async requestEvaluation(): Promise<void> {
    await Promise.all(this.runs.map((r) => r.requestEvaluation()));
  }
}
