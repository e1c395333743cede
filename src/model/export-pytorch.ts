/**
 * A network table as one self-contained PyTorch file, and the trained weights in PyTorch's layout. Pure (no tfjs):
 * the page writes the code, the Worker and the Node scripts convert the weights.
 *
 * What has to match TensorFlow.js exactly, layer by layer:
 * - 'same' padding: TensorFlow pads (out - 1) * stride + kernel - in in total, the smaller half before, so it can
 *   be asymmetric (a 2x2/2 pool of 7 pixels pads 0 before and 1 after). Symmetric conv padding goes in the
 *   Conv2d; anything else is an explicit pad module. Max-pool padding is -inf in TensorFlow (a padded cell never
 *   wins), not zero: with tanh the true maximum can be negative. Average pooling (Figure 1's network) averages the
 *   pixels inside the image only, whatever the padding: a small class in the generated file does that.
 * - LRN: TensorFlow's alpha multiplies the plain sum over 2r+1 channels, PyTorch's LocalResponseNorm divides its
 *   alpha by the window size, so alpha_torch = alpha_tf * (2r + 1).
 * - Flatten: TensorFlow flattens height, width, channels (NHWC); PyTorch's tensors are NCHW, so the code permutes
 *   to NHWC before flattening and the first dense layer's weights need no reordering.
 * - Kernels: tfjs conv kernels are [kh, kw, in/groups, out], PyTorch's [out, in/groups, kh, kw]; dense kernels
 *   [in, out] against PyTorch's [out, in]. Biases are the same.
 */
import type { NetworkSpec } from './networks';
import type { NamedTensor } from './safetensors';
import { kernelShape, layerShapes } from './shapes';
import { summarize } from './summary';

/** TensorFlow's padding along one axis: [before, after]. */
export function tfPadding(n: number, kernel: number, stride: number, padding: 'same' | 'valid'): [number, number] {
  if (padding === 'valid') return [0, 0];
  const out = Math.ceil(n / stride);
  const total = Math.max((out - 1) * stride + kernel - n, 0);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

/** A Python class name from a network's title: "Tiny AlexNet-style net" -> TinyAlexNetStyleNet. */
export function pythonClassName(net: NetworkSpec): string {
  const words = net.title.replace(/\([^)]*\)/g, ' ').match(/[A-Za-z0-9]+/g) ?? ['Network'];
  const name = words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  return /^[0-9]/.test(name) ? `Net${name}` : name;
}

/** A number as Python reads it back to the same double. */
const py = (x: number) => (Number.isInteger(x) ? `${x}.0` : String(x));
const pyString = (s: string) => JSON.stringify(s);

const ACTIVATION_MODULE: Record<string, string | null> = { relu: 'nn.ReLU()', tanh: 'nn.Tanh()', sigmoid: 'nn.Sigmoid()', linear: null };

export interface PytorchCodeOptions {
  /** This file's own name, for the usage lines. */
  fileName: string;
  /** The weights file the script loads when run (beside it). */
  weightsFile: string;
  /** Lines for the file's docstring: where it comes from (run name, date, settings link). */
  about?: string[];
}

/**
 * TensorFlow's average pooling with explicit, possibly asymmetric padding, as a Python class for the generated file:
 * the average of the zero-padded input over each window, divided by the share of the window inside the image (the
 * same average of a padded mask of ones), is the mean of the real pixels alone.
 */
const SAME_AVG_POOL_CLASS = `

class SameAvgPool2d(nn.Module):
    """TensorFlow's 'same' average pooling: the mean of the pixels inside the image only.

    The padding (left, right, top, bottom) may be larger after than before, which AvgPool2d cannot express.
    """

    def __init__(self, kernel_size, stride, padding):
        super().__init__()
        self.kernel_size, self.stride, self.padding = kernel_size, stride, padding

    def forward(self, x):
        ones = torch.ones(1, 1, *x.shape[2:], dtype=x.dtype, device=x.device)
        total = nn.functional.avg_pool2d(nn.functional.pad(x, self.padding), self.kernel_size, self.stride)
        inside = nn.functional.avg_pool2d(nn.functional.pad(ones, self.padding), self.kernel_size, self.stride)
        return total / inside
`;

