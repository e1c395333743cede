import { describe, expect, it } from 'vitest';
import type { FeatureMapLayer } from '../../worker/protocol';
import { VIRIDIS_RGBA32 } from './colour-maps';
import { TILE_GAP, paintTiles, tileAt, tileLayout } from './tiles';

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

describe('tileLayout', () => {
  const fits = (l: ReturnType<typeof tileLayout>, n: number, w: number, h: number) => {
    expect(l.cols * l.rows).toBeGreaterThanOrEqual(n);
    expect((l.rows - 1) * l.cols).toBeLessThan(n); // no empty last row
    expect(l.width).toBe(l.cols * (w * l.scale + TILE_GAP) - TILE_GAP);
    expect(l.height).toBe(l.rows * (h * l.scale + TILE_GAP) - TILE_GAP);
    expect(Number.isInteger(l.scale)).toBe(true);
  };

  it('zooms a few maps 3x', () => {
    const l = tileLayout(4, 28, 28, 600);
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

    for (const [n, s] of [
      [128, 14],
      [256, 7],
      [256, 4],
      [384, 13],
      [96, 55],
    ] as const) {
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
    const colour = (byte: number) => Array.from(new Uint8Array(VIRIDIS_RGBA32.buffer, byte * 4, 4));

    // Channel 0, top-left source pixel covers canvas pixels 0..2 x 0..2.
    for (const [x, y] of [
      [0, 0],
      [2, 2],
      [1, 2],
    ])
      expect(at(x, y)).toEqual(colour(0));
    expect(at(0, 0)).toEqual([0x44, 0x01, 0x54, 255]); // viridis' dark purple
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

  it('paints colour filters (rgb: HWC bytes per tile) in their own colours', () => {
    // 2 filters of 1x2 pixels: red then green, blue then white.
    const values = Uint8Array.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255]);
    const l = layer({ name: 'conv1 filters', stage: 'filters', channels: 2, height: 1, width: 2, values, rgb: true });
    const layout = { cols: 2, rows: 1, scale: 1, width: 2 * 3 - 1, height: 1 };
    const px = new Uint32Array(layout.width * layout.height);
    paintTiles(px, l, layout);
    const rgba = Array.from(new Uint8Array(px.buffer));
    expect(rgba).toEqual([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 0, 0, 0, 0, 255, 255, 255, 255, 255, 255]);
  });
});
