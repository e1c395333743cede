/**
 * The training Worker's dataset imports in Chromium, through the protocol with no UI (e2e/datasets.html, whose
 * script is e2e/pages/dataset-check.ts): an image folder of PNGs drawn on a canvas is decoded by createImageBitmap,
 * stored in IndexedDB, read back and removed; and a full-size CIFAR-10 archive in the real format (60,000 random
 * images made by GNU tar, about 185 MB: some 15 s here, archive included) is imported, read back and removed.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { makeCifarArchive } from '../node/cifar-archive';
import type { DatasetCheckApi } from './pages/dataset-check';

async function openCheckPage(page: Page) {
  await page.goto('/e2e/datasets.html');
  await page.waitForFunction(() => (window as unknown as { datasetCheck?: DatasetCheckApi }).datasetCheck?.ready === true);
}

const check = <K extends keyof DatasetCheckApi>(page: Page, method: K, ...args: unknown[]) =>
  page.evaluate(
    ([m, a]) =>
      (window as unknown as { datasetCheck: Record<string, (...x: unknown[]) => unknown> }).datasetCheck[m as string](...(a as unknown[])),
    [method, args] as const,
  ) as Promise<Awaited<ReturnType<Extract<DatasetCheckApi[K], (...x: never[]) => unknown>>>>;

test('an image folder is imported in the Worker: decoded, split, stored, read back in colour and removed', async ({ page }) => {
  await openCheckPage(page);
  const result = await check(page, 'importFolder', {
    classes: { red: 12, green: 10, blue: 4 },
    width: 48,
    height: 36, // not square: the centre square is cut out, then resized to 32
    size: 32,
    extra: { 'shapes/notes.txt': 'not an image', 'shapes/blue/broken.png': 'not a PNG either' },
  });
  expect(result.failure).toBeUndefined();
  expect(result.dataset).toMatchObject({
    kind: 'folder',
    name: 'shapes',
    classNames: ['blue', 'green', 'red'],
    height: 32,
    width: 32,
    channels: 3,
    bytes: 26 * (32 * 32 * 3 + 1),
  });
  expect(result.skipped!.sort()).toEqual([
    'shapes/blue/broken.png: cannot be read as an image (The source image could not be decoded.)',
    'shapes/notes.txt: not in a class folder',
  ]);
  // 26 images read; each class gives one to validation and one to test, but blue's broken file was among its five.
  const { train, validation, test: tested } = result.dataset!.counts;
  expect([train + validation + tested, validation, tested]).toEqual([26, 3, 2]);
  expect(result.phases).toContain('decoding');
  const id = result.dataset!.id;
  expect(result.listed).toContain(id);

  // Read back from IndexedDB: each test image is its class's colour, to the corners (the black side bands were cropped).
  const images = await check(page, 'testImages', id, 2);
  expect(images.shape).toEqual([32, 32, 3]);
  const colours: Record<number, number[]> = { 0: [40, 40, 230], 1: [30, 200, 40], 2: [220, 30, 30] };
  images.labels.forEach((label, i) => {
    images.pixels[i].forEach((v, k) => expect(Math.abs(v - colours[label][k])).toBeLessThan(4));
    images.corners[i].forEach((v, k) => expect(Math.abs(v - colours[label][k])).toBeLessThan(4));
  });

  const listed = await check(page, 'list');
  expect(listed.user).toContain(id);
  expect(listed.builtin.map((b) => b.id)).toEqual(['mnist', 'fashion', 'cifar10']);
  expect(await check(page, 'remove', id)).not.toContain(id);
  expect(await check(page, 'startRefusal', id)).toEqual({
    message: `This browser has no dataset "${id}": it was removed, or imported in another browser. Import it again.`,
    setting: 'dataset',
  });
});

test('a folder that cannot be a dataset is refused with a clear message', async ({ page }) => {
  await openCheckPage(page);
  const result = await check(page, 'importFolder', { classes: { only: 5 }, width: 8, height: 8, size: 32 });
  expect(result.failure).toBe('There is only one class folder, "only": a classifier needs at least two classes, one sub-folder each.');
});

test('CIFAR-10 is offered as built in exactly when the server has it (npm run data:cifar)', async ({ page }) => {
  const manifest = JSON.parse(await readFile('public/data/manifest.json', 'utf8')) as { datasets: Record<string, unknown> };
  const built = 'cifar10' in manifest.datasets;
  await openCheckPage(page);
  const listed = await check(page, 'list');
  expect(listed.builtin.find((b) => b.id === 'cifar10')?.available).toBe(built);
  if (built) {
    expect((await check(page, 'testImages', 'cifar10', 1)).shape).toEqual([32, 32, 3]);
  } else {
    expect(await check(page, 'startRefusal', 'cifar10')).toEqual({
      message:
        'This server does not have CIFAR-10: it is built with npm run data:cifar -- PATH on the server. You can also import your own copy of cifar-10-binary.tar.gz.',
      setting: 'dataset',
    });
  }
});

test('a full-size CIFAR-10 archive imports in the Worker (builds a 185 MB archive)', async ({ page }) => {
  test.setTimeout(900_000);
  const dir = await mkdtemp(join(tmpdir(), 'cifar-e2e-'));
  try {
    const archive = await makeCifarArchive(dir, { recordsPerFile: 10_000, random: true, level: 1 });
    await openCheckPage(page);
    await page.setInputFiles('#archive', archive);
    const result = await check(page, 'importArchive');
    expect(result.failure).toBeUndefined();
    expect(result.dataset).toMatchObject({ kind: 'cifar10', counts: { train: 45_000, validation: 5000, test: 10_000 }, channels: 3 });
    const listed = await check(page, 'list');
    const t0 = Date.now();
    const images = await check(page, 'testImages', result.dataset!.id, 2);
    const loadMs = Date.now() - t0;
    expect(images.shape).toEqual([32, 32, 3]);
    console.log(
      `CIFAR-10 import: ${(result.ms / 1000).toFixed(1)} s for 60,000 images, ${result.progressEvents} progress events; ` +
        `stored ${result.dataset!.bytes} bytes; origin storage ${JSON.stringify(listed.storage)}; loading it back from IndexedDB ${loadMs} ms`,
    );
    await check(page, 'remove', result.dataset!.id);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
