/**
 * The words around the feature maps: a layer's name and its section title, as messages (src/i18n/<language>/
 * featureMaps.ts). Their numbers are written by formatSignificant, src/app/format.ts. Pure; unit-tested.
 */
import { msg, type Message } from '../i18n/message';
import type { FeatureMapLayer } from '../worker/protocol';
import { activationWord } from './model-words';

/** The Worker names the first layer's kernels "<layer> filters" (src/train/feature-maps.ts); the page says it in words. */
const FILTERS = / filters$/;

/** A layer's name as the page shows it: "conv1", or "conv1 filters" / "conv1 卷积核" for the kernels. */
export function layerName(layer: Pick<FeatureMapLayer, 'name' | 'stage'>): string | Message {
  return layer.stage === 'filters' ? msg('featureMaps.filtersOf', { layer: layer.name.replace(FILTERS, '') }) : layer.name;
}

const activationName = (activation: string) => activationWord(activation, msg('featureMaps.noActivation'));

export function sectionTitle(
  layer: Pick<FeatureMapLayer, 'name' | 'stage' | 'channels' | 'height' | 'width'>,
  activation = 'relu',
): Message {
  const size = `${layer.height}×${layer.width}`;
  const shape = msg('featureMaps.shape', { maps: msg('featureMaps.maps', { count: layer.channels }), size });
  const name = layerName(layer);
  switch (layer.stage) {
    case 'conv':
      return msg('featureMaps.after.conv', { layer: name, activation: activationName(activation), shape });
    case 'pool':
      return msg('featureMaps.after.pool', { layer: name, shape });
    case 'avgpool':
      return msg('featureMaps.after.avgPool', { layer: name, shape });
    case 'lrn':
      return msg('featureMaps.after.lrn', { layer: name, shape });
    case 'filters':
      return msg('featureMaps.filters', { layer: name, size });
    default:
      return msg('featureMaps.after.other', { layer: name, stage: layer.stage, shape });
  }
}
