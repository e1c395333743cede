/**
 * The page with data the user brings (issue #12's browser proof): a CIFAR-format archive of 2,004 images (made here
 * by GNU tar, learnable colour squares) picked in the Add-data panel, Figure 1's ReLU-vs-tanh pair trained on it, the
 * colour panels, the dataset kept over a reload, the pair's saved model loaded and evaluated on its test images, the
 * dataset removed; a folder of three classes of PNGs (written here) picked through the folder input and trained on
 * with AlexNet for small images; a cut-off archive refused with its reason.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { makeCifarArchive, META, truncatedCopy } from '../node/cifar-archive';
import { makeImageFolder } from '../node/image-folder';
import { canvasVariance, open, runs, showPanel, waitForRunState, type TestWindow } from './helpers';

let dir: string;
let archive: string;
test.beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'colour-e2e-'));
  // 5 × 334 training records (1,503 train, 167 validation) and 334 test records: 2,004 images, as near 2,000 as
  // six batch files of equal size come (the reader, like the published archive, wants them equal).
  archive = await makeCifarArchive(dir, { recordsPerFile: 334, patches: true });
});
test.afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('a CIFAR-format archive of 2,004 images trains Figure 1 both ways in colour; after a reload the dataset is still there and its saved model is evaluated on its test images; then it is removed', async ({
  page,
}) => {
  test.setTimeout(1_200_000);
  await open(page, 'bs=32&ep=2&lr=0.01');
  // On MNIST Figure 1's preset says what it needs instead of starting.
  await page.getByTestId('preset-figure1').click();
  await expect(page.getByTestId('preset-refusal')).toContainText('28×28×1');
  expect(await runs(page)).toHaveLength(0);

  await page.getByTestId('archive-input').setInputFiles(archive);
  await expect(page.getByTestId('import-done')).toContainText('2,004 images in 10 classes', { timeout: 300_000 });
  const select = page.getByTestId('dataset-select');
  const id = await select.inputValue();
  expect(id).not.toBe('mnist');
  await expect(select.locator(`option[value="${id}"]`)).toContainText('32×32×3');
  // The last tenth of the training batches is held out for validation (5,000 of 50,000 in the real set).
  await expect(page.getByTestId('dataset-details')).toContainText('1,503 training, 167 validation and 334 test images');
  await expect(page.locator('[data-setting=trainLimit]')).toContainText('(0 = all 1,503)');
  // The drawing pad draws grey 28×28 digits: disabled here, with the reason.
  await showPanel(page, 'evaluation');
  await expect(page.getByTestId('draw-canvas')).toHaveAttribute('aria-disabled', 'true');
  await expect(page.getByText('this dataset’s images are 32×32×3 in colour')).toBeVisible();

  await page.getByTestId('preset-figure1').click();
  await expect(page.getByTestId('preset-refusal')).toHaveCount(0);
  await expect
    .poll(async () => (await runs(page)).filter((r) => r.state === 'done').length, { timeout: 900_000, intervals: [2000] })
    .toBe(2);
  const [relu, tanh] = await runs(page);
  expect([relu.config.activation, tanh.config.activation]).toEqual(['relu', 'tanh']);
  for (const r of [relu, tanh]) {
    expect(r.config).toMatchObject({ dataset: id, model: 'figure1', optimizer: 'sgd', momentum: 0.9, dropout: 0, lrn: false });
    expect(r.test!.count).toBe(334);
  }
  // The squares' colours are learnt: far better than chance (10%) on the test images.
  expect(relu.test!.accuracy).toBeGreaterThan(0.5);
  await showPanel(page, 'evaluation');
  await expect(page.getByTestId('confusion-cell')).toHaveCount(100);

  // The first layer's filters are drawn in colour (not grey: the channels differ).
  await showPanel(page, 'feature-maps');
  const filters = page.locator('[data-testid=feature-map-canvas][data-layer="conv1 filters"]');
  await expect(filters).toBeVisible();
  expect(await canvasVariance(page, '[data-testid=feature-map-canvas][data-layer="conv1 filters"]')).toBeGreaterThan(0);
  const coloured = await filters.evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    for (let i = 0; i < d.length; i += 4) if (d[i] !== d[i + 1] || d[i + 1] !== d[i + 2]) return true;
    return false;
  });
  expect(coloured).toBe(true);

  // The Worker holds the pair's first run's model (ReLU): saved in this browser.
  await expect(page.getByTestId('model-holder')).toContainText(relu.name);
  await showPanel(page, 'model');
  await page.getByTestId('model-save-browser').click();
  await expect(page.getByTestId('model-outcome')).toContainText('Saved in this browser');

  // Imported once: after a reload it is still listed and selected, and can be chosen again.
  await page.reload();
  await expect(page.getByTestId('backend-name')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('dataset-select')).toHaveValue(id);
  await expect(page.getByTestId('dataset-details')).toContainText('1,503 training, 167 validation and 334 test images');
  await page.getByTestId('dataset-select').selectOption('mnist');
  await expect(page.getByTestId('dataset-details')).toHaveCount(0);
  await page.getByTestId('dataset-select').selectOption(id);
  await expect(page.getByTestId('dataset-details')).toContainText('334 test images');
  await expect(page.getByTestId('model-holder')).toContainText('No model in the worker');

  // The saved model, loaded back, is evaluated on the imported dataset's test images.
  await showPanel(page, 'model');
  await page.getByTestId('model-load-saved').click();
  await expect(page.getByTestId('model-outcome')).toContainText(`Loaded the model of ${relu.name}`);
  await expect(page.getByTestId('model-holder')).toContainText('loaded from this browser');
  // The run's stored result is kept aside in the page, to tell the new evaluation from it (a new result is a new object).
  const evaluatedAgain = (keep: boolean) =>
    page.evaluate(
      ([runId, keepIt]) => {
        const w = window as unknown as TestWindow & { storedTest?: object };
        const now = w.playground.runs.getSnapshot().find((r) => r.id === runId)?.test;
        if (keepIt) w.storedTest = now;
        return now !== undefined && now !== w.storedTest;
      },
      [relu.id, keep] as const,
    );
  expect(await evaluatedAgain(true)).toBe(false);
  await page.getByTestId('model-evaluate').click();
  await expect.poll(() => evaluatedAgain(false), { timeout: 300_000, intervals: [1000] }).toBe(true);
  const evaluated = (await runs(page)).find((r) => r.id === relu.id)!.test!;
  // The same weights on the same images: the same result as at the end of training.
  expect(evaluated.count).toBe(334);
  expect(evaluated.accuracy).toBeCloseTo(relu.test!.accuracy, 6);
  await showPanel(page, 'evaluation');
  await expect(page.getByTestId('test-accuracy')).toContainText(
    `Test accuracy ${(relu.test!.accuracy * 100).toFixed(2)}% on 334 test images`,
  );
  await expect(page.getByTestId('confusion-cell')).toHaveCount(100);
  await expect(page.locator('.confusion-table thead th.confusion-class')).toHaveText(META);
  const counted = await page
    .getByTestId('confusion-cell')
    .evaluateAll((cells) => cells.reduce((a, c) => a + Number(c.getAttribute('data-count')), 0));
  expect(counted).toBe(334);

  await page.getByTestId('dataset-remove').click();
  await page.getByTestId('dataset-remove-confirm').click();
  await expect(page.getByTestId('dataset-removed')).toBeVisible();
  await expect(page.getByTestId('dataset-select')).toHaveValue('mnist');
  await expect(page.locator(`[data-testid=dataset-select] option[value="${id}"]`)).toHaveCount(0);
  expect(await runs(page)).toHaveLength(2); // its runs are kept
});

test('a folder of three classes of PNGs is picked, imported at 32×32 and trains AlexNet for small images to the end; its evaluation has the three classes', async ({
  page,
}) => {
  test.setTimeout(900_000);
  // 40×40 images, resized to 32×32 on import; per class 3 go to validation and 3 to test.
  const folder = await makeImageFolder(dir, 'swatches', {
    classes: { red: [220, 30, 30], green: [30, 200, 40], blue: [40, 60, 235] },
    perClass: 30,
    size: 40,
  });
  await open(page, 'model=alexnet-small&w=1/16&bs=8&ep=2&opt=adam&lr=0.001');
  await showPanel(page, 'feature-maps');
  await page.getByTestId('vis-every').selectOption('0');
  await page.getByTestId('folder-input').setInputFiles(folder);
  await expect(page.getByTestId('import-done')).toContainText('90 images in 3 classes', { timeout: 300_000 });
  await expect(page.getByTestId('import-skipped')).toHaveCount(0);
  const select = page.getByTestId('dataset-select');
  const id = await select.inputValue();
  expect(id).not.toBe('mnist');
  await expect(select.locator(`option[value="${id}"]`)).toContainText('32×32×3');
  await expect(page.getByTestId('dataset-details')).toContainText('72 training, 9 validation and 9 test images');

  await page.getByTestId('train').click();
  const run = await waitForRunState(page, ['done', 'failed'], 600_000);
  expect(run.message).toBeUndefined();
  expect(run.state).toBe('done');
  expect(run.config).toMatchObject({ dataset: id, model: 'alexnet-small', width: '1/16', batchSize: 8, epochs: 2 });
  expect(run.steps.step.at(-1)).toBe(run.totalSteps); // trained to the end
  expect(run.test!.count).toBe(9);
  expect(run.test!.confusion).toHaveLength(9);

  await showPanel(page, 'evaluation');
  await expect(page.getByTestId('test-accuracy')).toContainText('on 9 test images');
  await expect(page.getByTestId('confusion-cell')).toHaveCount(9);
  // The classes are the folder's sub-folders, in alphabetical order.
  await expect(page.locator('.confusion-table thead th.confusion-class')).toHaveText(['blue', 'green', 'red']);

  await page.getByTestId('dataset-remove').click();
  await page.getByTestId('dataset-remove-confirm').click();
  await expect(page.getByTestId('dataset-select')).toHaveValue('mnist');
});

test('a cut-off archive is refused with its reason next to the import, and the page goes on', async ({ page }) => {
  const cut = await truncatedCopy(archive, 100_000);
  await open(page);
  await page.getByTestId('archive-input').setInputFiles(cut);
  await expect(page.getByTestId('import-failed')).toContainText(/Could not import “.*-cut100000\.tar\.gz”: .+/, { timeout: 60_000 });
  await expect(page.getByTestId('dataset-select')).toHaveValue('mnist');
  await expect(page.getByTestId('add-archive')).toBeEnabled();
});
