/**
 * Paints a side×side greyscale image into a canvas: each value times `scale` (1 for bytes 0..255, 255 for
 * floats 0..1), rounded and clamped to 0..255; `invert` draws dark ink on white, as the probe strip does.
 */
export function paintGrey(
  ctx: CanvasRenderingContext2D,
  values: ArrayLike<number>,
  side: number,
  { scale = 1, invert = false }: { scale?: number; invert?: boolean } = {},
): void {
  const image = ctx.createImageData(side, side);
  for (let i = 0; i < side * side; i++) {
    const v = Math.max(0, Math.min(255, Math.round(values[i] * scale)));
    image.data[i * 4] = image.data[i * 4 + 1] = image.data[i * 4 + 2] = invert ? 255 - v : v;
    image.data[i * 4 + 3] = 255;
  }
  ctx.putImageData(image, 0, 0);
}
