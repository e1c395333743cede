/**
 * The paths a classroom hits within a week (issue #9): each ends in a clear message, a page that trains again
 * without a reload, and no run data lost.
 */
import { expect, test, type Page } from '@playwright/test';
import { englishText } from '../src/i18n/message';
import { DEFAULT_CONFIG, type TrainConfig } from '../src/settings';
import { lastRun, open, runs, startWebGpuRun, waitForRunState, type TestWindow } from './helpers';

async function trainQuick(page: Page, query = 'model=tiny&n=640&bs=32') {
  await open(page, query);
  await page.getByTestId('train').click();
  return waitForRunState(page, ['done']);
}

test.describe('nothing lost', () => {
  test('a reload mid-run keeps the curve up to the last save and calls the run interrupted; the page trains again', async ({ page }) => {
    await open(page, 'model=small&n=12800&bs=32');
    await page.getByTestId('train').click();
    await expect.poll(async () => (await lastRun(page)).steps.step.length, { timeout: 60_000 }).toBeGreaterThan(10);
    // Saves come every few seconds while a run trains; wait for one, then reload.
    await page.waitForTimeout(3_500);
    const before = (await lastRun(page)).steps.step.length;
    await page.reload();
    await expect(page.getByTestId('run').last()).toHaveAttribute('data-state', 'interrupted');
    const after = await lastRun(page);
    expect(after.state).toBe('interrupted');
    expect(after.steps.step.length).toBeGreaterThanOrEqual(Math.min(before, 10));
    expect(englishText(after.message!)).toMatch(/closed or reloaded during this run/);
    // Still interrupted, not running, after another reload: the database says so too.
    await page.reload();
    await expect(page.getByTestId('run').last()).toHaveAttribute('data-state', 'interrupted');
    await page.locator('[data-setting=trainLimit] input').fill('320');
    await page.getByTestId('train').click();
    expect((await waitForRunState(page, ['done'])).steps.step.length).toBe(10);
  });

  test('when the browser refuses to store runs, the page says so, and still trains', async ({ page }) => {
    await page.addInitScript(() => {
      IDBObjectStore.prototype.put = function put() {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    await trainQuick(page);
    await expect(page.getByTestId('storage-problem')).toContainText('Runs are not being kept in this browser');
    await expect(page.getByTestId('storage-problem')).toContainText('no room left');
    expect((await lastRun(page)).test?.count).toBe(10_000);
  });

  test('a corrupt saved run is left out with a message naming it; the others load and the page works', async ({ page }) => {
    await trainQuick(page);
    const good = await lastRun(page);
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const req = indexedDB.open('alexnet-playground');
          req.onsuccess = () => {
            const tx = req.result.transaction('runs', 'readwrite');
            tx.objectStore('runs').put({ id: 'corrupt-1', name: 'broken', createdAt: 1, config: { dataset: 'imagenet' }, state: 'done' });
            tx.oncomplete = () => (req.result.close(), resolve());
            tx.onerror = () => reject(tx.error);
          };
        }),
    );
    await page.reload();
    await expect(page.getByTestId('skipped-runs')).toContainText('corrupt-1');
    await expect(page.getByTestId('run')).toHaveCount(1);
    expect((await lastRun(page)).id).toBe(good.id);
    await page.getByTestId('train').click();
    await expect.poll(async () => (await runs(page)).length).toBe(2);
    await waitForRunState(page, ['done']);
  });

  test('two tabs: each shows the run the other trains as training there, not as closed', async ({ context }) => {
    const a = await context.newPage();
    await open(a, 'model=small&n=6400&bs=32');
    await a.getByTestId('train').click();
    await expect.poll(async () => (await lastRun(a)).steps.step.length, { timeout: 60_000 }).toBeGreaterThan(3);
    await a.waitForTimeout(3_500); // its first save
    const b = await context.newPage();
    await open(b, 'model=small&n=6400&bs=32');
    const seen = await lastRun(b);
    expect(seen.id).toBe((await lastRun(a)).id);
    expect(seen.state).toMatch(/^(running|loading|paused)$/);
    expect(englishText(seen.message!)).toMatch(/another tab/);
    // As tab A saves, tab B follows; when A is done, B shows it done.
    await waitForRunState(a, ['done']);
    await expect.poll(async () => (await lastRun(b)).state, { timeout: 30_000 }).toBe('done');
  });
});

