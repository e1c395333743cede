/**
 * When runs are saved. At once when something worth keeping happens (a state change, an epoch, a test result);
 * while a run trains, at most every SAVE_EVERY_MS and off the hot path (a timer, never inside a step event); and
 * everything unsaved at once when the page is hidden or goes away, so a reload or a closed tab loses at most the
 * last few seconds of a curve.
 */
import type { RunDatabase } from './run-db';
import { ACTIVE_STATES, type RunRecord } from './run-store';
import type { TabChannel } from './tabs';

export const SAVE_EVERY_MS = 3_000;

export class RunKeeper {
  private readonly dirty = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Durations of the last saves, ms (for the soak benchmark: a save must stay short). */
  readonly saveMs: number[] = [];

  constructor(
    private readonly db: RunDatabase,
    private readonly get: (id: string) => RunRecord | undefined,
    /** The runs this page trains now. */
    private readonly live: () => readonly string[],
    private readonly tabs: TabChannel | null,
    private readonly everyMs = SAVE_EVERY_MS,
  ) {}

  /** A run changed; `important` saves it now, else it is saved with the next batch. */
  changed(run: RunRecord, important: boolean): void {
    if (important) {
      this.dirty.delete(run.id);
      void this.save(run);
      return;
    }
    this.dirty.add(run.id);
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.everyMs);
  }

  /** Saves every run with unsaved changes now; `leaving`: the page goes away, so live runs are saved interrupted. */
  async flush(leaving = false): Promise<void> {
    const ids = [...new Set([...this.dirty, ...(leaving ? this.live() : [])])];
    this.dirty.clear();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await Promise.all(
      ids.map((id) => {
        const run = this.get(id);
        if (!run) return undefined;
        return this.save(leaving && ACTIVE_STATES.includes(run.state) ? { ...run, state: 'interrupted' } : run);
      }),
    );
  }

  /** Forget unsaved changes of a run (it was deleted). */
  forget(id: string): void {
    this.dirty.delete(id);
  }

  private async save(run: RunRecord): Promise<void> {
    const live = ACTIVE_STATES.includes(run.state);
    const t0 = performance.now();
    try {
      await this.db.save({ ...run, tab: live ? this.tabs?.id : undefined });
      this.saveMs.push(performance.now() - t0);
      if (this.saveMs.length > 100) this.saveMs.shift();
      this.tabs?.announceSaved(run.id);
    } catch {
      // The database reported it (RunDatabase's onProblem): the page says runs are not being kept.
    }
  }
}
