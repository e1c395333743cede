import { describe, expect, it } from 'vitest';
import type { FeatureMapLayer } from '../worker/protocol';
import { MAPS_BUDGET, mapsInterval } from '../train/feature-maps';
import {
  MAX_SECTION_WIDTH,
  TILE_GAP,
  VIRIDIS,
  channelRange,
  dequantise,
  formatValue,
  paintTiles,
  sectionTitle,
  tileAt,
  tileLayout,
} from './FeatureMaps';

function layer(over: Partial<FeatureMapLayer> & Pick<FeatureMapLayer, 'channels' | 'height' | 'width'>): FeatureMapLayer {
  return {
    name: 'conv1',
    stage: 'conv',
    values: new Uint8Array(over.channels * over.height * over.width),
    min: 0,
    max: 1,
    ...over,
  };
}

const luminance = (i: number) => 0.2126 * VIRIDIS[i * 3] + 0.7152 * VIRIDIS[i * 3 + 1] + 0.0722 * VIRIDIS[i * 3 + 2];

describe('VIRIDIS', () => {
  it('has 256 RGB entries from dark purple to yellow', () => {
    expect(VIRIDIS).toBeInstanceOf(Uint8Array);
    expect(VIRIDIS).toHaveLength(256 * 3);
    expect(Array.from(VIRIDIS.subarray(0, 3))).toEqual([0x44, 0x01, 0x54]);
    expect(Array.from(VIRIDIS.subarray(128 * 3, 129 * 3))).toEqual([0x21, 0x91, 0x8c]);
    expect(Array.from(VIRIDIS.subarray(255 * 3))).toEqual([0xfd, 0xe7, 0x25]);
  });

  it('gets brighter all the way up, so greyscale and colour-blind readers see the same order', () => {
    // Every 4th entry: neighbours can tie once the floats are rounded to bytes.
    for (let i = 4; i < 256; i += 4) expect(luminance(i)).toBeGreaterThan(luminance(i - 4));
    expect(luminance(255)).toBeGreaterThan(luminance(252));
  });
});

describe('tileLayout', () => {
  const fits = (l: ReturnType<typeof tileLayout>, n: number, w: number, h: number) => {
    expect(l.cols * l.rows).toBeGreaterThanOrEqual(n);
    expect((l.rows - 1) * l.cols).toBeLessThan(n); // no empty last row
    expect(l.width).toBe(l.cols * (w * l.scale + TILE_GAP) - TILE_GAP);
    expect(l.height).toBe(l.rows * (h * l.scale + TILE_GAP) - TILE_GAP);
    expect(Number.isInteger(l.scale)).toBe(true);
  };

  it('zooms a few maps 3x', () => {
    const l = tileLayout(4, 28, 28, MAX_SECTION_WIDTH);
    expect(l).toEqual({ cols: 4, rows: 1, scale: 3, width: 4 * 85 - 1, height: 84 });
  });

  it('shrinks tiles for many channels to stay within the width', () => {
    const l64 = tileLayout(64, 28, 28, 600);
    fits(l64, 64, 28, 28);
    expect(l64.scale).toBe(2);
    expect(l64.width).toBeLessThanOrEqual(600);
    expect(l64.height).toBeLessThanOrEqual(600);

    const l256 = tileLayout(256, 28, 28, 600);
    fits(l256, 256, 28, 28);
    expect(l256.scale).toBe(1);
    expect(l256.width).toBeLessThanOrEqual(600);

    for (const [n, s] of [[128, 14], [256, 7], [256, 4], [384, 13], [96, 55]] as const) {
      const l = tileLayout(n, s, s, 600);
      fits(l, n, s, s);
      expect(l.width).toBeLessThanOrEqual(600);
      expect(l.scale).toBeGreaterThanOrEqual(1);
    }
  });

  it('never zooms less as the channel count falls', () => {
    let prev = 0;
    for (const n of [512, 256, 128, 64, 32, 16, 8, 1]) {
      const l = tileLayout(n, 14, 14, 600);
      expect(l.scale).toBeGreaterThanOrEqual(prev);
      prev = l.scale;
    }
  });

  it('makes tiny kernels big enough to see', () => {
    const l = tileLayout(64, 3, 3, 600);
    fits(l, 64, 3, 3);
    expect(l.scale * 3).toBeGreaterThanOrEqual(15);
    expect(l.width).toBeLessThanOrEqual(600);
  });

  it('keeps one column when even one tile is wider than the limit', () => {
    const l = tileLayout(3, 700, 10, 600);
    expect(l.cols).toBe(1);
    expect(l.rows).toBe(3);
    expect(l.scale).toBe(1);
  });

  it('handles an empty layer', () => {
    expect(tileLayout(0, 28, 28, 600)).toMatchObject({ cols: 0, rows: 0, width: 0, height: 0 });
  });
});