test.describe('batch size against memory', () => {
  test('batch 4096 on the article network is refused next to the batch size, by the page and by the Worker; a smaller batch trains', async ({
    page,
  }) => {
    await open(page, 'bs=4096');
    const said = page.locator('[data-error-for=batchSize]');
    // The page checks against the limit the Worker reported with its backend (WASM here), before Train.
    await expect(said).toContainText('At batch 4096 a training step needs about 12.11 GB');
    await expect(said).toContainText('more than the 4.29 GB WebAssembly memory can hold');
    await expect(said).toContainText(/A batch of \d+ or less fits/);
    await expect(page.getByTestId('train')).toBeDisabled();
    // The Worker refuses it too, should a start get past the page: before any step, as out of memory.
    await page.evaluate((c) => (window as unknown as TestWindow).playground.startRuns([{ name: 'too big', config: c }]), {
      ...DEFAULT_CONFIG,
      batchSize: 4096,
    });
    const refused = await waitForRunState(page, ['failed', 'done']);
    expect(refused.failure).toBe('out-of-memory');
    expect(refused.steps.step).toEqual([]);
    expect(englishText(refused.message!)).toMatch(/At batch 4096 .* WebAssembly memory can hold/);
    await expect(said).toHaveCount(1);
    // A batch that may fit is said, not refused.
    const batch = page.locator('[data-setting=batchSize] input[type=text]');
    await batch.fill('1024');
    await expect(page.locator('[data-warning-for=batchSize]')).toContainText('so it may not fit');
    await expect(said).toHaveCount(0);
    // Lowered: the message goes, and the page trains (a small run, on the backend it had: nothing was marked broken).
    await batch.fill('32');
    await expect(page.locator('[data-warning-for=batchSize]')).toHaveCount(0);
    await page.locator('[data-setting=model] select').selectOption('tiny');
    await page.locator('[data-setting=trainLimit] input').fill('320');
    await page.getByTestId('train').click();
    await expect.poll(async () => (await runs(page)).length).toBe(2);
    const done = await waitForRunState(page, ['done', 'failed']);
    expect([done.state, done.backend, done.steps.step.length]).toEqual(['done', 'wasm', 10]);
  });

  test('a WebGPU device out of memory fails the run as out of memory, next to the batch size; WebGPU is not given up', async ({ page }) => {
    test.setTimeout(300_000);
    await startWebGpuRun(page);
    await page.evaluate(() => (window as unknown as TestWindow).playground.simulateGpuLoss(false, true));
    const failed = await waitForRunState(page, ['failed', 'done'], 60_000);
    expect(failed.failure).toBe('out-of-memory');
    expect(failed.steps.step.length).toBeGreaterThan(0); // its curve is kept
    await expect(page.locator('[data-error-for=batchSize]')).toContainText('WebGPU ran out of memory at batch 8');
    await expect(page.locator('[data-error-for=batchSize]')).toContainText('lower the batch size and train again');
    // Not retried on another backend, not marked as failed: the next run trains on WebGPU again.
    expect(await runs(page)).toHaveLength(1);
    await expect(page.getByTestId('backend-name')).toHaveText('WebGPU');
    await page.locator('[data-setting=batchSize] input[type=text]').fill('4');
    await expect(page.locator('[data-error-for=batchSize]')).toHaveCount(0);
    await page.getByTestId('train').click();
    await expect.poll(async () => (await runs(page)).length).toBe(2);
    await expect.poll(async () => (await lastRun(page)).steps.step.length, { timeout: 200_000, intervals: [1000] }).toBeGreaterThan(0);
    expect((await lastRun(page)).backend).toBe('webgpu');
    await expect(page.getByTestId('out-of-memory-offer')).toHaveCount(0); // only after a run ran out
    // Out of memory again: the page offers the next backend; taken, the same settings train there from the start,
    // and the run that ran out keeps its curve.
    await page.evaluate(() => (window as unknown as TestWindow).playground.simulateGpuLoss(false, true));
    const again = await waitForRunState(page, ['failed', 'done'], 60_000);
    expect(again.failure).toBe('out-of-memory');
    await expect(page.getByTestId('out-of-memory-offer')).toContainText('leaving WebGPU for the rest of this visit');
    await page.getByTestId('train-next-backend').click();
    await expect(page.getByTestId('out-of-memory-offer')).toHaveCount(0);
    await expect.poll(async () => (await runs(page)).length).toBe(3);
    const moved = await waitForRunState(page, ['done', 'failed'], 180_000);
    expect([moved.state, moved.backend, moved.config.batchSize]).toEqual(['done', 'wasm', 4]);
    const kept = (await runs(page)).find((r) => r.id === again.id)!;
    // All of it: the step in flight when the device ran out may still land after the failure.
    expect(kept.steps.step.length).toBeGreaterThanOrEqual(again.steps.step.length);
  });
});

