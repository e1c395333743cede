import * as tf from '@tensorflow/tfjs';
import { outputSize, type Padding } from './networks';

/** tfjs does not export the Initializer class from its public entry. */
export type Initializer = ReturnType<typeof tf.initializers.zeros>;

export interface GroupedConvArgs {
  filters: number;
  kernelSize: number;
  strides: number;
  padding: Padding;
  groups: number;
  activation: 'relu' | 'tanh' | 'sigmoid' | 'linear';
  kernelInitializer: Initializer;
  name?: string;
}

/**
 * A conv split into `groups` towers that each see only their share of the input channels: how AlexNet's
 * two GPUs ran conv2, conv4 and conv5 (each GPU saw only its own 48 or 192 channels). tfjs has no grouped
 * conv, so each group is a plain conv on a channel slice, concatenated.
 */
export class GroupedConv2D extends tf.layers.Layer {
  static className = 'GroupedConv2D';
  private readonly args: GroupedConvArgs;
  private kernel!: tf.LayerVariable;
  private bias!: tf.LayerVariable;

  constructor(args: GroupedConvArgs) {
    super({ name: args.name });
    this.args = args;
  }

  build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const channels = shape[shape.length - 1] as number;
    const { kernelSize: k, groups, filters } = this.args;
    if (channels % groups !== 0 || filters % groups !== 0) {
      throw new Error(`${this.name}: ${channels} input channels and ${filters} filters must split into ${groups} groups`);
    }
    this.kernel = this.addWeight('kernel', [k, k, channels / groups, filters], 'float32', this.args.kernelInitializer);
    this.bias = this.addWeight('bias', [filters], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const [n, h, w] = shape as number[];
    const { kernelSize: k, strides: s, padding } = this.args;
    return [n, outputSize(h, k, s, padding), outputSize(w, k, s, padding), this.args.filters];
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
    return tf.tidy(() => {
      const { groups, strides, padding, activation } = this.args;
      const xs = tf.split(x, groups, 3);
      const ks = tf.split(this.kernel.read() as tf.Tensor4D, groups, 3) as tf.Tensor4D[];
      const y = tf.add(
        tf.concat(
          xs.map((xi, i) => tf.conv2d(xi as tf.Tensor4D, ks[i], strides, padding)),
          3,
        ),
        this.bias.read(),
      );
      return activation === 'linear' ? y : tf[activation](y);
    });
  }

  getConfig(): tf.serialization.ConfigDict {
    const { kernelInitializer: _ignored, ...rest } = this.args;
    return { ...super.getConfig(), ...rest };
  }
}
tf.serialization.registerClass(GroupedConv2D);
