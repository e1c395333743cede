/**
 * Reader for the IDX format of the MNIST files (http://yann.lecun.com/exdb/mnist/), unsigned bytes only.
 * Strict on purpose: a short download or a wrong file must fail here with the file's name, not later as
 * a shape error deep inside a training step.
 *
 * scripts/build-data.ts (run by tsx) uses these same functions: it writes with encodeIdx and checks its
 * output with checkImages/checkLabels, so the build rejects exactly what the app's reader would.
 */

export class IdxError extends Error {
  constructor(
    readonly fileName: string,
    readonly problem: string,
  ) {
    super(`${fileName}: ${problem}`);
    this.name = 'IdxError';
  }
}

export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

export interface IdxImages {
  count: number;
  height: number;
  width: number;
  /** 1 for [count, height, width] files (MNIST), else the last of [count, height, width, channels] (CIFAR-10: 3). */
  channels: 1 | 3;
  data: Uint8Array;
}

const UNSIGNED_BYTE = 0x08;

const hex = (b: number | undefined) => `0x${(b ?? 0).toString(16).padStart(2, '0')}`;

export function parseIdx(bytes: Uint8Array, fileName: string): IdxArray {
  const fail = (problem: string): never => {
    throw new IdxError(fileName, problem);
  };
  if (bytes.length < 4) fail(`truncated: ${bytes.length} bytes is too short for an IDX header`);
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b ? ' (still gzip-compressed?)' : '';
    fail(`bad magic: first two bytes are ${hex(bytes[0])} ${hex(bytes[1])}, expected 0x00 0x00${gzipped}`);
  }
  if (bytes[2] !== UNSIGNED_BYTE) fail(`unsupported data type ${hex(bytes[2])}: only unsigned bytes (0x08) are supported`);
  const rank = bytes[3];
  if (rank < 1 || rank > 4) fail(`bad dimension count ${rank}: expected 1 to 4`);
  const headerBytes = 4 + 4 * rank;
  if (bytes.length < headerBytes) fail(`truncated header: expected at least ${headerBytes} bytes, got ${bytes.length}`);

  const view = new DataView(bytes.buffer, bytes.byteOffset, headerBytes);
  const dims: number[] = [];
  for (let i = 0; i < rank; i++) dims.push(view.getUint32(4 + 4 * i, false)); // IDX is big-endian
  dims.forEach((d, i) => d === 0 && fail(`dimension ${i} is 0 (dims [${dims.join(', ')}])`));

  const expected = headerBytes + dims.reduce((a, b) => a * b, 1);
  if (bytes.length < expected) fail(`truncated: expected ${expected} bytes, got ${bytes.length}`);
  if (bytes.length > expected) fail(`${bytes.length - expected} extra bytes: expected ${expected} bytes, got ${bytes.length}`);
  return { dims, data: bytes.subarray(headerBytes) };
}

export function parseImages(bytes: Uint8Array, fileName: string): IdxImages {
  const { dims, data } = parseIdx(bytes, fileName);
  if (dims.length !== 3 && dims.length !== 4) {
    const colour = 'colour images have a 4th, [count, height, width, channels]';
    throw new IdxError(fileName, `expected 3 dimensions [count, height, width], got [${dims.join(', ')}]; ${colour}`);
  }
  const [count, height, width, channels = 1] = dims;
  if (channels !== 1 && channels !== 3) throw new IdxError(fileName, `expected 1 or 3 channels, got ${channels}`);
  return { count, height, width, channels, data };
}

export function parseLabels(bytes: Uint8Array, fileName: string, classes = 10): Uint8Array {
  const { dims, data } = parseIdx(bytes, fileName);
  if (dims.length !== 1) throw new IdxError(fileName, `expected 1 dimension [count], got [${dims.join(', ')}]`);
  const bad = data.findIndex((label) => label >= classes);
  if (bad >= 0) throw new IdxError(fileName, `label ${data[bad]} at index ${bad} is out of range 0..${classes - 1}`);
  return data;
}

/** Build-side check (scripts/build-data.ts): an images file with exactly [count, height, width(, channels)]. */
export function checkImages(bytes: Uint8Array, fileName: string, count: number, height = 28, width = 28, channels = 1): void {
  const images = parseImages(bytes, fileName);
  // Greyscale files have no channel dimension, so their dims are written without one.
  const got = [images.count, images.height, images.width, ...(images.channels === 1 ? [] : [images.channels])];
  const want = [count, height, width, ...(channels === 1 ? [] : [channels])];
  if (got.some((d, i) => d !== want[i])) throw new IdxError(fileName, `expected dims [${want.join(', ')}], got [${got.join(', ')}]`);
}

/** Build-side check (scripts/build-data.ts): a labels file with exactly `count` labels, each below `classes`. */
export function checkLabels(bytes: Uint8Array, fileName: string, count: number, classes = 10): void {
  const labels = parseLabels(bytes, fileName, classes);
  if (labels.length !== count) throw new IdxError(fileName, `expected ${count} labels, got ${labels.length}`);
}

/** IDX bytes for unsigned-byte data: magic 0x0000 08 <rank>, big-endian uint32 dims, then the data. */
export function encodeIdx(dims: readonly number[], data: Uint8Array): Uint8Array {
  const size = dims.reduce((a, b) => a * b, 1);
  if (data.length !== size) throw new Error(`encodeIdx: ${data.length} bytes of data for dims [${dims.join(', ')}]`);
  const out = new Uint8Array(4 + 4 * dims.length + size);
  const view = new DataView(out.buffer);
  out[2] = UNSIGNED_BYTE;
  out[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(data, 4 + 4 * dims.length);
  return out;
}
