import { expect, test } from '@playwright/test';
import { runs, waitForOfflineCopy, waitForRunState } from './helpers';
import { englishLeft } from './visible-text';

/**
 * A teacher's link, as a student opens it: in Chinese, at the LRN lesson (a pair that trains together), on the tiny
 * network with few images so that the test is quick, some controls hidden, some locked, training started on open.
 */
const LINK = '/?lang=zh&lesson=lrn&model=tiny&n=640&bs=32' + '&hide=seed,backend,lrnr,lrnk&lock=model,n&start=1';

test.describe('lessons and teacher links', () => {
  test('a teacher link in Chinese starts its lesson by itself, hides and locks controls; the lesson stays done after a reload in English, and offline', async ({
    page,
    context,
  }) => {
    test.setTimeout(480_000);
    await page.goto(LINK);
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    // The lesson the link names is open, and its runs started without a click.
    await expect(page.getByTestId('lesson')).toHaveAttribute('data-lesson', 'lrn');
    await expect.poll(async () => (await runs(page)).length, { timeout: 60_000 }).toBe(2);
    const started = await runs(page);
    expect(started.map((r) => r.group?.preset)).toEqual(['lrn', 'lrn']);
    expect(started.map((r) => [r.config.model, r.config.trainLimit, r.config.lrn])).toEqual([
      ['tiny', 640, true],
      ['tiny', 640, false],
    ]);
    // The answer is not shown before the runs have finished.
    await expect(page.getByTestId('lesson-hidden')).toBeVisible();
    await expect(page.getByTestId('lesson-answer')).toHaveCount(0);
    // start=1 acts once: it leaves the link, so a reload does not train again.
    expect(new URL(page.url()).searchParams.has('start')).toBe(false);

    // Hidden controls are not on the page; locked ones are shown and cannot be changed.
    for (const key of ['seed', 'backend', 'lrnDepthRadius', 'lrnBias'])
      await expect(page.locator(`[data-setting="${key}"]`), key).toHaveCount(0);
    await expect(page.locator('[data-setting="model"] select')).toBeDisabled();
    await expect(page.locator('[data-setting="trainLimit"] input[type="text"]')).toBeDisabled();
    await expect(page.locator('[data-setting="activation"] select')).toBeVisible();

    // It runs to the end: both runs done, the lesson ticked and its answer and measurements revealed.
    await expect
      .poll(async () => (await runs(page)).map((r) => r.state), { timeout: 180_000, intervals: [500, 1000] })
      .toEqual(['done', 'done']);
    await expect(page.getByTestId('lesson-done')).toBeChecked();
    await expect(page.getByTestId('lesson-tab-lrn')).toHaveAttribute('data-done', 'true');
    await expect(page.getByTestId('lesson-answer')).toContainText('实测答案');
    await expect(page.getByTestId('lesson-source')).toContainText('Node.js 中的 WASM');
    await expect(page.getByTestId('comparison')).toBeVisible();

    // Every visible word is Chinese: the page after the run, and the share dialog.
    expect(await englishLeft(page)).toEqual([]);
    await page.getByTestId('share-open').click();
    await expect(page.getByTestId('share-qr')).toBeVisible();
    expect(await englishLeft(page)).toEqual([]);
    await page.getByTestId('share-close').click();

    // To English with the switch in the header; the lesson's words follow.
    await page.getByTestId('language-en').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByTestId('lesson-answer')).toContainText('Answer, as measured');

    await page.reload();
    await expect(page.getByTestId('backend-name')).toBeVisible({ timeout: 60_000 });
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByTestId('lesson')).toHaveAttribute('data-lesson', 'lrn');
    await expect(page.getByTestId('lesson-done')).toBeChecked();
    await expect(page.getByTestId('lesson-tab-lrn')).toHaveAttribute('data-done', 'true');
    await expect(page.getByTestId('lesson-answer')).toBeVisible();
    await expect(page.getByTestId('lessons-progress')).toHaveText('1 of 9 done');
    // The reload trained nothing new.
    await expect.poll(async () => (await runs(page)).length).toBe(2);

    // The classroom's Wi-Fi goes: the copy saved on the first visit opens the page, the lesson still done, and trains.
    await waitForOfflineCopy(page);
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByTestId('offline-note')).toHaveAttribute('data-online', 'no');
    await expect(page.getByTestId('offline-note')).toContainText('Offline');
    await expect(page.getByTestId('backend-name')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('lesson-done')).toBeChecked();
    await page.getByTestId('train').click();
    await waitForRunState(page, ['done'], 180_000);
    await expect.poll(async () => (await runs(page)).length).toBe(3);
    await context.setOffline(false);
  });

  test('the share dialog makes a link, with its QR code, that opens the lesson with what the teacher hid and locked', async ({ page }) => {
    await page.goto('/?lesson=dropout');
    await expect(page.getByTestId('backend-name')).toBeVisible({ timeout: 60_000 });
    await page.getByTestId('share-open').click();
    await expect(page.getByTestId('share-lesson')).toHaveValue('dropout');
    await page.getByTestId('share-suggest').click();
    await page.getByTestId('share-view-drop').getByRole('radio').nth(1).check(); // locked
    await page.getByTestId('share-language').selectOption('zh');
    const link = await page.getByTestId('share-link').inputValue();
    // The QR code holds the very link shown under it.
    await expect(page.getByTestId('share-qr')).toHaveAttribute('data-text', link);
    const query = new URL(link).searchParams;
    expect(query.get('lesson')).toBe('dropout');
    expect(query.get('lang')).toBe('zh');
    expect(query.get('lock')).toBe('drop');
    expect(query.get('hide')?.split(',')).toContain('lr');

    await page.goto(link);
    await expect(page.getByTestId('backend-name')).toBeVisible({ timeout: 60_000 });
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByTestId('lesson')).toHaveAttribute('data-lesson', 'dropout');
    await expect(page.locator('[data-setting="learningRate"]')).toHaveCount(0);
    await expect(page.locator('[data-setting="dropout"] input[type="text"]')).toBeDisabled();
    // A lesson's link without settings opens with the lesson's own.
    await expect(page.locator('[data-setting="trainLimit"] input[type="text"]')).toHaveValue('500');
    expect(query.get('n')).toBeNull();
    await expect(page.getByTestId('url-notice')).toHaveCount(0);
  });
});
