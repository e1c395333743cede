import { openDB, type IDBPDatabase } from 'idb';
import { isTrainConfig, upgradeConfig } from '../settings';
import type { RunRecord } from './run-store';

const DB_NAME = 'alexnet-playground';
const STORE = 'runs';

let db: Promise<IDBPDatabase> | null = null;
function open(): Promise<IDBPDatabase> {
  db ??= openDB(DB_NAME, 1, {
    upgrade(d) {
      d.createObjectStore(STORE, { keyPath: 'id' });
    },
  });
  return db;
}

/** Saved runs, oldest first. Records that do not look like runs (an older format, say) are skipped. */
export async function loadRuns(): Promise<RunRecord[]> {
  const all = (await (await open()).getAll(STORE)) as unknown[];
  return all
    .filter((r): r is RunRecord => typeof r === 'object' && r !== null && 'id' in r && typeof (r as RunRecord).config === 'object')
    .map((r) => ({ ...r, config: upgradeConfig(r.config as unknown as Record<string, unknown>) }))
    .filter((r) => isTrainConfig(r.config))
    .sort((a, b) => a.createdAt - b.createdAt);
}

export async function saveRun(run: RunRecord): Promise<void> {
  await (await open()).put(STORE, run);
}

export async function deleteRun(id: string): Promise<void> {
  await (await open()).delete(STORE, id);
}
