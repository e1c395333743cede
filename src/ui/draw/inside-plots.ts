/**
 * Painting for the "Inside the network" panel on a 2D canvas: a layer's activation histogram over steps as a heat
 * strip with the latest histogram beside it (TensorBoard's histogram view, turned into a strip), and small line
 * charts with a linear or logarithmic y axis. Canvas rather than SVG charts: a pair of runs shows a dozen strips
 * and six charts that redraw at every capture, and the page shares the CPU with training.
 *
 * Sizes are CSS pixels; the caller scales the context for the screen's pixel ratio.
 */
import { interpolateViridis } from 'd3-scale-chromatic';
import { binRange, HIST_BINS, LABELLED_EDGES } from '../../train/inside-scale';
import { blues, parseRgb } from './colour-maps';

const AXIS = '#666';
const GRID = '#e4e4e4';
const FONT = '10px system-ui, sans-serif';

/** Layers coloured by depth: dark purple for the first, green for the last (viridis, short of its pale yellow end). */
export function layerColor(i: number, n: number): string {
  return interpolateViridis(n <= 1 ? 0 : (0.8 * i) / (n - 1));
}

/** The bins from the lowest to the highest that hold any value in any of the histograms (at least one bin). */
export function binWindow(histograms: Iterable<ArrayLike<number>>): [number, number] {
  let lo = HIST_BINS;
  let hi = -1;
  for (const h of histograms) {
    for (let k = 0; k < HIST_BINS; k++) {
      if (h[k] > 0) {
        if (k < lo) lo = k;
        if (k > hi) hi = k;
      }
    }
  }
  return hi < 0 ? [0, HIST_BINS - 1] : [lo, hi];
}

/** The largest share in any bin of any of the histograms (0 when all are empty). */
export function maxShare(histograms: Iterable<ArrayLike<number>>): number {
  let m = 0;
  for (const h of histograms) for (let k = 0; k < HIST_BINS; k++) if (h[k] > m) m = h[k];
  return m;
}

export interface StripColumn {
  step: number;
  hist: ArrayLike<number>;
}

export interface StripOptions {
  width: number;
  height: number;
  /** Shown bins, inclusive: the same for both runs of a pair. */
  bins: [number, number];
  /** Steps 0..maxStep span the strip's width: the same for both runs. */
  maxStep: number;
  /** The share drawn darkest: the same for both runs. */
  vmax: number;
}

/** Left margin for the value labels, and the share of the rest the heat strip takes (the histogram the remainder). */
export const STRIP_LABELS = 34;
const STRIP_SHARE = 0.76;

/** Where bin k's row lies: [top, bottom) in CSS pixels, the lowest bin at the bottom. */
export function rowOf(k: number, bins: [number, number], height: number): [number, number] {
  const rows = bins[1] - bins[0] + 1;
  const h = height / rows;
  const fromTop = bins[1] - k;
  return [fromTop * h, (fromTop + 1) * h];
}

/** Each capture's column: from its step to the next capture's (the last one at least a few pixels wide). */
export function columnsOf(steps: number[], maxStep: number, left: number, width: number): [number, number][] {
  const x = (s: number) => left + (width * s) / Math.max(1, maxStep);
  return steps.map((s, i) => {
    const x0 = x(s);
    const x1 = i + 1 < steps.length ? x(steps[i + 1]) : Math.max(x0 + 3, x(maxStep));
    return [x0, Math.max(x1, x0 + 1)];
  });
}

/** The blues ramp as RGBA packed the way ImageData stores it (byte order, so right on either endianness). */
const BLUES_RGBA32: Uint32Array = (() => {
  const lut = new Uint32Array(256);
  const bytes = new Uint8Array(lut.buffer);
  for (let i = 0; i < 256; i++) bytes.set([...parseRgb(blues(i / 255)), 255], i * 4);
  return lut;
})();
const EMPTY_RGBA32 = new Uint32Array(new Uint8Array([250, 250, 250, 255]).buffer)[0];

/**
 * The heat strip's pixels: `width` x `height` RGBA words, column by column the capture whose steps it covers, row by
 * row its bin (the lowest at the bottom), shaded by the square root of the share (so that thin tails show) against
 * `vmax`, the same for both runs of a pair. One pass over the pixels, whatever the number of captures: a long run's
 * strip costs what a short one's does.
 */
