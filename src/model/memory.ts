/**
 * How much memory one training step of a network table needs in tfjs, before it runs: a batch of 4096 on the
 * article's network asks for several GB, more than a browser tab or a GPU gives, and the step dies. Pure: the
 * page shows it in the model summary and nothing here touches tfjs.
 *
 * What a step (src/train/trainer.ts: optimizer.minimize inside tf.tidy) holds, in float32 bytes, as tfjs 4.22
 * computes it (tfjs-core's engine.gradients and tape.ts; tfjs-layers' conv and dense layers):
 * - weights, and the optimizer's state: SGD with momentum keeps one accumulator per weight, Adam two moments.
 * - activations kept for the backward pass. tfjs runs the forward pass in a tidy and frees every tensor that no
 *   kernel saved for its gradient. With the tape on, tfjs does not fuse a conv or matmul with its bias and a
 *   relu, so a relu layer keeps three maps (product, biased sum, relu), a tanh or sigmoid layer two (product,
 *   output: their gradients need only the output), a linear layer one (fused). Pooling and LRN keep their
 *   output, dropout its mask (as floats), the scaled mask and its output, a grouped conv its channel slices,
 *   the per-group outputs and their concatenation; the GPU backends' LRN, built out of matmuls, keeps five
 *   maps of its size. The image batch counts as the first layer's input.
 * - gradients: tfjs keeps every gradient it computes until the whole backward pass is done (tape.ts frees none
 *   on the way). So besides the weight gradients there is one per kept activation that leads to a weight: an
 *   activation's, a pooling's, an LRN's, dropout's, and each conv or matmul's input gradient (not the image's,
 *   except for a fused linear conv, whose custom gradient computes it anyway). A bias's sum shares memory.
 * - the largest transient: during the backward pass, what one gradient makes and frees (relu: its 0/1 step,
 *   and on WASM a copy of it, as WASM's Cast always copies; tanh and sigmoid: two maps), on top of everything
 *   kept. After it, only the weight gradients are left and the update runs: tfjs's Adam (WASM, CPU, WebGL)
 *   makes eleven weight-sized tensors per weight tensor inside one tidy, all alive until every weight is
 *   updated, 11 × the parameters. Momentum SGD works a tensor at a time: four temporaries of the largest weight
 *   tensor; our fused Adam on WebGPU (one kernel a tensor) needs nothing. `transient` is whichever of the two
 *   phases raises the peak more.
 * Buffers, not tensors: a reshape or a saved copy shares its buffer, and counts once here (tfjs's
 * tf.memory().numBytes counts every tensor, so it reads more). Not counted: kernels' own scratch memory
 * outside tfjs's bookkeeping (the WASM weight-gradient conv transposes its input and output gradient).
 */
import type { OptimizerName } from '../settings';
import type { NetworkSpec } from './networks';
import { layerParams, layerShapes } from './shapes';

export interface TrainingMemory {
  batch: number;
  optimizer: OptimizerName;
  weights: number;
  optimizerState: number;
  /** Kept from the forward pass for the backward pass. */
  activations: number;
  /** Weight gradients and the activations' gradients, all alive at the end of the backward pass. */
  gradients: number;
  /** What the peak holds beyond the above: a layer's backward temporaries, or the update's. */
  transient: number;
  /** The peak of one step, in bytes. */
  total: number;
  /**
   * The largest single tensor of the step, in bytes: what one GPU buffer or texture must hold. An activation map
   * of the whole batch, a weight tensor, or on WebGL a conv's im2col matrix (tfjs-backend-webgl's Conv2D copies
   * each kh × kw patch of the input into a [batch, kh·kw·channels, output pixels] tensor and multiplies that).
   */
  largestTensor: number;
}

export interface MemoryOptions {
  /** GPU backends build LRN out of matmuls (more saved tensors); WebGPU also updates Adam in one kernel. */
  backend?: 'wasm' | 'cpu' | 'webgl' | 'webgpu';
  /** SGD's weight decay adds the squared kernels and their gradients to the graph. */
  weightDecay?: boolean;
}

const FLOAT = 4;
const ADAM_TEMPORARIES = 11;
/** momentum·accumulator, the new accumulator, rate·that, the new weight: alive until both are assigned. */
const MOMENTUM_TEMPORARIES = 4;

