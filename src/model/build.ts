import * as tf from '@tensorflow/tfjs';
import type { Init } from '../settings';
import { SeededDropout } from './dropout';
import { GroupedConv2D, type Initializer } from './grouped-conv';
import { LocalResponseNorm } from './lrn';
import type { NetworkSpec } from './networks';

/**
 * Glorot (the Keras default) suits tanh/sigmoid, He suits ReLU. The article drew every weight from N(0, 1):
 * with 576 or 4096 inputs per unit the logits come out in the hundreds and the first steps diverge, which is
 * why it is offered only as an option to see exactly that. 'cuda-convnet' draws from N(0, σ²) with the σ the
 * layer's table gives (Figure 1's network: initW of Krizhevsky's layer file); validation refuses it for
 * tables without one.
 */
function initializer(init: Init, seed: number, initStd: number | undefined, name: string): Initializer {
  switch (init) {
    case 'cuda-convnet':
      if (initStd === undefined) throw new Error(`${name}: the table gives no σ for init 'cuda-convnet'`);
      return tf.initializers.randomNormal({ mean: 0, stddev: initStd, seed });
    case 'glorot':
      return tf.initializers.glorotUniform({ seed });
    case 'he':
      return tf.initializers.heNormal({ seed });
    case 'normal':
      return tf.initializers.randomNormal({ mean: 0, stddev: 1, seed });
  }
}

export interface BuildOptions {
  init: Init;
  seed: number;
}

/** A tfjs model whose layers are named and ordered exactly as in the table. */
export function buildModel(net: NetworkSpec, opts: BuildOptions): tf.LayersModel {
  const input = tf.input({ shape: net.input, name: 'image' });
  let x: tf.SymbolicTensor = input;
  net.layers.forEach((l, i) => {
    // One seed per layer, derived from the run's seed, so layers differ but runs repeat. Never 0: tfjs's normal
    // initializers take a seed of 0 as "no seed" and draw at random, so seed 0 would not repeat.
    const seed = opts.seed * 1000 + i + 1;
    switch (l.kind) {
      case 'conv':
        x = (
          (l.groups ?? 1) > 1
            ? new GroupedConv2D({
                name: l.name,
                filters: l.filters,
                kernelSize: l.kernel,
                strides: l.stride,
                padding: l.padding,
                groups: l.groups ?? 1,
                activation: l.activation,
                kernelInitializer: initializer(opts.init, seed, l.initStd, l.name),
              })
            : tf.layers.conv2d({
                name: l.name,
                filters: l.filters,
                kernelSize: l.kernel,
                strides: l.stride,
                padding: l.padding,
                activation: l.activation,
                kernelInitializer: initializer(opts.init, seed, l.initStd, l.name),
                biasInitializer: 'zeros',
              })
        ).apply(x) as tf.SymbolicTensor;
        break;
      case 'pool': {
        const pool = l.op === 'avg' ? tf.layers.averagePooling2d : tf.layers.maxPooling2d;
        x = pool({ name: l.name, poolSize: l.size, strides: l.stride, padding: l.padding }).apply(x) as tf.SymbolicTensor;
        break;
      }
      case 'lrn':
        x = new LocalResponseNorm(l).apply(x) as tf.SymbolicTensor;
        break;
      case 'dropout':
        x = new SeededDropout({ name: l.name, rate: l.rate, seed }).apply(x) as tf.SymbolicTensor;
        break;
      case 'flatten':
        x = tf.layers.flatten({ name: l.name }).apply(x) as tf.SymbolicTensor;
        break;
      case 'dense':
        x = tf.layers
          .dense({
            name: l.name,
            units: l.units,
            activation: l.activation,
            kernelInitializer: initializer(opts.init, seed, l.initStd, l.name),
            biasInitializer: 'zeros',
          })
          .apply(x) as tf.SymbolicTensor;
        break;
    }
  });
  return tf.model({ inputs: input, outputs: x, name: net.title.replace(/\W+/g, '_') });
}
