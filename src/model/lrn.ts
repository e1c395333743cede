import * as tf from '@tensorflow/tfjs';

export interface LrnParams {
  depthRadius: number;
  bias: number;
  alpha: number;
  beta: number;
}

/**
 * b[c] = a[c] / (bias + alpha * sum_{|c'-c| <= r} a[c']^2) ^ beta, over the channel axis (NHWC).
 * This is TensorFlow's tf.nn.lrn as the article uses it (alpha times the plain sum, not the mean).
 *
 * The window sum is a matmul of the squared activations with a banded 0/1 matrix rather than the
 * LRN/LRNGrad kernels: matmul is fast on every backend and autodiff gives the gradient, whereas the stock
 * LRNGrad loops over every channel for each element (on SwiftShader a step went from 316 s to 47 s this
 * way, NOTES.md; on an H100 LRNGrad was a third of tfjs-webgpu's GPU time).
 */
export function lrn(x: tf.Tensor4D, p: LrnParams): tf.Tensor4D {
  return NATIVE_LRN_BACKENDS.has(tf.getBackend()) ? lrnNative(x, p) : lrnBand(x, p);
}

/**
 * WASM and CPU compute LRN and its gradient with direct loops over the window (C++ on WASM); there the band
 * matmul would cost more than it saves (on WASM it was a large share of all matmul time in a training step).
 */
const NATIVE_LRN_BACKENDS = new Set(['wasm', 'cpu']);

export function lrnNative(x: tf.Tensor4D, p: LrnParams): tf.Tensor4D {
  return tf.localResponseNormalization(x, p.depthRadius, p.bias, p.alpha, p.beta);
}

/** The window sum as a matmul with a 0/1 band matrix, differentiated by autodiff: for GPU backends. */
export function lrnBand(x: tf.Tensor4D, p: LrnParams): tf.Tensor4D {
  return tf.tidy(() => {
    const channels = x.shape[3];
    const band = bandMatrix(channels, p.depthRadius);
    const squares = tf.square(x).reshape([-1, channels]) as tf.Tensor2D;
    const windowSum = tf.matMul(squares, band).reshape(x.shape);
    const divisor = tf.pow(tf.add(p.bias, tf.mul(p.alpha, windowSum)), p.beta);
    return tf.div(x, divisor) as tf.Tensor4D;
  });
}

const bands = new Map<string, Float32Array>();
/** band[i][j] = 1 when |i - j| <= radius. Cached as plain numbers: a tensor cache would outlive tidy scopes. */
function bandMatrix(channels: number, radius: number): tf.Tensor2D {
  const key = `${channels}:${radius}`;
  let values = bands.get(key);
  if (!values) {
    values = new Float32Array(channels * channels);
    for (let i = 0; i < channels; i++) {
      for (let j = Math.max(0, i - radius); j <= Math.min(channels - 1, i + radius); j++) values[i * channels + j] = 1;
    }
    bands.set(key, values);
  }
  return tf.tensor2d(values, [channels, channels]);
}

/** LRN as a Keras-style layer; tfjs-layers has none. Registered so models serialize. */
export class LocalResponseNorm extends tf.layers.Layer {
  static className = 'LocalResponseNorm';
  readonly params: LrnParams;

  constructor(args: LrnParams & { name?: string }) {
    super({ name: args.name });
    this.params = { depthRadius: args.depthRadius, bias: args.bias, alpha: args.alpha, beta: args.beta };
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return lrn(x as tf.Tensor4D, this.params);
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), ...this.params };
  }
}
tf.serialization.registerClass(LocalResponseNorm);
