/**
 * Image folders for the browser tests of the page's folder import: one sub-folder per class of small PNGs (written
 * here, with no image library), each a seeded square of its class's colour on dim noise.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

/** A PNG file of 8-bit RGB pixels (row by row, width × height × 3 bytes). */
function encodePng(width: number, height: number, rgb: Uint8Array): Buffer {
  if (rgb.length !== width * height * 3) throw new Error(`${rgb.length} bytes are not ${width}×${height} RGB pixels`);
  const chunk = (type: string, data: Buffer) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'latin1');
    data.copy(out, 8);
    out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, filter method 0, not interlaced
  // Each row starts with its filter type (0: none).
  const rows = Buffer.alloc(height * (1 + width * 3));
  for (let y = 0; y < height; y++) rows.set(rgb.subarray(y * width * 3, (y + 1) * width * 3), y * (1 + width * 3) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export interface FolderOptions {
  /** Class folder name → the colour of its squares (RGB). */
  classes: Record<string, [number, number, number]>;
  perClass: number;
  /** The images' side in pixels. */
  size: number;
  seed?: number;
}

/** Writes dir/name/<class>/<i>.png and returns the folder's path. */
export async function makeImageFolder(dir: string, name: string, o: FolderOptions): Promise<string> {
  const root = join(dir, name);
  let state = (o.seed ?? 1) * 0x9e3779b1;
  const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) >>> 24;
  const side = Math.round(o.size * 0.6);
  for (const [cls, colour] of Object.entries(o.classes)) {
    await mkdir(join(root, cls), { recursive: true });
    for (let i = 0; i < o.perClass; i++) {
      const rgb = new Uint8Array(o.size * o.size * 3);
      const [top, left] = [next() % (o.size - side), next() % (o.size - side)];
      for (let y = 0; y < o.size; y++) {
        for (let x = 0; x < o.size; x++) {
          const inside = y >= top && y < top + side && x >= left && x < left + side;
          for (let c = 0; c < 3; c++) rgb[(y * o.size + x) * 3 + c] = inside ? colour[c] : next() >> 2;
        }
      }
      await writeFile(join(root, cls, `${i}.png`), encodePng(o.size, o.size, rgb));
    }
  }
  return root;
}
