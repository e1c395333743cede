import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelOf, makeCifarArchive, META } from '../node/cifar-archive';
import { assembleSplits, datasetFileNames } from '../src/data/dataset';
import { parseImages, parseLabels } from '../src/data/idx';
import { convertCifar } from './cifar';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'data-cifar-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm run data:cifar', () => {
  it('writes CIFAR-10 as IDX files of [n, 32, 32, 3] that the app reads, and adds its entry to the manifest', async () => {
    const archive = await makeCifarArchive(join(dir, 'src'), { recordsPerFile: 20 });
    const out = join(dir, 'data');
    await convertCifar(archive, { out, recordsPerFile: 20 }); // no manifest yet: it starts one
    expect(Object.keys(JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')).datasets)).toEqual(['cifar10']);
    await writeFile(
      join(out, 'manifest.json'),
      JSON.stringify({ version: 2, stamp: { converter: 2 }, datasets: { mnist: { counts: {} } } }),
    );
    const entry = await convertCifar(archive, { out, recordsPerFile: 20 });

    const names = datasetFileNames('cifar10');
    const read = async (name: string) => new Uint8Array(gunzipSync(await readFile(join(out, name))));
    const train = parseImages(await read(names.trainImages), names.trainImages);
    expect([train.count, train.height, train.width, train.channels]).toEqual([100, 32, 32, 3]);
    const labels = parseLabels(await read(names.trainLabels), names.trainLabels);
    expect(labels[45]).toBe(labelOf(2, 5)); // record 5 of data_batch_3
    expect(parseImages(await read(names.testImages), names.testImages).count).toBe(20);

    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.datasets)).toEqual(['mnist', 'cifar10']); // what was there stays
    expect(manifest.stamp).toEqual({ converter: 2 });
    expect(manifest.datasets.cifar10).toEqual(entry);
    expect(entry.classNames).toEqual(META);
    expect(entry.counts).toEqual({ train: 100, test: 20 });
    expect(entry.files.trainImages).toMatchObject({ name: 'cifar10-train-images.idx.gz', rawBytes: 20 + 100 * 3072 });

    // The files go through the app's own assembly; only the 5,000 held out for validation are missing here.
    const files = {
      trainImages: await read(names.trainImages),
      trainLabels: await read(names.trainLabels),
      testImages: await read(names.testImages),
      testLabels: await read(names.testLabels),
    };
    expect(() => assembleSplits(files, names)).toThrow(/need more than 5000 training images/);
  });

  it('fails on a bad archive without writing anything', async () => {
    const archive = await makeCifarArchive(join(dir, 'bad'), { recordsPerFile: 20, omit: ['test_batch.bin'] });
    const out = join(dir, 'nothing');
    await expect(convertCifar(archive, { out, recordsPerFile: 20 })).rejects.toThrow(/cifar-10-binary\.tar\.gz lacks test_batch\.bin/);
    await expect(readFile(join(out, 'manifest.json'))).rejects.toThrow(/ENOENT/);
  });
});
