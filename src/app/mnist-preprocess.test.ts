import { describe, expect, it } from 'vitest';
import { centreOfMass, preprocessDrawing } from './mnist-preprocess';

const SIZE = 280;

/** A transparent canvas, as DrawDigit's is before any stroke. */
function blankCanvas(w = SIZE, h = SIZE): Uint8ClampedArray {
  return new Uint8ClampedArray(w * h * 4);
}

/** Paints an opaque white rectangle, like a thick stroke on the drawing canvas. */
function paintRect(rgba: Uint8ClampedArray, w: number, x0: number, y0: number, rw: number, rh: number): void {
  for (let y = y0; y < y0 + rh; y++) {
    for (let x = x0; x < x0 + rw; x++) {
      rgba.set([255, 255, 255, 255], (y * w + x) * 4);
    }
  }
}

/** Extent of pixels above a faint threshold: how big the digit looks in the 28x28 image. */
function inkBox(img: Float32Array): { w: number; h: number } {
  let x0 = 28,
    x1 = -1,
    y0 = 28,
    y1 = -1;
  for (let y = 0; y < 28; y++) {
    for (let x = 0; x < 28; x++) {
      if (img[y * 28 + x] > 0.01) {
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y);
      }
    }
  }
  return { w: x1 - x0 + 1, h: y1 - y0 + 1 };
}

function expectCentred(img: Float32Array): void {
  const com = centreOfMass(img, 28, 28);
  expect(com).not.toBeNull();
  // MNIST's own digits: centre of mass within half a pixel of index 14 (the field centre is 13.5..14).
  expect(Math.abs(com!.x - 14)).toBeLessThanOrEqual(0.5);
  expect(Math.abs(com!.y - 14)).toBeLessThanOrEqual(0.5);
}

describe('centreOfMass', () => {
  it('weights pixel indices by value', () => {
    const img = new Float32Array(9);
    img[0] = 1; // (0,0)
    img[8] = 3; // (2,2)
    expect(centreOfMass(img, 3, 3)).toEqual({ x: 1.5, y: 1.5 });
  });

  it('is null for an image with no mass', () => {
    expect(centreOfMass(new Float32Array(16), 4, 4)).toBeNull();
  });
});

describe('preprocessDrawing', () => {
  it('returns null for an empty drawing, transparent or opaque black', () => {
    expect(preprocessDrawing(blankCanvas(), SIZE, SIZE)).toBeNull();
    const black = blankCanvas();
    for (let i = 3; i < black.length; i += 4) black[i] = 255;
    expect(preprocessDrawing(black, SIZE, SIZE)).toBeNull();
  });

  it('size-normalises an off-centre square blob to 20 px and centres it by mass', () => {
    const rgba = blankCanvas();
    paintRect(rgba, SIZE, 10, 150, 60, 60); // top-left-ish, far from the middle
    const img = preprocessDrawing(rgba, SIZE, SIZE)!;
    expect(img).toBeInstanceOf(Float32Array);
    expect(img.length).toBe(28 * 28);
    for (const v of img) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
    expect(Math.max(...img)).toBeCloseTo(1, 5);
    const box = inkBox(img);
    expect(box.w).toBe(20);
    expect(box.h).toBe(20);
    expectCentred(img);
  });

  it('keeps the aspect ratio of a wide stroke', () => {
    const rgba = blankCanvas();
    paintRect(rgba, SIZE, 20, 30, 200, 50); // 4:1
    const img = preprocessDrawing(rgba, SIZE, SIZE)!;
    const box = inkBox(img);
    expect(box.w).toBe(20);
    expect(box.h).toBe(5);
    expectCentred(img);
  });

  it('keeps the aspect ratio of a tall stroke (a "1") and scales small drawings up', () => {
    const rgba = blankCanvas();
    paintRect(rgba, SIZE, 200, 5, 8, 40); // 1:5, smaller than the 20 px target
    const img = preprocessDrawing(rgba, SIZE, SIZE)!;
    const box = inkBox(img);
    expect(box.h).toBe(20);
    expect(box.w).toBe(4);
    expectCentred(img);
  });

  it('uses luminance as ink on an opaque black canvas, and anti-aliases curved edges to grey', () => {
    const rgba = blankCanvas();
    for (let i = 3; i < rgba.length; i += 4) rgba[i] = 255;
    for (let y = 0; y < SIZE; y++) {
      for (let x = 0; x < SIZE; x++) {
        if ((x - 120) ** 2 + (y - 160) ** 2 <= 50 ** 2) rgba.set([255, 255, 255], (y * SIZE + x) * 4);
      }
    }
    const img = preprocessDrawing(rgba, SIZE, SIZE)!;
    expectCentred(img);
    const greys = img.filter((v) => v > 0.01 && v < 0.99);
    expect(greys.length).toBeGreaterThan(0);
  });

  it('centres an L shape by its mass, not by its bounding box', () => {
    const rgba = blankCanvas();
    paintRect(rgba, SIZE, 40, 40, 20, 200); // upright bar
    paintRect(rgba, SIZE, 40, 220, 120, 20); // foot along the bottom
    const img = preprocessDrawing(rgba, SIZE, SIZE)!;
    expectCentred(img);
    const box = inkBox(img);
    expect(box.h).toBe(20);
    expect(box.w).toBe(12);
    let left = 28;
    for (let i = 0; i < img.length; i++) if (img[i] > 0.01) left = Math.min(left, i % 28);
    // Bounding-box centring would start the 12 px wide box at column 8; the heavy bar pulls it right.
    expect(left).toBeGreaterThan(9);
  });

  it('never cuts off a lopsided drawing, even if its mass cannot reach the centre', () => {
    const rgba = blankCanvas();
    paintRect(rgba, SIZE, 20, 20, 40, 200); // heavy bar on the left
    paintRect(rgba, SIZE, 20, 215, 200, 5); // thin long foot
    const img = preprocessDrawing(rgba, SIZE, SIZE)!;
    const box = inkBox(img);
    expect(box.w).toBe(20);
    expect(box.h).toBe(20);
  });

  it('rejects a buffer too small for the stated size', () => {
    expect(() => preprocessDrawing(new Uint8ClampedArray(10), 28, 28)).toThrow(RangeError);
  });
});
