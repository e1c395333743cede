/**
 * The playground's layer table (src/model/networks.ts) written as ConvNetJS layer definitions, so the
 * ConvNetJS baseline trains the same shapes as our tfjs network. Pure (no ConvNetJS import): unit-tested.
 *
 * Differences that remain, none of which changes the amount of arithmetic:
 * - LRN: ConvNetJS computes x / (k + alpha/n * sum of squares over n channels)^beta. Ours (and the article's
 *   tf.nn.lrn) is x / (bias + alpha * sum)^beta over 2r+1 channels, so n = 2r+1 and ConvNetJS alpha =
 *   ours * n: the article's (r=4, bias 1, alpha 0.001/9, beta 0.75) is ConvNetJS (n=9, k=1, alpha=0.001,
 *   beta=0.75), the same forward pass. Its backward pass is not the same: ConvNetJS 0.3.0 uses a_j^2 where
 *   the derivative has a_i*a_j (d out_i / d a_j = [i=j] S^-b - 2ab/n a_i a_j S^(-b-1)), so its LRN
 *   gradient is wrong off the diagonal; the cost per element is the same.
 * - 'same' max-pooling: ConvNetJS pads both sides by `pad` (we pick the pad that gives TF's output size,
 *   28 -> 14 -> 7 -> 4); TF pads only the bottom/right, so the last windows are placed differently.
 * - Dropout: ConvNetJS drops without rescaling while training (and scales by drop_prob, not 1 - p, when
 *   predicting); ours is inverted dropout.
 * - Init: ConvNetJS draws N(0, 1/fan_in) weights and gives ReLU layers bias 0.1; ours is Glorot, bias 0.
 * - ConvNetJS works in Float64Array, one image at a time, and applies the update every `batch_size` images.
 */
import type { LayerDef } from 'convnetjs';
import { outputSize, type NetworkSpec } from '../../src/model/networks';

/** Smallest symmetric ConvNetJS pad that gives `want` outputs: floor((in + 2p - k) / s) + 1. */
export function convnetPad(size: number, kernel: number, stride: number, want: number): number {
  for (let pad = 0; pad <= kernel; pad++) {
    if (Math.floor((size + 2 * pad - kernel) / stride) + 1 === want) return pad;
  }
  throw new Error(`no ConvNetJS pad gives ${want} outputs from ${size} with kernel ${kernel}, stride ${stride}`);
}

export interface ConvnetTranslation {
  defs: LayerDef[];
  /** [height, width, channels] after each layer def, input first (for checks and the report). */
  shapes: [number, number, number][];
}

export function convnetLayerDefs(net: NetworkSpec, classes = 10): ConvnetTranslation {
  let [h, w, c] = net.input;
  const defs: LayerDef[] = [{ type: 'input', out_sx: w, out_sy: h, out_depth: c }];
  const shapes: [number, number, number][] = [[h, w, c]];
  const push = (def: LayerDef) => {
    defs.push(def);
    shapes.push([h, w, c]);
  };
  const last = net.layers.length - 1;
  net.layers.forEach((layer, i) => {
    switch (layer.kind) {
      case 'conv': {
        if (layer.groups && layer.groups > 1) throw new Error('ConvNetJS has no grouped convolution');
        if (layer.activation === 'linear') throw new Error('a linear conv layer has no ConvNetJS activation');
        const outH = outputSize(h, layer.kernel, layer.stride, layer.padding);
        const pad = layer.padding === 'same' ? convnetPad(h, layer.kernel, layer.stride, outH) : 0;
        h = outH;
        w = outputSize(w, layer.kernel, layer.stride, layer.padding);
        c = layer.filters;
        push({ type: 'conv', sx: layer.kernel, filters: layer.filters, stride: layer.stride, pad, activation: layer.activation });
        return;
      }
      case 'pool': {
        const outH = outputSize(h, layer.size, layer.stride, layer.padding);
        const pad = layer.padding === 'same' ? convnetPad(h, layer.size, layer.stride, outH) : 0;
        h = outH;
        w = outputSize(w, layer.size, layer.stride, layer.padding);
        push({ type: 'pool', sx: layer.size, stride: layer.stride, pad });
        return;
      }
      case 'lrn': {
        const n = 2 * layer.depthRadius + 1;
        push({ type: 'lrn', k: layer.bias, n, alpha: layer.alpha * n, beta: layer.beta });
        return;
      }
      case 'dropout':
        push({ type: 'dropout', drop_prob: layer.rate });
        return;
      case 'flatten':
        return; // ConvNetJS fc layers read a whole volume
      case 'dense':
        if (i === last) {
          if (layer.activation !== 'linear' || layer.units !== classes) throw new Error('the last layer must be the logits');
          h = 1;
          w = 1;
          c = classes;
          push({ type: 'softmax', num_classes: classes });
          return;
        }
        if (layer.activation === 'linear') throw new Error('a linear hidden layer has no ConvNetJS activation');
        h = 1;
        w = 1;
        c = layer.units;
        push({ type: 'fc', num_neurons: layer.units, activation: layer.activation });
        return;
    }
  });
  return { defs, shapes };
}
