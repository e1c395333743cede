/**
 * A layer's channels as a grid of small tiles on one canvas: where each tile goes, which tile is under the
 * pointer, and painting the quantised bytes through viridis.
 */
import type { FeatureMapLayer } from '../../worker/protocol';
import { VIRIDIS_RGBA32 } from './colour-maps';

/** Canvas pixels between tiles. */
export const TILE_GAP = 1;

export interface TileLayout {
  cols: number;
  rows: number;
  /** Integer zoom of every tile, so pixels stay square and crisp. */
  scale: number;
  /** Canvas size in pixels, gaps included. */
  width: number;
  height: number;
}

/**
 * What the painter reads from a layer: its shape and its bytes (the real-unit range only matters to labels). With
 * `rgb` (the first layer's filters on colour images) each tile is height x width x 3 bytes, drawn in its colours.
 */
export type TileSource = Pick<FeatureMapLayer, 'height' | 'width' | 'channels' | 'values' | 'rgb'>;

/** One opaque RGBA pixel as the platform stores ImageData (written through bytes, so right on either endianness). */
const word = new Uint32Array(1);
const wordBytes = new Uint8Array(word.buffer);
function rgba32(r: number, g: number, b: number): number {
  wordBytes[0] = r;
  wordBytes[1] = g;
  wordBytes[2] = b;
  wordBytes[3] = 255;
  return word[0];
}

/**
 * Grid for `channels` tiles of tileW x tileH. Picks the largest integer zoom (3x, more for tiny tiles such
 * as 3x3 kernels, so they are big enough to see) at which the grid fits a maxWidth square, dropping to 2x
 * and 1x for layers with many channels; at 1x it fits the width and lets the height grow.
 */
export function tileLayout(channels: number, tileW: number, tileH: number, maxWidth: number): TileLayout {
  const n = Math.max(0, Math.floor(channels));
  if (n === 0 || tileW <= 0 || tileH <= 0) return { cols: 0, rows: 0, scale: 1, width: 0, height: 0 };
  const maxScale = Math.max(3, Math.floor(24 / Math.max(tileW, tileH)));
  const budget = Math.max(1, maxWidth);
  let best: TileLayout | null = null;
  for (let scale = maxScale; scale >= 1; scale--) {
    const stepX = tileW * scale + TILE_GAP;
    const stepY = tileH * scale + TILE_GAP;
    const fitCols = Math.max(1, Math.min(n, Math.floor((budget + TILE_GAP) / stepX)));
    const rows = Math.ceil(n / fitCols);
    // Spread the tiles over those rows evenly, so the last row is not a lone straggler.
    const cols = Math.ceil(n / rows);
    const layout = { cols, rows, scale, width: cols * stepX - TILE_GAP, height: rows * stepY - TILE_GAP };
    best = layout;
    if (layout.width <= budget && layout.height <= budget) break;
  }
  return best as TileLayout;
}

/** Which channel, and which pixel of it, lies under canvas pixel (x, y); null over a gap or past the end. */
export function tileAt(
  layout: TileLayout,
  tileW: number,
  tileH: number,
  channels: number,
  x: number,
  y: number,
): { channel: number; px: number; py: number } | null {
  const stepX = tileW * layout.scale + TILE_GAP;
  const stepY = tileH * layout.scale + TILE_GAP;
  if (x < 0 || y < 0 || layout.cols === 0) return null;
  const col = Math.floor(x / stepX);
  const row = Math.floor(y / stepY);
  const inX = x - col * stepX;
  const inY = y - row * stepY;
  if (col >= layout.cols || row >= layout.rows) return null;
  if (inX >= tileW * layout.scale || inY >= tileH * layout.scale) return null;
  const channel = row * layout.cols + col;
  if (channel >= channels) return null;
  return { channel, px: Math.floor(inX / layout.scale), py: Math.floor(inY / layout.scale) };
}

/**
 * Paints the tiles into RGBA pixels (one 32-bit word per pixel, ImageData's byte order), layout.width wide.
 * Separate from the canvas so it can be tested without a DOM.
 */
export function paintTiles(px: Uint32Array, layer: TileSource, layout: TileLayout): void {
  const { width, cols, scale } = layout;
  const { width: w, height: h, channels, values, rgb } = layer;
  const depth = rgb ? 3 : 1;
  const plane = w * h * depth;
  const tileW = w * scale;
  for (let c = 0; c < channels; c++) {
    const base = c * plane;
    if (base + plane > values.length) break; // a short buffer: draw what is there rather than garbage
    const ox = (c % cols) * (tileW + TILE_GAP);
    const oy = Math.floor(c / cols) * (h * scale + TILE_GAP);
    for (let y = 0; y < h; y++) {
      const row = (oy + y * scale) * width + ox;
      for (let x = 0; x < w; x++) {
        const at = base + (y * w + x) * depth;
        const colour = rgb ? rgba32(values[at], values[at + 1], values[at + 2]) : VIRIDIS_RGBA32[values[at]];
        const to = row + x * scale;
        for (let s = 0; s < scale; s++) px[to + s] = colour;
      }
      // The other rows of this zoomed pixel row are copies of the first.
      for (let s = 1; s < scale; s++) px.copyWithin(row + s * width, row, row + tileW);
    }
  }
}

/** paintTiles onto a canvas sized layout.width x layout.height. */
export function drawTiles(ctx: CanvasRenderingContext2D, layer: TileSource, layout: TileLayout): void {
  const { width, height } = layout;
  if (width === 0 || height === 0) return;
  const image = ctx.createImageData(width, height);
  // Gaps stay transparent, so the page's background shows between tiles.
  paintTiles(new Uint32Array(image.data.buffer, image.data.byteOffset, width * height), layer, layout);
  ctx.putImageData(image, 0, 0);
}
