/**
 * The page's side of the user's datasets: what the Worker says it holds (built-in ones the server has, the user's
 * imports with their sizes, the browser's storage), the import in progress, and how the last import or removal
 * ended. The Worker does the work (src/worker/datasets.ts); this folds its events into one state that components
 * read through useStore, and answers each call with its outcome. No React, no tfjs.
 */
import { isBuiltinDataset, isUserDatasetId, type DatasetId } from '../data/dataset';
import { msg, type Message } from '../i18n/message';
import { datasetInput } from '../model/network-for';
import type { Shape3 } from '../model/networks';
import { checkDataRules, type ConfigErrors, type Dataset, type TrainConfig } from '../settings';
import type { Command, FolderFile, Skipped, UserDatasetInfo, WorkerEvent } from '../worker/protocol';
import { StateStore } from './state-store';

export type ImportKind = 'cifar' | 'folder';

/** An import under way: what it reads, and how far it got (the Worker's last progress event). */
export interface ImportProgress {
  requestId: number;
  kind: ImportKind;
  /** The archive's or the folder's name, as the user picked it. */
  name: string;
  /** 'sending' until the Worker's first progress event. */
  phase: 'sending' | 'reading' | 'decoding' | 'storing';
  bytesRead?: number;
  bytesTotal?: number;
  images?: number;
  imagesTotal?: number;
}

/** How an import ended. */
export type ImportOutcome =
  | { kind: 'imported'; name: string; dataset: UserDatasetInfo; skipped: Skipped[]; skippedCount: number }
  | { kind: 'failed'; name: string; message: Message };

export interface LibraryState {
  /** Built-in datasets and whether this server has them; null until the Worker first lists them. */
  builtin: { id: DatasetId; available: boolean }[] | null;
  /** The user's datasets, oldest first (empty until listed). */
  user: UserDatasetInfo[];
  /** What this origin's storage uses and may use, where the browser says. */
  storage?: { usage: number; quota: number };
  importing: ImportProgress | null;
  /** The last import's end, kept until the next import starts (or the user dismisses it). */
  outcome: ImportOutcome | null;
  /** Why the last removal failed, or why the list could not be read. */
  problem: Message | null;
}

type DatasetEvent = Extract<WorkerEvent, { type: 'importProgress' | 'imported' | 'datasets' | 'datasetFailed' }>;

const isDatasetEvent = (e: WorkerEvent): e is DatasetEvent =>
  e.type === 'importProgress' || e.type === 'imported' || e.type === 'datasets' || e.type === 'datasetFailed';

export class DatasetLibrary extends StateStore<LibraryState> {
  /** Calls waiting for their answer (the Worker's event, or why none will come), by request id. */
  private waiting = new Map<number, (answer: DatasetEvent | { lost: Message }) => void>();

  /** `post` sends a command to the Worker; `requestId` hands out the session's request ids. */
  constructor(
    private readonly post: (cmd: Command) => void,
    private readonly requestId: () => number,
  ) {
    super({ builtin: null, user: [], importing: null, outcome: null, problem: null });
  }

  /** The dataset's description, if the Worker listed it. */
  info(id: Dataset): UserDatasetInfo | undefined {
    return this.state.user.find((d) => d.id === id);
  }

  /** Asks the Worker which datasets there are (at start, and after a Worker was replaced). */
  refresh(): void {
    this.post({ type: 'listDatasets', requestId: this.requestId() });
  }

  /** Imports a CIFAR-10 binary archive (or a sample in its format). Resolves with how it ended. */
  importCifar(file: File): Promise<ImportOutcome> {
    return this.startImport('cifar', file.name, (requestId) => ({ type: 'importCifar', requestId, file, fileName: file.name }));
  }

  /**
   * Imports a folder of class folders: each file with its path from the picked or dropped folder (its name
   * first), resized to `size`.
   */
  importFolder(files: FolderFile[], size: number): Promise<ImportOutcome> {
    return this.startImport('folder', folderName(files), (requestId) => ({ type: 'importFolder', requestId, files, size }));
  }

  private startImport(kind: ImportKind, name: string, make: (requestId: number) => Command): Promise<ImportOutcome> {
    if (this.state.importing) {
      return Promise.resolve({ kind: 'failed', name, message: msg('data.importBusy') });
    }
    const requestId = this.requestId();
    this.set({ importing: { requestId, kind, name, phase: 'sending' }, outcome: null, problem: null });
    return new Promise<ImportOutcome>((resolve) => {
      this.waiting.set(requestId, (a) => {
        const outcome: ImportOutcome =
          'lost' in a
            ? { kind: 'failed', name, message: a.lost }
            : a.type === 'imported'
              ? { kind: 'imported', name, dataset: a.dataset, skipped: a.skipped, skippedCount: a.skippedCount }
              : { kind: 'failed', name, message: a.type === 'datasetFailed' ? a.message : msg('data.importLost') };
        this.set({ importing: null, outcome });
        resolve(outcome);
      });
      this.post(make(requestId));
    });
  }

  /** Removes one of the user's datasets; resolves with why it could not, or null. Runs trained on it are kept. */
  remove(id: string): Promise<Message | null> {
    if (!isUserDatasetId(id)) return Promise.resolve(msg('data.store.unknown', { id }));
    const requestId = this.requestId();
    this.set({ problem: null });
    return new Promise((resolve) => {
      this.waiting.set(requestId, (a) => {
        const problem = 'lost' in a ? a.lost : a.type === 'datasetFailed' ? a.message : null;
        if (problem) this.set({ problem });
        resolve(problem);
      });
      this.post({ type: 'removeDataset', requestId, id });
    });
  }

