import { describe, expect, it } from 'vitest';
import { englishText as en } from '../i18n/message';
import { textIn } from '../i18n/text';
import { alexNet2012, playgroundNetwork } from '../model/networks';
import { DEFAULT_CONFIG } from '../settings';
import { describeLayer } from './model-words';

const zh = (m: Parameters<typeof en>[0]) => textIn('zh', m);

describe('the network summary in words', () => {
  it('describes each layer of the article’s network from its fields', () => {
    const layers = playgroundNetwork({ ...DEFAULT_CONFIG, model: 'article', pooling: '3x3s2', dropout: 0.2 }).layers;
    const byName = Object.fromEntries(layers.map((l) => [l.name, describeLayer(l)]));
    expect(en(byName.conv1)).toBe('64 × 3x3, same, ReLU');
    expect(en(byName.pool1)).toBe('max 3x3/2 (overlapping)');
    expect(en(byName.dropout1)).toBe('rate 0.2');
    expect(en(byName.fc1)).toBe('1024 units, ReLU');
    expect(en(byName.logits)).toBe('10 units, linear');
    expect(zh(byName.conv1)).toBe('64 个 3x3 卷积核，填充保持尺寸，ReLU');
    expect(zh(byName.pool1)).toBe('最大池化 3x3，步长 2（重叠）');
    expect(zh(byName.logits)).toBe('10 个神经元，线性');
  });

  it('names the paper’s strides and GPU groups', () => {
    const [conv1, , , conv2] = alexNet2012(true).layers;
    expect(en(describeLayer(conv1))).toBe('96 × 11x11/4, valid, ReLU');
    expect(en(describeLayer(conv2))).toBe('256 × 5x5, same, 2 groups, ReLU');
    expect(zh(describeLayer(conv1))).toBe('96 个 11x11 卷积核，步长 4，不填充，ReLU');
  });
});