export function stripPixels(
  columns: StripColumn[],
  o: Pick<StripOptions, 'bins' | 'maxStep' | 'vmax'>,
  width: number,
  height: number,
): Uint32Array {
  const out = new Uint32Array(width * height).fill(EMPTY_RGBA32);
  if (columns.length === 0 || !(o.vmax > 0) || width <= 0 || height <= 0) return out;
  const xs = columnsOf(
    columns.map((c) => c.step),
    o.maxStep,
    0,
    width,
  );
  const rows = o.bins[1] - o.bins[0] + 1;
  const binAt = Int32Array.from({ length: height }, (_, y) => o.bins[1] - Math.min(rows - 1, Math.floor((y * rows) / height)));
  let c = 0;
  for (let x = 0; x < width; x++) {
    // The capture whose column holds this pixel's centre, if any (right of the latest: none yet).
    while (c + 1 < columns.length && xs[c + 1][0] <= x + 0.5) c++;
    if (x + 0.5 < xs[c][0] || x + 0.5 >= xs[c][1]) continue;
    const hist = columns[c].hist;
    for (let y = 0; y < height; y++) {
      const v = hist[binAt[y]];
      if (v > 0) out[y * width + x] = BLUES_RGBA32[Math.min(255, Math.round(Math.sqrt(v / o.vmax) * 255))];
    }
  }
  return out;
}

/** The heat strip of a layer's histograms over steps, the latest histogram as bars on its right, and value labels. */
export function paintStrip(ctx: CanvasRenderingContext2D, columns: StripColumn[], o: StripOptions): void {
  const { width, height, bins } = o;
  ctx.clearRect(0, 0, width, height);
  const stripLeft = STRIP_LABELS;
  const stripWidth = Math.floor((width - STRIP_LABELS) * STRIP_SHARE);
  const barsLeft = stripLeft + stripWidth + 4;
  const barsWidth = width - barsLeft;
  // In device pixels: putImageData ignores the context's scale for the screen's pixel ratio.
  const { a: sx, d: sy } = ctx.getTransform();
  const [pw, ph] = [Math.max(1, Math.round(stripWidth * sx)), Math.max(1, Math.round(height * sy))];
  const image = ctx.createImageData(pw, ph);
  new Uint32Array(image.data.buffer).set(stripPixels(columns, o, pw, ph));
  ctx.putImageData(image, Math.round(stripLeft * sx), 0);
  const last = columns.at(-1);
  if (last && o.vmax > 0) {
    let m = 0;
    for (let k = bins[0]; k <= bins[1]; k++) m = Math.max(m, last.hist[k]);
    ctx.fillStyle = blues(0.75);
    for (let k = bins[0]; k <= bins[1]; k++) {
      const v = last.hist[k];
      if (!(v > 0) || m === 0) continue;
      const [y0, y1] = rowOf(k, bins, height);
      ctx.fillRect(barsLeft, y0 + 0.5, Math.max(1, (barsWidth * v) / m), Math.max(1, y1 - y0 - 1));
    }
  }
  // Value labels at the round edges inside the window, on the boundary between their bin and the one below.
  ctx.font = FONT;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  // From 0 outwards, so that where labels would collide (1 and 10 on a short strip) the one nearer 0 stays.
  const edges: { y: number; edge: number }[] = [];
  for (let k = bins[0] + 1; k <= bins[1]; k++) {
    const edge = binRange(k)[0];
    if (LABELLED_EDGES.includes(edge)) edges.push({ y: rowOf(k, bins, height)[1], edge });
  }
  edges.sort((a, b) => Math.abs(a.edge) - Math.abs(b.edge));
  const placed: number[] = [];
  for (const { y, edge } of edges) {
    if (placed.some((p) => Math.abs(p - y) < 11)) continue;
    placed.push(y);
    ctx.fillStyle = GRID;
    ctx.fillRect(stripLeft, Math.round(y), stripWidth, 1);
    ctx.fillStyle = AXIS;
    ctx.fillText(String(edge), stripLeft - 4, Math.min(height - 5, Math.max(5, y)));
  }
  ctx.strokeStyle = AXIS;
  ctx.lineWidth = 1;
  ctx.strokeRect(stripLeft + 0.5, 0.5, stripWidth - 1, height - 1);
}

export interface LineSeries {
  color: string;
  /** Points in step order; null values are gaps. */
  points: { x: number; y: number | null }[];
}

export interface LineOptions {
  width: number;
  height: number;
  maxX: number;
  /** y domain; on a log scale both must be > 0. */
  y: [number, number];
  log: boolean;
  /** A dashed horizontal line (the healthy update ratio, say). */
  reference?: number;
  /** Writes a y tick. */
  format: (v: number) => string;
}

export const LINE_MARGIN = { left: 44, right: 8, top: 6, bottom: 16 };

