import type { ImageSet } from '../data/dataset';
import type { TrainConfig } from '../settings';

export type Augmentation = Pick<TrainConfig, 'augShift' | 'augFlip' | 'augNoise'>;

export interface Batch {
  /** count × height × width × channels pixels scaled to 0..1 (NHWC). */
  pixels: Float32Array;
  labels: Int32Array;
  count: number;
}

/**
 * Copies the chosen images into a float batch, augmenting on the way: random shifts (AlexNet's random
 * crops, for 28x28 images), mirror flips and Gaussian pixel noise. Done in plain JS on a few hundred
 * kilobytes; it keeps augmentation identical on every backend and seeded by the run.
 */
export function makeBatch(set: ImageSet, indices: ArrayLike<number>, aug: Augmentation, rnd: () => number): Batch {
  const { height: h, width: w } = set;
  const c = set.channels ?? 1;
  const size = h * w * c;
  const count = indices.length;
  const pixels = new Float32Array(count * size);
  const labels = new Int32Array(count);
  for (let b = 0; b < count; b++) {
    const src = indices[b] * size;
    const dst = b * size;
    labels[b] = set.labels[indices[b]];
    const dx = aug.augShift > 0 ? Math.floor(rnd() * (2 * aug.augShift + 1)) - aug.augShift : 0;
    const dy = aug.augShift > 0 ? Math.floor(rnd() * (2 * aug.augShift + 1)) - aug.augShift : 0;
    const flip = aug.augFlip && rnd() < 0.5;
    for (let y = 0; y < h; y++) {
      const sy = y - dy;
      if (sy < 0 || sy >= h) continue; // shifted-in rows stay 0 (background)
      for (let x = 0; x < w; x++) {
        const sx0 = x - dx;
        if (sx0 < 0 || sx0 >= w) continue;
        const sx = flip ? w - 1 - sx0 : sx0;
        for (let k = 0; k < c; k++) pixels[dst + (y * w + x) * c + k] = set.images[src + (sy * w + sx) * c + k] / 255;
      }
    }
    if (aug.augNoise > 0) {
      for (let i = 0; i < size; i++) pixels[dst + i] += aug.augNoise * gaussian(rnd);
    }
  }
  return { pixels, labels, count };
}

function gaussian(rnd: () => number): number {
  // Box-Muller; 1 - rnd() avoids log(0)
  return Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
}

/** Plain, unaugmented images [start, start + count) for evaluation. */
export function sliceBatch(set: ImageSet, start: number, count: number): Batch {
  const size = set.height * set.width * (set.channels ?? 1);
  const n = Math.min(count, set.count - start);
  const pixels = new Float32Array(n * size);
  const bytes = set.images.subarray(start * size, (start + n) * size);
  for (let i = 0; i < bytes.length; i++) pixels[i] = bytes[i] / 255;
  return { pixels, labels: Int32Array.from(set.labels.subarray(start, start + n)), count: n };
}
