/**
 * Loads a dataset built by `npm run data`. Storage is injected (`fetchReader` in the browser and Worker,
 * `nodeReader` from node/data.ts in Node), so this file imports nothing Node-only and runs in a Worker.
 */
import { type DatasetFiles, type DatasetId, type DatasetSplits, assembleSplits, datasetFileNames } from './dataset';
import { msg, MessageError } from '../i18n/message';
import { streamChunks } from './cifar';
import { IdxError } from './idx';

export type ReadFile = (fileName: string) => Promise<Uint8Array>;

const PARTS = ['trainImages', 'trainLabels', 'testImages', 'testLabels'] as const;

export async function loadDataset(dataset: DatasetId, readFile: ReadFile): Promise<DatasetSplits> {
  const names = datasetFileNames(dataset);
  const raw = await Promise.all(PARTS.map(async (part) => gunzip(await readFile(names[part]), names[part])));
  const files = Object.fromEntries(PARTS.map((part, i) => [part, raw[i]])) as unknown as DatasetFiles<Uint8Array>;
  return assembleSplits(files, names);
}

/**
 * Gunzips with the platform's DecompressionStream. Bytes without the gzip magic pass through unchanged:
 * a server that sends `.gz` files with `Content-Encoding: gzip` has already had them decoded by fetch.
 */
export async function gunzip(bytes: Uint8Array, fileName: string): Promise<Uint8Array> {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
    if (bytes[0] === 0x3c /* '<' */) {
      throw new IdxError(fileName, 'got an HTML page instead of data: the file is probably missing, run `npm run data`');
    }
    return bytes;
  }
  try {
    const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (error) {
    throw new IdxError(fileName, `cannot gunzip (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** Longest wait for the next bytes of a data file before giving up: a stalled download must not hang a run. */
const STALL_MS = 30_000;

/**
 * Reads files over HTTP from `baseUrl` (e.g. `${import.meta.env.BASE_URL}data/`). A download that receives nothing
 * for `stallMs` is abandoned with a message that names the file (a slow one that keeps arriving is not).
 */
export function fetchReader(baseUrl: string, fetchImpl: typeof fetch = fetch, stallMs = STALL_MS): ReadFile {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return async (fileName) => {
    const url = base + fileName;
    const hint = 'the data files are built by `npm run data` (run automatically by npm run dev and npm run build)';
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stalled = () => new MessageError(msg('run.dataStalled', { file: fileName, seconds: Math.round(stallMs / 1000) }));
    const watch = () => {
      clearTimeout(timer);
      timer = setTimeout(() => controller.abort(), stallMs);
    };
    watch();
    try {
      let response: Response;
      try {
        response = await fetchImpl(url, { signal: controller.signal });
      } catch (error) {
        if (controller.signal.aborted) throw stalled();
        throw new Error(`could not fetch ${url}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      if (!response.ok) throw new Error(`could not fetch ${url}: HTTP ${response.status} ${response.statusText}; ${hint}`);
      if (!response.body) return new Uint8Array(await response.arrayBuffer());
      const chunks: Uint8Array[] = [];
      try {
        for await (const chunk of streamChunks(response.body)) {
          chunks.push(chunk);
          watch();
        }
      } catch (error) {
        if (controller.signal.aborted) throw stalled();
        throw error;
      }
      const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
      let at = 0;
      for (const c of chunks) {
        out.set(c, at);
        at += c.length;
      }
      return out;
    } finally {
      clearTimeout(timer);
    }
  };
}
