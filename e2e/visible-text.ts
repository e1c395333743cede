/** What the Chinese page may show in Latin letters, and a walk over the visible text that finds the rest. */
import type { Page } from '@playwright/test';

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
  'softmax',
  'top',
  'PCA',
  'FLOPs',
  'ImageNet',
  'CIFAR',
  'NIPS',
  'VGG',
  'Xavier',
  'NaN',
  'epoch',
  'viridis',
  // Krizhevsky's program, whose layer files Figure 1's network and its init come from
  'cuda',
  'convnet',
  // units of memory
  'kB',
  'MB',
  // file formats and the frameworks a model is exported to
  'PyTorch',
  'Keras',
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
  'Node',
  'SwiftShader',
  'OffscreenCanvas',
  // licences and units
  'CC',
  'BY',
  'SA',
  'MIT',
  'px',
  'GB',
  'ms',
]);

/** Layer names are identifiers of the network table (conv1, pool2, fc6, logits...), the same in every language. */
/** A file's name or extension: `cifar-10-binary.tar.gz`, `.json`. */
const FILE_NAME = /[\w-]*(\.[\w-]+)*\.(gz|tar|json|csv|png|svg|bin|py|safetensors)\b/g;

const LAYER_NAME = /^(conv|pool|lrn|dropout|fc)\d+$|^(flatten|logits)$/;

/**
 * Visible text of the page, and the aria-labels and titles of visible elements: text nodes outside <script>,
 * <style>, <code> (the article's TensorFlow code), aria-hidden subtrees, elements marked lang="en" (names and a
 * paper title kept in English, the language switch's "English") and lang="zxx" (a link), under an element the browser
 * renders.
 */
function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const skipped = (el: Element) => el.closest('script, style, code, [aria-hidden="true"], [lang|="en"], [lang="zxx"]') !== null;
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
export async function englishLeft(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const text of await visibleTexts(page)) {
    // A word: Latin letters, with the digits of an identifier such as conv1. Single letters (k, N) are symbols, and
    // letters after a digit are part of a number (3x3, 1e-5). A file's name (cifar-10-binary.tar.gz, .json) is a name.
    const words = (text.replace(FILE_NAME, ' ').match(/(?<![0-9A-Za-z])[A-Za-z][A-Za-z0-9]+/g) ?? []).filter(
      (w) => !ALLOWED.has(w) && !LAYER_NAME.test(w),
    );
    if (words.length > 0) found.push(`${words.join(' ')}  ←  ${text}`);
  }
  return found;
}
