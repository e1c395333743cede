import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DATASET_INFO, type ImageSet, VALIDATION_SIZE, assembleSplits, heldOutFor, splitTrainValidation } from './dataset';
import { IdxError, encodeIdx } from './idx';
import { englishText, MessageError } from '../i18n/message';
import { fetchReader, gunzip, loadDataset } from './load';
import { nodeReader } from '../../node/data';

const syntheticSet = (count: number): ImageSet => ({
  images: Uint8Array.from({ length: count * 4 }, (_, i) => i % 251),
  labels: Uint8Array.from({ length: count }, (_, i) => i % 10),
  count,
  height: 2,
  width: 2,
  channels: 1,
});

describe('splitTrainValidation', () => {
  it('holds out the last 5,000 as views, without copying', () => {
    const all = syntheticSet(60_000);
    const { train, validation } = splitTrainValidation(all);
    expect([train.count, validation.count]).toEqual([55_000, VALIDATION_SIZE]);
    expect([train.labels.length, validation.labels.length]).toEqual([55_000, 5000]);
    expect([train.images.length, validation.images.length]).toEqual([55_000 * 4, 5000 * 4]);
    expect(train.images.buffer).toBe(all.images.buffer);
    expect(validation.labels.buffer).toBe(all.labels.buffer);
    expect(validation.images[0]).toBe(all.images[55_000 * 4]);
    expect(validation.labels[0]).toBe(all.labels[55_000]);
  });

  it('refuses a set too small to hold out a validation set', () => {
    expect(() => splitTrainValidation(syntheticSet(5000))).toThrow(/need more than 5000/);
  });

  it('holds out 10% of an imported CIFAR-format set, and 5,000 of the published 50,000', () => {
    expect([heldOutFor(50_000), heldOutFor(1670), heldOutFor(100), heldOutFor(3)]).toEqual([5000, 167, 10, 1]);
    const { train, validation } = splitTrainValidation(syntheticSet(1670), heldOutFor(1670));
    expect([train.count, validation.count]).toEqual([1503, 167]);
  });
});

describe('assembleSplits', () => {
  const names = { trainImages: 'ti.idx', trainLabels: 'tl.idx', testImages: 'si.idx', testLabels: 'sl.idx' };
  const idxOf = (set: ImageSet) => ({
    images: encodeIdx([set.count, set.height, set.width], set.images),
    labels: encodeIdx([set.count], set.labels),
  });

  it('checks that image and label counts agree, naming both files', () => {
    const train = idxOf(syntheticSet(6000));
    const test = idxOf(syntheticSet(10));
    const files = {
      trainImages: train.images,
      trainLabels: encodeIdx([5999], new Uint8Array(5999)),
      testImages: test.images,
      testLabels: test.labels,
    };
    expect(() => assembleSplits(files, names)).toThrow(IdxError);
    expect(() => assembleSplits(files, names)).toThrow('tl.idx: has 5999 labels but ti.idx has 6000 images');
  });

  it('checks that train and test images have the same size', () => {
    const train = idxOf(syntheticSet(6000));
    const test = idxOf({ ...syntheticSet(10), height: 4, width: 1 });
    const files = { trainImages: train.images, trainLabels: train.labels, testImages: test.images, testLabels: test.labels };
    expect(() => assembleSplits(files, names)).toThrow('si.idx: images are 4x1 but ti.idx has 2x2');
  });
});

