import { describe, expect, it } from 'vitest';
import { decodeSafetensors, encodeSafetensors } from './safetensors';

describe('safetensors files', () => {
  const tensors = [
    { name: 'conv1.weight', shape: [2, 1, 2, 2], values: Float32Array.from([1, -2, 3.5, 4, 5, 6, 7, -8.25]) },
    { name: 'conv1.bias', shape: [2], values: Float32Array.from([0.1, -0.2]) },
  ];

  it('read back exactly what was written, names, shapes, values and metadata', () => {
    const file = decodeSafetensors(encodeSafetensors(tensors, { format: 'pt' }));
    expect(file.metadata).toEqual({ format: 'pt' });
    expect(file.tensors.map((t) => [t.name, t.shape, Array.from(t.values)])).toEqual(
      tensors.map((t) => [t.name, t.shape, Array.from(t.values)]),
    );
  });

  it('follow the documented layout: u64 LE header length, space-padded JSON header, LE float32 data from offset 0', () => {
    const bytes = encodeSafetensors(tensors);
    const view = new DataView(bytes.buffer);
    const n = Number(view.getBigUint64(0, true));
    expect(n % 8).toBe(0);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
    expect(header['conv1.weight']).toEqual({ dtype: 'F32', shape: [2, 1, 2, 2], data_offsets: [0, 32] });
    expect(header['conv1.bias']).toEqual({ dtype: 'F32', shape: [2], data_offsets: [32, 40] });
    expect(bytes.length).toBe(8 + n + 40);
    expect(view.getFloat32(8 + n + 12, true)).toBe(4);
    expect(view.getFloat32(8 + n + 32, true)).toBeCloseTo(0.1, 7);
  });

  it('refuse a tensor whose values do not fill its shape, and a file cut short', () => {
    expect(() => encodeSafetensors([{ name: 'x', shape: [3], values: new Float32Array(2) }])).toThrow(/x: 2 values/);
    const bytes = encodeSafetensors(tensors);
    expect(() => decodeSafetensors(bytes.subarray(0, bytes.length - 4))).toThrow(/conv1.bias/);
  });
});
