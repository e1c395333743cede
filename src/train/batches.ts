import { imageBytes, type ImageSet } from '../data/dataset';
import type { TrainConfig } from '../settings';

export type Augmentation = Pick<TrainConfig, 'augShift' | 'augFlip' | 'augNoise'> & Partial<Pick<TrainConfig, 'augColour'>>;

export interface Batch {
  /** count × height × width × channels pixels scaled to 0..1 (NHWC). */
  pixels: Float32Array;
  labels: Int32Array;
  count: number;
}

/**
 * AlexNet's colour augmentation (Krizhevsky et al. 2012, section 4.1): the principal components of the RGB
 * values of the training set (pixels scaled to 0..1). Each training image gets Σ αᵢ λᵢ pᵢ added to every
 * pixel, with αᵢ drawn from N(0, 0.1) once per image.
 */
export interface ColourPca {
  /** Eigenvalues λᵢ of the 3×3 covariance, largest first. */
  values: [number, number, number];
  /** Eigenvectors pᵢ (unit length), in the same order. */
  vectors: [number, number, number][];
}

/** The σ of the αᵢ in the paper. */
export const COLOUR_PCA_SIGMA = 0.1;

/**
 * Copies the chosen images into a float batch, augmenting on the way: random shifts (AlexNet's random
 * crops: the image moves by up to augShift pixels and the border that comes in is 0, which is a crop of the
 * zero-padded image), mirror flips, Gaussian pixel noise and, for RGB sets given their `pca`, AlexNet's
 * colour noise. Done in plain JS on a few hundred kilobytes; it keeps augmentation identical on every
 * backend and seeded by the run. Greyscale batches draw exactly the random numbers they always did.
 */
export function makeBatch(set: ImageSet, indices: ArrayLike<number>, aug: Augmentation, rnd: () => number, pca?: ColourPca): Batch {
  const { height: h, width: w, channels: c } = set;
  const size = imageBytes(set);
  const count = indices.length;
  const pixels = new Float32Array(count * size);
  const labels = new Int32Array(count);
  const colour = aug.augColour && c === 3 && pca ? pca : undefined;
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
        const from = src + (sy * w + sx) * c;
        const to = dst + (y * w + x) * c;
        for (let k = 0; k < c; k++) pixels[to + k] = set.images[from + k] / 255;
      }
    }
    if (aug.augNoise > 0) {
      for (let i = 0; i < size; i++) pixels[dst + i] += aug.augNoise * gaussian(rnd);
    }
    if (colour) {
      const shift = colourShift(colour, [gaussian(rnd), gaussian(rnd), gaussian(rnd)]);
      for (let i = 0; i < size; i += 3) {
        pixels[dst + i] += shift[0];
        pixels[dst + i + 1] += shift[1];
        pixels[dst + i + 2] += shift[2];
      }
    }
  }
  return { pixels, labels, count };
}

/** Σ αᵢ λᵢ pᵢ for standard normal draws `z` (αᵢ = σ zᵢ): the RGB offset one image gets. */
export function colourShift(pca: ColourPca, z: [number, number, number]): [number, number, number] {
  const out: [number, number, number] = [0, 0, 0];
  for (let i = 0; i < 3; i++) {
    const a = COLOUR_PCA_SIGMA * z[i] * pca.values[i];
    for (let k = 0; k < 3; k++) out[k] += a * pca.vectors[i][k];
  }
  return out;
}

function gaussian(rnd: () => number): number {
  // Box-Muller; 1 - rnd() avoids log(0)
  return Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
}

const pcaCache = new WeakMap<Uint8Array, ColourPca>();

/**
 * The colour PCA of an RGB set, computed once per set of bytes (the Worker keeps a dataset's bytes for as long
 * as it keeps the dataset, so runs after the first get it free). One pass over the pixels in float64.
 */
export function colourPca(set: ImageSet): ColourPca {
  if (set.channels !== 3) throw new Error(`colour PCA needs RGB images, got ${set.channels} channel(s)`);
  const cached = pcaCache.get(set.images);
  if (cached) return cached;
  const n = set.count * set.height * set.width;
  const bytes = set.images.subarray(0, n * 3);
  const sum = [0, 0, 0];
  // Sums of products, upper triangle: rr rg rb gg gb bb
  const prod = [0, 0, 0, 0, 0, 0];
  for (let i = 0; i < bytes.length; i += 3) {
    const r = bytes[i];
    const g = bytes[i + 1];
    const b = bytes[i + 2];
    sum[0] += r;
    sum[1] += g;
    sum[2] += b;
    prod[0] += r * r;
    prod[1] += r * g;
    prod[2] += r * b;
    prod[3] += g * g;
    prod[4] += g * b;
    prod[5] += b * b;
  }
  const mean = sum.map((s) => s / n);
  const cov = (p: number, a: number, b: number) => (prod[p] / n - mean[a] * mean[b]) / (255 * 255);
  const matrix = [
    [cov(0, 0, 0), cov(1, 0, 1), cov(2, 0, 2)],
    [cov(1, 0, 1), cov(3, 1, 1), cov(4, 1, 2)],
    [cov(2, 0, 2), cov(4, 1, 2), cov(5, 2, 2)],
  ];
  const pca = symmetricEigen3(matrix);
  pcaCache.set(set.images, pca);
  return pca;
}

/** Eigenvalues (largest first, negatives from rounding clamped to 0) and unit eigenvectors of a symmetric 3×3 matrix, by Jacobi rotations. */
export function symmetricEigen3(m: number[][]): ColourPca {
  const a = m.map((row) => row.slice());
  const v = [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ];
  for (let sweep = 0; sweep < 50; sweep++) {
    const off = a[0][1] ** 2 + a[0][2] ** 2 + a[1][2] ** 2;
    if (off < 1e-30) break;
    for (const [p, q] of [
      [0, 1],
      [0, 2],
      [1, 2],
    ]) {
      if (Math.abs(a[p][q]) < 1e-300) continue;
      const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
      const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
      const cos = 1 / Math.sqrt(t * t + 1);
      const sin = t * cos;
      for (let k = 0; k < 3; k++) {
        const akp = a[k][p];
        const akq = a[k][q];
        a[k][p] = cos * akp - sin * akq;
        a[k][q] = sin * akp + cos * akq;
      }
      for (let k = 0; k < 3; k++) {
        const apk = a[p][k];
        const aqk = a[q][k];
        a[p][k] = cos * apk - sin * aqk;
        a[q][k] = sin * apk + cos * aqk;
      }
      for (let k = 0; k < 3; k++) {
        const vkp = v[k][p];
        const vkq = v[k][q];
        v[k][p] = cos * vkp - sin * vkq;
        v[k][q] = sin * vkp + cos * vkq;
      }
    }
  }
  const order = [0, 1, 2].sort((i, j) => a[j][j] - a[i][i]);
  return {
    values: order.map((i) => Math.max(0, a[i][i])) as [number, number, number],
    vectors: order.map((i) => [v[0][i], v[1][i], v[2][i]]) as [number, number, number][],
  };
}

/** Plain, unaugmented images [start, start + count) for evaluation. */
export function sliceBatch(set: ImageSet, start: number, count: number): Batch {
  const size = imageBytes(set);
  const n = Math.min(count, set.count - start);
  const pixels = new Float32Array(n * size);
  const bytes = set.images.subarray(start * size, (start + n) * size);
  for (let i = 0; i < bytes.length; i++) pixels[i] = bytes[i] / 255;
  return { pixels, labels: Int32Array.from(set.labels.subarray(start, start + n)), count: n };
}
