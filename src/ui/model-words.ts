/**
 * A layer of the network table in words (src/i18n/<language>/model.ts), from its fields: "64 × 3x3, same, ReLU" /
 * "64 个 3x3 卷积核，填充保持尺寸，ReLU". Pure; unit-tested.
 */
import { msg, type Message, type MessageValue } from '../i18n/message';
import type { LayerSpec } from '../model/networks';
import { ACTIVATIONS, type Activation } from '../settings';

/**
 * An activation in the settings' words (settings.activation.options.*). `linear`, a layer without one, is said as
 * each place says it (the network table: "linear"; the feature maps: "no activation"); another name is kept as it is.
 */
export function activationWord(activation: string, linear: Message): MessageValue {
  if (activation === 'linear') return linear;
  return (ACTIVATIONS as readonly string[]).includes(activation)
    ? msg(`settings.activation.options.${activation as Activation}`)
    : activation;
}

const activationName = (a: Activation | 'linear') => activationWord(a, msg('model.layers.linear'));

export function describeLayer(l: LayerSpec): Message {
  switch (l.kind) {
    case 'conv': {
      const groups = l.groups ?? 1;
      return msg('model.layers.conv', {
        filters: l.filters,
        kernel: l.kernel,
        stride: l.stride > 1 ? msg('model.layers.stride', { stride: l.stride }) : '',
        padding: msg(`model.layers.padding.${l.padding}`),
        groups: groups > 1 ? msg('model.layers.groups', { groups }) : '',
        activation: activationName(l.activation),
      });
    }
    case 'pool':
      return msg('model.layers.pool', {
        op: msg(`model.layers.op.${l.op ?? 'max'}`),
        size: l.size,
        stride: l.stride,
        overlap: l.size > l.stride ? msg('model.layers.overlapping') : '',
      });
    case 'lrn':
      return msg('model.layers.lrn', { radius: l.depthRadius, k: l.bias, alpha: l.alpha.toPrecision(3), beta: l.beta });
    case 'dropout':
      return msg('model.layers.dropout', { rate: l.rate });
    case 'flatten':
      return msg('model.layers.flatten');
    case 'dense':
      return msg('model.layers.dense', { units: l.units, activation: activationName(l.activation) });
  }
}
