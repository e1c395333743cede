import type { Language } from '../i18n/languages';
import { msg } from '../i18n/message';
import { textIn } from '../i18n/text';
import { formatPercent } from './format';

/**
 * Picking test images to show from an evaluation: the network's most confident mistakes, and the images behind one
 * confusion-matrix cell. Pure, so the page and Node tests share it.
 */

/** Only the images every array covers were evaluated; a shorter array means a partial evaluation. */
function evaluatedCount(...arrays: ArrayLike<number>[]): number {
  return Math.min(...arrays.map((a) => a.length));
}

/**
 * Indices of wrongly predicted images, most confident first (ties by index, so the order is stable between runs).
 * Confident mistakes teach the most: they are where the network is sure and wrong, often a mislabelled or odd image.
 */
export function mostConfidentMistakes(labels: Uint8Array, predictions: Uint8Array, confidence: Float32Array, limit: number): number[] {
  if (!(limit > 0)) return [];
  const n = evaluatedCount(labels, predictions, confidence);
  const wrong: number[] = [];
  for (let i = 0; i < n; i++) if (labels[i] !== predictions[i]) wrong.push(i);
  // NaN confidence (a diverged network) sorts last rather than scrambling the order.
  const key = (i: number) => (Number.isNaN(confidence[i]) ? -Infinity : confidence[i]);
  wrong.sort((a, b) => key(b) - key(a) || a - b);
  return wrong.slice(0, Math.floor(limit));
}

/** Indices of test images with true class `truth` predicted as `predicted`, in test-set order, at most `limit`. */
export function cellIndices(labels: Uint8Array, predictions: Uint8Array, truth: number, predicted: number, limit: number): number[] {
  const result: number[] = [];
  const n = evaluatedCount(labels, predictions);
  for (let i = 0; i < n && result.length < limit; i++) {
    if (labels[i] === truth && predictions[i] === predicted) result.push(i);
  }
  return result;
}

/**
 * Caption under a test image in the page's language, e.g. "true 4 → predicted 9 (97%)" / "真实 4 → 预测 9（97%）";
 * class names fall back to the number.
 */
export function predictionCaption(language: Language, classNames: string[], truth: number, predicted: number, confidence?: number): string {
  const values = { truth: classNames[truth] ?? String(truth), predicted: classNames[predicted] ?? String(predicted) };
  const words =
    confidence !== undefined && Number.isFinite(confidence)
      ? msg('evaluation.captionSure', { ...values, confidence: formatPercent(confidence, language, 0) })
      : msg('evaluation.caption', values);
  return textIn(language, words);
}
