/**
 * The page e2e/datasets.html (driven by e2e/datasets.spec.ts): talks to the app's training Worker through the
 * protocol as the page will, with no UI. It draws PNG files on a canvas, sends them as an image folder, reads the
 * stored dataset back, removes it, and imports a CIFAR-10 archive chosen in its file input.
 * Exposes `window.datasetCheck` (see `DatasetCheckApi`); every method returns plain JSON.
 */
import type { Command, UserDatasetInfo, WorkerEvent } from '../../src/worker/protocol';
import { englishText } from '../../src/i18n/message';

export interface ImportResult {
  ms: number;
  /** importProgress events, and the phases they named. */
  progressEvents: number;
  phases: string[];
  dataset?: UserDatasetInfo;
  skipped?: string[];
  failure?: string;
  /** The datasets event that followed. */
  listed?: string[];
}

export interface DatasetCheckApi {
  ready: boolean;
  /** Images per class, drawn `width` x `height` in the class's colour; `extra` files (name → text) added as they are. */
  importFolder(spec: {
    classes: Record<string, number>;
    width: number;
    height: number;
    size: number;
    extra?: Record<string, string>;
  }): Promise<ImportResult>;
  /** The colours of the centre and bottom-left pixels and the labels of the first `n` test images of a dataset, with the image shape. */
  testImages(dataset: string, n: number): Promise<{ shape: number[]; pixels: number[][]; corners: number[][]; labels: number[] }>;
  /** The Worker's answer to a run on `dataset`: the message it refuses with, in English, and the setting it names. */
  startRefusal(dataset: string): Promise<{ message: string; setting?: string }>;
  list(): Promise<{ user: string[]; builtin: { id: string; available: boolean }[]; storage?: { usage: number; quota: number } }>;
  remove(id: string): Promise<string[]>;
  /** Imports the file chosen in #archive. */
  importArchive(): Promise<ImportResult>;
}

const worker = new Worker(new URL('../../src/worker/worker.ts', import.meta.url), { type: 'module', name: 'dataset-check' });
const listeners = new Set<(e: WorkerEvent) => void>();
worker.onmessage = (ev: MessageEvent<WorkerEvent>) => listeners.forEach((l) => l(ev.data));
let nextRequest = 1;

/** Sends a command and collects events until `done` says the answer is complete. */
function exchange(make: (requestId: number) => Command, done: (e: WorkerEvent, seen: WorkerEvent[]) => boolean): Promise<WorkerEvent[]> {
  const requestId = nextRequest++;
  return new Promise((resolve) => {
    const seen: WorkerEvent[] = [];
    const listen = (e: WorkerEvent) => {
      if ('requestId' in e && e.requestId !== undefined && e.requestId !== requestId) return;
      seen.push(e);
      if (done(e, seen)) {
        listeners.delete(listen);
        resolve(seen);
      }
    };
    listeners.add(listen);
    worker.postMessage(make(requestId));
  });
}

const COLOURS: [number, number, number][] = [
  [220, 30, 30],
  [30, 200, 40],
  [40, 40, 230],
  [230, 220, 30],
];

async function png(width: number, height: number, rgb: [number, number, number], i: number): Promise<Blob> {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = `rgb(${rgb.join(',')})`;
  ctx.fillRect(0, 0, width, height);
  // Black bands outside the centre square: a centre crop leaves none of them.
  const band = Math.max(0, (width - height) / 2);
  ctx.fillStyle = 'black';
  ctx.fillRect(0, 0, band, height);
  ctx.fillRect(width - band, 0, band, height);
  // A small mark so images differ; it stays away from the centre pixel the test reads.
  ctx.fillStyle = 'white';
  ctx.fillRect(i % width, 0, 1, 1);
  return canvas.convertToBlob({ type: 'image/png' });
}