/** One `.py` file: the module (builds with no arguments), the page's layer table, a weights loader, and a main. */
export function pytorchCode(net: NetworkSpec, opts: PytorchCodeOptions): string {
  const summary = summarize(net);
  const cls = pythonClassName(net);
  const init: string[] = [];
  const forward: string[] = [];
  let usesSameAvgPool = false;
  const shapes = layerShapes(net);
  for (const [i, l] of net.layers.entries()) {
    const { input } = shapes[i];
    switch (l.kind) {
      case 'conv': {
        const [h, w, c] = input;
        const [top, bottom] = tfPadding(h, l.kernel, l.stride, l.padding);
        const [left, right] = tfPadding(w, l.kernel, l.stride, l.padding);
        const symmetric = top === bottom && left === right && top === left;
        let call = `self.${l.name}(x)`;
        if (!symmetric) {
          init.push(`        self.${l.name}_pad = nn.ZeroPad2d((${left}, ${right}, ${top}, ${bottom}))`);
          call = `self.${l.name}(self.${l.name}_pad(x))`;
        }
        const groups = (l.groups ?? 1) > 1 ? `, groups=${l.groups}` : '';
        init.push(
          `        self.${l.name} = nn.Conv2d(${c}, ${l.filters}, kernel_size=${l.kernel}, stride=${l.stride}, padding=${symmetric ? top : 0}${groups})`,
        );
        const act = ACTIVATION_MODULE[l.activation];
        if (act) {
          init.push(`        self.${l.name}_act = ${act}`);
          call = `self.${l.name}_act(${call})`;
        }
        forward.push(`        x = ${call}`);
        break;
      }
      case 'pool': {
        const [h, w] = input;
        const [top, bottom] = tfPadding(h, l.size, l.stride, l.padding);
        const [left, right] = tfPadding(w, l.size, l.stride, l.padding);
        const padded = top + bottom + left + right > 0;
        if (l.op === 'avg') {
          // TensorFlow averages only the pixels inside the image and may pad more after than before; AvgPool2d
          // pads both sides alike, so a padded pool takes the helper class (written into the file once).
          if (padded) usesSameAvgPool = true;
          init.push(
            padded
              ? `        self.${l.name} = SameAvgPool2d(kernel_size=${l.size}, stride=${l.stride}, padding=(${left}, ${right}, ${top}, ${bottom}))`
              : `        self.${l.name} = nn.AvgPool2d(kernel_size=${l.size}, stride=${l.stride})`,
          );
          forward.push(`        x = self.${l.name}(x)`);
          break;
        }
        let call = `self.${l.name}(x)`;
        if (padded) {
          init.push(`        self.${l.name}_pad = nn.ConstantPad2d((${left}, ${right}, ${top}, ${bottom}), float("-inf"))`);
          call = `self.${l.name}(self.${l.name}_pad(x))`;
        }
        init.push(`        self.${l.name} = nn.MaxPool2d(kernel_size=${l.size}, stride=${l.stride})`);
        forward.push(`        x = ${call}`);
        break;
      }
      case 'lrn': {
        const size = 2 * l.depthRadius + 1;
        if (!init.some((line) => line.includes('LocalResponseNorm'))) {
          init.push(`        # TensorFlow's LRN alpha multiplies the plain sum over the window; PyTorch's is divided by size.`);
        }
        init.push(
          `        self.${l.name} = nn.LocalResponseNorm(size=${size}, alpha=${size} * ${py(l.alpha)}, beta=${py(l.beta)}, k=${py(l.bias)})`,
        );
        forward.push(`        x = self.${l.name}(x)`);
        break;
      }
      case 'dropout':
        init.push(`        self.${l.name} = nn.Dropout(p=${py(l.rate)})`);
        forward.push(`        x = self.${l.name}(x)`);
        break;
      case 'flatten':
        init.push(`        self.${l.name} = nn.Flatten()`);
        forward.push(
          `        # Flatten in TensorFlow's order (height, width, channels), so the dense weights are the playground's.`,
          `        x = self.${l.name}(x.permute(0, 2, 3, 1))`,
        );
        break;
      case 'dense': {
        const features = input.reduce((a, b) => a * b, 1);
        init.push(`        self.${l.name} = nn.Linear(${features}, ${l.units})`);
        const act = ACTIVATION_MODULE[l.activation];
        if (act) {
          init.push(`        self.${l.name}_act = ${act}`);
          forward.push(`        x = self.${l.name}_act(self.${l.name}(x))`);
        } else forward.push(`        x = self.${l.name}(x)`);
        break;
      }
    }
  }
  const [h, w, c] = net.input;
  const table = summary.layers.map(
    (l) =>
      `    (${pyString(l.name)}, ${pyString(l.kind)}, (${l.outputShape.join(', ')}${l.outputShape.length === 1 ? ',' : ''}), ${l.params}),`,
  );
  return `"""${net.title}, exported by AlexNet Playground as PyTorch code.
${(opts.about ?? []).map((line) => `\n${line}`).join('')}
Generated from the playground's network table: the same layers, shapes and parameters (${summary.totalParams}).
Import it for the module (${cls}() builds with no arguments), or run it beside its weights file:

    python3 ${opts.fileName}    # loads ${opts.weightsFile} from this folder, prints the layer table
    python3 ${opts.fileName} other.safetensors

Input: images as [N, ${c}, ${h}, ${w}] (NCHW), pixel values 0..1, as the playground feeds them. Output: ${summary.layers.at(-1)?.outputShape[0]} logits
(softmax gives the playground's probabilities). Weights: safetensors, PyTorch's layout, names as in state_dict().
"""
import json
import os
import struct
import sys

import torch
from torch import nn

WEIGHTS_FILE = ${pyString(opts.weightsFile)}
PARAMETERS = ${summary.totalParams}

# The playground's layer table: name, kind, output shape (height, width, channels), parameters.
LAYERS = [
${table.join('\n')}
]
${usesSameAvgPool ? SAME_AVG_POOL_CLASS : ''}

class ${cls}(nn.Module):
    """${net.title}."""

    input_shape = (${c}, ${h}, ${w})

    def __init__(self):
        super().__init__()
${init.join('\n')}

    def forward(self, x):
${forward.join('\n')}
        return x


def load_safetensors(path):
    """Tensors by name from a safetensors file: with the safetensors package if installed, else by hand."""
    try:
        from safetensors.torch import load_file
    except ImportError:
        load_file = None
    if load_file is not None:
        return load_file(path)
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + n].decode("utf-8"))
    base = 8 + n
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        if info["dtype"] != "F32":
            raise ValueError(f"{name}: dtype {info['dtype']}, expected F32")
        begin, end = info["data_offsets"]
        values = torch.frombuffer(bytearray(data[base + begin : base + end]), dtype=torch.float32)
        if sys.byteorder != "little":
            values = torch.from_numpy(values.numpy().byteswap())
        tensors[name] = values.reshape(info["shape"])
    return tensors


def load_weights(model, path):
    """Loads the playground's trained weights; every parameter must be in the file, with its shape."""
    model.load_state_dict(load_safetensors(path), strict=True)
    return model


def print_layer_table(model):
    print(f"{'layer':<10} {'kind':<8} {'output shape':<16} {'parameters':>12}")
    total = 0
    for name, kind, shape, expected in LAYERS:
        count = sum(p.numel() for p in getattr(model, name).parameters())
        total += count
        mark = "" if count == expected else f"  (the playground has {expected})"
        print(f"{name:<10} {kind:<8} {str(shape):<16} {count:>12,}{mark}")
    print(f"{'total':<36} {total:>12,}")
    return total


if __name__ == "__main__":
    model = ${cls}()
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), WEIGHTS_FILE)
    if os.path.exists(path):
        load_weights(model, path)
        print(f"weights: {path}")
    else:
        print(f"no weights at {path}: the weights are random")
    model.eval()
    total = print_layer_table(model)
    with torch.no_grad():
        out = model(torch.zeros(1, *model.input_shape))
    print(f"output: {tuple(out.shape)}")
    if total != PARAMETERS:
        sys.exit(f"{total} parameters, the playground's table has {PARAMETERS}")
`;
}

