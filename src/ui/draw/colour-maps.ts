/**
 * The colour maps the components draw with, taken from d3-scale-chromatic and turned once, at load, into the
 * forms the drawing code wants: packed pixels for the feature-map painter, CSS strings for legends and cells.
 */
import { interpolateBlues, interpolateOranges, interpolateViridis } from 'd3-scale-chromatic';

export type Rgb = [number, number, number];

/** The bytes of a colour as d3 writes it: "#rrggbb" (its schemes) or "rgb(r, g, b)" (its interpolators). */
export function parseRgb(css: string): Rgb {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(css);
  if (hex) return [parseInt(hex[1], 16), parseInt(hex[2], 16), parseInt(hex[3], 16)];
  const fn = /^rgb\(\s*(\d+),\s*(\d+),\s*(\d+)\s*\)$/.exec(css);
  if (fn) return [Number(fn[1]), Number(fn[2]), Number(fn[3])];
  throw new Error(`Not a colour d3 writes: ${css}`);
}

function toHex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Viridis (perceptually uniform, readable with the common colour-vision deficiencies and in greyscale), one entry
 * per quantised byte. d3's viridis is a 256-colour table indexed by floor(t * 256): asking for the middle of each
 * entry's interval returns entry i exactly, with no rounding doubt at the edges.
 */
const VIRIDIS_RGB: Rgb[] = Array.from({ length: 256 }, (_, i) => parseRgb(interpolateViridis((i + 0.5) / 256)));

/**
 * Viridis as RGBA packed the way the platform stores ImageData, so a tile pixel is one 32-bit write. Filling the
 * bytes through a view of the same buffer makes this right on either endianness.
 */
export const VIRIDIS_RGBA32: Uint32Array = (() => {
  const lut = new Uint32Array(256);
  const bytes = new Uint8Array(lut.buffer);
  VIRIDIS_RGB.forEach(([r, g, b], i) => bytes.set([r, g, b, 255], i * 4));
  return lut;
})();

/** A left-to-right CSS gradient of viridis for legends: dark purple for a layer's lowest value, yellow its highest. */
export const VIRIDIS_GRADIENT: string = (() => {
  const stops: string[] = [];
  for (let k = 0; k <= 16; k++) {
    const i = Math.min(255, k * 16);
    const [r, g, b] = VIRIDIS_RGB[i];
    stops.push(`rgb(${r} ${g} ${b}) ${((i / 255) * 100).toFixed(1)}%`);
  }
  return `linear-gradient(to right, ${stops.join(', ')})`;
})();

/** t in 0..1 (clamped) to a "#rrggbb" colour, lightest at 0 and darkest at 1. */
export type Ramp = (t: number) => string;

/**
 * d3's interpolators run from near-white, which would vanish against the page; the ramps start further in. Where
 * is a choice of look, not of correctness: this start keeps the confusion matrix close to the ColorBrewer stops it
 * was drawn with before d3 supplied them.
 */
const RAMP_START = 0.2;

function lightToDark(interpolate: (t: number) => string): Ramp {
  const table = Array.from({ length: 256 }, (_, i) => toHex(parseRgb(interpolate(RAMP_START + ((1 - RAMP_START) * i) / 255))));
  return (t) => table[Math.round(Math.min(1, Math.max(0, t)) * 255) || 0];
}

/**
 * ColorBrewer's single-hue Blues and Oranges: each gets darker all the way, so counts read in the right order in
 * greyscale and for every kind of colour blindness.
 */
export const blues: Ramp = lightToDark(interpolateBlues);
export const oranges: Ramp = lightToDark(interpolateOranges);
