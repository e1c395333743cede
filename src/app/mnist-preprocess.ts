/**
 * Turns a free-hand drawing into what an MNIST-trained network expects to see.
 * Pure (no DOM), so Node tests can pin the recipe down.
 *
 * The recipe is LeCun's for MNIST: size-normalise the ink's bounding box into a 20x20 box keeping the aspect
 * ratio, with anti-aliasing (here exact area averaging, so edges get MNIST-like grey levels), then place it in a
 * 28x28 field translated so its centre of mass sits at the centre. Measured on the MNIST test set, the ink's
 * longer side spans 20 pixels and the centre of mass (pixel centres at integer indices) averages (14.0, 14.0),
 * which is what a whole-pixel shift towards index 14 reproduces; a fractional shift would add blur MNIST lacks.
 */

export const MNIST_SIZE = 28;
export const MNIST_BOX = 20;
/** Index (pixel centres at integers) that MNIST puts the centre of mass on, in both axes. */
export const MNIST_CENTRE = 14;

/** Fainter than this is treated as canvas anti-aliasing fringe, not ink, when finding the bounding box. */
const INK_THRESHOLD = 0.05;

/**
 * Centre of mass of a greyscale image, in pixel indices (pixel (0,0)'s centre is at 0,0).
 * Null when the image has no mass, since there is no meaningful centre to report.
 */
export function centreOfMass(pixels: Float32Array, w: number, h: number): { x: number; y: number } | null {
  let mass = 0;
  let sx = 0;
  let sy = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = pixels[y * w + x];
      mass += v;
      sx += x * v;
      sy += y * v;
    }
  }
  return mass > 0 ? { x: sx / mass, y: sy / mass } : null;
}

/**
 * Ink per pixel, 0..1. Alpha times luminance covers both white strokes on a transparent canvas and white
 * strokes on an opaque black one; getImageData is not premultiplied, so anti-aliased edges keep a white colour
 * with partial alpha and come out grey, as they should.
 */
function inkOf(rgba: Uint8ClampedArray, width: number, height: number): Float32Array {
  const ink = new Float32Array(width * height);
  for (let i = 0; i < ink.length; i++) {
    const r = rgba[i * 4];
    const g = rgba[i * 4 + 1];
    const b = rgba[i * 4 + 2];
    const a = rgba[i * 4 + 3];
    const luminance = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    ink[i] = (a / 255) * luminance;
  }
  return ink;
}

/**
 * Area weights for one axis: for each output pixel, which source pixels it covers and by how much (as a fraction
 * of the output pixel). Output pixel o covers source interval [start + (o - offset) / scale, ... + 1 / scale).
 */
function axisWeights(
  outSize: number,
  srcStart: number,
  srcEnd: number,
  scale: number,
  offset: number,
): { index: number; weight: number }[][] {
  const result: { index: number; weight: number }[][] = [];
  for (let o = 0; o < outSize; o++) {
    const lo = srcStart + (o - offset) / scale;
    const hi = srcStart + (o + 1 - offset) / scale;
    const taps: { index: number; weight: number }[] = [];
    const first = Math.max(srcStart, Math.floor(lo));
    const last = Math.min(srcEnd - 1, Math.ceil(hi) - 1);
    for (let j = first; j <= last; j++) {
      const overlap = Math.min(hi, j + 1) - Math.max(lo, j);
      if (overlap > 0) taps.push({ index: j, weight: overlap * scale });
    }
    result.push(taps);
  }
  return result;
}

/**
 * Drawing (RGBA bytes, row-major) to a 28x28 MNIST-like image, values 0..1 row-major; null when nothing is drawn.
 */
export function preprocessDrawing(rgba: Uint8ClampedArray, width: number, height: number): Float32Array | null {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new RangeError(`preprocessDrawing: bad size ${width}x${height}`);
  }
  if (rgba.length < width * height * 4) {
    throw new RangeError(`preprocessDrawing: ${rgba.length} bytes is too few for ${width}x${height} RGBA`);
  }
  const ink = inkOf(rgba, width, height);

  let x0 = width;
  let x1 = -1;
  let y0 = height;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x] > INK_THRESHOLD) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  if (x1 < 0) return null;

  const boxW = x1 - x0 + 1;
  const boxH = y1 - y0 + 1;
  const scale = MNIST_BOX / Math.max(boxW, boxH);
  // The longer side fills exactly 20 whole pixels; the shorter side is centred in as many pixels as it touches.
  const fitW = boxW * scale;
  const fitH = boxH * scale;
  const boxOutW = Math.min(MNIST_BOX, Math.max(1, Math.ceil(fitW - 1e-9)));
  const boxOutH = Math.min(MNIST_BOX, Math.max(1, Math.ceil(fitH - 1e-9)));
  const wx = axisWeights(boxOutW, x0, x1 + 1, scale, (boxOutW - fitW) / 2);
  const wy = axisWeights(boxOutH, y0, y1 + 1, scale, (boxOutH - fitH) / 2);

  // Separable: horizontal pass over the box rows, then vertical pass.
  const rows = new Float32Array(boxH * boxOutW);
  for (let y = 0; y < boxH; y++) {
    const srcRow = (y0 + y) * width;
    for (let o = 0; o < boxOutW; o++) {
      let sum = 0;
      for (const { index, weight } of wx[o]) sum += ink[srcRow + index] * weight;
      rows[y * boxOutW + o] = sum;
    }
  }
  const box = new Float32Array(boxOutW * boxOutH);
  let peak = 0;
  for (let o = 0; o < boxOutH; o++) {
    for (let x = 0; x < boxOutW; x++) {
      let sum = 0;
      for (const { index, weight } of wy[o]) sum += rows[(index - y0) * boxOutW + x] * weight;
      box[o * boxOutW + x] = sum;
      if (sum > peak) peak = sum;
    }
  }
  if (peak <= 0) return null;
  // Nearly every MNIST digit reaches full white; a thin stroke drawn large would otherwise come out faint.
  for (let i = 0; i < box.length; i++) box[i] = Math.min(1, box[i] / peak);

  const com = centreOfMass(box, boxOutW, boxOutH);
  if (!com) return null;
  // Whole-pixel shift towards the centre, clamped so a lopsided drawing is never cut off at the edge.
  const dx = clamp(Math.round(MNIST_CENTRE - com.x), 0, MNIST_SIZE - boxOutW);
  const dy = clamp(Math.round(MNIST_CENTRE - com.y), 0, MNIST_SIZE - boxOutH);

  const out = new Float32Array(MNIST_SIZE * MNIST_SIZE);
  for (let y = 0; y < boxOutH; y++) {
    out.set(box.subarray(y * boxOutW, (y + 1) * boxOutW), (y + dy) * MNIST_SIZE + dx);
  }
  return out;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
