/**
 * Feature maps of the probed image, as the Worker sends them: one canvas per layer, each channel a small
 * tile, coloured through one viridis scale per layer. The scale is shared by all channels of a layer (the
 * Worker quantises them together), so a bright tile really is more active than a dim one next to it.
 *
 * Drawing is the only work done here and it happens once per `maps` event, never on hover or re-render:
 * the maps arrive every few steps while training, and the page must stay responsive.
 */
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { PointerEvent as ReactPointerEvent } from 'react';
import type { FeatureMapLayer, FeatureMapsEvent } from '../worker/protocol';
import { paintGrey } from './draw/grey-image';
import './feature-maps.css';

export interface FeatureMapsProps {
  maps: FeatureMapsEvent | null;
  /** The probed image, 28x28 row-major: bytes 0..255 or floats 0..1. Shown beside the maps. */
  inputPixels?: Uint8Array | Float32Array | null;
  caption?: string;
  /**
   * The conv layers' activation (TrainConfig.activation), for the section titles: the event does not say
   * which one ran, and calling a tanh map "after ReLU" would teach the wrong thing.
   */
  activation?: string;
}

/** Canvas pixels between tiles. */
export const TILE_GAP = 1;
/** Widest a section's canvas is drawn at 1:1; CSS shrinks it further on narrow screens. */
export const MAX_SECTION_WIDTH = 600;

/**
 * matplotlib's viridis (CC0, van der Walt & Smith), 256 RGB entries: perceptually uniform and readable
 * with the common colour-vision deficiencies and in greyscale.
 */
const VIRIDIS_HEX =
  '44015444025645045745055946075a46085c460a5d460b5e470d60470e61471063471164471365481467481668481769' +
  '48186a481a6c481b6d481c6e481d6f481f70482071482173482374482475482576482677482878482979472a7a472c7a' +
  '472d7b472e7c472f7d46307e46327e46337f463480453581453781453882443983443a83443b84433d84433e85423f85' +
  '4240864241864142874144874045884046883f47883f48893e49893e4a893e4c8a3d4d8a3d4e8a3c4f8a3c508b3b518b' +
  '3b528b3a538b3a548c39558c39568c38588c38598c375a8c375b8d365c8d365d8d355e8d355f8d34608d34618d33628d' +
  '33638d32648e32658e31668e31678e31688e30698e306a8e2f6b8e2f6c8e2e6d8e2e6e8e2e6f8e2d708e2d718e2c718e' +
  '2c728e2c738e2b748e2b758e2a768e2a778e2a788e29798e297a8e297b8e287c8e287d8e277e8e277f8e27808e26818e' +
  '26828e26828e25838e25848e25858e24868e24878e23888e23898e238a8d228b8d228c8d228d8d218e8d218f8d21908d' +
  '21918c20928c20928c20938c1f948c1f958b1f968b1f978b1f988b1f998a1f9a8a1e9b8a1e9c891e9d891f9e891f9f88' +
  '1fa0881fa1881fa1871fa28720a38620a48621a58521a68522a78522a88423a98324aa8325ab8225ac8226ad8127ad81' +
  '28ae8029af7f2ab07f2cb17e2db27d2eb37c2fb47c31b57b32b67a34b67935b77937b87838b9773aba763bbb753dbc74' +
  '3fbc7340bd7242be7144bf7046c06f48c16e4ac16d4cc26c4ec36b50c46a52c56954c56856c66758c7655ac8645cc863' +
  '5ec96260ca6063cb5f65cb5e67cc5c69cd5b6ccd5a6ece5870cf5773d05675d05477d1537ad1517cd2507fd34e81d34d' +
  '84d44b86d54989d5488bd6468ed64590d74393d74195d84098d83e9bd93c9dd93ba0da39a2da37a5db36a8db34aadc32' +
  'addc30b0dd2fb2dd2db5de2bb8de29bade28bddf26c0df25c2df23c5e021c8e020cae11fcde11dd0e11cd2e21bd5e21a' +
  'd8e219dae319dde318dfe318e2e418e5e419e7e419eae51aece51befe51cf1e51df4e61ef6e620f8e621fbe723fde725';

export const VIRIDIS: Uint8Array = (() => {
  const lut = new Uint8Array(256 * 3);
  for (let i = 0; i < lut.length; i++) lut[i] = parseInt(VIRIDIS_HEX.slice(i * 2, i * 2 + 2), 16);
  return lut;
})();

// RGBA packed as the platform stores ImageData, so a tile pixel is one 32-bit write. Filling the bytes
// through a view of the same buffer makes this right on either endianness.
const VIRIDIS_RGBA32: Uint32Array = (() => {
  const lut = new Uint32Array(256);
  const bytes = new Uint8Array(lut.buffer);
  for (let i = 0; i < 256; i++) {
    bytes[i * 4] = VIRIDIS[i * 3];
    bytes[i * 4 + 1] = VIRIDIS[i * 3 + 1];
    bytes[i * 4 + 2] = VIRIDIS[i * 3 + 2];
    bytes[i * 4 + 3] = 255;
  }
  return lut;
})();

