/**
 * The fixed, seeded train/test split of the fashion-mnist package's 70,000 images (the package ships one
 * JSON file per class and no split). Used by scripts/build-data.ts; kept here so tests can check it directly.
 */
import { shuffledIndices } from '../train/random';
import { FASHION_SPLIT_SEED, TEST_FILE_SIZE, TRAIN_FILE_SIZE } from './dataset';

export const FASHION_TOTAL = TRAIN_FILE_SIZE + TEST_FILE_SIZE;
export const FASHION_TRAIN = TRAIN_FILE_SIZE;
export const PIXELS = 28 * 28;

export interface ImageBlock {
  images: Uint8Array;
  labels: Uint8Array;
}

/** True for exactly PIXELS integers 0..255; anything else is skipped (and counted) by the converter. */
export function isValidRecord(record: unknown): record is number[] {
  return Array.isArray(record) && record.length === PIXELS && record.every((v) => Number.isInteger(v) && v >= 0 && v <= 255);
}

/**
 * Shuffles all images with the seeded permutation (shuffledIndices); the first `trainCount` become train, the rest test.
 * images: count*PIXELS bytes, labels: count bytes, both in the package's order (class by class).
 */
export function splitImages(
  images: Uint8Array,
  labels: Uint8Array,
  seed = FASHION_SPLIT_SEED,
  trainCount = FASHION_TRAIN,
): { train: ImageBlock; test: ImageBlock } {
  const count = labels.length;
  if (images.length !== count * PIXELS) throw new Error(`splitImages: ${images.length} image bytes for ${count} labels`);
  // The published split is this exact order (pinned by fashion-split.test.ts): change the shuffle, change the split.
  const order = shuffledIndices(count, seed);
  const take = (from: number, to: number): ImageBlock => {
    const n = to - from;
    const out = { images: new Uint8Array(n * PIXELS), labels: new Uint8Array(n) };
    for (let k = 0; k < n; k++) {
      const src = order[from + k];
      out.images.set(images.subarray(src * PIXELS, (src + 1) * PIXELS), k * PIXELS);
      out.labels[k] = labels[src];
    }
    return out;
  };
  return { train: take(0, trainCount), test: take(trainCount, count) };
}
