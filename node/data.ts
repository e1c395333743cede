/** The Node side of src/data/load.ts: reads public/data/ from disk (tests, scripts/train-node.ts, the benchmarks). */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReadFile } from '../src/data/load';

export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../public/data/', import.meta.url));

export function nodeReader(dir = DEFAULT_DATA_DIR): ReadFile {
  return async (fileName) => {
    const path = join(dir, fileName);
    try {
      const buffer = await readFile(path);
      return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new Error(`${path} not found: run \`npm run data\` to build the data files`, { cause: error });
      }
      throw error;
    }
  };
}
