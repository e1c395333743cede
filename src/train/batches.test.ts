import { describe, expect, it } from 'vitest';
import type { ImageSet } from '../data/dataset';
import { colourPca, colourShift, makeBatch, sliceBatch, symmetricEigen3, COLOUR_PCA_SIGMA } from './batches';
import { mulberry32 } from './random';

/** A 3x4 RGB image whose pixel (y, x) is (10y + x, 100 + 10y + x, 200 + x), and a second of all 255. */
const rgb: ImageSet = (() => {
  const h = 3;
  const w = 4;
  const images = new Uint8Array(2 * h * w * 3).fill(255);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) images.set([10 * y + x, 100 + 10 * y + x, 200 + x], (y * w + x) * 3);
  }
  return { images, labels: Uint8Array.from([4, 7]), count: 2, height: h, width: w, channels: 3 };
})();

const none = { augShift: 0, augFlip: false, augNoise: 0 };
/** Pixel (y, x) of image b of a batch, as bytes. */
const px = (pixels: Float32Array, b: number, y: number, x: number) =>
  Array.from(pixels.subarray(((b * 3 + y) * 4 + x) * 3, ((b * 3 + y) * 4 + x) * 3 + 3), (v) => Math.round(v * 255));

/** A random source that returns the given values in turn. */
const scripted = (...values: number[]) => {
  let i = 0;
  return () => values[i++ % values.length];
};

describe('colour batches', () => {
  it('copy RGB images as NHWC floats 0..1 with their labels, in the order asked', () => {
    const batch = makeBatch(rgb, [1, 0], none, Math.random);
    expect(batch.pixels).toHaveLength(2 * 3 * 4 * 3);
    expect(Array.from(batch.labels)).toEqual([7, 4]);
    expect(px(batch.pixels, 1, 2, 3)).toEqual([23, 123, 203]);
    expect(px(batch.pixels, 0, 0, 0)).toEqual([255, 255, 255]);
    const plain = sliceBatch(rgb, 0, 5);
    expect(plain.count).toBe(2);
    expect(px(plain.pixels, 0, 1, 2)).toEqual([12, 112, 202]);
  });

  it('flip mirrors whole pixels, keeping each pixel’s colour', () => {
    const batch = makeBatch(rgb, [0], { ...none, augFlip: true }, scripted(0.1)); // 0.1 < 0.5: flipped
    expect(px(batch.pixels, 0, 1, 0)).toEqual([13, 113, 203]);
    expect(px(batch.pixels, 0, 1, 3)).toEqual([10, 110, 200]);
  });

  it('a shift is a random crop of the zero-padded image: the border that comes in is black', () => {
    // rnd 0 with augShift 1: dx = dy = -1, so output (y, x) shows input (y + 1, x + 1).
    const batch = makeBatch(rgb, [0], { ...none, augShift: 1 }, scripted(0));
    expect(px(batch.pixels, 0, 0, 0)).toEqual([11, 111, 201]);
    expect(px(batch.pixels, 0, 2, 0)).toEqual([0, 0, 0]);
    expect(px(batch.pixels, 0, 0, 3)).toEqual([0, 0, 0]);
  });

  it('PCA colour noise adds one RGB offset to every pixel of an image, along the principal components', () => {
    const pca = {
      values: [0.04, 0.01, 0.001] as [number, number, number],
      vectors: [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ] as [number, number, number][],
    };
    expect(colourShift(pca, [1, -2, 0])).toEqual([COLOUR_PCA_SIGMA * 0.04, COLOUR_PCA_SIGMA * -0.02, 0]);
    const plain = makeBatch(rgb, [0], none, mulberry32(1));
    const noisy = makeBatch(rgb, [0], { ...none, augColour: true }, mulberry32(1), pca);
    // The three αᵢ are the image's next three normal draws (Box-Muller, as makeBatch draws them).
    const rnd = mulberry32(1);
    const normal = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
    const expected = colourShift(pca, [normal(), normal(), normal()]);
    const offsets = Array.from(noisy.pixels, (v, i) => v - plain.pixels[i]);
    offsets.forEach((o, i) => expect(o).toBeCloseTo(expected[i % 3], 6));
    expect(Math.abs(expected[0])).toBeGreaterThan(1e-4);
    // Greyscale sets and runs without the setting are untouched.
    expect(makeBatch(rgb, [0], none, mulberry32(1), pca).pixels).toEqual(plain.pixels);
  });

  it('the PCA of a set whose colours vary along one direction finds that direction', () => {
    // Pixels (t, t, 0) for t spread over 0..255: all the variance is along (1, 1, 0)/√2.
    const n = 256;
    const images = new Uint8Array(n * 3);
    for (let t = 0; t < n; t++) images.set([t, t, 0], 3 * t);
    const pca = colourPca({ images, labels: new Uint8Array(1), count: 1, height: 16, width: 16, channels: 3 });
    expect(pca.values[0]).toBeCloseTo((2 * ((n * n - 1) / 12)) / 255 ** 2, 6);
    expect(pca.values[1]).toBeCloseTo(0, 9);
    expect(Math.abs(pca.vectors[0][0])).toBeCloseTo(Math.SQRT1_2, 6);
    expect(Math.abs(pca.vectors[0][1])).toBeCloseTo(Math.SQRT1_2, 6);
  });

  it('eigenvectors of a symmetric 3x3 matrix satisfy A v = λ v, largest first', () => {
    const a = [
      [4, 1, 0.5],
      [1, 3, 0.2],
      [0.5, 0.2, 1],
    ];
    const { values, vectors } = symmetricEigen3(a);
    expect(values[0]).toBeGreaterThanOrEqual(values[1]);
    expect(values[1]).toBeGreaterThanOrEqual(values[2]);
    vectors.forEach((v, i) => {
      const av = a.map((row) => row[0] * v[0] + row[1] * v[1] + row[2] * v[2]);
      av.forEach((x, k) => expect(x).toBeCloseTo(values[i] * v[k], 9));
    });
  });
});
