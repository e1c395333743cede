import { openAsBlob } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelOf, makeCifarArchive, META, pixelOf, truncatedCopy, type ArchiveOptions } from '../../node/cifar-archive';
import { CIFAR_RECORD, readCifarArchive, type ArchiveProgress } from './cifar';
import { DataError } from './errors';

const RECORDS = 20;
let root: string;
let n = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'cifar-test-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function build(o: Partial<ArchiveOptions> = {}): Promise<string> {
  const dir = join(root, String(n++));
  return makeCifarArchive(dir, { recordsPerFile: RECORDS, ...o });
}

const read = async (path: string, onProgress?: (p: ArchiveProgress) => void) =>
  readCifarArchive(await openAsBlob(path), 'cifar-10-binary.tar.gz', { recordsPerFile: RECORDS, onProgress });

/** The English text of the DataError a read fails with. */
const failure = async (path: string) => {
  const error = await read(path).catch((e) => e);
  expect(error).toBeInstanceOf(DataError);
  return (error as DataError).message;
};

describe('reading the CIFAR-10 binary archive (archives made by GNU tar, 20 records per batch file)', () => {
  it('reads the five training batches in order and the test batch, as HWC pixels with their labels and class names', async () => {
    const progress: ArchiveProgress[] = [];
    const data = await read(await build(), (p) => progress.push(p));
    expect([data.train.count, data.test.count]).toEqual([100, 20]);
    expect([data.train.height, data.train.width, data.train.channels]).toEqual([32, 32, 3]);
    expect(data.classNames).toEqual(META);
    // Record 3 of data_batch_2 is training image 23; record 5 of test_batch is test image 5.
    for (const [set, image, file, record] of [
      [data.train, 23, 1, 3],
      [data.test, 5, 5, 5],
    ] as const) {
      expect(set.labels[image]).toBe(labelOf(file, record));
      const at = image * 3072;
      const pixel = 32 * 4 + 9; // row 4, column 9
      expect([set.images[at + 3 * pixel], set.images[at + 3 * pixel + 1], set.images[at + 3 * pixel + 2]]).toEqual([
        pixelOf(file, record, 0, pixel),
        pixelOf(file, record, 1, pixel),
        pixelOf(file, record, 2, pixel),
      ]);
    }
    expect(progress.at(-1)).toMatchObject({ images: 120, imagesTotal: 120 });
    expect(progress.at(-1)!.bytesRead).toBe(progress.at(-1)!.bytesTotal);
  });

  it('reads pax and ustar archives too, and takes the published class names when batches.meta.txt is missing', async () => {
    expect((await read(await build({ format: 'pax' }))).train.count).toBe(100);
    expect((await read(await build({ format: 'ustar', meta: null }))).classNames).toEqual(META);
  });

  it('refuses a file that is not gzip', async () => {
    const path = join(root, 'cifar-10-binary.tar.gz');
    await writeFile(path, 'PK\u0003\u0004 a zip file');
    expect(await failure(path)).toBe(
      'cifar-10-binary.tar.gz is not a gzip file. Choose cifar-10-binary.tar.gz, the "binary version" of CIFAR-10.',
    );
  });

  it('refuses a truncated download, saying so', async () => {
    const whole = await build({ random: true });
    const size = (await openAsBlob(whole)).size;
    // Inside a batch file: gunzip's output ends first (it reports the cut stream only at its end), so tar sees it.
    expect(await failure(await truncatedCopy(whole, Math.round(size / 2)))).toMatch(
      /^cifar-10-binary\.tar\.gz (ends too early: cifar-10-batches-bin\/data_batch_\d\.bin should have 61460 bytes|is damaged or incomplete)/,
    );
    // In gzip's trailer, after every file: all the data is there, but the download is still incomplete.
    expect(await failure(await truncatedCopy(whole, size - 4))).toMatch(/^cifar-10-binary\.tar\.gz is damaged or incomplete/);
  });

  it('refuses a batch file of the wrong size, naming it', async () => {
    const message = await failure(await build({ extraBytes: { file: 'data_batch_3.bin', bytes: 5 } }));
    expect(message).toBe(
      `cifar-10-binary.tar.gz: cifar-10-batches-bin/data_batch_3.bin has ${20 * CIFAR_RECORD + 5} bytes, but a CIFAR-10 batch has ` +
        `${20 * CIFAR_RECORD} (20 images of 1 label byte and 3,072 pixel bytes). Is it the binary version of CIFAR-10?`,
    );
  });

  it('refuses a label outside 0..9, naming the file and the image', async () => {
    const message = await failure(await build({ badLabel: { file: 'test_batch.bin', record: 7, label: 10 } }));
    expect(message).toBe(
      'cifar-10-binary.tar.gz: image 7 of cifar-10-batches-bin/test_batch.bin has label 10, but CIFAR-10 labels are 0 to 9.',
    );
  });

  it('refuses an archive without all batch files, listing the missing ones', async () => {
    const message = await failure(await build({ omit: ['data_batch_4.bin', 'test_batch.bin'] }));
    expect(message).toBe(
      'cifar-10-binary.tar.gz lacks data_batch_4.bin, test_batch.bin. Choose cifar-10-binary.tar.gz, the "binary version" of CIFAR-10.',
    );
  });

  it("with 'same', takes any number of records per batch file as long as every file holds as many", async () => {
    const progress: ArchiveProgress[] = [];
    const data = await readCifarArchive(await openAsBlob(await build()), 'sample.tar.gz', {
      recordsPerFile: 'same',
      onProgress: (p) => progress.push(p),
    });
    expect([data.train.count, data.test.count]).toEqual([100, 20]);
    expect(data.train.labels[23]).toBe(labelOf(1, 3));
    expect(progress.at(-1)).toMatchObject({ images: 120, imagesTotal: 120 });
    const unequal = await readCifarArchive(
      await openAsBlob(await build({ extraBytes: { file: 'data_batch_3.bin', bytes: CIFAR_RECORD } })),
      'u.tar.gz',
      {
        recordsPerFile: 'same',
      },
    ).catch((e) => e);
    // GNU tar packs in directory order: whichever batch file comes first sets the size the others are held to.
    expect(unequal.message).toMatch(
      new RegExp(
        `^u\\.tar\\.gz: cifar-10-batches-bin/\\w+\\.bin has (${21 * CIFAR_RECORD}|${20 * CIFAR_RECORD}) bytes, but ` +
          `cifar-10-batches-bin/\\w+\\.bin has (${20 * CIFAR_RECORD} \\(20|${21 * CIFAR_RECORD} \\(21) images\\): every batch file of the archive must hold as many images\\.$`,
      ),
    );
    const ragged = await readCifarArchive(
      await openAsBlob(await build({ extraBytes: { file: 'data_batch_1.bin', bytes: 5 } })),
      'r.tar.gz',
      {
        recordsPerFile: 'same',
      },
    ).catch((e) => e);
    expect(ragged.message).toMatch(/data_batch_1\.bin has 61465 bytes, but (a CIFAR-10 batch has 30730000 \(10000 images|\S+ has 61460)/);
  });

  it('expects 10,000 records per batch file unless told otherwise', async () => {
    const error = await readCifarArchive(await openAsBlob(await build()), 'c.tar.gz').catch((e) => e);
    expect(error.message).toMatch(/data_batch_\d\.bin has 61460 bytes, but a CIFAR-10 batch has 30730000/);
  });
});
