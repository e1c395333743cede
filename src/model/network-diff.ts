/**
 * The network in a saved model (tfjs's model.json topology and weight list) against the one the settings table
 * builds: what a student is told when a model file does not fit the settings. Pure; messages name the layer.
 */
import { msg, type Message } from '../i18n/message';
import type { LayerSpec, NetworkSpec } from './networks';
import { kernelShape, layerShapes } from './shapes';

interface TopologyLayer {
  name: string;
  class_name: string;
  config: Record<string, unknown>;
}

const CLASSES: Record<Exclude<LayerSpec['kind'], 'pool'>, string[]> = {
  conv: ['Conv2D', 'GroupedConv2D'],
  lrn: ['LocalResponseNorm'],
  dropout: ['SeededDropout', 'Dropout'],
  flatten: ['Flatten'],
  dense: ['Dense'],
};

/** The tfjs classes a table layer may be saved as (a pool's follows its op: Figure 1's network averages). */
const classesOf = (l: LayerSpec): string[] =>
  l.kind === 'pool' ? [l.op === 'avg' ? 'AveragePooling2D' : 'MaxPooling2D'] : CLASSES[l.kind];

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const same = (a: unknown, b: unknown) =>
  typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)) : a === b;
const shown = (v: unknown) => (v === undefined ? '–' : Array.isArray(v) ? `[${v.join(', ')}]` : String(v));

/** The settings of a table layer as tfjs's model.json spells them, for comparison. */
function expectedSettings(l: LayerSpec): Record<string, unknown> {
  switch (l.kind) {
    case 'conv':
      return {
        filters: l.filters,
        kernel_size: l.kernel,
        strides: l.stride,
        padding: l.padding,
        activation: l.activation,
        groups: l.groups ?? 1,
      };
    case 'pool':
      return { pool_size: l.size, strides: l.stride, padding: l.padding };
    case 'lrn':
      return { depth_radius: l.depthRadius, bias: l.bias, alpha: l.alpha, beta: l.beta };
    case 'dropout':
      return { rate: l.rate };
    case 'flatten':
      return {};
    case 'dense':
      return { units: l.units, activation: l.activation };
  }
}

/**
 * What differs between the network in a model.json and the one the settings table builds (`net`): layers missing,
 * added, of another kind or with other settings, weights of other shapes. Empty when they are the same network.
 */
export function networkDifferences(
  modelTopology: unknown,
  weightSpecs: readonly { name: string; shape: number[] }[],
  net: NetworkSpec,
): Message[] {
  const config = (modelTopology as { config?: { layers?: unknown } } | null)?.config;
  const rawLayers = Array.isArray(config?.layers) ? (config.layers as TopologyLayer[]) : null;
  if (!rawLayers) return [msg('exchange.model.noLayers')];
  const layers = rawLayers.filter((l) => l && typeof l.name === 'string' && l.class_name !== 'InputLayer');
  const input = rawLayers.find((l) => l?.class_name === 'InputLayer')?.config?.batch_input_shape;
  const diffs: Message[] = [];
  if (Array.isArray(input) && input.slice(1).join() !== net.input.join()) {
    diffs.push(msg('exchange.model.inputShape', { found: shown(input.slice(1)), wanted: shown(net.input) }));
  }
  const byName = new Map(layers.map((l) => [l.name, l]));
  const specs = new Map(weightSpecs.map((w) => [w.name, w.shape]));
  const shapes = layerShapes(net);
  net.layers.forEach((l, i) => {
    const found = byName.get(l.name);
    if (!found) return diffs.push(msg('exchange.model.missingLayer', { layer: l.name, kind: l.kind }));
    if (!classesOf(l).includes(found.class_name)) {
      return diffs.push(msg('exchange.model.layerKind', { layer: l.name, found: found.class_name, wanted: classesOf(l)[0] }));
    }
    for (const [setting, wanted] of Object.entries(expectedSettings(l))) {
      let value = first(found.config?.[setting]);
      if (setting === 'activation' && value == null) value = 'linear';
      if (setting === 'groups' && value == null) value = 1;
      if (!same(value, wanted))
        diffs.push(msg('exchange.model.layerSetting', { layer: l.name, setting, found: shown(value), wanted: shown(wanted) }));
    }
    const kernel = kernelShape(l, shapes[i].input);
    if (kernel) {
      const units = kernel[kernel.length - 1];
      for (const [weight, shape] of [
        [`${l.name}/kernel`, kernel],
        [`${l.name}/bias`, [units]],
      ] as const) {
        const got = specs.get(weight);
        if (!got) diffs.push(msg('exchange.model.missingWeight', { weight }));
        else if (got.join() !== shape.join())
          diffs.push(msg('exchange.model.weightShape', { weight, found: shown(got), wanted: shown(shape) }));
      }
    }
  });
  const tableNames = new Set(net.layers.map((l) => l.name));
  for (const l of layers) if (!tableNames.has(l.name)) diffs.push(msg('exchange.model.extraLayer', { layer: l.name, kind: l.class_name }));
  if (diffs.length === 0) {
    const order = layers.map((l) => l.name).join();
    if (order !== net.layers.map((l) => l.name).join()) diffs.push(msg('exchange.model.layerOrder'));
  }
  return diffs;
}
