/**
 * Archives in CIFAR-10's binary format, made with GNU tar, for the tests of src/data/cifar.ts, scripts/cifar.ts and
 * the browser test of the Worker's import: any number of records per batch file, and the ways a download goes
 * wrong (a missing batch, a wrong size, a bad label, a cut-off file).
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const RECORD = 1 + 3 * 1024;
const BATCH_FILES = ['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin', 'test_batch.bin'];
export const META = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];

export interface ArchiveOptions {
  recordsPerFile: number;
  /** Batch files left out. */
  omit?: string[];
  /** Extra bytes appended to one file (a wrong size). */
  extraBytes?: { file: string; bytes: number };
  /** One record's label byte overwritten. */
  badLabel?: { file: string; record: number; label: number };
  /** Class names written to batches.meta.txt (null: no meta file). */
  meta?: string[] | null;
  /** GNU tar's --format (gnu is its default). */
  format?: 'gnu' | 'ustar' | 'pax';
  /** gzip level (1 is quick for big test archives). */
  level?: number;
  /** Pixel bytes from a seeded stream instead of the pattern (for archives as incompressible as photos). */
  random?: boolean;
  /**
   * Learnable images instead of the pattern: dim seeded noise with a 20x20 square of the class's colour
   * (PATCH_COLOURS) at a seeded place, so a network can learn the classes in a few dozen steps.
   */
  patches?: boolean;
}

/** The colour of each class's square in `patches` archives (RGB), ten hues a network tells apart easily. */
const PATCH_COLOURS: [number, number, number][] = [
  [230, 25, 25],
  [25, 200, 40],
  [40, 60, 235],
  [240, 220, 30],
  [230, 40, 220],
  [30, 215, 220],
  [245, 140, 20],
  [140, 60, 20],
  [250, 250, 250],
  [120, 40, 200],
];
const PATCH = 20;

/**
 * The label of record r of batch file f (0-based over all six files), and its pixel at plane c, position p:
 * a pattern the tests can recompute.
 */
export const labelOf = (f: number, r: number) => (f * 7 + r) % 10;
export const pixelOf = (f: number, r: number, c: number, p: number) => (f * 31 + r * 7 + c * 80 + p) % 256;

function batchFile(f: number, records: number, random = false, patches = false): Uint8Array {
  const out = new Uint8Array(records * RECORD);
  let state = (f + 1) * 0x9e3779b1;
  const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) >>> 24;
  for (let r = 0; r < records; r++) {
    const at = r * RECORD;
    out[at] = labelOf(f, r);
    if (patches) {
      const colour = PATCH_COLOURS[out[at]];
      const [top, left] = [next() % (32 - PATCH), next() % (32 - PATCH)];
      for (let c = 0; c < 3; c++) {
        for (let p = 0; p < 1024; p++) {
          const [y, x] = [Math.floor(p / 32), p % 32];
          const inside = y >= top && y < top + PATCH && x >= left && x < left + PATCH;
          out[at + 1 + c * 1024 + p] = inside ? colour[c] : next() >> 2;
        }
      }
      continue;
    }
    for (let c = 0; c < 3; c++) {
      for (let p = 0; p < 1024; p++) {
        if (random) {
          state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
          out[at + 1 + c * 1024 + p] = state >>> 24;
        } else out[at + 1 + c * 1024 + p] = pixelOf(f, r, c, p);
      }
    }
  }
  return out;
}

/** Writes cifar-10-batches-bin/ under `dir` and packs it with `tar czf` into dir/name; returns the archive's path. */
export async function makeCifarArchive(dir: string, o: ArchiveOptions, name = 'cifar-10-binary.tar.gz'): Promise<string> {
  const folder = join(dir, 'cifar-10-batches-bin');
  await mkdir(folder, { recursive: true });
  for (const [f, file] of BATCH_FILES.entries()) {
    if (o.omit?.includes(file)) continue;
    let bytes = batchFile(f, o.recordsPerFile, o.random, o.patches);
    if (o.badLabel?.file === file) bytes[o.badLabel.record * RECORD] = o.badLabel.label;
    if (o.extraBytes?.file === file) {
      const longer = new Uint8Array(bytes.length + o.extraBytes.bytes);
      longer.set(bytes);
      bytes = longer;
    }
    await writeFile(join(folder, file), bytes);
  }
  const meta = o.meta === undefined ? META : o.meta;
  if (meta) await writeFile(join(folder, 'batches.meta.txt'), `${meta.join('\n')}\n\n`);
  await writeFile(join(folder, 'readme.html'), '<p>test archive</p>\n');
  const archive = join(dir, name);
  execFileSync('tar', ['--format', o.format ?? 'gnu', '-cf', archive.replace(/\.gz$/, ''), '-C', dir, 'cifar-10-batches-bin']);
  execFileSync('gzip', ['-f', `-${o.level ?? 6}`, archive.replace(/\.gz$/, '')]);
  return archive;
}

/** The first `bytes` bytes of a file, written beside it: a download cut short. */
export async function truncatedCopy(path: string, bytes: number): Promise<string> {
  const out = path.replace(/\.tar\.gz$/, `-cut${bytes}.tar.gz`);
  await writeFile(out, (await readFile(path)).subarray(0, bytes));
  return out;
}
