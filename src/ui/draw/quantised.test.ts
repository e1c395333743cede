import { describe, expect, it } from 'vitest';
import type { FeatureMapLayer } from '../../worker/protocol';
import { channelRange, dequantise } from './quantised';

function layer(over: Partial<FeatureMapLayer> & Pick<FeatureMapLayer, 'channels' | 'height' | 'width'>): FeatureMapLayer {
  return { name: 'conv1', stage: 'conv', values: new Uint8Array(over.channels * over.height * over.width), min: 0, max: 1, ...over };
}

describe('channelRange', () => {
  it('maps one channel’s bytes back to real units over the layer range', () => {
    const values = new Uint8Array(3 * 4);
    values.set([0, 255, 10, 20], 0); // channel 0 spans the whole layer
    values.set([51, 102, 102, 51], 4); // channel 1: 0.2..0.4 of the range
    values.set([7, 7, 7, 7], 8); // channel 2: constant
    const l = layer({ channels: 3, height: 2, width: 2, values, min: -1, max: 4 });
    expect(channelRange(l, 0)).toEqual({ min: -1, max: 4 });
    const c1 = channelRange(l, 1);
    expect(c1.min).toBeCloseTo(0, 10);
    expect(c1.max).toBeCloseTo(1, 10);
    const c2 = channelRange(l, 2);
    expect(c2.min).toBe(c2.max);
    expect(c2.min).toBeCloseTo(dequantise(l, 7), 12);
  });

  it('rejects a channel that does not exist', () => {
    const l = layer({ channels: 2, height: 1, width: 1 });
    expect(() => channelRange(l, 2)).toThrow(RangeError);
    expect(() => channelRange(l, -1)).toThrow(RangeError);
    expect(() => channelRange(l, 0.5)).toThrow(RangeError);
  });

  it('gives NaN for a channel missing from a short buffer instead of reading past it', () => {
    const l = layer({ channels: 2, height: 2, width: 2, values: new Uint8Array(4) });
    expect(channelRange(l, 1)).toEqual({ min: NaN, max: NaN });
  });
});
