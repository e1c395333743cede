import { describe, expect, it } from 'vitest';
import { imageRgba, imageSize } from './image';

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
});
