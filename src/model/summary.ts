import { outputSize, type LayerSpec, type NetworkSpec } from './networks';

export interface LayerSummary {
  name: string;
  kind: LayerSpec['kind'];
  /** Output shape of one example, e.g. [14, 14, 64] or [1024]. */
  outputShape: number[];
  params: number;
  /** Forward floating-point operations for one example (a multiply-add counts as 2). */
  flops: number;
  /** The layer's row of the table, for the page to describe in words. */
  spec: LayerSpec;
}

export interface NetworkSummary {
  title: string;
  input: number[];
  layers: LayerSummary[];
  totalParams: number;
  totalFlops: number;
}

/** Shapes, parameters and FLOPs, layer by layer, straight from the network table. */
export function summarize(net: NetworkSpec): NetworkSummary {
  let shape: number[] = [...net.input];
  const layers: LayerSummary[] = [];
  for (const l of net.layers) {
    let params = 0;
    let flops = 0;
    const count = shape.reduce((a, b) => a * b, 1);
    switch (l.kind) {
      case 'conv': {
        const [h, w, c] = shape;
        const groups = l.groups ?? 1;
        const next = [outputSize(h, l.kernel, l.stride, l.padding), outputSize(w, l.kernel, l.stride, l.padding), l.filters];
        params = l.kernel * l.kernel * (c / groups) * l.filters + l.filters;
        flops = 2 * next[0] * next[1] * l.filters * l.kernel * l.kernel * (c / groups);
        shape = next;
        break;
      }
      case 'pool': {
        const [h, w, c] = shape;
        shape = [outputSize(h, l.size, l.stride, l.padding), outputSize(w, l.size, l.stride, l.padding), c];
        flops = shape[0] * shape[1] * c * l.size * l.size;
        break;
      }
      case 'lrn':
        // square, window sum, scale, power, divide: about 2r+5 operations an element
        flops = count * (2 * l.depthRadius + 5);
        break;
      case 'dropout':
        break;
      case 'flatten':
        shape = [count];
        break;
      case 'dense':
        params = count * l.units + l.units;
        flops = 2 * count * l.units;
        shape = [l.units];
        break;
    }
    layers.push({ name: l.name, kind: l.kind, outputShape: shape, params, flops, spec: l });
  }
  return {
    title: net.title,
    input: [...net.input],
    layers,
    totalParams: layers.reduce((a, l) => a + l.params, 0),
    totalFlops: layers.reduce((a, l) => a + l.flops, 0),
  };
}
