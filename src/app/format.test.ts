import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatDuration, formatFlops, formatPercent, formatSetting, formatSignificant } from './format';

describe('number formats', () => {
  it('counts, percentages and durations', () => {
    expect(formatCount(55000)).toBe('55,000');
    expect(formatPercent(0.9731)).toBe('97.3%');
    expect(formatPercent(0.9731, 2)).toBe('97.31%');
    expect(formatPercent(undefined)).toBe('–');
    expect([45_000, 187_000, 7_500_000].map(formatDuration)).toEqual(['45 s', '3 min 7 s', '2 h 5 min']);
    expect(formatDuration(Number.NaN)).toBe('–');
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

  it('settings read as typed, without float noise', () => {
    expect([0.001, 0.001 / 9, 0.1 + 0.2, 64, 5e-4].map(formatSetting)).toEqual(['0.001', '1.11e-4', '0.3', '64', '5e-4']);
    expect(formatSetting(Number.NaN)).toBe('');
  });
});
