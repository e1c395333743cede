/**
 * A small streaming reader of tar archives (POSIX ustar and GNU tar): 512-byte headers with octal sizes (or GNU's
 * base-256 for huge files), GNU long names ('L') and pax headers ('x': path and size) for names over 100
 * bytes. Directories, links and other special entries are skipped; so is any file the caller does not read. It
 * reads from an async stream of chunks, so a 160 MB download never sits in memory whole: only the files read.
 */
import { dataError } from './errors';

const BLOCK = 512;

export interface TarEntry {
  /** The path inside the archive, '/'-separated, as written by tar (e.g. `cifar-10-batches-bin/data_batch_1.bin`). */
  name: string;
  size: number;
  /** The file's bytes. Call at most once, before asking for the next entry; an entry not read is skipped. */
  read(): Promise<Uint8Array>;
}

/** Buffers chunks from a stream and hands out exact byte counts. */
class ChunkReader {
  private chunks: Uint8Array[] = [];
  private buffered = 0;
  private ended = false;
  /** Bytes handed out or skipped so far: the offset in the (decompressed) archive. */
  offset = 0;

  constructor(private readonly source: AsyncIterator<Uint8Array>) {}

  /** Buffers up to n bytes; false when the stream ends first. */
  private async fill(n: number): Promise<boolean> {
    while (this.buffered < n && !this.ended) {
      const next = await this.source.next();
      if (next.done) this.ended = true;
      else if (next.value.length > 0) {
        this.chunks.push(next.value);
        this.buffered += next.value.length;
      }
    }
    return this.buffered >= n;
  }

  /** Exactly n bytes, or what is left of the stream (shorter) when it ends first. */
  async read(n: number): Promise<Uint8Array> {
    await this.fill(n);
    const take = Math.min(n, this.buffered);
    const first = this.chunks[0];
    let out: Uint8Array;
    if (first && first.length >= take) {
      // The common case for headers: no copy.
      out = first.subarray(0, take);
      if (first.length === take) this.chunks.shift();
      else this.chunks[0] = first.subarray(take);
    } else {
      out = new Uint8Array(take);
      let at = 0;
      while (at < take) {
        const c = this.chunks[0];
        const part = Math.min(c.length, take - at);
        out.set(c.subarray(0, part), at);
        at += part;
        if (part === c.length) this.chunks.shift();
        else this.chunks[0] = c.subarray(part);
      }
    }
    this.buffered -= take;
    this.offset += take;
    return out;
  }

  /** Skips n bytes without copying them; returns how many there were. */
  async skip(n: number): Promise<number> {
    let left = n;
    while (left > 0) {
      if (this.buffered === 0 && !(await this.fill(1))) break;
      const c = this.chunks[0];
      const part = Math.min(c.length, left);
      if (part === c.length) this.chunks.shift();
      else this.chunks[0] = c.subarray(part);
      this.buffered -= part;
      left -= part;
    }
    this.offset += n - left;
    return n - left;
  }
}

const text = (bytes: Uint8Array) => {
  const end = bytes.indexOf(0);
  return new TextDecoder().decode(end >= 0 ? bytes.subarray(0, end) : bytes);
};

/** A header's numeric field: octal digits (space or NUL padded), or GNU's base-256 with the high bit set. */
function numberField(field: Uint8Array): number | null {
  if (field[0] & 0x80) {
    let n = field[0] & 0x7f;
    for (let i = 1; i < field.length; i++) n = n * 256 + field[i];
    return n;
  }
  const digits = text(field).trim();
  if (digits === '') return 0;
  return /^[0-7]+$/.test(digits) ? parseInt(digits, 8) : null;
}

/** A header's checksum is the sum of its bytes with the checksum field itself read as spaces. */
function checksumOk(header: Uint8Array): boolean {
  const stored = numberField(header.subarray(148, 156));
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i];
  return stored === sum;
}

/** pax extended header records: "<length> <key>=<value>\n". */
function paxRecords(bytes: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  const all = new TextDecoder().decode(bytes);
  for (const line of all.split('\n')) {
    const m = /^\d+ ([^=]+)=(.*)$/s.exec(line);
    if (m) out.set(m[1], m[2]);
  }
  return out;
}

/**
 * The regular files of a tar archive streamed from `source`, in archive order. `archive` names the file in
 * errors: a damaged header ("not a tar archive"), or an archive that ends inside a file (truncated).
 */
export async function* tarEntries(source: AsyncIterable<Uint8Array>, archive: string): AsyncGenerator<TarEntry> {
  const reader = new ChunkReader(source[Symbol.asyncIterator]());
  let longName: string | null = null;
  let paxSize: number | null = null;
  const truncated = (entry: string, expected: number, got: number) =>
    dataError('data.archive.truncated', { file: archive, entry, expected, got });

  const body = async (entry: string, size: number): Promise<Uint8Array> => {
    const bytes = await reader.read(size);
    if (bytes.length < size) throw truncated(entry, size, bytes.length);
    return bytes;
  };

  for (;;) {
    const at = reader.offset;
    const header = await reader.read(BLOCK);
    if (header.length === 0) return; // ended on a block boundary without the end-of-archive blocks: tolerated
    if (header.length < BLOCK) throw truncated('a header', BLOCK, header.length);
    if (header.every((b) => b === 0)) return; // end-of-archive marker
    if (!checksumOk(header)) throw dataError('data.archive.badHeader', { file: archive, offset: at });

    const type = String.fromCharCode(header[156] || 0x30); // NUL means a regular file in old archives
    const ustar = text(header.subarray(257, 263)) === 'ustar';
    const prefix = ustar ? text(header.subarray(345, 500)) : '';
    const headerName = (prefix ? `${prefix}/` : '') + text(header.subarray(0, 100));
    const name = longName ?? headerName;
    const size = paxSize ?? numberField(header.subarray(124, 136));
    if (size === null) throw dataError('data.archive.badHeader', { file: archive, offset: at });
    longName = null;
    paxSize = null;
    const padding = (BLOCK - (size % BLOCK)) % BLOCK;

    if (type === 'L') {
      // GNU: the body is the next entry's name.
      longName = text(await body('a long file name', size));
      await reader.skip(padding);
      continue;
    }
    if (type === 'x') {
      const records = paxRecords(await body('a pax header', size));
      longName = records.get('path') ?? null;
      const paxSizeText = records.get('size');
      paxSize = paxSizeText !== undefined && /^\d+$/.test(paxSizeText) ? Number(paxSizeText) : null;
      await reader.skip(padding);
      continue;
    }
    // Regular files: '0', NUL (above) and '7' (contiguous). Directories ('5'), links, GNU 'K' long link names,
    // global pax headers ('g') and anything unknown: skipped with their bodies.
    if (type === '0' || type === '7') {
      let consumed = false;
      yield {
        name,
        size,
        read: async () => {
          if (consumed) throw new Error(`${name}: read twice`);
          consumed = true;
          return body(name, size);
        },
      };
      if (!consumed) {
        const skipped = await reader.skip(size);
        if (skipped < size) throw truncated(name, size, skipped);
      }
    } else {
      const skipped = await reader.skip(size);
      if (skipped < size) throw truncated(name, size, skipped);
    }
    await reader.skip(padding); // an archive cut inside the last padding lost no data
  }
}
