import { expect, test, type Page } from '@playwright/test';
import { open, waitForRunState } from './helpers';

/**
 * Words in Latin letters that the Chinese page may show: product, brand and technical names, units, and the names
 * of the dataset sources. Everything else in Latin letters is English left untranslated.
 */
const ALLOWED = new Set([
  // networks, activations, optimisers, initialisations and the paper's terms
  'AlexNet',
  'ReLU',
  'tanh',
  'sigmoid',
  'Adam',
  'SGD',
  'Glorot',
  'He',
  'LRN',
  'Dropout',
  'logits',
  'top',
  'PCA',
  'FLOPs',
  'ImageNet',
  'CIFAR',
  'NIPS',
  'epoch',
  'viridis',
  // Krizhevsky's program, whose layer files Figure 1's network and its init come from
  'cuda',
  'convnet',
  // units of memory
  'kB',
  // file formats and the frameworks a model is exported to
  'PyTorch',
  'Keras',
  'TensorFlow',
  'PNG',
  'SVG',
  'JSON',
  'CSV',
  // the paper's authors
  'Krizhevsky',
  'Sutskever',
  'Hinton',
  // data and where it comes from
  'MNIST',
  'Fashion',
  'Zalando',
  // backends, browsers and machines
  'WebGPU',
  'WebGL',
  'WASM',
  'WebAssembly',
  'SIMD',
  'JavaScript',
  'TensorFlow',
  'js',
  'Web',
  'Worker',
  'CPU',
  'GPU',
  'GPUs',
  'GTX',
  'SwiftShader',
  'OffscreenCanvas',
  // licences and units
  'CC',
  'BY',
  'SA',
  'MIT',
  'px',
  'GB',
  'MB',
  'ms',
]);

/** Layer names are identifiers of the network table (conv1, pool2, fc6, logits...), the same in every language. */
const LAYER_NAME = /^(conv|pool|lrn|dropout|fc)\d+$|^(flatten|logits)$/;

/**
 * Visible text of the page, and the aria-labels and titles of visible elements: text nodes outside <script>,
 * <style>, <code> (the article's TensorFlow code), aria-hidden subtrees and elements marked lang="en" (names and a
 * paper title kept in English, the language switch's "English"), under an element the browser renders.
 */
function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const skipped = (el: Element) => el.closest('script, style, code, [aria-hidden="true"], [lang|="en"]') !== null;
    // An <option> has no box of its own: it is seen when its <select> is.
    const shown = (el: Element) => (el.closest('select') ?? el).checkVisibility({ checkVisibilityCSS: true });
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      const text = node.textContent?.trim();
      if (el && text && !skipped(el) && shown(el)) texts.push(text);
    }
    for (const el of document.body.querySelectorAll('[aria-label], [title]')) {
      if (skipped(el) || !shown(el)) continue;
      for (const name of ['aria-label', 'title']) {
        const value = el.getAttribute(name)?.trim();
        if (value) texts.push(value);
      }
    }
    return texts;
  });
}

/** Each text with a word in Latin letters that is not allowed, and those words. */
async function englishLeft(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const text of await visibleTexts(page)) {
    // A word: Latin letters, with the digits of an identifier such as conv1. Single letters (k, N) are symbols, and
    // letters after a digit are part of a number (3x3, 1e-5).
    // File names and formats are names too (model.json, .bin, PNG).
    const bare = text.replace(/[\w-]*\.(json|bin|csv|py|safetensors|tar\.gz)\b/g, ' ');
    const words = (bare.match(/(?<![0-9])[A-Za-z][A-Za-z0-9]+/g) ?? []).filter((w) => !ALLOWED.has(w) && !LAYER_NAME.test(w));
    if (words.length > 0) found.push(`${words.join(' ')}  ←  ${text}`);
  }
  return found;
}

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
    await expect(page.getByTestId('test-accuracy')).toBeVisible();
    await expect(page.getByTestId('gallery-image').first()).toBeVisible();
    await expect(page.getByTestId('feature-map-canvas').first()).toBeVisible();
    await expect(page.getByTestId('chart-loss').locator('.chart-legend li').first()).toBeVisible();
    // ...and what is folded away: why not a faster backend, the run's settings, the 2012 AlexNet.
    await page.locator('details').evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    expect(await englishLeft(page)).toEqual([]);

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
