import { outputSize, type LayerSpec, type NetworkSpec } from './networks';

/** One layer's output shape for one example, from its input's: [h, w, c] for maps, [n] after flatten. */
export function outputShape(l: LayerSpec, input: readonly number[]): number[] {
  switch (l.kind) {
    case 'conv':
      return [outputSize(input[0], l.kernel, l.stride, l.padding), outputSize(input[1], l.kernel, l.stride, l.padding), l.filters];
    case 'pool':
      return [outputSize(input[0], l.size, l.stride, l.padding), outputSize(input[1], l.size, l.stride, l.padding), input[2]];
    case 'flatten':
      return [input.reduce((a, b) => a * b, 1)];
    case 'dense':
      return [l.units];
    default:
      return [...input];
  }
}

/**
 * One layer's kernel as tfjs holds it, given its input's shape: a conv's [kh, kw, in/groups, out] (a grouped conv
 * sees 1/groups of the channels), a dense layer's [in, out]; null for layers without weights. The bias is [out].
 */
export function kernelShape(l: LayerSpec, input: readonly number[]): number[] | null {
  if (l.kind === 'conv') return [l.kernel, l.kernel, input[2] / (l.groups ?? 1), l.filters];
  if (l.kind === 'dense') return [input.reduce((a, b) => a * b, 1), l.units];
  return null;
}

/** Weights and biases of one layer, given its input's shape. */
export function layerParams(l: LayerSpec, input: readonly number[]): number {
  const kernel = kernelShape(l, input);
  return kernel ? kernel.reduce((a, b) => a * b, 1) + kernel[kernel.length - 1] : 0;
}

/** Every layer's input and output shape, in table order. */
export function layerShapes(net: NetworkSpec): { input: number[]; output: number[] }[] {
  let shape: number[] = [...net.input];
  return net.layers.map((l) => {
    const input = shape;
    shape = outputShape(l, input);
    return { input, output: shape };
  });
}
