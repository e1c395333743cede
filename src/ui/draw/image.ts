/**
 * Paints one image of any shape into a canvas of its size: greyscale (1 channel) or RGB (3, a pixel's channels
 * together, HWC, as the datasets hold them). Each value times `scale` (1 for bytes 0..255, 255 for floats 0..1),
 * rounded and clamped; `invert` draws greyscale as dark ink on white (the probe strip's digits).
 */
export interface ImageShape {
  height: number;
  width: number;
  channels: number;
}

/** Writes the image's RGBA bytes into `rgba` (width x height x 4). Separate from the canvas for tests. */
export function imageRgba(
  rgba: Uint8ClampedArray,
  values: ArrayLike<number>,
  { height, width, channels }: ImageShape,
  { scale = 1, invert = false }: { scale?: number; invert?: boolean } = {},
): void {
  const byte = (v: number) => Math.max(0, Math.min(255, Math.round(v * scale)));
  for (let i = 0; i < height * width; i++) {
    if (channels === 3) {
      rgba[i * 4] = byte(values[i * 3]);
      rgba[i * 4 + 1] = byte(values[i * 3 + 1]);
      rgba[i * 4 + 2] = byte(values[i * 3 + 2]);
    } else {
      const v = byte(values[i * channels]);
      rgba[i * 4] = rgba[i * 4 + 1] = rgba[i * 4 + 2] = invert ? 255 - v : v;
    }
    rgba[i * 4 + 3] = 255;
  }
}

/** imageRgba onto a canvas of the image's size. */
export function paintImage(
  ctx: CanvasRenderingContext2D,
  values: ArrayLike<number>,
  shape: ImageShape,
  options?: { scale?: number; invert?: boolean },
): void {
  const image = ctx.createImageData(shape.width, shape.height);
  imageRgba(image.data, values, shape, options);
  ctx.putImageData(image, 0, 0);
}

/** Bytes of one image of this shape. */
export const imageSize = (s: ImageShape): number => s.height * s.width * s.channels;
