import { expect, test } from '@playwright/test';
import { open, waitForRunState, showPanel } from './helpers';
import { englishLeft } from './visible-text';

test.describe('both languages', () => {
  test('the Chinese page has no English left, before and after a run; the switch goes to English and the link keeps it', async ({
    page,
  }) => {
    await open(page, 'lang=zh&model=tiny&n=640&bs=32');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByTestId('train')).toHaveText('训练');
    await expect(page.getByTestId('data-note')).toBeVisible();
    expect(await englishLeft(page)).toEqual([]);

    await page.getByTestId('train').click();
    const run = await waitForRunState(page, ['done']);
    expect(run.name).toBe('第 1 次训练');
    // Everything a run puts on the page: charts, the run list, the evaluation with its gallery, feature maps.
    await expect(page.getByTestId('feature-map-canvas').first()).toBeVisible();
    await expect(page.getByTestId('chart-loss').locator('.chart-legend li').first()).toBeVisible();
    // ...and what is folded away: why not a faster backend, the run's settings, the 2012 AlexNet.
    await page.locator('details').evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    // Each panel below the charts, tab by tab.
    const left: string[] = [];
    for (const tab of ['feature-maps', 'inside', 'evaluation', 'class-results', 'model', 'network'] as const) {
      await showPanel(page, tab);
      if (tab === 'evaluation') {
        await expect(page.getByTestId('test-accuracy')).toBeVisible();
        await expect(page.getByTestId('gallery-image').first()).toBeVisible();
      }
      await page.locator('details').evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
      left.push(...(await englishLeft(page)));
    }
    expect([...new Set(left)]).toEqual([]);

    // The switch: English at once, the Worker's words included, and lang=en in the link beside the settings.
    const zhReason = await page.getByTestId('backend-reason').textContent();
    await expect(page.getByTestId('language-zh')).toHaveAttribute('aria-pressed', 'true');
    await page.getByTestId('language-en').click();
    await expect(page.getByTestId('language-en')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByTestId('train')).toHaveText('Train');
    await expect(page.getByTestId('backend-reason')).toContainText('no hardware GPU');
    expect(await page.getByTestId('backend-reason').textContent()).not.toBe(zhReason);
    await expect(page.getByTestId('run').first()).toContainText('done');
    // A panel in a hidden tab takes the language when it is shown.
    await showPanel(page, 'evaluation');
    await expect(page.getByTestId('test-accuracy')).toContainText('10,000 test images');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
    expect(new URL(page.url()).searchParams.get('model')).toBe('tiny');

    await page.reload();
    await expect(page.getByTestId('backend-name')).toBeVisible({ timeout: 60_000 });
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByTestId('train')).toHaveText('Train');
    await expect(page.getByTestId('language-en')).toHaveAttribute('aria-pressed', 'true');
  });
});