test.describe('a Worker that dies', () => {
  test('an uncaught error in the Worker: the page hears its error event, keeps the curve, starts a fresh Worker and trains again without a reload', async ({
    page,
  }) => {
    await open(page, 'model=tiny&n=6400&bs=32');
    await page.getByTestId('train').click();
    await expect.poll(async () => (await lastRun(page)).steps.step.length).toBeGreaterThan(3);
    // The Worker throws from its event loop: nothing on the page is told but the Worker's own `error` event.
    await page.evaluate(() => (window as unknown as TestWindow).playground.crashForTest('throw'));
    const crashed = await waitForRunState(page, ['failed']);
    expect(englishText(crashed.message!)).toMatch(/worker crashed .*crash requested by a test/);
    expect(crashed.steps.step.length).toBeGreaterThan(3);
    await expect(page.getByTestId('page-error')).toContainText('A new one has started');
    // The fresh Worker chose its backend before anyone asked, and trains.
    await expect(page.getByTestId('backend-name')).toHaveText(/WASM/);
    await page.locator('[data-setting=trainLimit] input').fill('320');
    await page.getByTestId('train').click();
    await expect.poll(async () => (await runs(page)).length).toBe(2);
    expect((await waitForRunState(page, ['done'])).steps.step.length).toBe(10);
    // The crashed run is kept, in the database too: after a reload it is there with its curve.
    await page.reload();
    await expect(page.getByTestId('backend-name')).toBeVisible();
    await expect.poll(async () => (await runs(page)).length).toBe(2);
    const kept = (await runs(page)).find((r) => r.id === crashed.id)!;
    expect([kept.state, kept.steps.step.length]).toEqual(['failed', crashed.steps.step.length]);
  });

  test('a Worker killed without a word: the missing heartbeat tells, the run keeps its curve, and a fresh Worker trains', async ({
    page,
  }) => {
    await open(page, 'model=tiny&n=6400&bs=32');
    // The heartbeat comes every 2 s; 6 s of silence (60 s in use) keeps the test short.
    await page.evaluate(() => ((window as unknown as TestWindow).playground.silenceMs = 6_000));
    await page.getByTestId('train').click();
    await expect.poll(async () => (await lastRun(page)).steps.step.length).toBeGreaterThan(3);
    await page.evaluate(() => (window as unknown as TestWindow).playground.crashForTest('silent'));
    const lost = await waitForRunState(page, ['failed'], 60_000);
    expect(englishText(lost.message!)).toMatch(/stopped answering/);
    expect(lost.steps.step.length).toBeGreaterThan(3);
    await expect(page.getByTestId('backend-name')).toHaveText(/WASM/);
    await page.locator('[data-setting=trainLimit] input').fill('320');
    await page.getByTestId('train').click();
    await expect.poll(async () => (await runs(page)).length).toBe(2);
    expect((await waitForRunState(page, ['done'])).steps.step.length).toBe(10);
  });
});

