import { describe, expect, it } from 'vitest';
import { VIRIDIS_GRADIENT, VIRIDIS_RGBA32, blues, oranges, parseRgb } from './colour-maps';

const bytes = new Uint8Array(VIRIDIS_RGBA32.buffer);
const viridis = (i: number) => Array.from(bytes.subarray(i * 4, i * 4 + 4));
const luminance = ([r, g, b]: number[]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;

describe('parseRgb', () => {
  it('reads both ways d3 writes a colour', () => {
    expect(parseRgb('#44015a')).toEqual([0x44, 0x01, 0x5a]);
    expect(parseRgb('rgb(8, 48, 107)')).toEqual([8, 48, 107]);
    expect(() => parseRgb('steelblue')).toThrow();
  });
});

describe('viridis', () => {
  it('has 256 opaque entries from dark purple to yellow, packed in ImageData byte order', () => {
    expect(VIRIDIS_RGBA32).toHaveLength(256);
    expect(viridis(0)).toEqual([0x44, 0x01, 0x54, 255]);
    expect(viridis(128)).toEqual([0x21, 0x91, 0x8c, 255]);
    expect(viridis(255)).toEqual([0xfd, 0xe7, 0x25, 255]);
    for (let i = 0; i < 256; i++) expect(bytes[i * 4 + 3]).toBe(255);
  });

  it('gets brighter all the way up, so greyscale and colour-blind readers see the same order', () => {
    // Every 4th entry: neighbours can tie once the floats are rounded to bytes.
    for (let i = 4; i < 256; i += 4) expect(luminance(viridis(i))).toBeGreaterThan(luminance(viridis(i - 4)));
    expect(luminance(viridis(255))).toBeGreaterThan(luminance(viridis(252)));
  });

  it('gives the legend a gradient from the first entry to the last', () => {
    expect(VIRIDIS_GRADIENT).toMatch(/^linear-gradient\(to right, rgb\(68 1 84\) 0\.0%, .*rgb\(253 231 37\) 100\.0%\)$/);
  });
});

describe('confusion-matrix ramps', () => {
  it('give #rrggbb colours, clamping t to 0..1', () => {
    for (const ramp of [blues, oranges]) {
      for (const t of [-1, 0, 0.3, 1, 2, NaN]) expect(ramp(t)).toMatch(/^#[0-9a-f]{6}$/);
      expect(ramp(-1)).toBe(ramp(0));
      expect(ramp(2)).toBe(ramp(1));
    }
    expect(blues(1)).toBe('#08306b');
    expect(oranges(1)).toBe('#7f2704');
  });

  it('go from light to dark all the way, so counts read in greyscale too', () => {
    for (const ramp of [blues, oranges]) {
      const l = (t: number) => luminance(parseRgb(ramp(t)));
      for (let k = 1; k <= 32; k++) expect(l(k / 32)).toBeLessThan(l((k - 1) / 32));
      // The palest end stays visible against a white page.
      expect(l(0)).toBeLessThan(luminance([250, 250, 250]));
    }
  });
});
