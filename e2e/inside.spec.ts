import { expect, test, type Page } from '@playwright/test';
import { canvasVariance, open, runs, showPanel, type TestWindow } from './helpers';

/** Captures shown per run, in the order of the panel's columns. */
const captures = (page: Page) =>
  page.getByTestId('inside-run').evaluateAll((heads) => heads.map((h) => Number(h.getAttribute('data-captures'))));

test.describe('inside the network', () => {
  test('a ReLU vs tanh pair on the small network shows activations, saturated and dead units and gradient sizes for both runs, updating, with no page error', async ({
    page,
  }) => {
    test.setTimeout(420_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await open(page, 'model=small&bs=32&n=4800');
    await showPanel(page, 'inside');
    await page.getByTestId('inside-every').selectOption('10');
    await page.getByTestId('preset-relu-tanh').click();
    const panel = page.getByTestId('inside');

    // While the first run trains, its column fills in and keeps updating.
    await expect.poll(async () => (await captures(page))[0] ?? 0, { timeout: 120_000 }).toBeGreaterThanOrEqual(2);
    const early = (await captures(page))[0];
    await expect.poll(async () => (await captures(page))[0], { timeout: 180_000 }).toBeGreaterThan(early);

    // Both runs done: two columns side by side, each with the untrained network, the steps and the trained one.
    await expect
      .poll(async () => (await runs(page)).map((r) => r.state).join(','), { timeout: 360_000, intervals: [1000] })
      .toBe('done,done');
    await expect(page.getByTestId('inside-run')).toHaveCount(2);
    // However fast the machine, a run is measured at least INSIDE_MIN_CAPTURES (8) times after the untrained network.
    for (const n of await captures(page)) expect(n).toBeGreaterThanOrEqual(9);
    const [relu, tanh] = await runs(page);
    expect(relu.config.activation).toBe('relu');
    expect(tanh.config.activation).toBe('tanh');

    // conv1-3, fc1, fc2, logits for each run, strips not blank
    await expect(panel.getByTestId('inside-strip')).toHaveCount(12);
    expect(await canvasVariance(page, '[data-testid=inside-strip] canvas')).toBeGreaterThan(0);
    for (const kind of ['units', 'gradient', 'update']) {
      await expect(panel.getByTestId(`inside-chart-${kind}`)).toHaveCount(2);
      expect(await canvasVariance(page, `[data-testid=inside-chart-${kind}] canvas`)).toBeGreaterThan(0);
    }
    // The readings say what the charts show, per run: dead ReLU units on the left, saturated tanh on the right.
    const units = panel.getByTestId('inside-chart-units');
    await expect(units.nth(0)).toContainText(/dead/);
    await expect(units.nth(1)).toContainText(/saturated/);
    await expect(panel.getByTestId('inside-chart-gradient').nth(1)).toContainText(/weight gradient/);
    await expect(panel.getByTestId('inside-chart-update').nth(1)).toContainText(/of the weights/);
    await expect(panel).toContainText('|y| > 0.99');

    // What a student sees, on a laptop and on a phone (looked at by hand; kept with the test's output).
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: test.info().outputPath('inside-1280x800.png') });
    await page.screenshot({ path: test.info().outputPath('inside-1280x800-viewport.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(500); // the canvases redraw at their new size
    await panel.screenshot({ path: test.info().outputPath('inside-390x844.png') });
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: test.info().outputPath('inside-390x844-viewport.png') });
    expect(errors).toEqual([]);
  });

  test("on WebGPU too (the software adapter here): each layer's histogram and zeros account for all its values, and the gradients are real", async ({
    page,
  }) => {
    test.setTimeout(300_000);
    await open(page, 'backend=webgpu&model=tiny&bs=8&n=48&drop=0');
    await expect(page.getByTestId('backend-name')).toHaveText('WebGPU');
    await page.getByTestId('vis-every').selectOption('0');
    await page.getByTestId('train').click();
    await expect.poll(async () => (await runs(page)).at(-1)?.steps.step.length ?? 0, { timeout: 280_000, intervals: [1000] }).toBe(6);
    await showPanel(page, 'inside');
    await expect(page.getByTestId('inside-run')).toHaveAttribute('data-captures', /[1-9]/, { timeout: 60_000 });
    const first = await page.evaluate(() => {
      const store = (window as unknown as TestWindow).playground.inside;
      const history = [...store.getSnapshot().values()][0];
      return {
        images: history.images,
        capture: JSON.parse(
          JSON.stringify(history.captures[0], (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as number[]) : v)),
        ),
      };
    });
    expect(first.capture.step).toBe(0);
    expect(first.images).toBe(8); // the whole batch of 8
    for (const l of first.capture.layers as { hist: number[]; zero: number; gradNorm: number }[]) {
      // Shares of the values: the histogram's and the exact zeros' make the whole.
      expect(l.hist.reduce((a, b) => a + b, 0) + l.zero).toBeCloseTo(1, 4);
      expect(l.gradNorm).toBeGreaterThan(0);
      expect(Number.isFinite(l.gradNorm)).toBe(true);
    }
    await page.getByTestId('stop').click();
  });
});
