/** The words around the feature maps: section titles. (Their numbers are written by formatSignificant, src/app/format.ts.) */
import type { FeatureMapLayer } from '../worker/protocol';

const ACTIVATION_NAMES: Record<string, string> = { relu: 'ReLU', tanh: 'tanh', sigmoid: 'sigmoid', linear: 'no activation' };

export function sectionTitle(
  layer: Pick<FeatureMapLayer, 'name' | 'stage' | 'channels' | 'height' | 'width'>,
  activation = 'relu',
): string {
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
