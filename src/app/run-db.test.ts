import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { englishText, type Message } from '../i18n/message';
import { DEFAULT_CONFIG } from '../settings';
import { RunDatabase } from './run-db';
import { RunKeeper } from './run-keeper';
import { newRun, type RunRecord } from './run-store';

let n = 0;
const dbName = () => `test-runs-${n++}`;

function run(id: string, over: Partial<RunRecord> = {}): RunRecord {
  return { ...newRun(id, DEFAULT_CONFIG, 0, id), createdAt: n++, ...over };
}

afterEach(() => vi.useRealTimers());

describe('runs kept in IndexedDB', () => {
  it('come back as saved, oldest first', async () => {
    const db = new RunDatabase(() => {}, dbName());
    const a = run('a', { state: 'done', steps: { step: [1, 2], loss: [2.3, 2.1], acc: [0.1, 0.2], ms: [10, 20] } });
    const b = run('b');
    await db.save(b);
    await db.save(a);
    const { runs, skipped } = await db.load();
    expect(runs.map((r) => r.id)).toEqual(['a', 'b']);
    expect(runs[0].steps).toEqual(a.steps);
    expect(skipped).toEqual([]);
  });

  it('a corrupt record is left out with the field at fault, and the others still load', async () => {
    const name = dbName();
    const db = new RunDatabase(() => {}, name);
    await db.save(run('good'));
    const raw = await openDB(name);
    await raw.put('runs', { ...run('no-steps'), steps: undefined });
    await raw.put('runs', { ...run('bad-dataset'), config: { ...DEFAULT_CONFIG, dataset: 'cifar-100' } });
    await raw.put('runs', { ...run('ragged'), steps: { step: [1, 2], loss: [1], acc: [1, 1], ms: [1, 2] } });
    await raw.put('runs', { id: 'weird', state: 42 });
    raw.close();
    const { runs, skipped } = await db.load();
    expect(runs.map((r) => r.id)).toEqual(['good']);
    expect(skipped).toHaveLength(4);
    expect(skipped.find((s) => s.id === 'no-steps')?.problem).toMatch(/^steps: /);
    expect(skipped.find((s) => s.id === 'bad-dataset')?.problem).toMatch(/setting "dataset" .*cifar-100/);
    expect(skipped.find((s) => s.id === 'ragged')?.problem).toMatch(/different lengths/);
  });

  it('a run saved by an older version loads with the new names and defaults for settings added since', async () => {
    const name = dbName();
    const { augNoise: _added, ...oldConfig } = { ...DEFAULT_CONFIG, model: 'seed', init: 'seed-normal' };
    const raw = await openDB(name, 1, { upgrade: (d) => d.createObjectStore('runs', { keyPath: 'id' }) });
    const { color: _c, epochs: _e, ...oldRun } = run('old');
    await raw.put('runs', { ...oldRun, config: oldConfig });
    raw.close();
    const { runs } = await new RunDatabase(() => {}, name).load();
    expect(runs[0].config).toEqual({ ...DEFAULT_CONFIG, model: 'article', init: 'normal' });
    expect(runs[0].epochs.step).toEqual([]);
  });

  it('says when runs cannot be kept, and recovers when storage works again', async () => {
    const problems: (Message | null)[] = [];
    const db = new RunDatabase((p) => problems.push(p), dbName());
    await db.save(run('a'));
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const real = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = () => {
      throw quota;
    };
    await expect(db.save(run('b'))).rejects.toBe(quota);
    IDBObjectStore.prototype.put = real;
    expect(englishText(problems.at(-1)!)).toMatch(/no room left/);
    await db.save(run('c'));
    expect(problems.at(-1)).toBeNull();
  });

  it('a database that cannot be opened is tried again on the next save, not given up for ever', async () => {
    const problems: (Message | null)[] = [];
    const name = dbName();
    const real = indexedDB.open.bind(indexedDB);
    let fail = true;
    vi.spyOn(indexedDB, 'open').mockImplementation((...args: Parameters<IDBFactory['open']>) => {
      if (fail)
        throw new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError');
      return real(...args);
    });
    const db = new RunDatabase((p) => problems.push(p), name);
    await expect(db.save(run('a'))).rejects.toThrow();
    expect(englishText(problems.at(-1)!)).toMatch(/does not let the page store data/);
    fail = false;
    await db.save(run('a'));
    expect((await db.load()).runs.map((r) => r.id)).toEqual(['a']);
    expect(problems.at(-1)).toBeNull();
    vi.restoreAllMocks();
  });
});

describe('when runs are saved', () => {
  it('a training step is saved within a few seconds, all at once; a state change at once', async () => {
    vi.useFakeTimers();
    const saved: string[] = [];
    const db = { save: async (r: RunRecord) => void saved.push(`${r.id}:${r.state}:${r.steps.step.length}`) } as unknown as RunDatabase;
    const runs = new Map<string, RunRecord>([['a', run('a', { state: 'running' })]]);
    const keeper = new RunKeeper(
      db,
      (id) => runs.get(id),
      () => ['a'],
      null,
      3000,
    );
    for (let i = 1; i <= 50; i++) {
      runs.get('a')!.steps.step.push(i);
      keeper.changed(runs.get('a')!, false);
    }
    expect(saved).toEqual([]);
    await vi.advanceTimersByTimeAsync(3000);
    expect(saved).toEqual(['a:running:50']);
    keeper.changed({ ...runs.get('a')!, state: 'paused' }, true);
    await vi.advanceTimersByTimeAsync(0);
    expect(saved.at(-1)).toBe('a:paused:50');
  });

  it('when the page goes away, live runs are saved as interrupted with their curve so far', async () => {
    const saved: RunRecord[] = [];
    const db = { save: async (r: RunRecord) => void saved.push(r) } as unknown as RunDatabase;
    const live = run('a', { state: 'running', steps: { step: [1, 2, 3], loss: [3, 2, 1], acc: [0, 0, 1], ms: [1, 2, 3] } });
    const keeper = new RunKeeper(
      db,
      () => live,
      () => ['a'],
      null,
    );
    await keeper.flush(true);
    expect(saved.map((r) => [r.id, r.state, r.steps.step.length])).toEqual([['a', 'interrupted', 3]]);
  });
});

describe('what a saved run keeps', () => {
  it('every field of the record comes back: nothing the page set is dropped on the way (imported, a saved model, the machine)', async () => {
    const db = new RunDatabase(() => {}, dbName());
    const full = run('full', {
      state: 'done',
      imported: true,
      importedFrom: 'class.json',
      modelSaved: true,
      machine: { userAgent: 'UA', cores: 2, backendReason: { key: 'run.error', values: { detail: 'x' } } },
      group: { id: 'g', preset: 'relu-tanh' },
    });
    await db.save(full);
    expect((await db.load()).runs[0]).toEqual(full);
  });
});