async function importWith(command: (requestId: number) => Command): Promise<ImportResult> {
  const t0 = performance.now();
  let ms = 0;
  const events = await exchange(command, (e, seen) => {
    if (e.type === 'imported' || e.type === 'datasetFailed') ms = performance.now() - t0;
    return e.type === 'datasetFailed' || (e.type === 'datasets' && seen.some((s) => s.type === 'imported'));
  });
  const progress = events.filter((e) => e.type === 'importProgress');
  const imported = events.find((e) => e.type === 'imported');
  const failed = events.find((e) => e.type === 'datasetFailed');
  const listed = events.find((e) => e.type === 'datasets');
  return {
    ms,
    progressEvents: progress.length,
    phases: [...new Set(progress.map((p) => p.phase))],
    dataset: imported?.dataset,
    skipped: imported?.skipped.map((s) => `${s.name}: ${englishText(s.reason)}`),
    failure: failed ? englishText(failed.message) : undefined,
    listed: listed?.user.map((u) => u.id),
  };
}

const api: DatasetCheckApi = {
  ready: false,
  async importFolder(spec) {
    const files: { file: File; path: string }[] = [];
    let c = 0;
    for (const [name, count] of Object.entries(spec.classes)) {
      for (let i = 0; i < count; i++) {
        const blob = await png(spec.width, spec.height, COLOURS[c % COLOURS.length], i);
        files.push({ file: new File([blob], `${i}.png`, { type: 'image/png' }), path: `shapes/${name}/${i}.png` });
      }
      c++;
    }
    for (const [path, text] of Object.entries(spec.extra ?? {})) files.push({ file: new File([text], path.split('/').at(-1)!), path });
    return importWith((requestId) => ({ type: 'importFolder', requestId, files, size: spec.size, seed: 5 }));
  },
  async testImages(dataset, n) {
    const events = await exchange(
      (requestId) => ({
        type: 'images',
        requestId,
        dataset: dataset as Extract<Command, { type: 'images' }>['dataset'],
        indices: [...Array(n).keys()],
      }),
      (ev) => ev.type === 'images' || ev.type === 'error',
    );
    const e = events.at(-1)!; // after the `data` event of a dataset loaded for the first time
    if (e.type !== 'images') throw new Error(e.type === 'error' ? englishText(e.message) : e.type);
    const size = e.height * e.width * e.channels;
    const centre = (Math.floor(e.height / 2) * e.width + Math.floor(e.width / 2)) * e.channels;
    const corner = (e.height - 1) * e.width * e.channels; // bottom left
    return {
      shape: [e.height, e.width, e.channels],
      pixels: e.indices.map((_, i) => Array.from(e.pixels.subarray(i * size + centre, i * size + centre + e.channels))),
      corners: e.indices.map((_, i) => Array.from(e.pixels.subarray(i * size + corner, i * size + corner + e.channels))),
      labels: Array.from(e.labels),
    };
  },
  async startRefusal(dataset) {
    const { DEFAULT_CONFIG } = await import('../../src/settings');
    const runId = `refused-${nextRequest++}`;
    const events = await exchange(
      () => ({
        type: 'start',
        runs: [{ runId, config: { ...DEFAULT_CONFIG, model: 'tiny', dataset: dataset as 'mnist', backend: 'cpu' } }],
      }),
      (e) => e.type === 'error' && 'runId' in e && e.runId === runId,
    );
    const e = events.at(-1)!;
    return e.type === 'error' ? { message: englishText(e.message), setting: e.setting } : { message: e.type };
  },
  async list() {
    const e = (
      await exchange(
        (requestId) => ({ type: 'listDatasets', requestId }),
        (ev) => ev.type === 'datasets',
      )
    ).at(-1)!;
    if (e.type !== 'datasets') throw new Error(e.type);
    return { user: e.user.map((u) => u.id), builtin: e.builtin, storage: e.storage };
  },
  async remove(id) {
    const events = await exchange(
      (requestId) => ({ type: 'removeDataset', requestId, id: id as `user:${string}` }),
      (ev) => ev.type === 'datasets' || ev.type === 'datasetFailed',
    );
    const e = events.at(-1)!;
    if (e.type === 'datasetFailed') throw new Error(englishText(e.message));
    return e.type === 'datasets' ? e.user.map((u) => u.id) : [];
  },
  async importArchive() {
    const input = document.querySelector<HTMLInputElement>('#archive')!;
    const file = input.files?.[0];
    if (!file) throw new Error('no file chosen');
    return importWith((requestId) => ({ type: 'importCifar', requestId, file, fileName: file.name }));
  },
};

(window as unknown as { datasetCheck: DatasetCheckApi }).datasetCheck = api;
listeners.add((e) => {
  if (e.type === 'ready') api.ready = true;
});
