/**
 * The safetensors format (huggingface/safetensors), float32 only, written and read here so that no package is
 * needed on either side. A file is:
 *
 *   bytes 0..7    N, the header's length in bytes, an unsigned 64-bit little-endian integer
 *   bytes 8..8+N  the header: UTF-8 JSON, padded with spaces to a multiple of 8 bytes so the data is aligned;
 *                 { "<name>": { "dtype": "F32", "shape": [...], "data_offsets": [begin, end] }, ...,
 *                   "__metadata__": { "<key>": "<string>", ... } }
 *   bytes 8+N..   the tensors' data, one after another in header order, row-major, little-endian float32;
 *                 data_offsets count from the start of this data block.
 *
 * Pure: imported by the Worker (exports), Node scripts and tests.
 */

export interface NamedTensor {
  name: string;
  shape: number[];
  values: Float32Array;
}

export interface SafetensorsFile {
  tensors: NamedTensor[];
  metadata: Record<string, string>;
}

const count = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

export function encodeSafetensors(tensors: readonly NamedTensor[], metadata: Record<string, string> = {}): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  for (const t of tensors) {
    if (t.values.length !== count(t.shape)) {
      throw new Error(`${t.name}: ${t.values.length} values for shape [${t.shape.join(', ')}]`);
    }
    if (t.name in header) throw new Error(`${t.name}: two tensors with this name`);
    header[t.name] = { dtype: 'F32', shape: t.shape, data_offsets: [offset, offset + t.values.length * 4] };
    offset += t.values.length * 4;
  }
  let json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.length / 8) * 8;
  if (padded !== json.length) json = new TextEncoder().encode(JSON.stringify(header) + ' '.repeat(padded - json.length));
  const out = new Uint8Array(8 + json.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  let at = 8 + json.length;
  for (const t of tensors) {
    // Explicitly little-endian, whatever the machine's own order.
    for (let i = 0; i < t.values.length; i++, at += 4) view.setFloat32(at, t.values[i], true);
  }
  return out;
}

/** Reads what encodeSafetensors writes (F32 tensors); throws with the reason on anything else. */
export function decodeSafetensors(bytes: Uint8Array): SafetensorsFile {
  if (bytes.length < 8) throw new Error('shorter than the 8-byte header length');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = Number(view.getBigUint64(0, true));
  if (8 + n > bytes.length) throw new Error(`header of ${n} bytes does not fit in ${bytes.length} bytes`);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n))) as Record<string, unknown>;
  const base = 8 + n;
  const tensors: NamedTensor[] = [];
  let metadata: Record<string, string> = {};
  for (const [name, info] of Object.entries(header)) {
    if (name === '__metadata__') {
      metadata = info as Record<string, string>;
      continue;
    }
    const { dtype, shape, data_offsets: offsets } = info as { dtype: string; shape: number[]; data_offsets: [number, number] };
    if (dtype !== 'F32') throw new Error(`${name}: dtype ${dtype}, only F32 is read`);
    const [begin, end] = offsets;
    if (end - begin !== count(shape) * 4 || base + end > bytes.length) throw new Error(`${name}: data_offsets do not match its shape`);
    const values = new Float32Array(count(shape));
    for (let i = 0; i < values.length; i++) values[i] = view.getFloat32(base + begin + 4 * i, true);
    tensors.push({ name, shape, values });
  }
  return { tensors, metadata };
}