describe('gunzip and readers', () => {
  it('DecompressionStream gives the same bytes as zlib', async () => {
    const gz = await nodeReader()('mnist-test-labels.idx.gz');
    expect(await gunzip(gz, 'x')).toEqual(new Uint8Array(gunzipSync(gz)));
  });

  it('passes through bytes that fetch already decoded, and rejects HTML and broken gzip', async () => {
    const raw = encodeIdx([3], Uint8Array.from([1, 2, 3]));
    expect(await gunzip(raw, 'x')).toBe(raw);
    await expect(gunzip(new TextEncoder().encode('<!doctype html>'), 'a.idx.gz')).rejects.toThrow(
      /a\.idx\.gz: got an HTML page.*npm run data/,
    );
    const broken = gzipSync(raw).subarray(0, 12);
    await expect(gunzip(broken, 'b.idx.gz')).rejects.toThrow(/^b\.idx\.gz: cannot gunzip/);
  });

  it('fetchReader names the URL and suggests npm run data on HTTP errors', async () => {
    const notFound = (async () => new Response('nope', { status: 404, statusText: 'Not Found' })) as typeof fetch;
    await expect(fetchReader('/data', notFound)('mnist-train-images.idx.gz')).rejects.toThrow(
      /could not fetch \/data\/mnist-train-images\.idx\.gz: HTTP 404 Not Found; .*npm run data/,
    );
    const seen: string[] = [];
    const ok = (async (url: string) => (seen.push(url), new Response(Uint8Array.from([7, 8])))) as unknown as typeof fetch;
    expect(await fetchReader('/base/data/', ok)('f.gz')).toEqual(Uint8Array.from([7, 8]));
    expect(seen).toEqual(['/base/data/f.gz']);
  });

  it('fetchReader gives up on a download that stalls, naming the file, but not on a slow one that keeps arriving', async () => {
    // A body that sends one chunk, then nothing: the reader must not wait for ever.
    const stalls = (async (_url: string, init?: RequestInit) => {
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(Uint8Array.from([1]));
          init?.signal?.addEventListener('abort', () => c.error(new DOMException('aborted', 'AbortError')));
        },
      });
      return new Response(body);
    }) as unknown as typeof fetch;
    const error = await fetchReader('/data', stalls, 50)('mnist-train-images.idx.gz').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MessageError);
    expect(englishText((error as MessageError).words)).toBe(
      'The data file mnist-train-images.idx.gz stopped arriving: nothing came for 0 s. Check the connection, then press Train again.',
    );
    // A chunk every 20 ms for 200 ms against a 50 ms stall limit: slow, but never stalled.
    const slow = (async () => {
      let n = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(c) {
          await new Promise((r) => setTimeout(r, 20));
          if (n++ < 10) c.enqueue(Uint8Array.from([n]));
          else c.close();
        },
      });
      return new Response(body);
    }) as unknown as typeof fetch;
    expect(await fetchReader('/data', slow, 50)('f.gz')).toEqual(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
  });

  it('nodeReader says to run npm run data when a file is missing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'no-data-'));
    try {
      await expect(nodeReader(dir)('mnist-train-images.idx.gz')).rejects.toThrow(
        /mnist-train-images\.idx\.gz not found: run `npm run data`/,
      );
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});

describe('loadDataset round trip (public/data through DecompressionStream)', () => {
  for (const dataset of ['mnist', 'fashion'] as const) {
    it(`${dataset}: 55,000 / 5,000 / 10,000 images of 28x28`, async () => {
      const { train, validation, test } = await loadDataset(dataset, nodeReader());
      expect([train.count, validation.count, test.count]).toEqual([55_000, 5000, 10_000]);
      for (const set of [train, validation, test]) {
        expect([set.height, set.width]).toEqual([28, 28]);
        expect(set.images.length).toBe(set.count * 784);
        expect(set.labels.length).toBe(set.count);
      }
      // validation is the tail of the training file
      const rawTrainLabels = gunzipSync(await nodeReader()(`${dataset}-train-labels.idx.gz`)).subarray(8);
      expect(validation.labels).toEqual(new Uint8Array(rawTrainLabels.subarray(55_000)));
      expect(Math.max(...test.labels) + 1).toBe(DATASET_INFO[dataset].classes);
      if (dataset === 'mnist') expect(train.labels[0]).toBe(5);
    });
  }
});
