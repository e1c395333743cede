/** The words and numbers around the feature maps: section titles, legend and tooltip values. */
import type { FeatureMapLayer } from '../worker/protocol';

/** Short, stable number text for legends and tooltips (weights are ~1e-2, activations up to ~1e2). */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-3) return v.toExponential(2);
  return String(Number(v.toPrecision(3)));
}

const ACTIVATION_NAMES: Record<string, string> = { relu: 'ReLU', tanh: 'tanh', sigmoid: 'sigmoid', linear: 'no activation' };

export function sectionTitle(layer: Pick<FeatureMapLayer, 'name' | 'stage' | 'channels' | 'height' | 'width'>, activation = 'relu'): string {
  const size = `${layer.height}×${layer.width}`;
  const shape = `(${layer.channels} ${layer.channels === 1 ? 'map' : 'maps'}, ${size})`;
  switch (layer.stage) {
    case 'conv':
      return `${layer.name} — after ${ACTIVATION_NAMES[activation] ?? activation} ${shape}`;
    case 'pool':
      return `${layer.name} — after max-pool ${shape}`;
    case 'lrn':
      return `${layer.name} — after LRN ${shape}`;
    case 'filters':
      return `${layer.name} (${size})`;
    default:
      return `${layer.name} — ${layer.stage} ${shape}`;
  }
}
