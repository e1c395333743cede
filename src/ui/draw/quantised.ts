/**
 * Reading a feature-map layer's bytes back in real units. The Worker quantises a whole layer to 0..255 over
 * its [min, max], so one byte means the same in every channel of the layer.
 */
import type { FeatureMapLayer } from '../../worker/protocol';

export type QuantisedLayer = Pick<FeatureMapLayer, 'height' | 'width' | 'channels' | 'values' | 'min' | 'max' | 'rgb'>;

/** A quantised byte back in the layer's real units. */
export function dequantise(layer: Pick<FeatureMapLayer, 'min' | 'max'>, byte: number): number {
  return layer.min + (byte / 255) * (layer.max - layer.min);
}

/**
 * The range of one channel in real units (the bytes are relative to the whole layer's [min, max]); of a colour
 * filter (`rgb`), over its red, green and blue weights together.
 */
export function channelRange(layer: QuantisedLayer, channel: number): { min: number; max: number } {
  if (!Number.isInteger(channel) || channel < 0 || channel >= layer.channels) {
    throw new RangeError(`Channel ${channel} is outside 0..${layer.channels - 1}.`);
  }
  const plane = layer.height * layer.width * (layer.rgb ? 3 : 1);
  const start = channel * plane;
  const end = Math.min(start + plane, layer.values.length);
  if (end <= start) return { min: NaN, max: NaN };
  let lo = 255;
  let hi = 0;
  for (let i = start; i < end; i++) {
    const v = layer.values[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return { min: dequantise(layer, lo), max: dequantise(layer, hi) };
}
