import { describe, expect, it } from 'vitest';
import { paintGrey } from './grey-image';

/** Just enough of a 2D context to see what was painted. */
function fakeContext() {
  const painted: { data: Uint8ClampedArray }[] = [];
  const ctx = {
    createImageData: (w: number, h: number) => ({ data: new Uint8ClampedArray(w * h * 4) }),
    putImageData: (image: { data: Uint8ClampedArray }) => painted.push(image),
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, painted };
}

describe('paintGrey', () => {
  it('paints bytes as grey, floats scaled to 0..255 and clamped, opaque', () => {
    const { ctx, painted } = fakeContext();
    paintGrey(ctx, Uint8Array.from([0, 128, 255, 7]), 2);
    paintGrey(ctx, Float32Array.from([0, 0.5, 1.2, -0.1]), 2, { scale: 255 });
    expect(Array.from(painted[0].data)).toEqual([0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 255, 255, 7, 7, 7, 255]);
    expect(Array.from(painted[1].data)).toEqual([0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 255, 255, 0, 0, 0, 255]);
  });

  it('inverts for dark ink on white', () => {
    const { ctx, painted } = fakeContext();
    paintGrey(ctx, Uint8Array.from([0, 255, 55, 200]), 2, { invert: true });
    expect(Array.from(painted[0].data.filter((_, i) => i % 4 === 0))).toEqual([255, 0, 200, 55]);
  });
});
