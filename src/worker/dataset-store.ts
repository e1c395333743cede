/**
 * The user's imported datasets, kept in the Worker's IndexedDB so a CIFAR-10 archive or an image folder is decoded
 * once. The pixels go in chunks of at most 10,000 images and 32 MiB (one IndexedDB record each, one transaction
 * each, so a 184 MB dataset never needs a second copy in memory to be written), the description last: a dataset
 * whose writing failed half-way is never listed, and its chunks are deleted.
 */
import type { DatasetSplits, ImageSet, UserDatasetId } from '../data/dataset';
import { imageBytes } from '../data/dataset';
import { DataError, dataError } from '../data/errors';

const DB_NAME = 'alexnet-playground-datasets';
const DB_VERSION = 1;
const META = 'datasets';
const CHUNKS = 'chunks';
const SPLITS = ['train', 'validation', 'test'] as const;
type SplitName = (typeof SPLITS)[number];

const MAX_CHUNK_IMAGES = 10_000;
const MAX_CHUNK_BYTES = 32 * 2 ** 20;

/** A dataset the user imported, as the Worker lists it to the page. */
export interface UserDatasetInfo {
  id: UserDatasetId;
  /** What it was imported from: CIFAR-10's binary archive, or a folder of class folders. */
  kind: 'cifar10' | 'folder';
  /** The archive's file name, or the folder's. */
  name: string;
  classNames: string[];
  counts: Record<SplitName, number>;
  height: number;
  width: number;
  channels: 1 | 3;
  /** Bytes of pixels and labels stored. */
  bytes: number;
  /** When it was imported (ms since 1970). */
  added: number;
  /** The seed of a folder's split. */
  seed?: number;
}

interface StoredInfo extends UserDatasetInfo {
  chunkImages: number;
}

interface StoredChunk {
  images: Uint8Array;
  labels: Uint8Array;
}

const request = <T>(r: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });

const finished = (tx: IDBTransaction) =>
  new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new DOMException('The transaction was aborted', 'AbortError'));
  });

const chunkKey = (id: string, split: SplitName, index: number) => `${id}/${split}/${index}`;
const chunkRange = (id: string) => IDBKeyRange.bound(`${id}/`, `${id}/\uffff`);
const detailOf = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

