import { expect, test, type Page } from '@playwright/test';
import { showPanel, waitForOfflineCopy, watchForErrors } from './helpers';

async function trainTinyToTheEnd(page: Page): Promise<void> {
  await page.getByTestId('train').click();
  await expect(page.getByTestId('run').last()).toHaveAttribute('data-state', 'done', { timeout: 180_000 });
}

test.describe('offline: after one visit the page works with no network', () => {
  test('loads offline from the saved copy, stays cross-origin isolated (WASM threads) and trains to the end', async ({ page, context }) => {
    const errors = await watchForErrors(page);
    await page.goto('/?model=tiny&n=640&bs=32');
    const bytes = await waitForOfflineCopy(page);
    // The page, its Worker, three .wasm files and both datasets: tens of MB, all of it said in the note.
    expect(bytes).toBeGreaterThan(40e6);
    await expect(page.getByTestId('offline-note')).toContainText(`${(bytes / 1e6).toFixed(1)} MB`);
    await expect(page.getByTestId('offline-note')).toContainText('Works offline');

    await context.setOffline(true);
    await page.reload();
    await expect(page.getByTestId('offline-note')).toHaveAttribute('data-online', 'no');
    await expect(page.getByTestId('offline-note')).toContainText('Offline: running from the copy saved in this browser');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await expect(page.getByTestId('backend-name')).toHaveText(/WASM/, { timeout: 60_000 });
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    if (cores > 1) await expect(page.getByTestId('backend-reason')).toContainText('threads');
    await expect(page.getByTestId('data-note')).toContainText('55,000 training');
    await trainTinyToTheEnd(page);
    await showPanel(page, 'evaluation');
    await expect(page.getByTestId('test-accuracy')).toBeVisible();
    expect(errors).toEqual([]);
  });

  test('on a host that sends no COOP/COEP headers, the service worker adds them: one reload, then isolated', async ({ page, context }) => {
    const errors = await watchForErrors(page);
    // A static host such as GitHub Pages: every response as the preview server sends it, less the two headers.
    // context.route also sees what the service worker fetches.
    await context.route('**/*', async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      delete headers['cross-origin-opener-policy'];
      delete headers['cross-origin-embedder-policy'];
      await route.fulfill({ response, headers });
    });
    const loads: string[] = [];
    page.on('load', () => loads.push(page.url()));
    await page.goto('/?model=tiny&n=640&bs=32');
    // The first load is not isolated (the backend says one thread); once the copy is saved the page reloads
    // itself, once, through the service worker, which adds the headers.
    await expect.poll(() => loads.length, { timeout: 120_000 }).toBe(2);
    await expect.poll(() => page.evaluate(() => crossOriginIsolated)).toBe(true);
    await expect(page.getByTestId('offline-note')).toHaveAttribute('data-copy', 'ready');
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    if (cores > 1) await expect(page.getByTestId('backend-reason')).toContainText('threads', { timeout: 60_000 });
    // Isolated after the one reload: nothing reloads it again.
    expect(loads.length).toBe(2);
    expect(errors).toEqual([]);
  });

  test('a new version: the page offers to reload, never reloads under a training run, and the reload brings it', async ({
    page,
    context,
  }) => {
    const errors = await watchForErrors(page);
    // A deploy, as the browser sees it: the service worker script's bytes change.
    let version = 1;
    await context.route('**/sw.js', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, body: `${await response.text()}\n// version ${version}\n` });
    });
    const loads: string[] = [];
    page.on('load', () => loads.push(page.url()));
    // Enough images that the run is still training when the pause arrives, on a busy machine too.
    await page.goto('/?model=tiny&n=3200&bs=32');
    await waitForOfflineCopy(page);
    await expect(page.getByTestId('reload-update')).toHaveCount(0);

    await page.getByTestId('train').click();
    await expect(page.getByTestId('run').last()).toHaveAttribute('data-state', 'running', { timeout: 60_000 });
    await page.getByTestId('pause').click();
    await expect(page.getByTestId('run').last()).toHaveAttribute('data-state', 'paused');
    version = 2;
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    const offer = page.getByTestId('reload-update');
    await expect(offer).toContainText('A new version of the playground is ready', { timeout: 60_000 });
    // While a run trains (or is paused) the reload waits for the user, after the run.
    await expect(offer).toContainText('It can reload when the run ends');
    await expect(offer.getByTestId('reload')).toBeDisabled();
    await page.getByTestId('resume').click();
    await expect(page.getByTestId('run').last()).toHaveAttribute('data-state', 'done', { timeout: 180_000 });
    await expect(offer.getByTestId('reload')).toBeEnabled();
    expect(loads.length).toBe(1);

    await offer.getByTestId('reload').click();
    await expect.poll(() => loads.length, { timeout: 60_000 }).toBe(2);
    await expect(page.getByTestId('offline-note')).toHaveAttribute('data-copy', 'ready');
    await expect(page.getByTestId('reload-update')).toHaveCount(0);
    // The new version serves the page, nothing older waits, and the finished run is still there.
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.waiting)).toBeNull();
    await expect(page.getByTestId('run').last()).toHaveAttribute('data-state', 'done');
    expect(errors).toEqual([]);
  });
});
