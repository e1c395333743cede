import { registerWasmConv2DBackpropFilter } from './wasm-conv2d-backprop-filter';
import { registerWasmConv2DBackpropInput } from './wasm-conv2d-backprop-input';

/**
 * Our kernels for tfjs-backend-wasm 4.22: the weight gradient it lacks, and a faster input gradient. Both
 * are forward XNNPACK convolutions on rearranged tensors. Idempotent; call before `tf.setBackend('wasm')`.
 */
export function registerWasmKernels(): void {
  registerWasmConv2DBackpropFilter();
  registerWasmConv2DBackpropInput();
}