/** Round steps for the x axis: 0 and at most `count` whole multiples of 1, 2 or 5 times a power of ten. */
export function stepTicks(maxX: number, count = 5): number[] {
  if (!(maxX > 0)) return [0];
  const raw = Math.max(1, maxX / count);
  const p = 10 ** Math.floor(Math.log10(raw));
  const unit = [1, 2, 5, 10].map((m) => m * p).find((u) => u >= raw) ?? 10 * p;
  const ticks: number[] = [];
  for (let k = 0; k * unit <= maxX; k++) ticks.push(k * unit);
  return ticks;
}

/** 10^e written exactly (10 ** -5 is 0.000009999999999999999). */
const pow10 = (e: number) => Number(`1e${e}`);

/** Powers of ten within [lo, hi], thinned to at most `count`. */
export function logTicks(lo: number, hi: number, count = 5): number[] {
  const a = Math.ceil(Math.log10(lo) - 1e-9);
  const b = Math.floor(Math.log10(hi) + 1e-9);
  const every = Math.max(1, Math.ceil((b - a + 1) / count));
  const ticks: number[] = [];
  for (let e = a; e <= b; e += every) ticks.push(pow10(e));
  return ticks;
}

/** A log domain covering the values (and the reference), widened to whole decades. */
export function logDomain(values: Iterable<number | null>, reference?: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v == null || !(v > 0) || !Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (reference != null) {
    lo = Math.min(lo, reference);
    hi = Math.max(hi, reference);
  }
  if (!Number.isFinite(lo)) return [1e-4, 1];
  return [pow10(Math.floor(Math.log10(lo))), pow10(Math.ceil(Math.log10(hi) + (lo === hi ? 1e-9 : 0)))];
}

export function paintLines(ctx: CanvasRenderingContext2D, series: LineSeries[], o: LineOptions): void {
  const { width, height } = o;
  const m = LINE_MARGIN;
  const w = width - m.left - m.right;
  const h = height - m.top - m.bottom;
  ctx.clearRect(0, 0, width, height);
  const tx = (x: number) => m.left + (w * x) / Math.max(1, o.maxX);
  const [y0, y1] = o.log ? [Math.log10(o.y[0]), Math.log10(o.y[1])] : o.y;
  const ty = (y: number) => {
    const v = o.log ? Math.log10(y) : y;
    return m.top + h - (h * (v - y0)) / (y1 - y0 || 1);
  };
  ctx.font = FONT;
  ctx.lineWidth = 1;
  // Grid and y labels
  const yTicks = o.log ? logTicks(o.y[0], o.y[1]) : [0, 0.25, 0.5, 0.75, 1].map((f) => o.y[0] + f * (o.y[1] - o.y[0]));
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of yTicks) {
    const y = Math.round(ty(t)) + 0.5;
    ctx.strokeStyle = GRID;
    ctx.beginPath();
    ctx.moveTo(m.left, y);
    ctx.lineTo(m.left + w, y);
    ctx.stroke();
    ctx.fillStyle = AXIS;
    ctx.fillText(o.format(t), m.left - 4, y);
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of stepTicks(o.maxX)) ctx.fillText(String(t), Math.min(width - 12, tx(t)), m.top + h + 3);
  ctx.strokeStyle = AXIS;
  ctx.strokeRect(m.left + 0.5, m.top + 0.5, w, h);
  if (o.reference != null && o.reference >= o.y[0] && o.reference <= o.y[1]) {
    ctx.setLineDash([4, 3]);
    ctx.strokeStyle = '#333';
    ctx.beginPath();
    ctx.moveTo(m.left, ty(o.reference));
    ctx.lineTo(m.left + w, ty(o.reference));
    ctx.stroke();
    ctx.setLineDash([]);
  }
  ctx.lineWidth = 1.5;
  for (const s of series) {
    ctx.strokeStyle = s.color;
    ctx.fillStyle = s.color;
    ctx.beginPath();
    let drawing = false;
    for (const p of s.points) {
      const ok = p.y != null && Number.isFinite(p.y) && (!o.log || p.y > 0);
      if (!ok) {
        drawing = false;
        continue;
      }
      const [x, y] = [tx(p.x), ty(Math.min(Math.max(p.y!, o.y[0]), o.y[1]))];
      if (drawing) ctx.lineTo(x, y);
      else ctx.moveTo(x, y);
      drawing = true;
    }
    ctx.stroke();
    // A single point would not show as a line: mark the latest one.
    const last = s.points.findLast((p) => p.y != null && Number.isFinite(p.y) && (!o.log || p.y > 0));
    if (last) ctx.fillRect(tx(last.x) - 1.5, ty(Math.min(Math.max(last.y!, o.y[0]), o.y[1])) - 1.5, 3, 3);
  }
}
