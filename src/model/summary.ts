import type { OptimizerName } from '../settings';
import { estimateTrainingMemory, type MemoryOptions, type TrainingMemory } from './memory';
import type { LayerSpec, NetworkSpec } from './networks';
import { layerParams, layerShapes } from './shapes';

export interface LayerSummary {
  name: string;
  kind: LayerSpec['kind'];
  /** Output shape of one example, e.g. [14, 14, 64] or [1024]. */
  outputShape: number[];
  params: number;
  /** Forward floating-point operations for one example (a multiply-add counts as 2). */
  flops: number;
  description: string;
}

export interface NetworkSummary {
  title: string;
  input: number[];
  layers: LayerSummary[];
  totalParams: number;
  totalFlops: number;
  /** One training step's memory (memory.ts), at batch 64 unless asked for another. */
  memory: TrainingMemory;
}

/** The batch and optimizer the memory line is for. */
export interface MemoryAt extends MemoryOptions {
  batch: number;
  optimizer: OptimizerName;
}

/** Shapes, parameters, FLOPs and training memory, layer by layer, straight from the network table. */
export function summarize(net: NetworkSpec, at: MemoryAt = { batch: 64, optimizer: 'adam' }): NetworkSummary {
  const shapes = layerShapes(net);
  const layers: LayerSummary[] = net.layers.map((l, i) => {
    const { input, output } = shapes[i];
    const params = layerParams(l, input);
    const count = input.reduce((a, b) => a * b, 1);
    let flops = 0;
    let description = '';
    switch (l.kind) {
      case 'conv': {
        const groups = l.groups ?? 1;
        flops = 2 * output[0] * output[1] * l.filters * l.kernel * l.kernel * (input[2] / groups);
        description =
          `${l.filters} × ${l.kernel}x${l.kernel}${l.stride > 1 ? `/${l.stride}` : ''}, ${l.padding}` +
          `${groups > 1 ? `, ${groups} groups` : ''}, ${l.activation}`;
        break;
      }
      case 'pool':
        flops = output[0] * output[1] * output[2] * l.size * l.size;
        description = `${l.op ?? 'max'} ${l.size}x${l.size}/${l.stride}${l.size > l.stride ? ' (overlapping)' : ''}`;
        break;
      case 'lrn':
        // square, window sum, scale, power, divide: about 2r+5 operations an element
        flops = count * (2 * l.depthRadius + 5);
        description = `radius ${l.depthRadius}, k ${l.bias}, α ${l.alpha.toPrecision(3)}, β ${l.beta}`;
        break;
      case 'dropout':
        description = `rate ${l.rate}`;
        break;
      case 'flatten':
        break;
      case 'dense':
        flops = 2 * count * l.units;
        description = `${l.units} units, ${l.activation}`;
        break;
    }
    return { name: l.name, kind: l.kind, outputShape: output, params, flops, description };
  });
  const { batch, optimizer, ...options } = at;
  return {
    title: net.title,
    input: [...net.input],
    layers,
    totalParams: layers.reduce((a, l) => a + l.params, 0),
    totalFlops: layers.reduce((a, l) => a + l.flops, 0),
    memory: estimateTrainingMemory(net, batch, optimizer, options),
  };
}