const LEGEND_GRADIENT = (() => {
  const stops: string[] = [];
  for (let k = 0; k <= 16; k++) {
    const i = Math.min(255, k * 16);
    stops.push(`rgb(${VIRIDIS[i * 3]} ${VIRIDIS[i * 3 + 1]} ${VIRIDIS[i * 3 + 2]}) ${((i / 255) * 100).toFixed(1)}%`);
  }
  return `linear-gradient(to right, ${stops.join(', ')})`;
})();

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

type LayerData = Pick<FeatureMapLayer, 'height' | 'width' | 'channels' | 'values' | 'min' | 'max'>;

/** A quantised byte back in the layer's real units. */
export function dequantise(layer: Pick<FeatureMapLayer, 'min' | 'max'>, byte: number): number {
  return layer.min + (byte / 255) * (layer.max - layer.min);
}

/** The range of one channel in real units (the bytes are relative to the whole layer's [min, max]). */
export function channelRange(layer: LayerData, channel: number): { min: number; max: number } {
  if (!Number.isInteger(channel) || channel < 0 || channel >= layer.channels) {
    throw new RangeError(`Channel ${channel} is outside 0..${layer.channels - 1}.`);
  }
  const plane = layer.height * layer.width;
  const start = channel * plane;
  const end = Math.min(start + plane, layer.values.length);
  if (end <= start) return { min: NaN, max: NaN };
  let lo = 255;
  let hi = 0;
  for (let i = start; i < end; i++) {
    const v = layer.values[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return { min: dequantise(layer, lo), max: dequantise(layer, hi) };
}

/** Short, stable number text for legends and tooltips (weights are ~1e-2, activations up to ~1e2). */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-3) return v.toExponential(2);
  return String(Number(v.toPrecision(3)));
}

const ACTIVATION_NAMES: Record<string, string> = { relu: 'ReLU', tanh: 'tanh', sigmoid: 'sigmoid', linear: 'no activation' };

export function sectionTitle(layer: Pick<FeatureMapLayer, 'name' | 'stage' | 'channels' | 'height' | 'width'>, activation = 'relu'): string {
  const size = `${layer.height}×${layer.width}`;
  const shape = `(${layer.channels} ${layer.channels === 1 ? 'map' : 'maps'}, ${size})`;
  switch (layer.stage) {
    case 'conv':
      return `${layer.name} — after ${ACTIVATION_NAMES[activation] ?? activation} ${shape}`;
    case 'pool':
      return `${layer.name} — after max-pool ${shape}`;
    case 'lrn':
      return `${layer.name} — after LRN ${shape}`;
    case 'filters':
      return `${layer.name} (${size})`;
    default:
      return `${layer.name} — ${layer.stage} ${shape}`;
  }
}

/**
 * Paints the tiles into RGBA pixels (one 32-bit word per pixel, ImageData's byte order), layout.width wide.
 * Separate from the canvas so it can be tested without a DOM.
 */
export function paintTiles(px: Uint32Array, layer: LayerData, layout: TileLayout): void {
  const { width, cols, scale } = layout;
  const { width: w, height: h, channels, values } = layer;
  const plane = w * h;
  const tileW = w * scale;
  for (let c = 0; c < channels; c++) {
    const base = c * plane;
    if (base + plane > values.length) break; // a short buffer: draw what is there rather than garbage
    const ox = (c % cols) * (tileW + TILE_GAP);
    const oy = Math.floor(c / cols) * (h * scale + TILE_GAP);
    for (let y = 0; y < h; y++) {
      const row = (oy + y * scale) * width + ox;
      for (let x = 0; x < w; x++) {
        const colour = VIRIDIS_RGBA32[values[base + y * w + x]];
        const at = row + x * scale;
        for (let s = 0; s < scale; s++) px[at + s] = colour;
      }
      // The other rows of this zoomed pixel row are copies of the first.
      for (let s = 1; s < scale; s++) px.copyWithin(row + s * width, row, row + tileW);
    }
  }
}

function drawTiles(ctx: CanvasRenderingContext2D, layer: LayerData, layout: TileLayout): void {
  const { width, height } = layout;
  if (width === 0 || height === 0) return;
  const image = ctx.createImageData(width, height);
  // Gaps stay transparent, so the page's background shows between tiles.
  paintTiles(new Uint32Array(image.data.buffer, image.data.byteOffset, width * height), layer, layout);
  ctx.putImageData(image, 0, 0);
}

// Where the pointer is, not what it shows: the values are read from the current layer at render time, so a
// tooltip left open on a phone does not show the previous step's numbers after new maps arrive.
interface Hover {
  channel: number;
  px: number;
  py: number;
  /** Pointer position inside the section's canvas box, CSS pixels. */
  left: number;
  top: number;
  flip: boolean;
}

