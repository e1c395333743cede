import { registerWasmBatchMatMul } from './wasm-batch-matmul';
import { registerWasmConv2DBackpropFilter } from './wasm-conv2d-backprop-filter';
import { registerWasmConv2DBackpropInput } from './wasm-conv2d-backprop-input';
import { registerWasmIdentity } from './wasm-identity';
import { registerWasmMaxPoolGrad } from './wasm-max-pool-grad';

/**
 * Our kernels for tfjs-backend-wasm 4.22: the conv weight gradient it lacks and a faster conv input gradient
 * (forward XNNPACK convolutions on rearranged tensors), matmuls without its slow transposed paths, a
 * faster and correct max-pool gradient, and an Identity that does not copy.
 * Idempotent; call before `tf.setBackend('wasm')`.
 */
export function registerWasmKernels(): void {
  registerWasmConv2DBackpropFilter();
  registerWasmConv2DBackpropInput();
  registerWasmBatchMatMul();
  registerWasmMaxPoolGrad();
  registerWasmIdentity();
}