describe('tileAt', () => {
  const l = tileLayout(10, 4, 4, 600); // 10 tiles of 4x4 at 6x: 24px + 1px gap
  it('finds the channel and the pixel under the pointer', () => {
    expect(l.scale).toBe(6);
    expect(tileAt(l, 4, 4, 10, 0, 0)).toEqual({ channel: 0, px: 0, py: 0 });
    expect(tileAt(l, 4, 4, 10, 25 + 23, 5)).toEqual({ channel: 1, px: 3, py: 0 });
    expect(tileAt(l, 4, 4, 10, 24, 5)).toBeNull(); // the gap
  });
  it('returns null past the last channel', () => {
    const g = tileLayout(5, 28, 28, 200); // 3 columns at 2x: 2 rows, the last one short
    expect(g).toMatchObject({ cols: 3, rows: 2, scale: 2 });
    expect(tileAt(g, 28, 28, 5, 2 * 57 + 10, 57 + 10)).toBeNull();
    expect(tileAt(g, 28, 28, 5, 57 + 10, 57 + 10)?.channel).toBe(4);
    expect(tileAt(g, 28, 28, 5, g.width + 5, 10)).toBeNull();
  });
});

describe('channelRange', () => {
  it('maps one channel’s bytes back to real units over the layer range', () => {
    const values = new Uint8Array(3 * 4);
    values.set([0, 255, 10, 20], 0); // channel 0 spans the whole layer
    values.set([51, 102, 102, 51], 4); // channel 1: 0.2..0.4 of the range
    values.set([7, 7, 7, 7], 8); // channel 2: constant
    const l = layer({ channels: 3, height: 2, width: 2, values, min: -1, max: 4 });
    expect(channelRange(l, 0)).toEqual({ min: -1, max: 4 });
    const c1 = channelRange(l, 1);
    expect(c1.min).toBeCloseTo(0, 10);
    expect(c1.max).toBeCloseTo(1, 10);
    const c2 = channelRange(l, 2);
    expect(c2.min).toBe(c2.max);
    expect(c2.min).toBeCloseTo(dequantise(l, 7), 12);
  });

  it('rejects a channel that does not exist', () => {
    const l = layer({ channels: 2, height: 1, width: 1 });
    expect(() => channelRange(l, 2)).toThrow(RangeError);
    expect(() => channelRange(l, -1)).toThrow(RangeError);
    expect(() => channelRange(l, 0.5)).toThrow(RangeError);
  });

  it('gives NaN for a channel missing from a short buffer instead of reading past it', () => {
    const l = layer({ channels: 2, height: 2, width: 2, values: new Uint8Array(4) });
    expect(channelRange(l, 1)).toEqual({ min: NaN, max: NaN });
  });
});

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
    expect(sectionTitle(layer({ name: 'conv1 filters', stage: 'filters', channels: 64, height: 3, width: 3 }))).toBe(
      'conv1 filters (3×3)',
    );
  });

  it('formats values compactly', () => {
    expect(formatValue(0)).toBe('0');
    expect(formatValue(1.23456)).toBe('1.23');
    expect(formatValue(-0.0412)).toBe('-0.0412');
    expect(formatValue(123456)).toBe('1.23e+5');
    expect(formatValue(NaN)).toBe('NaN');
  });
});

describe('paintTiles', () => {
  it('zooms each channel into its own tile, viridis-coloured, with transparent gaps', () => {
    // 3 channels of 2x2; channel c holds bytes [c*80, c*80+1, c*80+2, 255].
    const values = new Uint8Array(12);
    for (let c = 0; c < 3; c++) values.set([c * 80, c * 80 + 1, c * 80 + 2, 255], c * 4);
    const l = layer({ channels: 3, height: 2, width: 2, values });
    const layout = { cols: 2, rows: 2, scale: 3, width: 2 * 7 - 1, height: 2 * 7 - 1 };
    const px = new Uint32Array(layout.width * layout.height);
    paintTiles(px, l, layout);
    const rgba = new Uint8Array(px.buffer);
    const at = (x: number, y: number) => Array.from(rgba.subarray((y * layout.width + x) * 4, (y * layout.width + x) * 4 + 4));
    const colour = (byte: number) => [...VIRIDIS.subarray(byte * 3, byte * 3 + 3), 255];

    // Channel 0, top-left source pixel covers canvas pixels 0..2 x 0..2.
    for (const [x, y] of [[0, 0], [2, 2], [1, 2]]) expect(at(x, y)).toEqual(colour(0));
    expect(at(3, 0)).toEqual(colour(1));
    expect(at(5, 5)).toEqual(colour(255));
    // The gap column and row.
    expect(at(6, 0)).toEqual([0, 0, 0, 0]);
    expect(at(0, 6)).toEqual([0, 0, 0, 0]);
    // Channel 1 starts after the gap; channel 2 wraps to the second row.
    expect(at(7, 0)).toEqual(colour(80));
    expect(at(0, 7)).toEqual(colour(160));
    expect(at(3, 10)).toEqual(colour(255));
    // The unused fourth cell stays empty.
    expect(at(10, 10)).toEqual([0, 0, 0, 0]);
  });
});

describe('how often feature maps are captured', () => {
  it('keeps capture plus drawing within 2% of training time, never more often than asked', () => {
    expect(mapsInterval(10, 5, 5, 400)).toBe(10); // a big net: 10 ms of maps per 4 s of training
    // A small net on a page whose drawing is slow: 10 + 60 ms per capture, 50 ms steps → every 70 steps.
    expect(mapsInterval(10, 10, 60, 50)).toBe(70);
    expect(mapsInterval(10, 10, 0, 50)).toBe(10);
    expect(mapsInterval(0, 1, 1, 50)).toBe(Infinity);
    expect(mapsInterval(5, 10, 10, 0)).toBe(5); // no step time measured yet
    expect(MAPS_BUDGET).toBe(0.02);
  });
});
