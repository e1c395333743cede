import { describe, expect, it } from 'vitest';
import { imageRgba, imageSize, paintImage } from './image';

/** Just enough of a 2D context to see what was painted. */
function fakeContext() {
  const painted: { data: Uint8ClampedArray }[] = [];
  const ctx = {
    createImageData: (w: number, h: number) => ({ data: new Uint8ClampedArray(w * h * 4) }),
    putImageData: (image: { data: Uint8ClampedArray }) => painted.push(image),
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, painted };
}

const GREY_2X2 = { height: 2, width: 2, channels: 1 };

describe('painting an image of any shape', () => {
  it('paints RGB pixels (HWC) in their colours, opaque', () => {
    const rgba = new Uint8ClampedArray(2 * 4);
    imageRgba(rgba, Uint8Array.from([255, 0, 0, 10, 200, 30]), { height: 1, width: 2, channels: 3 });
    expect(Array.from(rgba)).toEqual([255, 0, 0, 255, 10, 200, 30, 255]);
  });

  it('paints greyscale as grey, floats scaled and clamped, inverted on request', () => {
    const rgba = new Uint8ClampedArray(2 * 4);
    imageRgba(rgba, Float32Array.from([0.5, 1.5]), { height: 1, width: 2, channels: 1 }, { scale: 255 });
    expect(Array.from(rgba)).toEqual([128, 128, 128, 255, 255, 255, 255, 255]);
    imageRgba(rgba, Uint8Array.from([0, 255]), { height: 2, width: 1, channels: 1 }, { invert: true });
    expect(Array.from(rgba)).toEqual([255, 255, 255, 255, 0, 0, 0, 255]);
    expect(imageSize({ height: 32, width: 32, channels: 3 })).toBe(3072);
  });

  // What paintGrey (src/ui/draw/grey-image.ts, the drawn digit's preview) checked before paintImage took its place.
  it('paints a square greyscale image on a canvas: bytes as grey, floats scaled to 0..255 and clamped, opaque', () => {
    const { ctx, painted } = fakeContext();
    paintImage(ctx, Uint8Array.from([0, 128, 255, 7]), GREY_2X2);
    paintImage(ctx, Float32Array.from([0, 0.5, 1.2, -0.1]), GREY_2X2, { scale: 255 });
    expect(Array.from(painted[0].data)).toEqual([0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 255, 255, 7, 7, 7, 255]);
    expect(Array.from(painted[1].data)).toEqual([0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 255, 255, 0, 0, 0, 255]);
  });

  it('inverts a greyscale canvas for dark ink on white', () => {
    const { ctx, painted } = fakeContext();
    paintImage(ctx, Uint8Array.from([0, 255, 55, 200]), GREY_2X2, { invert: true });
    expect(Array.from(painted[0].data.filter((_, i) => i % 4 === 0))).toEqual([255, 0, 200, 55]);
  });
});