  /** Forgets the last import's outcome (the user closed it). */
  dismiss(): void {
    this.set({ outcome: null, problem: null });
  }

  /** Folds a Worker event in; false if it is not about datasets. */
  apply(e: WorkerEvent): boolean {
    if (!isDatasetEvent(e)) return false;
    switch (e.type) {
      case 'importProgress': {
        const current = this.state.importing;
        if (current?.requestId !== e.requestId) return true;
        const { type: _t, requestId: _r, ...progress } = e;
        this.set({ importing: { ...current, ...progress } });
        return true;
      }
      case 'datasets':
        this.set({ builtin: e.builtin, user: e.user, storage: e.storage });
        // A removal is answered by the list without it; an import's list follows its `imported` event.
        if (e.requestId !== undefined) this.answer(e.requestId, e, true);
        return true;
      case 'imported':
        // The new dataset joins the list at once (the full list follows).
        if (!this.state.user.some((d) => d.id === e.dataset.id)) this.set({ user: [...this.state.user, e.dataset] });
        this.answer(e.requestId, e);
        return true;
      case 'datasetFailed':
        this.answer(e.requestId, e);
        return true;
    }
  }

  private answer(requestId: number, e: DatasetEvent, listOnly = false) {
    const waiting = this.waiting.get(requestId);
    if (!waiting) return;
    // An import's request also gets the list after its `imported` event: only that event answers it.
    if (listOnly && this.state.importing?.requestId === requestId) return;
    this.waiting.delete(requestId);
    waiting(e);
  }

  /** The Worker died or was replaced: whatever it was doing for us ends, saying why. */
  workerLost(reason: string | Message): void {
    for (const [id, waiting] of [...this.waiting]) {
      this.waiting.delete(id);
      waiting({ lost: msg('data.workerLost', { reason }) });
    }
  }
}

/** The folder's name: the first path segment every file shares; '' when they share none (class folders dropped together). */
export function folderName(files: readonly FolderFile[]): string {
  const parts = files.map((f) => f.path.replace(/\\/g, '/').split('/').filter(Boolean));
  const root = parts[0]?.[0] ?? '';
  return parts.every((p) => p.length > 1 && p[0] === root) ? root : '';
}

const shapeOf = (info: UserDatasetInfo): Shape3 => [info.height, info.width, info.channels];

/** [height, width, channels] of a dataset's images: built-in ones' are known, a user's as the Worker listed it. */
export function datasetShape(id: Dataset, user: readonly UserDatasetInfo[]): Shape3 | null {
  const builtin = datasetInput(id);
  if (builtin) return builtin;
  const info = user.find((d) => d.id === id);
  return info ? shapeOf(info) : null;
}

/**
 * What is wrong with a config on the page's side once the datasets are known: a user dataset this browser does not
 * have, a network that cannot take its images, a batch larger than its training images; CIFAR-10 built in where
 * the server lacks it. (The settings table cannot know a user's datasets; the Worker checks again at start.)
 */
export function datasetProblems(c: TrainConfig, library: Pick<LibraryState, 'builtin' | 'user'>): ConfigErrors {
  const errors: ConfigErrors = {};
  if (isBuiltinDataset(c.dataset)) {
    if (library.builtin?.find((b) => b.id === c.dataset)?.available === false) {
      errors.dataset = msg('data.builtin.missing', { dataset: 'CIFAR-10' });
    }
    return errors;
  }
  if (library.builtin === null) return errors; // not listed yet
  const info = library.user.find((d) => d.id === c.dataset);
  if (!info) {
    errors.dataset = msg('data.store.unknown', { id: c.dataset });
    return errors;
  }
  // The settings table's own rules, on this dataset's images, classes and training split.
  const trainImages = c.trainLimit > 0 ? Math.min(c.trainLimit, info.counts.train) : info.counts.train;
  return checkDataRules(c, errors, { trainImages, input: shapeOf(info), classes: info.classNames.length });
}

/**
 * The files of dropped items, each with its path from the dropped folder (its name first), walking directories
 * (DataTransferItem.webkitGetAsEntry). Chromium hands out a directory's entries in batches of 100: each is read
 * until an empty one. Files that cannot be opened are listed in `unreadable`.
 */
export async function filesFromEntries(entries: readonly FileSystemEntry[]): Promise<{ files: FolderFile[]; unreadable: string[] }> {
  const files: FolderFile[] = [];
  const unreadable: string[] = [];
  const path = (e: FileSystemEntry) => e.fullPath.replace(/^\/+/, '') || e.name;
  const walk = async (entry: FileSystemEntry): Promise<void> => {
    if (entry.isFile) {
      try {
        const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
        files.push({ file, path: path(entry) });
      } catch {
        unreadable.push(path(entry));
      }
      return;
    }
    if (!entry.isDirectory) return;
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject)).catch(() => null);
      if (batch === null) {
        unreadable.push(path(entry));
        return;
      }
      if (batch.length === 0) return;
      for (const child of batch) await walk(child);
    }
  };
  for (const entry of entries) await walk(entry);
  return { files, unreadable };
}

/** A dropped or picked single file that is an archive (by name): .tar.gz, .tgz. */
export const isArchiveName = (name: string): boolean => /\.(tar\.gz|tgz)$/i.test(name);
