import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../settings';
import { LessonProgress, PROGRESS_KEY, type ProgressStorage } from './lesson-progress';
import { newRun, type RecordState, type RunRecord } from './run-store';

/** A browser's storage as a map: what one page writes, the next page (a reload) reads. */
function storage(): ProgressStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

const run = (id: string, state: RecordState, failure?: RunRecord['failure']): RunRecord => ({
  ...newRun(id, DEFAULT_CONFIG, 0, id),
  state,
  failure,
});

describe('lesson progress', () => {
  it('marks a lesson done when all its runs have finished, and keeps it through a reload', () => {
    const store = storage();
    const page = new LessonProgress(store);
    page.predict('relu-tanh', 'tanh');
    page.started('relu-tanh', ['a', 'b']);
    page.runsChanged([run('a', 'done'), run('b', 'running')]);
    expect(page.getSnapshot().done.has('relu-tanh')).toBe(false);
    expect(page.getSnapshot().revealed.has('relu-tanh')).toBe(false);
    page.runsChanged([run('a', 'done'), run('b', 'done')]);
    expect(page.getSnapshot().done.has('relu-tanh')).toBe(true);
    expect(page.getSnapshot().revealed.has('relu-tanh')).toBe(true);

    const reloaded = new LessonProgress(store).getSnapshot();
    expect([...reloaded.done]).toEqual(['relu-tanh']);
    expect([...reloaded.revealed]).toEqual(['relu-tanh']);
    expect(reloaded.predictions).toEqual({ 'relu-tanh': 'tanh' });
    expect(reloaded.current).toBe('relu-tanh');
  });

  it('counts a run the page stopped for diverging as finished (the learning-rate lesson), not one the student stopped', () => {
    const page = new LessonProgress(storage());
    page.started('rate', ['low', 'high']);
    page.runsChanged([run('low', 'done'), run('high', 'failed', 'diverged')]);
    expect(page.getSnapshot().done.has('rate')).toBe(true);

    page.started('lrn', ['x', 'y']);
    page.runsChanged([run('x', 'stopped'), run('y', 'done')]);
    expect(page.getSnapshot().done.has('lrn')).toBe(false);
    expect(page.getSnapshot().revealed.has('lrn')).toBe(false);
    expect(page.getSnapshot().pending).toBeNull();
  });

  it('lets the student untick a lesson, and the untick is kept; the answer stays earned', () => {
    const store = storage();
    const page = new LessonProgress(store);
    page.started('init', ['a', 'b']);
    page.runsChanged([run('a', 'done'), run('b', 'done')]);
    page.setDone('init', false);
    const reloaded = new LessonProgress(store).getSnapshot();
    expect(reloaded.done.has('init')).toBe(false);
    expect(reloaded.revealed.has('init')).toBe(true);
  });

  it('opens at the lesson a link names, else where the student was; unreadable progress starts afresh', () => {
    const store = storage();
    new LessonProgress(store).select('pooling');
    expect(new LessonProgress(store).getSnapshot().current).toBe('pooling');
    expect(new LessonProgress(store, 'batch').getSnapshot().current).toBe('batch');

    store.data.set(PROGRESS_KEY, '{not json');
    expect(new LessonProgress(store).getSnapshot().done.size).toBe(0);
    store.data.set(PROGRESS_KEY, JSON.stringify({ done: ['first-cnn', 'no-such-lesson', 3], predictions: { init: 'fails', x: 'y' } }));
    const s = new LessonProgress(store).getSnapshot();
    expect([...s.done]).toEqual(['first-cnn']);
    expect(s.predictions).toEqual({ init: 'fails' });
  });

  it('works without storage (refused or absent): progress lives as long as the page', () => {
    const page = new LessonProgress(null);
    page.setDone('augment', true);
    expect(page.getSnapshot().done.has('augment')).toBe(true);
    const full: ProgressStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(() => new LessonProgress(full).setDone('augment', true)).not.toThrow();
  });
});