const LayerSection = memo(function LayerSection({ layer, title }: { layer: FeatureMapLayer; title: string }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<Hover | null>(null);
  const layout = useMemo(
    () => tileLayout(layer.channels, layer.width, layer.height, MAX_SECTION_WIDTH),
    [layer.channels, layer.width, layer.height],
  );

  useEffect(() => {
    const ctx = canvasRef.current?.getContext('2d');
    if (ctx) drawTiles(ctx, layer, layout);
  }, [layer, layout]);

  const onPointer = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    const canvas = e.currentTarget;
    const rect = canvas.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) return;
    const left = e.clientX - rect.left;
    const top = e.clientY - rect.top;
    // The canvas is CSS-scaled on narrow screens: map back to canvas pixels.
    const hit = tileAt(layout, layer.width, layer.height, layer.channels, (left * canvas.width) / rect.width, (top * canvas.height) / rect.height);
    if (!hit) {
      setHover(null);
      return;
    }
    setHover({ ...hit, left, top, flip: left > rect.width / 2 });
  };

  const shown = hover !== null && hover.channel < layer.channels ? hover : null;
  const range = shown ? channelRange(layer, shown.channel) : null;
  const here = shown ? layer.values[shown.channel * layer.width * layer.height + shown.py * layer.width + shown.px] : undefined;

  const label =
    `${title}: ${layer.channels} tiles of ${layer.height}×${layer.width} pixels in a ${layout.cols}×${layout.rows} grid, ` +
    `coloured with viridis from ${formatValue(layer.min)} (dark purple) to ${formatValue(layer.max)} (yellow).`;

  return (
    <section className="fm-section">
      <h3 className="fm-title">{title}</h3>
      <div className="fm-canvas-box" style={{ maxWidth: layout.width }}>
        <canvas
          ref={canvasRef}
          className="fm-canvas"
          data-testid="feature-map-canvas"
          data-layer={layer.name}
          width={layout.width}
          height={layout.height}
          role="img"
          aria-label={label}
          onPointerMove={onPointer}
          onPointerDown={onPointer}
          // A touch ends with pointerleave; hiding then would make a tap's tooltip vanish at once.
          onPointerLeave={(e) => {
            if (e.pointerType !== 'touch') setHover(null);
          }}
        />
        {shown && range && (
          <div
            className={shown.flip ? 'fm-tooltip fm-tooltip-flip' : 'fm-tooltip'}
            style={{ left: shown.left, top: shown.top }}
            role="tooltip"
          >
            <strong>{layer.name}</strong> · channel {shown.channel}
            <br />
            range {formatValue(range.min)} … {formatValue(range.max)}
            {here !== undefined && (
              <>
                <br />
                here {formatValue(dequantise(layer, here))}
              </>
            )}
          </div>
        )}
      </div>
      <div className="fm-legend" style={{ maxWidth: layout.width }}>
        <span className="fm-legend-value">{formatValue(layer.min)}</span>
        <span className="fm-legend-bar" style={{ background: LEGEND_GRADIENT }} aria-hidden="true" />
        <span className="fm-legend-value">{formatValue(layer.max)}</span>
      </div>
    </section>
  );
});

function InputImage({ pixels }: { pixels: Uint8Array | Float32Array }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const side = Math.round(Math.sqrt(pixels.length));
  const square = side > 0 && side * side === pixels.length;

  useEffect(() => {
    const ctx = canvasRef.current?.getContext('2d');
    if (!ctx || !square) return;
    // Bytes are 0..255 already; floats are 0..1 (the drawing pad and the predict command use those).
    paintGrey(ctx, pixels, side, { scale: pixels instanceof Float32Array ? 255 : 1 });
  }, [pixels, side, square]);

  if (!square) return null;
  return (
    <figure className="fm-input">
      <canvas
        ref={canvasRef}
        className="fm-input-canvas"
        width={side}
        height={side}
        role="img"
        aria-label={`The probed input image, ${side}×${side} pixels, in greyscale.`}
      />
      <figcaption>Input</figcaption>
    </figure>
  );
}

export function FeatureMaps({ maps, inputPixels, caption, activation = 'relu' }: FeatureMapsProps) {
  const text =
    caption ?? (maps ? (maps.probeIndex >= 0 ? `Test image #${maps.probeIndex}, step ${maps.step}` : `Your drawing, step ${maps.step}`) : undefined);

  return (
    <div className="feature-maps">
      <div className="fm-side">
        {inputPixels ? <InputImage pixels={inputPixels} /> : null}
        {text ? <p className="fm-caption">{text}</p> : null}
        <p className="fm-note">
          One colour scale per layer, shared by all its maps: dark purple is the layer&apos;s lowest value, yellow its highest.
          Hover or tap a tile for its channel&apos;s range.
        </p>
      </div>
      <div className="fm-sections">
        {maps === null ? (
          <p className="fm-empty">No feature maps yet: they appear once training has run a few steps.</p>
        ) : (
          <>
            {maps.layers.map((layer) => (
              <LayerSection key={layer.name} layer={layer} title={sectionTitle(layer, activation)} />
            ))}
            <LayerSection key={`${maps.filters.name}#filters`} layer={maps.filters} title={sectionTitle(maps.filters, activation)} />
          </>
        )}
      </div>
    </div>
  );
}

export default FeatureMaps;
