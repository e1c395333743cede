/**
 * Identity for tfjs-backend-wasm 4.22 that shares the input's memory, as tfjs's CPU and WebGL backends do,
 * instead of copying it. tfjs-layers calls Identity on every activation, weight and gradient it passes along
 * (about a hundred calls a training step of the article's network), and the stock kernel copied each one.
 * Tensors are immutable and no kernel writes into its inputs, so a shared buffer with a reference count (what
 * Reshape already does) is safe; the memory is freed when the last tensor using it is disposed.
 */
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { wasmKernelOverride } from './wasm-kernel-util';

interface Args {
  inputs: { x: TensorInfo };
  backend: { incRef(dataId: object): void };
}

const identity = ((args: Args): TensorInfo => {
  const { x } = args.inputs;
  if (x.dtype === 'string') return override.stock(args as never);
  args.backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}) as unknown as KernelFunc;

const override = wasmKernelOverride('Identity', identity);

export const registerWasmIdentity = override.register;
export const isOurWasmIdentity = override.isOurs;
