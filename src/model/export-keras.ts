/**
 * A network table as Keras code (TensorFlow 2): the same layers by the same names. Keras shares TensorFlow's
 * conventions (NHWC, 'same' padding, LRN's alpha on the plain sum), so unlike the PyTorch export nothing is
 * translated; the weights file is the PyTorch-layout safetensors file, turned back to Keras's layout on load.
 * Pure: the page writes it.
 */
import type { NetworkSpec } from './networks';
import { pythonClassName } from './export-pytorch';
import { summarize } from './summary';

const py = (x: number) => (Number.isInteger(x) ? `${x}.0` : String(x));
const pyActivation = (a: string) => (a === 'linear' ? 'None' : JSON.stringify(a));

export interface KerasCodeOptions {
  fileName: string;
  /** The safetensors file the script loads when run (beside it). */
  weightsFile: string;
  about?: string[];
}

export function kerasCode(net: NetworkSpec, opts: KerasCodeOptions): string {
  const summary = summarize(net);
  const lines: string[] = [];
  for (const l of net.layers) {
    switch (l.kind) {
      case 'conv': {
        const groups = (l.groups ?? 1) > 1 ? `, groups=${l.groups}` : '';
        lines.push(
          `    x = keras.layers.Conv2D(${l.filters}, ${l.kernel}, strides=${l.stride}, padding="${l.padding}", activation=${pyActivation(l.activation)}${groups}, name="${l.name}")(x)`,
        );
        break;
      }
      case 'pool':
        // Keras's 'same' average pooling is TensorFlow's: it averages the pixels inside the image only.
        lines.push(
          `    x = keras.layers.${l.op === 'avg' ? 'AveragePooling2D' : 'MaxPooling2D'}(pool_size=${l.size}, strides=${l.stride}, padding="${l.padding}", name="${l.name}")(x)`,
        );
        break;
      case 'lrn':
        lines.push(
          `    x = LocalResponseNorm(depth_radius=${l.depthRadius}, bias=${py(l.bias)}, alpha=${py(l.alpha)}, beta=${py(l.beta)}, name="${l.name}")(x)`,
        );
        break;
      case 'dropout':
        lines.push(`    x = keras.layers.Dropout(${py(l.rate)}, name="${l.name}")(x)`);
        break;
      case 'flatten':
        lines.push(`    x = keras.layers.Flatten(name="${l.name}")(x)`);
        break;
      case 'dense':
        lines.push(`    x = keras.layers.Dense(${l.units}, activation=${pyActivation(l.activation)}, name="${l.name}")(x)`);
        break;
    }
  }
  const [h, w, c] = net.input;
  const weighted = net.layers.filter((l) => l.kind === 'conv' || l.kind === 'dense').map((l) => `"${l.name}"`);
  return `"""${net.title}, exported by AlexNet Playground as Keras code (TensorFlow 2).
${(opts.about ?? []).map((line) => `\n${line}`).join('')}
The same layers, names and parameters (${summary.totalParams}) as the playground's network table. Run it beside the
weights file to load them (python3 ${opts.fileName}), or import it and call build_model().
Input: [N, ${h}, ${w}, ${c}] (NHWC), pixel values 0..1. Output: logits (softmax gives the playground's probabilities).
"""
import json
import os
import struct
import sys

import numpy as np
import tensorflow as tf
from tensorflow import keras

WEIGHTS_FILE = ${JSON.stringify(opts.weightsFile)}
PARAMETERS = ${summary.totalParams}


class LocalResponseNorm(keras.layers.Layer):
    """tf.nn.local_response_normalization as a layer: alpha on the plain sum over 2r+1 channels."""

    def __init__(self, depth_radius, bias, alpha, beta, **kwargs):
        super().__init__(**kwargs)
        self.depth_radius, self.bias, self.alpha, self.beta = depth_radius, bias, alpha, beta

    def call(self, x):
        return tf.nn.local_response_normalization(x, self.depth_radius, self.bias, self.alpha, self.beta)

    def get_config(self):
        return {**super().get_config(), "depth_radius": self.depth_radius, "bias": self.bias, "alpha": self.alpha, "beta": self.beta}


def build_model():
    inputs = keras.Input(shape=(${h}, ${w}, ${c}), name="image")
    x = inputs
${lines.join('\n')}
    return keras.Model(inputs, x, name=${JSON.stringify(pythonClassName(net))})


def load_weights(model, path):
    """The safetensors file holds PyTorch's layout; Keras wants kernels as [kh, kw, in, out] and [in, out]."""
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + n].decode("utf-8"))
    base = 8 + n

    def tensor(name):
        info = header[name]
        begin, end = info["data_offsets"]
        return np.frombuffer(data[base + begin : base + end], dtype="<f4").reshape(info["shape"])

    for name in [${weighted.join(', ')}]:
        weight, bias = tensor(name + ".weight"), tensor(name + ".bias")
        kernel = weight.transpose(2, 3, 1, 0) if weight.ndim == 4 else weight.T
        model.get_layer(name).set_weights([kernel, bias])
    return model


if __name__ == "__main__":
    model = build_model()
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), WEIGHTS_FILE)
    if os.path.exists(path):
        load_weights(model, path)
        print(f"weights: {path}")
    else:
        print(f"no weights at {path}: the weights are random")
    model.summary()
    if model.count_params() != PARAMETERS:
        sys.exit(f"{model.count_params()} parameters, the playground's table has {PARAMETERS}")
`;
}
