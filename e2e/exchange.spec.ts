/**
 * Runs, charts and models leaving the browser and coming back (issue #11): exported files are imported into a
 * browser with no site data and give the same runs and, through the loaded model, the same prediction for the
 * same drawing; a class's 30 files dropped on the page make the class results; charts download as PNG and SVG.
 */
import { expect, test, type Download, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { classFiles, OUTLIERS } from '../test/class-files';
import { open, runs, showPanel, waitForRunState } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'exchange-e2e-'));
const SHOTS = process.env.SCREENSHOT_DIR;

/** Collects every download of the page, saved under `dir`; `next(n)` gives the next n, in the order they came. */
function downloads(page: Page): { next: (n: number) => Promise<string[]> } {
  const saving: Promise<string>[] = [];
  let taken = 0;
  page.on('download', (d: Download) => {
    // Each in a folder of its own, under its own name: model.json finds its .bin by name.
    const path = join(dir, `download-${saving.length}`, d.suggestedFilename());
    saving.push(d.saveAs(path).then(() => path));
  });
  return {
    next: async (n) => {
      await expect.poll(() => saving.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(taken + n);
      const out = await Promise.all(saving.slice(taken, taken + n));
      taken += n;
      return out;
    },
  };
}

/** The same strokes every time (a "7"), so two pages see the same drawing. */
async function drawSeven(page: Page): Promise<number[]> {
  await showPanel(page, 'evaluation');
  const canvas = page.getByTestId('draw-canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  const at = (x: number, y: number) => [box.x + box.width * x, box.y + box.height * y] as const;
  await page.mouse.move(...at(0.25, 0.2));
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) await page.mouse.move(...at(0.25 + i * 0.06, 0.2));
  for (let i = 1; i <= 10; i++) await page.mouse.move(...at(0.73 - i * 0.03, 0.2 + i * 0.06));
  await page.mouse.up();
  const probs = page.getByTestId('draw-probability');
  await expect(probs).toHaveCount(10);
  return probs.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
}

const base = (path: string) => basename(path);

/** With SCREENSHOT_DIR set: the element at a desktop and a phone width, to look at (not compared). */
async function shoot(page: Page, name: string, testId: string) {
  if (!SHOTS) return;
  const size = page.viewportSize();
  for (const [w, h] of [
    [1280, 800],
    [390, 844],
  ]) {
    await page.setViewportSize({ width: w, height: h });
    await page.getByTestId(testId).scrollIntoViewIfNeeded();
    await page.getByTestId(testId).screenshot({ path: join(SHOTS, `${name}-${w}.png`) });
  }
  if (size) await page.setViewportSize(size);
}

test.describe('runs and models leave the browser and come back', () => {
  test('a preset pair and its model, exported, survive clearing site data: same runs, same prediction for the same drawing', async ({
    browser,
  }) => {
    test.setTimeout(420_000);
    const first = await browser.newContext();
    const page = await first.newPage();
    const got = downloads(page);
    await open(page, 'model=tiny&n=640&bs=32');
    await page.getByTestId('vis-every').selectOption('0');
    await page.getByTestId('preset-relu-tanh').click();
    await expect.poll(async () => (await runs(page)).filter((r) => r.state === 'done').length, { timeout: 300_000 }).toBe(2);
    const trained = await runs(page);

    // Both runs are selected after a preset: one JSON and one CSV of the pair.
    await page.getByTestId('export-json').click();
    const [json] = await got.next(1);
    await page.getByTestId('export-csv').click();
    const [csv] = await got.next(1);
    expect(base(json)).toBe('relu-1_tanh-1.json');
    const csvLines = readFileSync(csv, 'utf8').trim().split('\r\n');
    expect(csvLines[0]).toBe('run,run_id,split,step,epoch,loss,accuracy,elapsed_ms');
    expect(csvLines.length - 1).toBe(trained.reduce((a, r) => a + r.steps.step.length + r.epochs.step.length, 0));

    // The Worker holds the model of the pair's first run (ReLU): its files, and a prediction to compare with later.
    await expect(page.getByTestId('model-holder')).toContainText('ReLU #1');
    await showPanel(page, 'model');
    await page.getByTestId('model-download').click();
    const modelFiles = await got.next(2);
    expect(modelFiles.map(base).sort()).toEqual(['relu_1.json', 'relu_1.weights.bin']);
    const before = await drawSeven(page);
    await first.close();

    // A browser with none of this site's data.
    const second = await browser.newContext();
    const fresh = await second.newPage();
    const freshGot = downloads(fresh);
    await open(fresh, 'model=tiny&n=640&bs=32');
    await expect(fresh.getByTestId('run')).toHaveCount(0);
    await fresh.getByTestId('import-input').setInputFiles(json);
    await expect(fresh.getByTestId('import-count')).toHaveText('Imported 2 runs from relu-1_tanh-1.json.');
    const imported = await runs(fresh);
    expect(imported.map((r) => [r.id, r.name, r.imported])).toEqual(trained.map((r) => [r.id, r.name, true]));
    expect(imported.map((r) => r.steps)).toEqual(trained.map((r) => r.steps));
    expect(imported.map((r) => r.test?.accuracy)).toEqual(trained.map((r) => r.test?.accuracy));
    await expect(fresh.getByTestId('imported-badge')).toHaveCount(2);

    // Overlaid: both imported runs on the charts.
    for (const box of await fresh.getByTestId('run').locator('input[type=checkbox]').all()) if (!(await box.isChecked())) await box.check();
    await expect(fresh.getByTestId('chart-loss')).toHaveAttribute('data-series', '2');
    // The overlay as a file: title, axis labels and the two runs in the legend.
    await fresh
      .getByTestId('chart-loss')
      .getByRole('button', { name: /as SVG/ })
      .click();
    const [lossSvg] = await freshGot.next(1);
    const svg = readFileSync(lossSvg, 'utf8');
    expect(svg).toMatch(/>Loss \(cross-entropy\) against<\/text>|>Loss \(cross-entropy\) against steps<\/text>/);
    expect(svg).toMatch(/>ReLU #1 \(train\)<\/text>[\s\S]*>tanh #1 \(validation\)<\/text>/);
    expect(svg.match(/recharts-line-curve/g)).toHaveLength(4); // raw and smoothed, per run (one validation point is a dot)

    // The model, loaded from its files, is linked to its imported run and predicts as before.
    await fresh.getByTestId('model-files-input').setInputFiles(modelFiles);
    await expect(fresh.getByTestId('model-outcome')).toContainText('Loaded the model of ReLU #1');
    await expect(fresh.getByTestId('model-holder')).toContainText('ReLU #1, loaded from files');
    const after = await drawSeven(fresh);
    expect(after).toHaveLength(10);
    await showPanel(fresh, 'model');
    await shoot(fresh, 'model-panel-loaded', 'model-panel');
    for (let i = 0; i < 10; i++) expect(Math.abs(after[i] - before[i]), `class ${i}`).toBeLessThanOrEqual(1e-5);

    // Evaluation works without training: the same test accuracy as the run had.
    await fresh.getByTestId('model-evaluate').click();
    await expect(fresh.getByTestId('test-accuracy')).toContainText(`${(trained[0].test!.accuracy * 100).toFixed(2)}%`);
    await second.close();
  });

  test('a model saved in this browser loads again after a reload, and predicts the same', async ({ page }) => {
    test.setTimeout(300_000);
    await open(page, 'model=tiny&n=320&bs=32');
    await page.getByTestId('vis-every').selectOption('0');
    await page.getByTestId('train').click();
    await waitForRunState(page, ['done'], 200_000);
    await showPanel(page, 'model');
    await page.getByTestId('model-save-browser').click();
    await expect(page.getByTestId('model-outcome')).toContainText('Saved in this browser');
    await expect(page.getByTestId('model-badge')).toHaveCount(1);
    const before = await drawSeven(page);

    await page.reload();
    await expect(page.getByTestId('backend-name')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('model-holder')).toContainText('No model in the worker');
    await showPanel(page, 'model');
    await page.getByTestId('model-load-saved').click();
    await expect(page.getByTestId('model-outcome')).toContainText('Loaded the model of Run 1');
    await expect(page.getByTestId('model-holder')).toContainText('loaded from this browser');
    const after = await drawSeven(page);
    for (let i = 0; i < 10; i++) expect(Math.abs(after[i] - before[i]), `class ${i}`).toBeLessThanOrEqual(1e-5);
  });

  test('model files of another network are refused, naming what differs', async ({ page }) => {
    await open(page, 'model=tiny');
    const json = {
      format: 'layers-model',
      modelTopology: { class_name: 'Model', config: { layers: [{ name: 'conv1', class_name: 'Conv2D', config: { filters: 5 } }] } },
      weightsManifest: [{ paths: ['./w.bin'], weights: [] }],
    };
    await page.getByTestId('model-files-input').setInputFiles([
      { name: 'other.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(json)) },
      { name: 'w.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(0) },
    ]);
    const error = page.getByTestId('model-error');
    await expect(error).toContainText('This model does not match the network of the settings');
    await expect(error).toContainText('conv1: filters is 5 in the model, 4 in the settings.');
    await expect(error).toContainText('pool1 (pool) is in the settings’ network but not in the model.');
    await showPanel(page, 'model');
    await shoot(page, 'model-panel-refused', 'model-panel');
  });
});

test.describe('a class’s results', () => {
  test('30 students’ files dropped on the page: 60 runs, the pairs overlaid, crossing ratios, median and IQR, outliers flagged; a bad file is named and the rest still import', async ({
    page,
  }) => {
    await open(page);
    const files = classFiles(30);
    const broken = { name: 'student-31.json', text: files[0].text.slice(0, 5000) };
    const dt = await page.evaluateHandle(
      (list) => {
        const transfer = new DataTransfer();
        for (const f of list) transfer.items.add(new File([f.text], f.name, { type: 'application/json' }));
        return transfer;
      },
      [...files, broken],
    );
    await page.dispatchEvent('body', 'dragenter', { dataTransfer: dt });
    await expect(page.getByTestId('drop-overlay')).toBeVisible();
    await page.dispatchEvent('body', 'drop', { dataTransfer: dt });
    await expect(page.getByTestId('drop-overlay')).toHaveCount(0);
    await expect(page.getByTestId('import-count')).toHaveText('Imported 60 runs from 30 files.');
    await expect(page.getByTestId('import-problems')).toHaveText(
      'student-31.json is cut short: the JSON stops before its end (an interrupted download?).',
    );
    await expect(page.getByTestId('run')).toHaveCount(60);

    await showPanel(page, 'class-results');
    const panel = page.getByTestId('class-results');
    await expect(panel.getByTestId('class-row')).toHaveCount(30);
    await expect(panel.getByTestId('class-chart')).toHaveAttribute('data-series', '60');
    await expect(panel.getByTestId('class-summary')).toContainText(/Median ratio \d\.\d+, interquartile range .* over 28 pairs/);
    const flags = await panel.getByTestId('class-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-flags')).filter(Boolean));
    expect(flags.sort()).toEqual(['backend', 'ratio', 'settings']);
    await expect(panel.getByTestId('class-row').nth(OUTLIERS.backend - 1)).toContainText('trained on webgl (most: wasm)');
    await expect(panel.getByTestId('class-row').nth(OUTLIERS.settings - 1)).toContainText('other settings: Learning rate');
    // The threshold moves every crossing.
    const firstCrossing = () => panel.getByTestId('class-row').first().locator('td').nth(1).innerText();
    const at25 = Number(await firstCrossing());
    await panel.getByTestId('class-threshold').fill('0.15');
    await expect.poll(async () => Number(await firstCrossing())).toBeGreaterThan(at25);

    if (SHOTS) {
      for (const [w, h] of [
        [1280, 800],
        [390, 844],
      ]) {
        await page.setViewportSize({ width: w, height: h });
        await panel.scrollIntoViewIfNeeded();
        await panel.screenshot({ path: join(SHOTS, `class-results-${w}.png`) });
        await page.getByTestId('run-exchange').scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(SHOTS, `run-list-${w}.png`) });
        await showPanel(page, 'model');
        await page.getByTestId('model-panel').scrollIntoViewIfNeeded();
        await page.getByTestId('model-panel').screenshot({ path: join(SHOTS, `model-panel-${w}.png`) });
      }
    }
  });

  test('the class chart downloads as SVG and PNG with its title, axes and legend', async ({ page }) => {
    const got = downloads(page);
    await open(page);
    const files = classFiles(4).map((f) => {
      const path = join(dir, f.name);
      writeFileSync(path, f.text);
      return path;
    });
    await page.getByTestId('import-input').setInputFiles(files);
    await showPanel(page, 'class-results');
    const chart = page.getByTestId('class-chart');
    await expect(chart.locator('.recharts-line')).toHaveCount(8);
    await chart.getByRole('button', { name: /as SVG/ }).click();
    const [svgPath] = await got.next(1);
    expect(base(svgPath)).toMatch(/^relu-vs-tanh-alexnet-figure-1-training-error.*\.svg$/);
    const svg = readFileSync(svgPath, 'utf8');
    // The title, wrapped in lines to the chart's width.
    const title = [...svg.matchAll(/font-weight="600"[^>]*>([^<]*)</g)].map((m) => m[1]).join(' ');
    expect(title).toBe('ReLU vs tanh (AlexNet Figure 1): training error (smoothed) against steps, 4 pairs');
    expect(svg).toMatch(/>step<\/text>/);
    expect(svg).toMatch(/>training error \(smoothed\)<\/text>/);
    expect(svg).toMatch(/>ReLU<\/text>[\s\S]*>tanh<\/text>/);
    expect(svg.match(/recharts-line-curve/g)).toHaveLength(8);
    await chart.getByRole('button', { name: /as PNG/ }).click();
    const [pngPath] = await got.next(1);
    const png = readFileSync(pngPath);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    // Twice the CSS size, so it prints sharply; the width is in the IHDR chunk.
    expect(png.readUInt32BE(16)).toBeGreaterThan(600);
  });
});
