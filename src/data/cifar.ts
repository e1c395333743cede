/**
 * CIFAR-10's binary version (cifar-10-binary.tar.gz, the user's own copy): gunzipped with DecompressionStream as it
 * streams from the file, read with our tar reader, each batch file checked (10,000 records of a label byte and
 * 3,072 pixel bytes: the red, then green, then blue 32x32 plane) and turned into HWC images. Runs in the Worker
 * (a File) and in Node (`npm run data:cifar`, a Blob from fs.openAsBlob): nothing here is platform-specific.
 */
import { CIFAR10_CLASSES, type ImageSet } from './dataset';
import { DataError, dataError } from './errors';
import { tarEntries } from './tar';

export const CIFAR_SIDE = 32;
export const CIFAR_PIXELS = CIFAR_SIDE * CIFAR_SIDE;
/** One record: the label byte, then the R, G and B planes. */
export const CIFAR_RECORD = 1 + 3 * CIFAR_PIXELS;
/** Records in each published batch file. */
export const CIFAR_RECORDS_PER_FILE = 10_000;
export const CIFAR_TRAIN_FILES = ['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin'];
export const CIFAR_TEST_FILE = 'test_batch.bin';
export const CIFAR_META_FILE = 'batches.meta.txt';

export interface CifarData {
  /** The five training batches in order (the app holds out the last 5,000 for validation). */
  train: ImageSet;
  test: ImageSet;
  /** From batches.meta.txt, or the published names when it is missing. */
  classNames: string[];
}

export interface ArchiveProgress {
  /** Compressed bytes read from the file so far, of `bytesTotal`. */
  bytesRead: number;
  bytesTotal: number;
  /** Images decoded so far, of `imagesTotal`. */
  images: number;
  imagesTotal: number;
}

export interface CifarOptions {
  /**
   * Records each batch file must hold: 10,000 in the published archive. Smaller only for tests and sample
   * archives made in the same format (`npm run data:cifar -- --records-per-file=N`). 'same': any number, as long
   * as every batch file holds as many as the first one read (the page takes samples of the archive this way).
   */
  recordsPerFile?: number | 'same';
  /** Called as the file is read (often: the caller throttles). */
  onProgress?: (p: ArchiveProgress) => void;
}

/** Decodes one batch file's records into HWC images and labels, starting at image `at` of the targets. */
export function decodeCifarBatch(bytes: Uint8Array, where: { archive: string; entry: string }, into: ImageSet, at: number): void {
  const records = bytes.length / CIFAR_RECORD;
  const { images, labels } = into;
  for (let r = 0; r < records; r++) {
    const src = r * CIFAR_RECORD;
    const label = bytes[src];
    if (label > 9) throw dataError('data.cifar.badLabel', { file: where.archive, entry: where.entry, index: r, label });
    labels[at + r] = label;
    const dst = (at + r) * 3 * CIFAR_PIXELS;
    const red = src + 1;
    const green = red + CIFAR_PIXELS;
    const blue = green + CIFAR_PIXELS;
    for (let p = 0; p < CIFAR_PIXELS; p++) {
      images[dst + 3 * p] = bytes[red + p];
      images[dst + 3 * p + 1] = bytes[green + p];
      images[dst + 3 * p + 2] = bytes[blue + p];
    }
  }
}

/** The class names of batches.meta.txt (one per line, blank lines ignored), or null if it does not name ten. */
export function parseBatchesMeta(text: string): string[] | null {
  const names = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return names.length === 10 ? names : null;
}

/** The chunks of a stream, with getReader (async iteration of streams is missing in some browsers). */
export async function* streamChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    // Stopping early (an error, or tar's end marker before gzip's end) releases the file.
    reader.cancel().catch(() => {});
  }
}

/** Whether a file starts with gzip's signature (1f 8b). */
export async function isGzip(file: Blob): Promise<boolean> {
  const head = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  return head[0] === 0x1f && head[1] === 0x8b;
}

/**
 * Gunzips a file as it streams, counting the compressed bytes read. Errors of the decompressor (corrupt or cut
 * data) come out as a DataError naming the file.
 */
