import { describe, expect, it } from 'vitest';
import { cellIndices, mostConfidentMistakes, predictionCaption } from './mistakes';

const labels = Uint8Array.from([4, 4, 1, 9, 7, 4, 3, 4]);
const predictions = Uint8Array.from([4, 9, 1, 4, 1, 9, 3, 9]);
const confidence = Float32Array.from([0.99, 0.6, 0.9, 0.97, 0.8, 0.95, 0.5, 0.6]);

describe('mostConfidentMistakes', () => {
  it('lists wrong predictions only, most confident first, ties by index', () => {
    expect(mostConfidentMistakes(labels, predictions, confidence, 10)).toEqual([3, 5, 4, 1, 7]);
  });

  it('stops at the limit', () => {
    expect(mostConfidentMistakes(labels, predictions, confidence, 2)).toEqual([3, 5]);
    expect(mostConfidentMistakes(labels, predictions, confidence, 0)).toEqual([]);
  });

  it('is empty when every prediction is right', () => {
    expect(mostConfidentMistakes(labels, labels, confidence, 5)).toEqual([]);
  });

  it('only looks at images that were evaluated', () => {
    expect(mostConfidentMistakes(labels, predictions.subarray(0, 4), confidence, 10)).toEqual([3, 1]);
  });

  it('puts NaN confidence last', () => {
    const c = Float32Array.from(confidence);
    c[3] = Number.NaN;
    expect(mostConfidentMistakes(labels, predictions, c, 10)).toEqual([5, 4, 1, 7, 3]);
  });
});

describe('cellIndices', () => {
  it('finds the images of one confusion cell in test-set order', () => {
    expect(cellIndices(labels, predictions, 4, 9, 10)).toEqual([1, 5, 7]);
    expect(cellIndices(labels, predictions, 4, 4, 10)).toEqual([0]);
    expect(cellIndices(labels, predictions, 2, 2, 10)).toEqual([]);
  });

  it('stops at the limit', () => {
    expect(cellIndices(labels, predictions, 4, 9, 2)).toEqual([1, 5]);
  });
});

describe('predictionCaption', () => {
  it('names the classes and rounds the confidence, in either language', () => {
    // A no-break space keeps each class with its word ("predicted 9") when a narrow tile wraps the caption.
    const nbsp = (s: string) => s.replaceAll('\u00a0', ' ');
    const digits = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
    expect(nbsp(predictionCaption('en', digits, 4, 9, 0.973))).toBe('true 4 → predicted 9 (97%)');
    expect(predictionCaption('en', ['T-shirt'], 0, 3)).toBe('true\u00a0T-shirt → predicted\u00a03');
    expect(nbsp(predictionCaption('zh', digits, 4, 9, 0.973))).toBe('真实 4 → 预测 9（97%）');
    expect(nbsp(predictionCaption('zh', ['T恤/上衣'], 0, 3, Number.NaN))).toBe('真实 T恤/上衣 → 预测 3');
  });
});
