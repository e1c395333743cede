/**
 * The browser's image decoder for folder imports (src/data/folder.ts's DecodeImage): createImageBitmap decodes the
 * file (off the thread, in the browser's own decoders), a second createImageBitmap crops the centre square and
 * resizes it with the browser's high-quality filter, and an OffscreenCanvas hands back the pixels.
 */
import type { DecodeImage } from '../data/folder';

const canvases = new Map<number, OffscreenCanvasRenderingContext2D>();

function context(size: number): OffscreenCanvasRenderingContext2D {
  let ctx = canvases.get(size);
  if (!ctx) {
    const c = new OffscreenCanvas(size, size).getContext('2d', { willReadFrequently: true });
    if (!c) throw new Error('no 2D canvas in this browser');
    ctx = c;
    canvases.set(size, ctx);
  }
  return ctx;
}

export const decodeImage: DecodeImage = async (file, size) => {
  let full: ImageBitmap;
  try {
    full = await createImageBitmap(file);
  } catch (error) {
    // Chromium's reason ("The source image could not be decoded.") says it well.
    throw new Error(error instanceof Error ? error.message : String(error), { cause: error });
  }
  let square: ImageBitmap | null = null;
  try {
    const side = Math.min(full.width, full.height);
    if (side === 0) throw new Error('the image is empty');
    const sx = Math.floor((full.width - side) / 2);
    const sy = Math.floor((full.height - side) / 2);
    square = await createImageBitmap(full, sx, sy, side, side, { resizeWidth: size, resizeHeight: size, resizeQuality: 'high' });
    // No await from here to getImageData: the shared canvas is never drawn by two images at once.
    const ctx = context(size);
    ctx.clearRect(0, 0, size, size); // transparent pixels come out black, as a zero-padded border does
    ctx.drawImage(square, 0, 0);
    const rgba = ctx.getImageData(0, 0, size, size).data;
    const rgb = new Uint8Array(size * size * 3);
    for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
      rgb[j] = rgba[i];
      rgb[j + 1] = rgba[i + 1];
      rgb[j + 2] = rgba[i + 2];
    }
    return rgb;
  } finally {
    full.close();
    square?.close();
  }
};
