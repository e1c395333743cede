import { describe, expect, it } from 'vitest';
import { englishText } from '../i18n/message';
import { textIn } from '../i18n/text';
import type { FeatureMapLayer } from '../worker/protocol';
import { sectionTitle as titleMessage } from './feature-map-labels';

function layer(over: Partial<FeatureMapLayer> & Pick<FeatureMapLayer, 'channels' | 'height' | 'width'>): FeatureMapLayer {
  return { name: 'conv1', stage: 'conv', values: new Uint8Array(0), min: 0, max: 1, ...over };
}

const sectionTitle = (l: FeatureMapLayer, activation?: string) => englishText(titleMessage(l, activation));

describe('labels', () => {
  it('titles each stage', () => {
    expect(sectionTitle(layer({ channels: 64, height: 28, width: 28 }))).toBe('conv1 — after ReLU (64 maps, 28×28)');
    expect(sectionTitle(layer({ channels: 64, height: 28, width: 28 }), 'tanh')).toBe('conv1 — after tanh (64 maps, 28×28)');
    expect(sectionTitle(layer({ name: 'pool1', stage: 'pool', channels: 64, height: 14, width: 14 }))).toBe(
      'pool1 — after max-pool (64 maps, 14×14)',
    );
    expect(sectionTitle(layer({ name: 'lrn1', stage: 'lrn', channels: 64, height: 14, width: 14 }))).toBe(
      'lrn1 — after LRN (64 maps, 14×14)',
    );
    expect(sectionTitle(layer({ name: 'conv1 filters', stage: 'filters', channels: 64, height: 3, width: 3 }))).toBe('conv1 filters (3×3)');
    expect(sectionTitle(layer({ name: 'pool1', stage: 'pool', channels: 1, height: 14, width: 14 }))).toBe(
      'pool1 — after max-pool (1 map, 14×14)',
    );
  });

  it('titles each stage in Chinese, the kernels in words', () => {
    expect(textIn('zh', titleMessage(layer({ channels: 64, height: 28, width: 28 })))).toBe('conv1 — 经过 ReLU 之后（64 张特征图，28×28）');
    expect(textIn('zh', titleMessage(layer({ name: 'lrn1', stage: 'lrn', channels: 64, height: 14, width: 14 })))).toBe(
      'lrn1 — 局部响应归一化之后（64 张特征图，14×14）',
    );
    expect(textIn('zh', titleMessage(layer({ name: 'conv1 filters', stage: 'filters', channels: 64, height: 3, width: 3 })))).toBe(
      'conv1 卷积核（3×3）',
    );
  });
});
