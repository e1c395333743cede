/**
 * Which lessons a student has done, what they predicted, and whose answers they have earned (a lesson's runs ran to
 * their end), kept in this browser. localStorage rather than the run database: it is a few bytes read once as the
 * page opens, it must be there before the first draw (IndexedDB answers later), and progress belongs to whoever uses
 * this browser, as the runs do. No React: components read it through useStore.
 */
import { isLessonId, LESSON_IDS, type LessonId } from './lessons';
import { ACTIVE_STATES, ranToEnd, type RunRecord } from './run-store';
import { StateStore } from './state-store';

export const PROGRESS_KEY = 'alexnet-playground.lessons.v1';

export interface ProgressState {
  /** The lesson shown. */
  current: LessonId;
  done: ReadonlySet<LessonId>;
  /** Lessons whose runs have run to their end: their answers and measurements are shown. */
  revealed: ReadonlySet<LessonId>;
  predictions: Readonly<Partial<Record<LessonId, string>>>;
  /** The lesson being trained and its runs, until they end. */
  pending: { lesson: LessonId; runIds: readonly string[] } | null;
}

/** The part of Storage we use, so that tests can pass a map and a browser without storage passes null. */
export type ProgressStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** This browser's localStorage, or null where there is none or it is refused (a sandboxed frame, some private modes). */
export function browserStorage(): ProgressStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export class LessonProgress extends StateStore<ProgressState> {
  /** `linked`: the lesson a link opens at, before the one shown last time. */
  constructor(
    private readonly storage: ProgressStorage | null,
    linked: LessonId | null = null,
  ) {
    super({ current: linked ?? LESSON_IDS[0], done: new Set(), revealed: new Set(), predictions: {}, pending: null });
    try {
      const saved = JSON.parse(storage?.getItem(PROGRESS_KEY) ?? 'null') as {
        current?: unknown;
        done?: unknown;
        revealed?: unknown;
        predictions?: unknown;
      } | null;
      const ids = (x: unknown) => new Set(Array.isArray(x) ? x.filter(isLessonId) : []);
      const predictions = Object.fromEntries(
        Object.entries(typeof saved?.predictions === 'object' && saved.predictions ? saved.predictions : {}).filter(
          ([k, v]) => isLessonId(k) && typeof v === 'string',
        ),
      );
      const current = linked ?? (isLessonId(saved?.current) ? saved.current : this.state.current);
      this.state = { ...this.state, current, done: ids(saved?.done), revealed: ids(saved?.revealed), predictions };
    } catch {
      // Unreadable progress (another version's, edited by hand) starts afresh rather than breaking the page.
    }
  }

  /** `save`: false for what is not kept across visits (the lesson being trained). */
  protected override set(change: Partial<ProgressState>, save = true): void {
    if (save) {
      const { current, done, revealed, predictions } = { ...this.state, ...change };
      try {
        this.storage?.setItem(PROGRESS_KEY, JSON.stringify({ current, done: [...done], revealed: [...revealed], predictions }));
      } catch {
        // Storage full or refused (private mode): progress lives as long as the page.
      }
    }
    super.set(change);
  }

  select(lesson: LessonId): void {
    if (lesson !== this.state.current) this.set({ current: lesson });
  }

  predict(lesson: LessonId, choice: string): void {
    this.set({ predictions: { ...this.state.predictions, [lesson]: choice } });
  }

  /** The student ticks or unticks a lesson by hand. */
  setDone(lesson: LessonId, done: boolean): void {
    const next = new Set(this.state.done);
    if (done) next.add(lesson);
    else next.delete(lesson);
    this.set({ done: next });
  }

  /** A lesson's runs have started: it is done when they have all finished. */
  started(lesson: LessonId, runIds: readonly string[]): void {
    this.set({ current: lesson, pending: { lesson, runIds } });
  }

  /** The run list changed: a pending lesson whose runs all ended is done (or, if one did not finish, forgotten). */
  runsChanged(runs: readonly RunRecord[]): void {
    const pending = this.state.pending;
    if (!pending) return;
    const mine = pending.runIds.map((id) => runs.find((r) => r.id === id));
    if (mine.some((r) => r === undefined)) return this.set({ pending: null }, false); // deleted
    const ended = mine.every((r) => !ACTIVE_STATES.includes(r!.state));
    if (!ended) return;
    // Stopped, interrupted or crashed runs leave the lesson not done (ranToEnd).
    if (!mine.every((r) => ranToEnd(r!))) return this.set({ pending: null }, false);
    this.set({
      pending: null,
      done: new Set([...this.state.done, pending.lesson]),
      revealed: new Set([...this.state.revealed, pending.lesson]),
    });
  }
}
