/**
 * A layer of the network table in words (src/i18n/<language>/model.ts), from its fields: "64 × 3x3, same, ReLU" /
 * "64 个 3x3 卷积核，填充保持尺寸，ReLU". Pure; unit-tested.
 */
import { msg, type Message } from '../i18n/message';
import type { LayerSpec } from '../model/networks';
import type { Activation } from '../settings';

function activationName(a: Activation | 'linear'): Message {
  return a === 'linear' ? msg('model.layers.linear') : msg(`settings.activation.options.${a}`);
}

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
