import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { IdxError, checkImages, checkLabels, encodeIdx, parseIdx, parseImages, parseLabels } from './idx';
import { nodeReader } from '../../node/data';

// Needs public/data from `npm run data`; nodeReader says so if it is missing.
const read = async (name: string) => new Uint8Array(gunzipSync(await nodeReader()(name)));

describe('IDX reader on the converted files', () => {
  for (const dataset of ['mnist', 'fashion']) {
    for (const [split, count] of [
      ['train', 60_000],
      ['test', 10_000],
    ] as const) {
      it(`${dataset} ${split}: ${count} images of 28x28 with sane labels`, async () => {
        const images = parseImages(await read(`${dataset}-${split}-images.idx.gz`), 'images');
        const labels = parseLabels(await read(`${dataset}-${split}-labels.idx.gz`), 'labels');
        expect([images.count, images.height, images.width]).toEqual([count, 28, 28]);
        expect(images.data.length).toBe(count * 784);
        expect(labels.length).toBe(count);
        const histogram = new Array<number>(10).fill(0);
        for (const l of labels) histogram[l]++;
        for (const n of histogram) expect(n / count).toBeGreaterThan(0.08); // every class present, none dominant
        for (const n of histogram) expect(n / count).toBeLessThan(0.12);
      });
    }
  }

  it('MNIST matches the well-known facts of the original files', async () => {
    const train = parseLabels(await read('mnist-train-labels.idx.gz'), 'mnist-train-labels');
    expect(train[0]).toBe(5);
    const histogram = new Array<number>(10).fill(0);
    for (const l of train) histogram[l]++;
    expect(histogram).toEqual([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
  });
});

describe('IDX reader on corrupted files', () => {
  let labels: Uint8Array; // mnist test labels: [10000]
  let images: Uint8Array; // mnist test images: [10000, 28, 28]
  beforeAll(async () => {
    labels = await read('mnist-test-labels.idx.gz');
    images = await read('mnist-test-images.idx.gz');
  });

  const corrupt = (bytes: Uint8Array, edit: (b: Uint8Array) => void) => {
    const copy = bytes.slice();
    edit(copy);
    return copy;
  };
  const withExtra = (bytes: Uint8Array, extra: number) => {
    const out = new Uint8Array(bytes.length + extra);
    out.set(bytes);
    return out;
  };

  const cases: [string, () => Uint8Array, RegExp][] = [
    ['truncated images', () => images.slice(0, 1000), /truncated: expected 7840016 bytes, got 1000/],
    ['truncated header', () => images.slice(0, 10), /truncated header: expected at least 16 bytes, got 10/],
    ['too short for a header', () => images.slice(0, 3), /too short/],
    ['wrong magic', () => corrupt(labels, (b) => (b[0] = 0x01)), /bad magic: first two bytes are 0x01 0x00/],
    ['still gzipped', () => Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0]), /still gzip-compressed/],
    ['wrong type byte', () => corrupt(labels, (b) => (b[2] = 0x0d)), /unsupported data type 0x0d/],
    ['zero dimensions', () => corrupt(labels, (b) => (b[3] = 0)), /bad dimension count 0/],
    ['five dimensions', () => corrupt(labels, (b) => (b[3] = 5)), /bad dimension count 5/],
    ['zero dim', () => corrupt(images, (b) => b.fill(0, 8, 12)), /dimension 1 is 0 \(dims \[10000, 0, 28\]\)/],
    ['extra bytes', () => withExtra(labels, 3), /3 extra bytes: expected 10008 bytes, got 10011/],
  ];

  for (const [what, make, message] of cases) {
    it(`${what}: IdxError naming the file`, () => {
      const bytes = make();
      const parse = () => parseIdx(bytes, 'mnist-test.idx.gz');
      expect(parse).toThrow(IdxError);
      expect(parse).toThrow(/^mnist-test\.idx\.gz: /);
      expect(parse).toThrow(message);
    });
  }

  it('label out of range', () => {
    const bad = corrupt(labels, (b) => (b[8 + 17] = 10));
    expect(() => parseLabels(bad, 'mnist-test-labels.idx.gz')).toThrow(IdxError);
    expect(() => parseLabels(bad, 'mnist-test-labels.idx.gz')).toThrow(
      'mnist-test-labels.idx.gz: label 10 at index 17 is out of range 0..9',
    );
    expect(parseLabels(bad, 'x', 11)[17]).toBe(10);
  });

  it('images and labels files swapped', () => {
    expect(() => parseImages(labels, 'labels.idx')).toThrow('labels.idx: expected 3 dimensions [count, height, width], got [10000]');
    expect(() => parseLabels(images, 'images.idx')).toThrow('images.idx: expected 1 dimension [count], got [10000, 28, 28]');
  });

  it('the build checks (checkImages/checkLabels) also pin the counts and the image size', () => {
    expect(() => checkImages(images, 'i.idx', 10_000)).not.toThrow();
    expect(() => checkLabels(labels, 'l.idx', 10_000)).not.toThrow();
    expect(() => checkImages(images, 'i.idx', 60_000)).toThrow(new IdxError('i.idx', 'expected dims [60000, 28, 28], got [10000, 28, 28]'));
    expect(() => checkImages(images, 'i.idx', 10_000, 32, 32)).toThrow('i.idx: expected dims [10000, 32, 32], got [10000, 28, 28]');
    expect(() => checkLabels(labels, 'l.idx', 60_000)).toThrow(new IdxError('l.idx', 'expected 60000 labels, got 10000'));
    expect(() => checkImages(labels, 'l.idx', 10_000)).toThrow('l.idx: expected 3 dimensions [count, height, width], got [10000]');
    expect(() => checkLabels(images, 'i.idx', 10_000)).toThrow('i.idx: expected 1 dimension [count], got [10000, 28, 28]');
    expect(() => checkLabels(images.slice(0, 3), 'i.idx', 10_000)).toThrow(IdxError);
  });

  it('reads colour images as [count, height, width, channels] and checks them the same way', () => {
    const colour = encodeIdx([2, 32, 32, 3], new Uint8Array(2 * 32 * 32 * 3).fill(9));
    expect(parseImages(colour, 'c.idx')).toMatchObject({ count: 2, height: 32, width: 32, channels: 3 });
    expect(() => checkImages(colour, 'c.idx', 2, 32, 32, 3)).not.toThrow();
    expect(() => checkImages(colour, 'c.idx', 2, 32, 32)).toThrow('c.idx: expected dims [2, 32, 32], got [2, 32, 32, 3]');
    expect(() => parseImages(encodeIdx([1, 2, 2, 2], new Uint8Array(8)), 'two.idx')).toThrow('two.idx: expected 1 or 3 channels, got 2');
  });

  it('encodeIdx writes what parseIdx reads, and parseIdx respects byteOffset', () => {
    const data = Uint8Array.from({ length: 24 }, (_, i) => i);
    const bytes = encodeIdx([2, 3, 4], data);
    expect(Array.from(bytes.subarray(0, 4))).toEqual([0, 0, 8, 3]);
    const padded = new Uint8Array(bytes.length + 5);
    padded.set(bytes, 5);
    const parsed = parseIdx(padded.subarray(5), 'x');
    expect(parsed.dims).toEqual([2, 3, 4]);
    expect(Array.from(parsed.data)).toEqual(Array.from(data));
  });
});
