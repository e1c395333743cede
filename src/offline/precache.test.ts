import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getManifest } from 'workbox-build';
import { describe, expect, it } from 'vitest';
import { offlineCopySize, precacheEntries, withBytes, type SizedEntry } from './precache';

describe('the size the page gives for its offline copy', () => {
  it('is the sum of the files the build precaches, as workbox-build lists them (sizes it would otherwise drop)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'precache-'));
    writeFileSync(join(dir, 'index.html'), 'x'.repeat(1310));
    writeFileSync(join(dir, 'data.idx.gz'), Buffer.alloc(2_500_000)); // over Workbox's default 2 MB limit
    writeFileSync(join(dir, 'notes.md'), 'not part of the copy');
    const { manifestEntries, size } = await getManifest({
      globDirectory: dir,
      globPatterns: ['**/*.{html,gz}'],
      maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
      manifestTransforms: [async (entries) => withBytes(entries)],
    });
    const entries = manifestEntries as SizedEntry[];
    expect(entries.map((e) => [e.url, e.bytes]).sort()).toEqual([
      ['data.idx.gz', 2_500_000],
      ['index.html', 1310],
    ]);
    expect(await offlineCopySize(entries, async () => undefined)).toEqual({ files: 2, bytes: size });
  });

  it('counts a file listed twice once, and measures one the build added without a size', async () => {
    const entries: SizedEntry[] = [
      { url: 'index.html', revision: 'a', bytes: 1000 },
      { url: 'data/mnist.idx.gz', revision: null, bytes: 9_000_000 },
      { url: 'manifest.webmanifest', revision: 'b' },
      { url: 'index.html', revision: 'a', bytes: 1000 },
    ];
    const measured: string[] = [];
    const info = await offlineCopySize(entries, async (url) => (measured.push(url), 586));
    expect(info).toEqual({ files: 3, bytes: 9_001_586 });
    expect(measured).toEqual(['manifest.webmanifest']);
  });

  it('hands Workbox its entries without our sizes', () => {
    expect(precacheEntries([{ url: 'a.js', revision: null, bytes: 5 }])).toEqual([{ url: 'a.js', revision: null }]);
  });
});
