/**
 * The Worker's dataset registry: the built-in datasets (files in public/data/, CIFAR-10 only where the server's
 * manifest lists it), the user's imported ones (IndexedDB, dataset-store.ts), and the imports themselves.
 */
import { readCifarArchive } from '../data/cifar';
import {
  BUILTIN_DATASETS,
  CIFAR10_CLASSES,
  heldOutFor,
  isBuiltinDataset,
  isUserDatasetId,
  splitTrainValidation,
  type DatasetSplits,
} from '../data/dataset';
import { dataError } from '../data/errors';
import { FOLDER_SPLIT_SEED, importImageFolder, type Skipped } from '../data/folder';
import { fetchReader, loadDataset } from '../data/load';
import { messageOf, msg, type Message } from '../i18n/message';
import type { Dataset } from '../settings';
import { decodeImage } from './decode-image';
import { DatasetStore, newUserDatasetId, storageEstimate, type UserDatasetInfo } from './dataset-store';
import { throttle } from './progress';
import type { Command, WorkerEvent } from './protocol';

type Post = (e: WorkerEvent) => void;

export interface LoadedDataset {
  data: DatasetSplits;
  /** How a user dataset was split, as a message (a built-in one's split is the page's words). */
  note?: Message;
}

/** Skipped files listed in an `imported` event; the rest are only counted. */
const SKIPPED_LISTED = 200;

const splitNoteOf = (info: UserDatasetInfo): Message =>
  info.kind === 'cifar10'
    ? msg('data.split.cifar', { ...info.counts })
    : msg('data.split.folder', { ...info.counts, seed: info.seed ?? FOLDER_SPLIT_SEED });

export class DatasetRegistry {
  private readonly store = new DatasetStore();
  private manifest: Promise<Set<string>> | null = null;
  private importing = false;

  constructor(
    private readonly dataBase: string,
    private readonly post: Post,
  ) {}

  /** The built-in datasets this server has (public/data/manifest.json, written by npm run data and data:cifar). */
  private built(): Promise<Set<string>> {
    if (!this.manifest) {
      this.manifest = fetch(new URL('manifest.json', this.dataBase))
        .then((r) => (r.ok ? r.json() : {}))
        .then((m: { datasets?: Record<string, unknown> }) => new Set(Object.keys(m?.datasets ?? {})))
        .catch(() => new Set<string>());
      this.manifest.then((s) => s.size === 0 && (this.manifest = null)); // ask again later if it was missing
    }
    return this.manifest;
  }

  async load(id: Dataset): Promise<LoadedDataset> {
    if (isBuiltinDataset(id)) {
      // MNIST and Fashion-MNIST are always built (npm run data); their loader says so when a file is missing.
      if (id === 'cifar10' && !(await this.built()).has(id)) throw dataError('data.builtin.missing', { dataset: 'CIFAR-10' });
      const data = await loadDataset(id, fetchReader(this.dataBase));
      return { data: id === 'cifar10' ? { ...data, classNames: CIFAR10_CLASSES } : data };
    }
    if (!isUserDatasetId(id)) throw dataError('data.store.unknown', { id });
    const { info, data } = await this.store.load(id);
    return { data, note: splitNoteOf(info) };
  }

  async list(requestId?: number): Promise<void> {
    const built = await this.built();
    const [user, storage] = await Promise.all([this.store.list().catch(() => []), storageEstimate()]);
    this.post({
      type: 'datasets',
      requestId,
      builtin: BUILTIN_DATASETS.map((id) => ({ id, available: id !== 'cifar10' || built.has(id) })),
      user,
      storage,
    });
  }

  async remove(requestId: number, id: string): Promise<void> {
    try {
      if (!(await this.store.remove(id))) throw dataError('data.store.unknown', { id });
      await this.list(requestId);
    } catch (error) {
      this.post({ type: 'datasetFailed', requestId, message: messageOf(error, 'data.failed') });
    }
  }

  /** One import at a time: each holds a whole dataset in memory while it is decoded and stored. */
  async import(cmd: Extract<Command, { type: 'importCifar' | 'importFolder' }>): Promise<void> {
    const { requestId } = cmd;
    if (this.importing) {
      this.post({ type: 'datasetFailed', requestId, message: msg('data.importBusy') });
      return;
    }
    this.importing = true;
    const progress = throttle((p: Omit<Extract<WorkerEvent, { type: 'importProgress' }>, 'type' | 'requestId'>) =>
      this.post({ type: 'importProgress', requestId, ...p }),
    );
    try {
      const id = newUserDatasetId();
      let data: DatasetSplits & { classNames: readonly string[] };
      let skipped: Skipped[] = [];
      let described: Parameters<DatasetStore['save']>[0];
      if (cmd.type === 'importCifar') {
        // The published archive (10,000 images a batch file), or a sample of it in the same format.
        const read = await readCifarArchive(cmd.file, cmd.fileName, {
          recordsPerFile: 'same',
          onProgress: (p) => progress.report({ phase: 'reading', ...p }),
        });
        data = { ...splitTrainValidation(read.train, heldOutFor(read.train.count)), test: read.test, classNames: read.classNames };
        described = { id, kind: 'cifar10', name: cmd.fileName, classNames: read.classNames, added: Date.now() };
      } else {
        const seed = cmd.seed ?? FOLDER_SPLIT_SEED;
        const imported = await importImageFolder(cmd.files, { size: cmd.size, seed }, decodeImage, (p) =>
          progress.report({ phase: 'decoding', ...p }),
        );
        data = imported.data;
        skipped = imported.skipped;
        described = {
          id,
          kind: 'folder',
          name: cmd.name ?? imported.name ?? 'images',
          classNames: imported.data.classNames,
          added: Date.now(),
          seed,
        };
      }
      progress.flush();
      const stored = await this.store.save(described, data, (images, imagesTotal) =>
        progress.report({ phase: 'storing', images, imagesTotal }),
      );
      progress.flush();
      this.post({ type: 'imported', requestId, dataset: stored, skipped: skipped.slice(0, SKIPPED_LISTED), skippedCount: skipped.length });
      await this.list(requestId);
    } catch (error) {
      this.post({ type: 'datasetFailed', requestId, message: messageOf(error, 'data.failed') });
    } finally {
      this.importing = false;
    }
  }
}
