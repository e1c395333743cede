import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatCount,
  formatDecimal,
  formatDuration,
  formatFlops,
  formatList,
  formatMegabytes,
  formatPercent,
  formatSetting,
  formatSignificant,
} from './format';

describe('number formats', () => {
  it('counts, percentages and durations in English', () => {
    expect(formatCount(55000, 'en')).toBe('55,000');
    expect(formatPercent(0.9731, 'en')).toBe('97.3%');
    expect(formatPercent(0.9731, 'en', 2)).toBe('97.31%');
    expect(formatPercent(1, 'en', 0)).toBe('100%');
    expect(formatPercent(undefined, 'en')).toBe('–');
    expect(formatDecimal(1234.56, 'en')).toBe('1,234.6');
    expect([45_000, 187_000, 7_500_000].map((ms) => formatDuration(ms, 'en'))).toEqual(['45 s', '3 min 7 s', '2 h 5 min']);
    expect(formatDuration(Number.NaN, 'en')).toBe('–');
    expect(formatList(['Learning rate', 'Batch size', 'Epochs'], 'en')).toBe('Learning rate, Batch size, and Epochs');
    expect(formatMegabytes(45_901_234, 'en')).toBe('45.9 MB');
  });

  it('counts, percentages and durations in Chinese', () => {
    expect(formatCount(55000, 'zh')).toBe('55,000');
    expect(formatPercent(0.9731, 'zh')).toBe('97.3%');
    expect(formatPercent(undefined, 'zh')).toBe('–');
    expect(formatDecimal(1234.56, 'zh')).toBe('1,234.6');
    expect([45_000, 187_000, 7_500_000].map((ms) => formatDuration(ms, 'zh'))).toEqual(['45 秒', '3 分 7 秒', '2 小时 5 分']);
    expect(formatDuration(-1, 'zh')).toBe('–');
    expect(formatList(['学习率', '批大小', '轮数'], 'zh')).toBe('学习率、批大小和轮数');
    expect(formatMegabytes(1_234_567_890, 'zh')).toBe('1,234.6 MB');
  });

  it('FLOPs and measured values of any size', () => {
    expect([2.5e9, 45.6e6, 7800].map(formatFlops)).toEqual(['2.50 G', '45.6 M', '7.8 k']);
    expect([4.523e9, 341.39e6, 62.8e6, 7800].map(formatBytes)).toEqual(['4.52 GB', '341 MB', '62.8 MB', '7.8 kB']);
    expect([0, 0.0123456, 4.5678, 1.234e-5, 25000, -0.5, -0.0412, 123456].map(formatSignificant)).toEqual([
      '0',
      '0.0123',
      '4.57',
      '1.23e-5',
      '2.50e+4',
      '-0.5',
      '-0.0412',
      '1.23e+5',
    ]);
    expect(formatSignificant(Number.NaN)).toBe('NaN');
  });

  it('ratios with two decimals, so a column lines up', () => {
    expect([1.4, 1.5666, 12, null].map((r) => formatDecimal(r, 'en', 2))).toEqual(['1.40', '1.57', '12.00', '–']);
  });

  it('settings read as typed, without float noise', () => {
    expect([0.001, 0.001 / 9, 0.1 + 0.2, 64, 5e-4].map(formatSetting)).toEqual(['0.001', '1.11e-4', '0.3', '64', '5e-4']);
    expect(formatSetting(Number.NaN)).toBe('');
  });
});