/** Bytes one training step of `net` at `batch` needs, split as the header explains. */
export function estimateTrainingMemory(net: NetworkSpec, batch: number, optimizer: OptimizerName, o: MemoryOptions = {}): TrainingMemory {
  const backend = o.backend ?? 'wasm';
  const gpu = backend === 'webgl' || backend === 'webgpu';
  const castCopies = backend === 'wasm' ? 1 : 0;
  const shapes = layerShapes(net);
  const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
  let params = 0;
  let largestWeight = 0;
  let kernels = 0;
  // Per example, in floats: activations kept, their gradients, and the largest backward temporary.
  let kept = size(net.input);
  let grads = 0;
  let temp = 0;
  // Whether the current input leads back to a weight (the image does not): only then is its gradient made.
  let onPath = false;
  // Per example, in floats, except weights (whole tensors): the largest tensor.
  let largestMap = size(net.input);
  let largestKernel = 0;
  net.layers.forEach((l, i) => {
    const input = size(shapes[i].input);
    const out = size(shapes[i].output);
    const w = layerParams(l, shapes[i].input);
    params += w;
    largestWeight = Math.max(largestWeight, w);
    largestMap = Math.max(largestMap, out);
    if (l.kind === 'conv' && backend === 'webgl') {
      const [, , channels] = shapes[i].input;
      const [h, wd] = shapes[i].output;
      largestMap = Math.max(largestMap, l.kernel * l.kernel * (channels / (l.groups ?? 1)) * h * wd);
    }
    if (l.kind === 'conv' || l.kind === 'dense') largestKernel = Math.max(largestKernel, w - (l.kind === 'conv' ? l.filters : l.units));
    const inputGrad = onPath ? input : 0;
    switch (l.kind) {
      case 'conv':
      case 'dense': {
        kernels += w - (l.kind === 'conv' ? l.filters : l.units);
        const act = l.activation;
        const actTemp = act === 'relu' ? 1 + castCopies : act === 'linear' ? 0 : 2;
        if (l.kind === 'conv' && (l.groups ?? 1) > 1) {
          // slices, per-group outputs, concatenation, biased sum (saved by relu only), activation
          kept += input + 2 * out + (act === 'relu' ? 2 * out : act === 'linear' ? 0 : out);
          // activation, the split of its gradient, per-group input gradients and their concatenation
          grads += (act === 'linear' ? 0 : out) + out + 2 * input;
        } else if (act === 'linear') {
          kept += out;
          grads += input; // the fused op's custom gradient makes the input gradient even for the image
        } else {
          kept += (act === 'relu' ? 3 : 2) * out;
          grads += out + inputGrad;
        }
        temp = Math.max(temp, actTemp * out);
        break;
      }
      case 'pool':
        kept += out;
        grads += inputGrad;
        break;
      case 'lrn':
        kept += out + (gpu ? 5 * input : 0);
        grads += gpu ? 6 * input : inputGrad;
        break;
      case 'dropout':
        kept += 3 * out; // the mask as floats, the scaled mask, the output
        grads += inputGrad;
        temp = Math.max(temp, castCopies * out);
        break;
      case 'flatten':
        break; // a reshape shares its input's buffer, and so does its gradient
    }
    onPath ||= w > 0;
  });
  const classes = size(shapes.at(-1)?.output ?? []);
  const lossFloats = 4 * (classes + 1);
  const weights = params * FLOAT;
  const optimizerState = (optimizer === 'adam' ? 2 : 1) * weights;
  // Weight decay (SGD): each squared kernel is kept; its sum's gradient, its own gradient and the sum of that
  // with the kernel's gradient stay to the end.
  const decay = o.weightDecay && optimizer === 'sgd' ? kernels * FLOAT : 0;
  const activations = (kept + lossFloats) * batch * FLOAT + decay;
  const gradients = (grads + lossFloats) * batch * FLOAT + weights + 3 * decay;
  const update =
    optimizer === 'adam' ? (backend === 'webgpu' ? 0 : ADAM_TEMPORARIES * weights) : MOMENTUM_TEMPORARIES * largestWeight * FLOAT;
  // The update starts after the activations and their gradients are freed (only the weight gradients stay).
  const freed = activations + gradients - weights;
  const transient = Math.max(temp * batch * FLOAT, update - freed, 0);
  return {
    batch,
    optimizer,
    weights,
    optimizerState,
    activations,
    gradients,
    transient,
    total: weights + optimizerState + activations + gradients + transient,
    largestTensor: Math.max(largestMap * batch, largestKernel) * FLOAT,
  };
}