/** One layer's weights as tfjs holds them: kernel then bias, each row-major in tfjs's layout. */
export interface LayerWeights {
  layer: string;
  tensors: { shape: number[]; values: Float32Array }[];
}

/** [kh, kw, in, out] -> [out, in, kh, kw] */
function convKernelToTorch(shape: number[], v: Float32Array): NamedTensor['values'] {
  const [kh, kw, cin, cout] = shape;
  const out = new Float32Array(v.length);
  for (let y = 0; y < kh; y++)
    for (let x = 0; x < kw; x++)
      for (let i = 0; i < cin; i++)
        for (let o = 0; o < cout; o++) out[((o * cin + i) * kh + y) * kw + x] = v[((y * kw + x) * cin + i) * cout + o];
  return out;
}

/** [in, out] -> [out, in] */
function denseKernelToTorch(shape: number[], v: Float32Array): Float32Array {
  const [n, m] = shape;
  const out = new Float32Array(v.length);
  for (let i = 0; i < n; i++) for (let o = 0; o < m; o++) out[o * n + i] = v[i * m + o];
  return out;
}

/**
 * The trained weights under PyTorch's state_dict names (conv1.weight, conv1.bias, ...) in PyTorch's layout, in
 * table order. Throws naming the layer when a layer's weights are missing or of the wrong shape.
 */
