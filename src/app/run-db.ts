/**
 * Runs kept in this browser's IndexedDB, and the truth about it: a save that fails (a private window, a full disk,
 * another tab holding an older version of the database) is reported, never swallowed, and the next save tries to
 * open the database again instead of failing for ever. What comes back is checked against the run schema.
 */
import { openDB, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { msg, type Message } from '../i18n/message';
import { parseRun } from './stored-run';
import type { RunRecord } from './run-store';

const DB_NAME = 'alexnet-playground';
const RUNS = 'runs';

/**
 * One function per database version: version n's upgrade runs for a database older than n. Add a version (never
 * edit an old one) to change stores or indexes; record shapes are upgraded when read (run-schema.ts).
 */
const MIGRATIONS: ((db: IDBPDatabase, tx: IDBPTransaction<unknown, string[], 'versionchange'>) => void)[] = [
  // 1: one store of run records, by id.
  (db) => db.createObjectStore(RUNS, { keyPath: 'id' }),
];
export const DB_VERSION = MIGRATIONS.length;

export interface LoadedRuns {
  runs: RunRecord[];
  /** Records left out because they do not fit the schema: their id (if readable) and the field at fault. */
  skipped: { id: string | null; problem: string }[];
}

/** What went wrong with storage, in words for the page. */
export function storageProblem(err: unknown): Message {
  const name = err instanceof DOMException || err instanceof Error ? err.name : '';
  const detail = err instanceof Error ? err.message : String(err);
  if (name === 'QuotaExceededError') return msg('storage.quota');
  if (name === 'SecurityError' || name === 'InvalidStateError' || name === 'NotSupportedError' || name === 'UnknownError') {
    return msg('storage.unavailable', { detail: detail || name });
  }
  return msg('storage.failed', { detail: detail || name || 'unknown' });
}

export class RunDatabase {
  private db: Promise<IDBPDatabase> | null = null;

  /**
   * `onProblem` hears every failure and every recovery (null), so the page can say whether runs are kept.
   * `name` is for tests, which use a database of their own.
   */
  constructor(
    private readonly onProblem: (problem: Message | null) => void = () => {},
    private readonly name = DB_NAME,
  ) {}

  private open(): Promise<IDBPDatabase> {
    if (!this.db) {
      const opening = openDB(this.name, DB_VERSION, {
        upgrade: (db, oldVersion, _newVersion, tx) => {
          for (let v = oldVersion; v < MIGRATIONS.length; v++) MIGRATIONS[v](db, tx);
        },
        // An older version is open in another tab and keeps us from upgrading: it must close first.
        blocked: () => this.onProblem(msg('storage.blocked')),
        // A newer version in another tab wants to upgrade: let it, and stop saving here.
        blocking: () => {
          void opening.then((db) => db.close());
          this.db = null;
          this.onProblem(msg('storage.newerVersion'));
        },
        terminated: () => {
          this.db = null;
        },
      });
      this.db = opening;
      // A failed open is not kept: the next operation tries again (the user may have freed space, closed a tab).
      opening.catch(() => {
        if (this.db === opening) this.db = null;
      });
    }
    return this.db;
  }

  private async attempt<T>(op: (db: IDBPDatabase) => Promise<T>): Promise<T> {
    try {
      const result = await op(await this.open());
      this.onProblem(null);
      return result;
    } catch (err) {
      this.onProblem(storageProblem(err));
      throw err;
    }
  }

  /** Saved runs that fit the schema, oldest first, and those that do not. */
  async load(): Promise<LoadedRuns> {
    const all = (await this.attempt((db) => db.getAll(RUNS))) as unknown[];
    const runs: RunRecord[] = [];
    const skipped: LoadedRuns['skipped'] = [];
    for (const raw of all) {
      const parsed = parseRun(raw);
      if (parsed.ok) runs.push(parsed.run);
      else skipped.push({ id: parsed.id, problem: parsed.problem });
    }
    runs.sort((a, b) => a.createdAt - b.createdAt);
    return { runs, skipped };
  }

  async save(run: RunRecord): Promise<void> {
    await this.attempt((db) => db.put(RUNS, run));
  }

  /** One run as stored now (another tab may have saved it since), or null. */
  async get(id: string): Promise<RunRecord | null> {
    const raw = await this.attempt((db) => db.get(RUNS, id));
    if (raw === undefined) return null;
    const parsed = parseRun(raw);
    return parsed.ok ? parsed.run : null;
  }

  async delete(id: string): Promise<void> {
    await this.attempt((db) => db.delete(RUNS, id));
  }

  async close(): Promise<void> {
    const db = this.db;
    this.db = null;
    (await db?.catch(() => null))?.close();
  }
}