async function* gunzipChunks(file: Blob, name: string, onBytes: (n: number) => void): AsyncGenerator<Uint8Array> {
  let read = 0;
  const counted = file.stream().pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        read += chunk.length;
        onBytes(read);
        controller.enqueue(chunk);
      },
    }),
  );
  const gunzipped = (counted as ReadableStream<BufferSource>).pipeThrough(new DecompressionStream('gzip'));
  const chunks = streamChunks(gunzipped as ReadableStream<Uint8Array>);
  for (;;) {
    let next: IteratorResult<Uint8Array>;
    try {
      next = await chunks.next();
    } catch (error) {
      throw dataError('data.archive.corruptGzip', { file: name, detail: error instanceof Error ? error.message : String(error) });
    }
    if (next.done) return;
    yield next.value;
  }
}

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/**
 * Reads CIFAR-10's binary archive: every batch file present, of the right size, with labels 0..9. Errors are
 * DataErrors naming the file and the problem: not gzip, corrupt or truncated, not tar, a batch of the wrong
 * size, a label out of range, batch files missing.
 */
export async function readCifarArchive(file: Blob, name: string, options: CifarOptions = {}): Promise<CifarData> {
  const asked = options.recordsPerFile ?? CIFAR_RECORDS_PER_FILE;
  if (!(await isGzip(file))) throw dataError('data.archive.notGzip', { file: name });
  const newSet = (count: number): ImageSet => ({
    images: new Uint8Array(count * 3 * CIFAR_PIXELS),
    labels: new Uint8Array(count),
    count,
    height: CIFAR_SIDE,
    width: CIFAR_SIDE,
    channels: 3,
  });
  // With 'same', the first batch file read sets the size of every other (and of the arrays).
  let perFile = asked === 'same' ? 0 : asked;
  let first = '';
  let train = newSet(CIFAR_TRAIN_FILES.length * perFile);
  let test = newSet(perFile);
  const files = CIFAR_TRAIN_FILES.length + 1;
  const progress: ArchiveProgress = { bytesRead: 0, bytesTotal: file.size, images: 0, imagesTotal: files * perFile };
  const report = () => options.onProgress?.({ ...progress });
  const seen = new Set<string>();
  let classNames: string[] | null = null;

  try {
    const chunks = gunzipChunks(file, name, (n) => {
      progress.bytesRead = n;
      report();
    });
    for await (const entry of tarEntries(chunks, name)) {
      const base = baseName(entry.name);
      if (base === CIFAR_META_FILE && entry.size < 10_000) {
        classNames = parseBatchesMeta(new TextDecoder().decode(await entry.read()));
        continue;
      }
      const trainIndex = CIFAR_TRAIN_FILES.indexOf(base);
      if ((trainIndex < 0 && base !== CIFAR_TEST_FILE) || seen.has(base)) continue;
      if (perFile === 0) {
        const records = entry.size / CIFAR_RECORD;
        if (!Number.isInteger(records) || records < 1) {
          const published = CIFAR_RECORDS_PER_FILE;
          throw dataError('data.cifar.wrongSize', {
            file: name,
            entry: entry.name,
            got: entry.size,
            expected: published * CIFAR_RECORD,
            records: published,
          });
        }
        perFile = records;
        first = entry.name;
        train = newSet(CIFAR_TRAIN_FILES.length * perFile);
        test = newSet(perFile);
        progress.imagesTotal = files * perFile;
      }
      const expected = perFile * CIFAR_RECORD;
      if (entry.size !== expected) {
        if (first)
          throw dataError('data.cifar.unequal', { file: name, entry: entry.name, got: entry.size, first, expected, records: perFile });
        throw dataError('data.cifar.wrongSize', { file: name, entry: entry.name, got: entry.size, expected, records: perFile });
      }
      const bytes = await entry.read();
      if (trainIndex >= 0) decodeCifarBatch(bytes, { archive: name, entry: entry.name }, train, trainIndex * perFile);
      else decodeCifarBatch(bytes, { archive: name, entry: entry.name }, test, 0);
      seen.add(base);
      progress.images += perFile;
      report();
    }
    // The rest after tar's end marker is padding; reading it lets gunzip check its CRC and length, so a cut or
    // damaged download is reported even when the cut falls after the last file.
    for await (const _ of chunks);
  } catch (error) {
    if (error instanceof DataError) throw error;
    throw dataError('data.archive.corruptGzip', { file: name, detail: error instanceof Error ? error.message : String(error) });
  }
  const missing = [...CIFAR_TRAIN_FILES, CIFAR_TEST_FILE].filter((f) => !seen.has(f));
  if (missing.length > 0) throw dataError('data.cifar.missing', { file: name, missing: missing.join(', ') });
  return { train, test, classNames: classNames ?? [...CIFAR10_CLASSES] };
}
