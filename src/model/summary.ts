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
  /** The layer's row of the table, for the page to describe in words (src/ui/model-words.ts). */
  spec: LayerSpec;
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
    switch (l.kind) {
      case 'conv':
        flops = 2 * output[0] * output[1] * l.filters * l.kernel * l.kernel * (input[2] / (l.groups ?? 1));
        break;
      case 'pool':
        flops = output[0] * output[1] * output[2] * l.size * l.size;
        break;
      case 'lrn':
        // square, window sum, scale, power, divide: about 2r+5 operations an element
        flops = count * (2 * l.depthRadius + 5);
        break;
      case 'dense':
        flops = 2 * count * l.units;
        break;
      default:
        break;
    }
    return { name: l.name, kind: l.kind, outputShape: output, params, flops, spec: l };
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
