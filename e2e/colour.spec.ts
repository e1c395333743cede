/**
 * The page with data the user brings: a small CIFAR-format archive (made here by GNU tar, learnable colour squares)
 * picked in the Add-data panel, Figure 1's ReLU-vs-tanh pair trained on it, the colour panels, the dataset kept
 * over a reload and removed; a cut-off archive refused with its reason.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { makeCifarArchive, truncatedCopy } from '../node/cifar-archive';
import { canvasVariance, open, runs } from './helpers';

let dir: string;
let archive: string;
test.beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'colour-e2e-'));
  // 5 × 200 training records (900 train, 100 validation) and 200 test records.
  archive = await makeCifarArchive(dir, { recordsPerFile: 200, patches: true });
});
test.afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('a CIFAR-format archive is picked, trains Figure 1 both ways in colour, stays over a reload and is removed', async ({ page }) => {
  await open(page, 'bs=32&ep=2&lr=0.01');
  // On MNIST Figure 1's preset says what it needs instead of starting.
  await page.getByTestId('preset-figure1').click();
  await expect(page.getByTestId('preset-refusal')).toContainText('28×28×1');
  expect(await runs(page)).toHaveLength(0);

  await page.getByTestId('archive-input').setInputFiles(archive);
  await expect(page.getByTestId('import-done')).toContainText('1,200 images in 10 classes', { timeout: 120_000 });
  const select = page.getByTestId('dataset-select');
  const id = await select.inputValue();
  expect(id).not.toBe('mnist');
  await expect(select.locator(`option[value="${id}"]`)).toContainText('32×32×3');
  await expect(page.getByTestId('dataset-details')).toContainText('900 training, 100 validation and 200 test images');
  await expect(page.locator('[data-setting=trainLimit]')).toContainText('(0 = all 900)');
  // The drawing pad draws grey 28×28 digits: disabled here, with the reason.
  await expect(page.getByTestId('draw-canvas')).toHaveAttribute('aria-disabled', 'true');
  await expect(page.getByText('this dataset’s images are 32×32×3 in colour')).toBeVisible();

  await page.getByTestId('preset-figure1').click();
  await expect(page.getByTestId('preset-refusal')).toHaveCount(0);
  await expect
    .poll(async () => (await runs(page)).filter((r) => r.state === 'done').length, { timeout: 200_000, intervals: [1000] })
    .toBe(2);
  const [relu, tanh] = await runs(page);
  expect([relu.config.activation, tanh.config.activation]).toEqual(['relu', 'tanh']);
  for (const r of [relu, tanh]) {
    expect(r.config).toMatchObject({ dataset: id, model: 'figure1', optimizer: 'sgd', momentum: 0.9, dropout: 0, lrn: false });
    expect(r.test!.count).toBe(200);
  }
  // The squares' colours are learnt: far better than chance (10%) on the test images.
  expect(relu.test!.accuracy).toBeGreaterThan(0.5);
  await expect(page.getByTestId('confusion-cell')).toHaveCount(100);

  // The first layer's filters are drawn in colour (not grey: the channels differ).
  const filters = page.locator('[data-testid=feature-map-canvas][data-layer="conv1 filters"]');
  await expect(filters).toBeVisible();
  expect(await canvasVariance(page, '[data-testid=feature-map-canvas][data-layer="conv1 filters"]')).toBeGreaterThan(0);
  const coloured = await filters.evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    for (let i = 0; i < d.length; i += 4) if (d[i] !== d[i + 1] || d[i + 1] !== d[i + 2]) return true;
    return false;
  });
  expect(coloured).toBe(true);

  // Imported once: after a reload it is still listed and selected.
  await page.reload();
  await expect(page.getByTestId('backend-name')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('dataset-select')).toHaveValue(id);
  await expect(page.getByTestId('dataset-details')).toBeVisible();

  await page.getByTestId('dataset-remove').click();
  await page.getByTestId('dataset-remove-confirm').click();
  await expect(page.getByTestId('dataset-removed')).toBeVisible();
  await expect(page.getByTestId('dataset-select')).toHaveValue('mnist');
  await expect(page.locator(`[data-testid=dataset-select] option[value="${id}"]`)).toHaveCount(0);
  expect(await runs(page)).toHaveLength(2); // its runs are kept
});

test('a cut-off archive is refused with its reason next to the import, and the page goes on', async ({ page }) => {
  const cut = await truncatedCopy(archive, 100_000);
  await open(page);
  await page.getByTestId('archive-input').setInputFiles(cut);
  await expect(page.getByTestId('import-failed')).toContainText(/Could not import “.*-cut100000\.tar\.gz”: .+/, { timeout: 60_000 });
  await expect(page.getByTestId('dataset-select')).toHaveValue('mnist');
  await expect(page.getByTestId('add-archive')).toBeEnabled();
});
