/**
 * Which table a config trains, on the images a dataset gives it, and why a network cannot take them. Pure: the
 * settings' validation, the page's model summary and the Trainer all ask here, so they agree.
 */
import { englishText, msg, type Message } from '../i18n/message';
import { isBuiltinDataset, type DatasetId } from '../data/dataset';
import type { Dataset, TrainConfig } from '../settings';
import {
  alexNet2012,
  alexNetSmall,
  figure1Network,
  playgroundNetwork,
  widthFactor,
  type NetworkOptions,
  type NetworkSpec,
  type Shape3,
} from './networks';
import { layerShapes } from './shapes';

/** The image each built-in dataset gives a network. */
const DATASET_INPUT: Record<DatasetId, Shape3> = {
  mnist: [28, 28, 1],
  fashion: [28, 28, 1],
  cifar10: [32, 32, 3],
};

/** The image a dataset gives a network, or null for a user's imported one (its shape is known where it is stored). */
export const datasetInput = (dataset: Dataset): Shape3 | null => (isBuiltinDataset(dataset) ? DATASET_INPUT[dataset] : null);

/** Above this, AlexNet for small images would need a bigger stride than its table has: AlexNet 2012's job. */
const SMALL_MAX = 64;

const shapeText = (s: readonly number[]) => s.join('×');

/** The table for a config on images of `input`, whether or not it can take them (networkProblem says). */
function table(c: NetworkOptions, input: Shape3, classes: number): NetworkSpec {
  const alex = { width: widthFactor(c.width), activation: c.activation, lrn: c.lrn, dropout: c.dropout, classes, channels: input[2] };
  switch (c.model) {
    case 'figure1':
      return figure1Network(c, input, classes);
    case 'alexnet-small':
      return alexNetSmall(alex, input);
    case 'alexnet2012':
      // The paper's two-GPU network, the one its 60,965,224 parameters count.
      return alexNet2012(true, alex);
    default:
      // Written for MNIST's 28x28 grey digits; its 'same' convs and pools take any image, and the flatten
      // grows with it (32x32x3 also ends 4x4x256).
      return playgroundNetwork(c, classes, input);
  }
}

/**
 * Why the config's network cannot train on images of `input` (a message naming the network and the images),
 * or why its init cannot be used with it; undefined when it can.
 */
export function networkProblem(c: NetworkOptions & Pick<TrainConfig, 'init'>, input: Shape3, classes = 10): Message | undefined {
  const values = { network: msg(`settings.model.options.${c.model}`), input: shapeText(input) };
  if (c.model === 'alexnet2012' && (input[0] !== 227 || input[1] !== 227)) return msg('networks.alexNet2012Input', values);
  if (c.model === 'alexnet-small' && Math.max(input[0], input[1]) > SMALL_MAX) {
    return msg('networks.alexNetSmallInput', { ...values, max: SMALL_MAX });
  }
  const net = table(c, input, classes);
  const empty = layerShapes(net).findIndex((s) => s.output.some((n) => n < 1));
  if (empty >= 0) return msg('networks.mapsVanish', { ...values, layer: net.layers[empty].name });
  if (c.init === 'cuda-convnet' && net.layers.some((l) => (l.kind === 'conv' || l.kind === 'dense') && l.initStd === undefined)) {
    return msg('networks.noLayerStd', { network: values.network });
  }
  return undefined;
}

/** The network a config trains on images of `input`; throws (in English) when it cannot take them. */
export function networkFor(c: NetworkOptions, input: Shape3, classes = 10): NetworkSpec {
  const problem = networkProblem({ ...c, init: 'glorot' }, input, classes);
  // In English: the Worker validates configs first, so only tools and tests ever see this.
  if (problem) throw new Error(englishText(problem));
  return table(c, input, classes);
}
