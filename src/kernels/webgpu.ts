import { registerWebGPUAdamUpdate } from './webgpu-adam-update';
import { registerWebGPUConv2DBackpropFilter } from './webgpu-conv2d-backprop-filter';

/**
 * Our kernels for tfjs-backend-webgpu 4.22: a split-reduction weight gradient (Conv2DBackpropFilter) in
 * place of the stock one-thread-per-weight loop, and Adam's update in three dispatches per weight tensor
 * instead of thirteen (src/train/fused-adam.ts). Idempotent; call after @tensorflow/tfjs-backend-webgpu has
 * been imported (it registers the stock kernels that ours saves for fallback), before or after
 * `tf.setBackend('webgpu')`.
 */
export function registerWebGPUKernels(): void {
  registerWebGPUConv2DBackpropFilter();
  registerWebGPUAdamUpdate();
}