test.describe('nothing stuck', () => {
  test('stop while loading ends the run before its first step, and the page trains again', async ({ page }) => {
    await open(page, 'model=tiny&n=640&bs=32');
    // Hold the Fashion-MNIST download, so that the run is still loading when Stop is pressed.
    let release: () => void = () => {};
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/data/fashion-*.gz', async (route) => {
      await held;
      await route.continue();
    });
    await page.locator('[data-setting=dataset] select').selectOption('fashion');
    await page.getByTestId('train').click();
    await expect.poll(async () => (await lastRun(page)).state).toBe('loading');
    await page.getByTestId('stop').click();
    release();
    const stopped = await waitForRunState(page, ['stopped', 'done', 'failed']);
    expect(stopped.state).toBe('stopped');
    expect(stopped.steps.step).toEqual([]);
    await page.getByTestId('train').click();
    await expect.poll(async () => (await runs(page)).length).toBe(2);
    expect((await waitForRunState(page, ['done'])).state).toBe('done');
  });

  test('two starts never overlap: the first is stopped, the second trains, and no tensors are left behind', async ({ page }) => {
    const config: TrainConfig = { ...DEFAULT_CONFIG, model: 'tiny', trainLimit: 640, batchSize: 32 };
    await open(page);
    await page.getByTestId('vis-every').selectOption('0');
    const tensorsNow = () => page.evaluate(() => (window as unknown as TestWindow).playground.getStatus().memory?.tensors ?? -1);
    // What one finished run leaves in memory (its model, kept for drawing and evaluation).
    await page.evaluate((c) => (window as unknown as TestWindow).playground.startRuns([{ name: 'alone', config: c }]), config);
    await waitForRunState(page, ['done']);
    await page.waitForTimeout(2_500); // a heartbeat after the end
    const oneRun = await tensorsNow();
    expect(oneRun).toBeGreaterThan(0);
    // Two starts in one task, faster than any double click.
    await page.evaluate((c) => {
      const p = (window as unknown as TestWindow).playground;
      p.startRuns([{ name: 'first', config: c }]);
      p.startRuns([{ name: 'second', config: c }]);
    }, config);
    await expect
      .poll(
        async () =>
          (await runs(page)).filter((r) => ['first', 'second'].includes(r.name) && !['loading', 'running'].includes(r.state)).length,
        {
          timeout: 120_000,
        },
      )
      .toBe(2);
    const [first, second] = (await runs(page)).filter((r) => ['first', 'second'].includes(r.name));
    expect([first.state, second.state]).toEqual(['stopped', 'done']);
    // The first may have made a step before the second start reached the Worker (its data and backend are ready
    // from the run before), but it stopped there: the second trained all its steps after it.
    expect(first.steps.step.length).toBeLessThan(first.totalSteps);
    expect(second.steps.step.length).toBe(second.totalSteps);
    await page.waitForTimeout(2_500);
    expect(await tensorsNow()).toBe(oneRun);
  });

  test('a GPU lost while a read never settles: the Worker is replaced and the run goes on on the next backend', async ({ page }) => {
    test.setTimeout(300_000);
    await startWebGpuRun(page);
    await page.evaluate(() => (window as unknown as TestWindow).playground.simulateGpuLoss(true));
    await expect.poll(async () => (await runs(page)).length, { timeout: 60_000 }).toBe(2);
    const done = await waitForRunState(page, ['done'], 120_000);
    expect(done.backend).toBe('wasm');
    await expect(page.getByTestId('page-error')).toContainText(/did not stop.*restarted/);
    await expect(page.getByTestId('backend-name')).toHaveText(/WASM/);
  });
});
