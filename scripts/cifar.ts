// `npm run data:cifar -- PATH`: a teacher's own copy of CIFAR-10 (cifar-10-binary.tar.gz, the "binary version")
// into public/data/ for a server build, so the app offers CIFAR-10 as a built-in dataset:
//   cifar10-train-images.idx.gz  [50000, 32, 32, 3]  data_batch_1..5 in order (the app holds out the last 5,000)
//   cifar10-test-images.idx.gz   [10000, 32, 32, 3]  test_batch
//   cifar10-{train,test}-labels.idx.gz, and a `cifar10` entry in manifest.json (npm run data keeps it).
// The archive is read exactly as the browser reads a user's copy (src/data/cifar.ts), so it is checked the same way.
//   --records-per-file=N   batch files of N records instead of 10,000 (test and sample archives only)
//   --out=DIR              write there instead of public/data/

import { openAsBlob } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import { CIFAR_RECORDS_PER_FILE, readCifarArchive, type ArchiveProgress } from '../src/data/cifar';
import { datasetFileNames, VALIDATION_SIZE, type DatasetFiles } from '../src/data/dataset';
import { checkImages, checkLabels, encodeIdx } from '../src/data/idx';

const gzip = promisify(gzipCallback);
const DEFAULT_OUT = fileURLToPath(new URL('../public/data/', import.meta.url));
const PARTS = ['trainImages', 'trainLabels', 'testImages', 'testLabels'] as const;

export interface CifarManifestEntry {
  source: { file: string; bytes: number };
  counts: { train: number; test: number };
  classNames: string[];
  split: string;
  validation: string;
  files: DatasetFiles<{ name: string; bytes: number; rawBytes: number; gzipLevel: number }>;
}

/** Converts the archive at `path` into `out` and adds its manifest entry; returns the entry. */
export async function convertCifar(
  path: string,
  options: { out?: string; recordsPerFile?: number; onProgress?: (p: ArchiveProgress) => void } = {},
): Promise<CifarManifestEntry> {
  const out = options.out ?? DEFAULT_OUT;
  const blob = await openAsBlob(path).catch((error) => {
    throw new Error(`${path}: cannot open (${error instanceof Error ? error.message : error})`, { cause: error });
  });
  const data = await readCifarArchive(blob, basename(path), { recordsPerFile: options.recordsPerFile, onProgress: options.onProgress });
  const counts = { train: data.train.count, test: data.test.count };
  const raws: DatasetFiles<Uint8Array> = {
    trainImages: encodeIdx([counts.train, 32, 32, 3], data.train.images),
    trainLabels: encodeIdx([counts.train], data.train.labels),
    testImages: encodeIdx([counts.test, 32, 32, 3], data.test.images),
    testLabels: encodeIdx([counts.test], data.test.labels),
  };
  const names = datasetFileNames('cifar10');
  // What the app's reader will accept, checked before anything is written.
  for (const split of ['train', 'test'] as const) {
    checkImages(raws[`${split}Images`], names[`${split}Images`], counts[split], 32, 32, 3);
    checkLabels(raws[`${split}Labels`], names[`${split}Labels`], counts[split]);
  }
  await mkdir(out, { recursive: true });
  const files = {} as CifarManifestEntry['files'];
  for (const part of PARTS) {
    // Level 6: CIFAR's photos barely compress (184 MB to about 150), so higher levels cost time for nothing.
    const gz = await gzip(raws[part], { level: 6 });
    const target = join(out, names[part]);
    await writeFile(`${target}.tmp`, gz);
    await rename(`${target}.tmp`, target);
    files[part] = { name: names[part], bytes: gz.length, rawBytes: raws[part].length, gzipLevel: 6 };
  }
  const entry: CifarManifestEntry = {
    source: { file: basename(path), bytes: blob.size },
    counts,
    classNames: data.classNames,
    split: 'The published split: data_batch_1..5 in order are the training file, test_batch the test file.',
    validation: `The app trains on all but the last ${VALIDATION_SIZE} training images and validates on those (src/data/dataset.ts).`,
    files,
  };
  const manifestPath = join(out, 'manifest.json');
  const manifest = await readFile(manifestPath, 'utf8')
    .then((t) => JSON.parse(t) as { datasets?: Record<string, unknown> })
    .catch(() => ({}) as { datasets?: Record<string, unknown> });
  manifest.datasets = { ...manifest.datasets, cifar10: entry };
  await writeFile(`${manifestPath}.tmp`, `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(`${manifestPath}.tmp`, manifestPath);
  return entry;
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'records-per-file': { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help || positionals.length !== 1) {
    console.log('usage: npm run data:cifar -- PATH/cifar-10-binary.tar.gz [--out=DIR] [--records-per-file=N]');
    process.exit(values.help ? 0 : 2);
  }
  const recordsPerFile = values['records-per-file'] === undefined ? CIFAR_RECORDS_PER_FILE : Number(values['records-per-file']);
  if (!Number.isInteger(recordsPerFile) || recordsPerFile < 1)
    throw new Error(`--records-per-file=${values['records-per-file']}: a whole number`);
  const started = performance.now();
  let lastPrint = 0;
  const entry = await convertCifar(resolve(positionals[0]), {
    out: values.out ? resolve(values.out) : undefined,
    recordsPerFile,
    onProgress: (p) => {
      if (performance.now() - lastPrint < 2000) return;
      lastPrint = performance.now();
      console.log(`data:cifar: ${Math.round((100 * p.bytesRead) / p.bytesTotal)}% read, ${p.images} of ${p.imagesTotal} images`);
    },
  });
  const mb = Object.values(entry.files).reduce((n, f) => n + f.bytes, 0) / 1e6;
  const out = values.out ? resolve(values.out) : DEFAULT_OUT;
  console.log(
    `data:cifar: wrote ${entry.counts.train} training and ${entry.counts.test} test images (${mb.toFixed(1)} MB) to ${out} ` +
      `in ${((performance.now() - started) / 1000).toFixed(1)} s; classes ${entry.classNames.join(', ')}`,
  );
  if (entry.counts.train <= VALIDATION_SIZE) {
    console.log(
      `data:cifar: note: the app holds out ${VALIDATION_SIZE} training images for validation, so it cannot train on this small set`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error) => {
    console.error(`data:cifar: FAILED: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
}
