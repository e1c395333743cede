import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataError } from './errors';
import { tarEntries } from './tar';

let dir: string;
const LONG = `${'a-rather-long-folder-name/'.repeat(5)}and-a-file-whose-name-is-long-too.bin`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tar-test-'));
  const src = join(dir, 'src');
  await mkdir(join(src, 'top', 'empty-dir'), { recursive: true });
  await writeFile(join(src, 'top', 'small.txt'), 'hello\n');
  await writeFile(join(src, 'top', 'exact.bin'), new Uint8Array(1024).fill(7)); // a body of whole blocks: no padding
  await writeFile(join(src, 'top', 'empty.bin'), new Uint8Array(0));
  await symlink('small.txt', join(src, 'top', 'link.txt'));
  await mkdir(join(src, 'top', LONG, '..'), { recursive: true });
  await writeFile(
    join(src, 'top', LONG),
    Uint8Array.from({ length: 3000 }, (_, i) => i % 251),
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** `tar cf` of the test tree in a format; sorted so entries come in a fixed order. */
async function archive(format: 'gnu' | 'ustar' | 'pax'): Promise<Uint8Array> {
  const out = join(dir, `t-${format}.tar`);
  execFileSync('tar', ['--format', format, '--sort=name', '-cf', out, '-C', join(dir, 'src'), 'top']);
  return new Uint8Array(await readFile(out));
}

/** The bytes as a stream of small chunks, so headers and bodies straddle chunk boundaries. */
async function* chunked(bytes: Uint8Array, size = 97): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function readAll(bytes: Uint8Array, wanted = (_: string) => true) {
  const files: Record<string, Uint8Array | number> = {};
  for await (const e of tarEntries(chunked(bytes), 'test.tar')) files[e.name] = wanted(e.name) ? await e.read() : e.size;
  return files;
}

describe('reading tar archives made by GNU tar', () => {
  for (const format of ['gnu', 'ustar', 'pax'] as const) {
    it(`${format}: regular files with their contents, long names included; directories and links skipped`, async () => {
      const files = await readAll(await archive(format));
      expect(Object.keys(files).sort()).toEqual([`top/${LONG}`, 'top/empty.bin', 'top/exact.bin', 'top/small.txt']);
      expect(new TextDecoder().decode(files['top/small.txt'] as Uint8Array)).toBe('hello\n');
      expect(files['top/exact.bin']).toEqual(new Uint8Array(1024).fill(7));
      expect(files['top/empty.bin']).toEqual(new Uint8Array(0));
      expect(files[`top/${LONG}`]).toEqual(Uint8Array.from({ length: 3000 }, (_, i) => i % 251));
    });
  }

  it('skips the files not read, and still finds the ones after them', async () => {
    const files = await readAll(await archive('gnu'), (name) => name.endsWith('small.txt'));
    expect(files['top/exact.bin']).toBe(1024);
    expect(files[`top/${LONG}`]).toBe(3000);
    expect(new TextDecoder().decode(files['top/small.txt'] as Uint8Array)).toBe('hello\n');
  });

  it('says an archive is truncated when it ends inside a file, naming the file', async () => {
    const whole = await archive('gnu');
    // Cut inside the long file's body: find its data by content.
    const at = whole.findIndex((_, i) => whole[i] === 0 && whole[i + 1] === 1 && whole[i + 2] === 2 && whole[i + 3] === 3);
    const cut = whole.subarray(0, at + 1000);
    const error = await readAll(cut).catch((e) => e);
    expect(error).toBeInstanceOf(DataError);
    expect(error.message).toMatch(
      /^test\.tar ends too early: top\/a-rather-long.*long-too\.bin should have 3000 bytes but the archive stops after 1000\./,
    );
  });

  it('says a file that is not tar is not tar', async () => {
    const error = await readAll(new TextEncoder().encode('<html>'.repeat(200))).catch((e) => e);
    expect(error).toBeInstanceOf(DataError);
    expect(error.message).toBe('test.tar is not a tar archive, or is damaged: the entry at byte 0 is not valid.');
  });
});
