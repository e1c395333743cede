import { expect, test, type Page } from '@playwright/test';
import { canvasVariance, lastRun, open, runs, showPanel, waitForRunState, type TestWindow } from './helpers';
import { englishText } from '../src/i18n/message';

const QUICK = 'model=tiny&n=640&bs=32';

async function quickRun(page: Page, query = QUICK) {
  await open(page, query);
  await page.getByTestId('train').click();
  return waitForRunState(page, ['done']);
}

const setting = (page: Page, key: string) => page.locator(`[data-setting=${key}]`);

test.describe('the playground', () => {
  test('every control reaches the Worker, and invalid values are refused next to the control', async ({ page }) => {
    await open(page);
    const choose = (key: string, value: string) => setting(page, key).locator('select').selectOption(value);
    const type = (key: string, value: string) => setting(page, key).locator('input[type=text]').fill(value);
    // Invalid values first: each gets its message, and Train is refused.
    for (const [key, value, message] of [
      ['learningRate', '-1', 'Learning rate must be more than 0'],
      ['batchSize', '0', 'Batch size must be at least 1'],
      ['dropout', '1', 'Dropout rate must be at least 0 and less than 1'],
      ['epochs', '0', 'Epochs must be at least 1'],
      ['seed', 'abc', 'Random seed must be a number'],
    ] as const) {
      await type(key, value);
      await expect(page.locator(`[data-error-for=${key}]`)).toContainText(message);
    }
    await expect(page.getByTestId('train')).toBeDisabled();

    await choose('dataset', 'fashion');
    await type('trainLimit', '64');
    await type('augShift', '1');
    await setting(page, 'augFlip').locator('input').check();
    await type('augNoise', '0.05');
    // The width shows only for the AlexNet models; it stays in the config when another network is chosen.
    await choose('model', 'alexnet-small');
    await choose('width', '1/16');
    await choose('model', 'tiny');
    await expect(setting(page, 'width')).toHaveCount(0);
    await choose('activation', 'tanh');
    await choose('init', 'he');
    await choose('pooling', '3x3s2');
    await type('dropout', '0.3');
    await type('lrnDepthRadius', '3');
    await type('lrnBias', '2');
    await type('lrnAlpha', '0.0001');
    await type('lrnBeta', '0.5');
    await choose('optimizer', 'sgd');
    await type('learningRate', '0.02');
    await type('momentum', '0.8');
    await type('weightDecay', '0.001');
    await type('batchSize', '16');
    await type('epochs', '1');
    await type('seed', '7');
    await choose('backend', 'wasm');
    await expect(page.locator('[data-error-for]')).toHaveCount(0);
    await page.getByTestId('train').click();
    await expect.poll(async () => (await runs(page)).at(-1)?.totalSteps ?? 0).toBe(4);
    // The config the Worker acknowledged in its "started" event
    expect((await lastRun(page)).config).toEqual({
      dataset: 'fashion',
      model: 'tiny',
      width: '1/16',
      activation: 'tanh',
      init: 'he',
      lrn: true,
      lrnDepthRadius: 3,
      lrnBias: 2,
      lrnAlpha: 0.0001,
      lrnBeta: 0.5,
      dropout: 0.3,
      pooling: '3x3s2',
      optimizer: 'sgd',
      learningRate: 0.02,
      momentum: 0.8,
      weightDecay: 0.001,
      batchSize: 16,
      epochs: 1,
      trainLimit: 64,
      fixedSubset: false,
      seed: 7,
      augShift: 1,
      augFlip: true,
      augNoise: 0.05,
      augColour: false, // shown for colour datasets only
      backend: 'wasm',
    });
    // and the LRN switch, last
    await waitForRunState(page, ['done']);
    await setting(page, 'lrn').locator('input').uncheck();
    await page.getByTestId('train').click();
    await expect.poll(async () => (await runs(page)).length).toBe(2);
    await expect.poll(async () => (await lastRun(page)).totalSteps).toBe(4);
    expect((await lastRun(page)).config.lrn).toBe(false);
    expect(page.url()).toContain('lrn=0');
  });

  test('ReLU vs tanh: two runs race on one chart, with crossing steps and their ratio', async ({ page }) => {
    await open(page, 'model=tiny&n=2560&bs=32');
    await page.getByTestId('preset-relu-tanh').click();
    await expect.poll(async () => (await runs(page)).filter((r) => r.state === 'done').length, { timeout: 200_000 }).toBe(2);
    const [relu, tanh] = await runs(page);
    expect([relu.config.activation, tanh.config.activation]).toEqual(['relu', 'tanh']);
    expect(relu.config.seed).toBe(tanh.config.seed);
    await expect(page.getByTestId('chart-error')).toHaveAttribute('data-series', '2');
    await expect(page.getByTestId('chart-error').locator('.recharts-line')).toHaveCount(2);
    const steps = page.getByTestId('crossing-step');
    await expect(steps).toHaveCount(2);
    for (const text of await steps.allInnerTexts()) expect(text).toMatch(/^(\d+|not reached)$/);
    // A threshold both runs surely reached (80% error is little better than chance) gives a ratio.
    await page.getByTestId('threshold').fill('0.85');
    await expect(steps).toHaveText([/^\d+$/, /^\d+$/]);
    await expect(page.getByTestId('crossing-ratio')).toContainText(/ReLU #1 reached it \d+\.\d\d× as fast as tanh #1/);
  });

  test('feature maps are drawn, not blank, and change as the network trains', async ({ page }) => {
    await open(page, 'model=tiny&n=6400&bs=32');
    await showPanel(page, 'feature-maps');
    await page.getByTestId('vis-every').selectOption('5');
    await page.getByTestId('train').click();
    const conv1 = '[data-testid=feature-map-canvas][data-layer=conv1]';
    await expect(page.locator(conv1)).toBeVisible();
    // The canvas and the step it shows, read together.
    const snapshot = () =>
      page.locator('.feature-maps-panel').evaluate((panel) => ({
        step: Number(/step (\d+)/.exec(panel.textContent ?? '')?.[1] ?? -1),
        png: (panel.querySelector('[data-layer=conv1]') as HTMLCanvasElement).toDataURL(),
      }));
    const early = await snapshot();
    await expect.poll(async () => (await snapshot()).step).toBeGreaterThanOrEqual(early.step + 20);
    const later = await snapshot();
    // Maps are captured less often when capture plus drawing would exceed 2% of training time (a tiny net's
    // steps are short), so the later maps may be the final ones: let the run end rather than stop it.
    await waitForRunState(page, ['done']);
    expect(later.png).not.toBe(early.png);
    await expect(page.locator('[data-testid=feature-map-canvas]')).toHaveCount(10); // 3 blocks × conv/pool/lrn + filters
    for (const layer of ['conv1', 'pool2', 'lrn3', 'conv1 filters']) {
      expect(await canvasVariance(page, `[data-testid=feature-map-canvas][data-layer="${layer}"]`), layer).toBeGreaterThan(0);
    }
    // hovering a map names its layer, channel and value range
    await page.locator(conv1).hover({ position: { x: 5, y: 5 } });
    await expect(page.getByText(/conv1.*channel 0/i).first()).toBeVisible();
  });

  test('the confusion matrix adds up, its cells open their images, and a drawing gets ten probabilities', async ({ page }) => {
    const run = await quickRun(page);
    await showPanel(page, 'evaluation');
    const cells = page.getByTestId('confusion-cell');
    await expect(cells).toHaveCount(100);
    const counts = await cells.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(run.test!.count);
    expect(run.test!.count).toBe(10_000);
    await expect(page.getByTestId('test-accuracy')).toContainText('10,000 test images');
    // Most confident mistakes are shown by default; a diagonal cell shows its images.
    await expect(page.getByTestId('gallery-image').first()).toBeVisible();
    await page.locator('[data-testid=confusion-cell][data-truth="1"][data-predicted="1"]').click();
    await expect(page.getByText(/True 1, predicted 1/)).toBeVisible();

    const canvas = page.getByTestId('draw-canvas');
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.2);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * (0.2 + i * 0.06));
    await page.mouse.up();
    const probs = page.getByTestId('draw-probability');
    await expect(probs).toHaveCount(10);
    const values = await probs.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
    expect(values.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    // the drawing's own feature maps replace the test image's
    await showPanel(page, 'feature-maps');
    await expect(page.getByText('Your drawing').first()).toBeVisible();
  });

  test('runs survive a reload, and a shared link restores the config', async ({ page }) => {
    await quickRun(page, `${QUICK}&act=tanh`);
    const before = await runs(page);
    await page.reload();
    await expect(page.getByTestId('run')).toHaveCount(before.length);
    await expect(page.getByTestId('run').last()).toHaveAttribute('data-state', 'done');
    expect((await runs(page)).at(-1)?.test?.accuracy).toBe(before.at(-1)?.test?.accuracy);

    await open(page, 'act=sigmoid&lr=0.003&bs=128&lrn=0&pool=3x3s2');
    await expect(setting(page, 'activation').locator('select')).toHaveValue('sigmoid');
    await expect(setting(page, 'learningRate').locator('input[type=text]')).toHaveValue('0.003');
    await expect(setting(page, 'batchSize').locator('input[type=text]')).toHaveValue('128');
    await expect(setting(page, 'lrn').locator('input')).not.toBeChecked();
    await expect(setting(page, 'pooling').locator('select')).toHaveValue('3x3s2');

    await open(page, 'lr=banana&act=swish&bogus=1');
    await expect(page.getByTestId('url-notice')).toContainText('Learning rate');
    await expect(page.getByTestId('url-notice')).toContainText('bogus');
    await expect(setting(page, 'learningRate').locator('input[type=text]')).toHaveValue('0.001');
    await expect(setting(page, 'activation').locator('select')).toHaveValue('relu');
  });

  test('a crashed Worker fails its run with the reason, keeps its metrics, and a new run starts', async ({ page }) => {
    await open(page, 'model=small&n=6400&bs=32');
    await page.getByTestId('train').click();
    await expect.poll(async () => (await lastRun(page)).steps.step.length).toBeGreaterThan(3);
    await page.evaluate(() => (window as unknown as TestWindow).playground.crashForTest());
    const crashed = await waitForRunState(page, ['failed']);
    expect(englishText(crashed.message!)).toMatch(/worker crashed/);
    expect(crashed.steps.step.length).toBeGreaterThan(3);
    await expect(page.getByTestId('run-error')).toContainText('crashed');
    // A fresh Worker: the backend is chosen again and training works.
    await page.locator('[data-setting=trainLimit] input').fill('320');
    await page.getByTestId('train').click();
    expect((await waitForRunState(page, ['done'])).steps.step.length).toBe(10);
    await expect(page.getByTestId('backend-name')).toHaveText(/WASM/);
  });
});
