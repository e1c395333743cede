/**
 * Seeded synthetic images of any shape, for tests and benchmarks of the colour networks without a colour
 * dataset: throughput does not depend on pixel values, and a network can learn these (each class is a bright
 * patch at its own place, in its own channel, over noise), so a falling loss means the step trains.
 */
import { mulberry32 } from '../train/random';
import type { DatasetSplits, ImageSet } from './dataset';

/** Grey (1 channel) or RGB (3) images: the shapes an ImageSet holds. */
export function syntheticImages(shape: readonly [number, number, number], count: number, seed: number, classes = 10): ImageSet {
  const [height, width] = shape;
  const channels = shape[2] === 3 ? 3 : 1;
  const rnd = mulberry32(seed);
  const pixels = height * width * channels;
  const images = new Uint8Array(count * pixels);
  const labels = new Uint8Array(count);
  const patch = Math.max(1, Math.floor(Math.min(height, width) / 4));
  for (let i = 0; i < count; i++) {
    const label = Math.floor(rnd() * classes);
    labels[i] = label;
    const image = images.subarray(i * pixels, (i + 1) * pixels);
    for (let p = 0; p < pixels; p++) image[p] = Math.floor(rnd() * 128);
    // Classes 0-4 along the top, 5-9 along the bottom; the channel cycles with the class.
    const top = label < classes / 2 ? 0 : height - patch;
    const left = Math.floor(((label % Math.ceil(classes / 2)) * (width - patch)) / Math.max(1, Math.ceil(classes / 2) - 1));
    for (let y = top; y < top + patch; y++) {
      for (let x = left; x < left + patch; x++) image[(y * width + x) * channels + (label % channels)] = 255;
    }
  }
  return { images, labels, count, height, width, channels };
}

/** Train, validation and test sets of synthetic images (three seeds from one). */
export function syntheticSplits(shape: readonly [number, number, number], train: number, test = 100, seed = 12345): DatasetSplits {
  return {
    train: syntheticImages(shape, train, seed),
    validation: syntheticImages(shape, test, seed + 1),
    test: syntheticImages(shape, test, seed + 2),
  };
}