export function torchStateDict(net: NetworkSpec, weights: readonly LayerWeights[]): NamedTensor[] {
  const byLayer = new Map(weights.map((w) => [w.layer, w.tensors]));
  const out: NamedTensor[] = [];
  const shapes = layerShapes(net);
  for (const [i, l] of net.layers.entries()) {
    // Null for the layers without weights (all but conv and dense).
    const wanted = kernelShape(l, shapes[i].input);
    if (!wanted) continue;
    const units = wanted[wanted.length - 1];
    const tensors = byLayer.get(l.name);
    if (!tensors || tensors.length !== 2) throw new Error(`${l.name}: expected a kernel and a bias`);
    const [kernel, bias] = tensors;
    if (kernel.shape.join() !== wanted.join() || bias.shape.join() !== String(units)) {
      throw new Error(`${l.name}: weights [${kernel.shape}] and [${bias.shape}], the table wants [${wanted}] and [${units}]`);
    }
    if (l.kind === 'conv') {
      const [kh, kw, cin, cout] = kernel.shape;
      out.push({ name: `${l.name}.weight`, shape: [cout, cin, kh, kw], values: convKernelToTorch(kernel.shape, kernel.values) });
    } else {
      out.push({
        name: `${l.name}.weight`,
        shape: [kernel.shape[1], kernel.shape[0]],
        values: denseKernelToTorch(kernel.shape, kernel.values),
      });
    }
    out.push({ name: `${l.name}.bias`, shape: [units], values: bias.values });
  }
  return out;
}

/** What goes in the safetensors header's __metadata__ (strings only, by the format). */
export function torchMetadata(net: NetworkSpec, extra: Record<string, string> = {}): Record<string, string> {
  return {
    format: 'pt',
    source: 'AlexNet Playground',
    network: net.title,
    layout: 'PyTorch state_dict: conv weight [out, in/groups, kh, kw], linear weight [out, in]; flatten in NHWC order',
    ...extra,
  };
}