/** A new id for an imported dataset: `user:` and 12 random hex digits. */
export function newUserDatasetId(): UserDatasetId {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return `user:${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export class DatasetStore {
  private db: Promise<IDBDatabase> | null = null;

  private open(): Promise<IDBDatabase> {
    if (!this.db) {
      this.db = new Promise<IDBDatabase>((resolve, reject) => {
        if (typeof indexedDB === 'undefined') {
          reject(dataError('data.store.unavailable', { detail: 'IndexedDB is missing' }));
          return;
        }
        const r = indexedDB.open(DB_NAME, DB_VERSION);
        r.onupgradeneeded = () => {
          r.result.createObjectStore(META, { keyPath: 'id' });
          r.result.createObjectStore(CHUNKS);
        };
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(dataError('data.store.unavailable', { detail: detailOf(r.error) }));
        r.onblocked = () => reject(dataError('data.store.unavailable', { detail: 'the database is open in an older tab' }));
      });
      this.db.catch(() => (this.db = null));
    }
    return this.db;
  }

  async list(): Promise<UserDatasetInfo[]> {
    const db = await this.open();
    const all = (await request(db.transaction(META).objectStore(META).getAll())) as StoredInfo[];
    return all.map(({ chunkImages: _chunks, ...info }) => info).sort((a, b) => a.added - b.added);
  }

  /**
   * Stores a dataset; `onStored` hears the images written so far. Running out of space is a DataError saying how
   * much was needed; nothing of a failed save is left behind.
   */
  async save(
    info: Omit<UserDatasetInfo, 'bytes' | 'counts' | 'height' | 'width' | 'channels'>,
    data: DatasetSplits,
    onStored?: (images: number, total: number) => void,
  ): Promise<UserDatasetInfo> {
    const db = await this.open();
    const { height, width, channels } = data.train;
    const size = imageBytes(data.train);
    const chunkImages = Math.max(1, Math.min(MAX_CHUNK_IMAGES, Math.floor(MAX_CHUNK_BYTES / size)));
    const counts = { train: data.train.count, validation: data.validation.count, test: data.test.count };
    const total = counts.train + counts.validation + counts.test;
    const stored: StoredInfo = { ...info, counts, height, width, channels, bytes: total * (size + 1), chunkImages };
    let written = 0;
    try {
      for (const split of SPLITS) {
        const set = data[split];
        for (let index = 0; index * chunkImages < set.count; index++) {
          const start = index * chunkImages;
          const end = Math.min(set.count, start + chunkImages);
          // slice: a record of its own bytes, not a view into the whole set (which IndexedDB would copy whole).
          const chunk: StoredChunk = { images: set.images.slice(start * size, end * size), labels: set.labels.slice(start, end) };
          const tx = db.transaction(CHUNKS, 'readwrite');
          tx.objectStore(CHUNKS).put(chunk, chunkKey(info.id, split, index));
          await finished(tx);
          written += end - start;
          onStored?.(written, total);
        }
      }
      const tx = db.transaction(META, 'readwrite');
      tx.objectStore(META).put(stored);
      await finished(tx);
    } catch (error) {
      await this.deleteChunks(info.id).catch(() => {});
      if (error instanceof DOMException && error.name === 'QuotaExceededError') {
        throw dataError('data.store.quota', { mb: Math.ceil(stored.bytes / 1e6), detail: error.message });
      }
      throw error instanceof DataError ? error : dataError('data.store.unavailable', { detail: detailOf(error) });
    }
    const { chunkImages: _chunks, ...out } = stored;
    return out;
  }

  /** The dataset's splits, read chunk by chunk into one array per split. */
  async load(id: string): Promise<{ info: UserDatasetInfo; data: DatasetSplits }> {
    const db = await this.open();
    const stored = (await request(db.transaction(META).objectStore(META).get(id))) as StoredInfo | undefined;
    if (!stored) throw dataError('data.store.unknown', { id });
    const { height, width, channels, chunkImages } = stored;
    const size = imageBytes(stored);
    const read = async (split: SplitName): Promise<ImageSet> => {
      const count = stored.counts[split];
      const images = new Uint8Array(count * size);
      const labels = new Uint8Array(count);
      for (let index = 0; index * chunkImages < count; index++) {
        const chunk = (await request(
          db
            .transaction(CHUNKS)
            .objectStore(CHUNKS)
            .get(chunkKey(id, split, index)),
        )) as StoredChunk | undefined;
        const start = index * chunkImages;
        const n = Math.min(chunkImages, count - start);
        if (!chunk || chunk.images.length !== n * size || chunk.labels.length !== n) throw dataError('data.store.incomplete', { id });
        images.set(chunk.images, start * size);
        labels.set(chunk.labels, start);
      }
      return { images, labels, count, height, width, channels };
    };
    const { chunkImages: _chunks, ...info } = stored;
    const data = {
      train: await read('train'),
      validation: await read('validation'),
      test: await read('test'),
      classNames: stored.classNames,
    };
    return { info, data };
  }

  /** Removes a dataset; false if there was none with that id. */
  async remove(id: string): Promise<boolean> {
    const db = await this.open();
    const had = (await request(db.transaction(META).objectStore(META).getKey(id))) !== undefined;
    const tx = db.transaction(META, 'readwrite');
    tx.objectStore(META).delete(id);
    await finished(tx);
    await this.deleteChunks(id);
    return had;
  }

  private async deleteChunks(id: string): Promise<void> {
    const db = await this.open();
    const tx = db.transaction(CHUNKS, 'readwrite');
    tx.objectStore(CHUNKS).delete(chunkRange(id));
    await finished(tx);
  }
}

/** What the browser says this origin uses and may use, where it says (not in every browser). */
export async function storageEstimate(): Promise<{ usage: number; quota: number } | undefined> {
  try {
    const e = await navigator.storage?.estimate?.();
    return e && e.usage !== undefined && e.quota !== undefined ? { usage: e.usage, quota: e.quota } : undefined;
  } catch {
    return undefined;
  }
}
