/**
 * Plumbing shared by this project's WASM kernels: calling the backend's other kernels directly, releasing their
 * backend-owned intermediates, replacing a stock kernel while keeping it, and the geometry of the original
 * conv2d from `backend_util.computeConv2DInfo`.
 */
import * as tf from '@tensorflow/tfjs';
import { backend_util } from '@tensorflow/tfjs';
import type { KernelConfig, KernelFunc, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs';

export const WASM_BACKEND = 'wasm';

/** The subset of BackendWasm that these kernels use (the class itself is not needed at type level). */
export interface WasmBackendLike {
  disposeData(dataId: object, force?: boolean): boolean;
}

/** The attributes both conv2d gradient kernels share with the forward conv2d. */
export interface Conv2DBackpropAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/** BackendWasm as kernels written in TypeScript over its memory use it: allocation and typed heap views. */
export interface WasmHeapBackend extends WasmBackendLike {
  makeOutput(shape: number[], dtype: string): TensorInfo;
  /** A view of the tensor's memory; take it after the last allocation (growing the memory replaces it). */
  typedArrayFromHeap(info: TensorInfo): Float32Array;
}

export type WasmKernelCall = (name: string, inputs: NamedTensorInfoMap, attrs: NamedAttrMap, backend: WasmBackendLike) => TensorInfo;

/**
 * A function that runs the 'wasm' kernel `name` directly (as tfjs's own kernels compose each other) and
 * returns its single output; `neededBy` names the calling kernel in the error for a missing kernel.
 */
export function wasmKernelCaller(neededBy: string): WasmKernelCall {
  return (name, inputs, attrs, backend) => {
    const config = tf.getKernel(name, WASM_BACKEND);
    if (config == null) {
      throw new Error(`wasm backend has no ${name} kernel (needed by ${neededBy})`);
    }
    const out = config.kernelFunc({ inputs, attrs, backend: backend as never });
    if (Array.isArray(out)) throw new Error(`${name} returned several outputs`);
    return out as TensorInfo;
  };
}

/** Releases backend-owned intermediates (each created by one of our kernel calls). */
export function release(backend: WasmBackendLike, ...infos: (TensorInfo | null)[]): void {
  for (const info of infos) if (info != null) backend.disposeData(info.dataId);
}

/** True when the kernel registered for 'wasm' under `config.kernelName` is `config`'s. */
export function isRegisteredWasmKernel(config: KernelConfig): boolean {
  return tf.getKernel(config.kernelName, WASM_BACKEND)?.kernelFunc === config.kernelFunc;
}

/** The original conv, exactly as tfjs's conv2d computes it (dilations 1). */
export function originalConv2DInfo(xShape: number[], filterShape: number[], attrs: Conv2DBackpropAttrs): backend_util.Conv2DInfo {
  const { strides, pad, dataFormat, dimRoundingMode } = attrs;
  const $dataFormat = backend_util.convertConv2DDataFormat(dataFormat);
  return backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    $dataFormat,
  );
}

/** Throws unless dy has the original conv's output shape. */
export function checkDyShape(kernelName: string, dyShape: number[], info: backend_util.Conv2DInfo): void {
  const expectedDy = info.outShape;
  if (dyShape.length !== 4 || dyShape.some((d, i) => d !== expectedDy[i])) {
    throw new Error(`${kernelName} (wasm): dy shape [${dyShape}] does not match the conv output [${expectedDy}]`);
  }
}

/** The original conv's geometry, as both gradient kernels need it. */
export interface Conv2DGeometry {
  batch: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outHeight: number;
  outWidth: number;
  outChannels: number;
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  /** The original conv's top/left padding (from `computeConv2DInfo`). */
  padTop: number;
  padLeft: number;
  channelsLast: boolean;
}

export function conv2DGeometry(info: backend_util.Conv2DInfo): Conv2DGeometry {
  return {
    batch: info.batchSize,
    inHeight: info.inHeight,
    inWidth: info.inWidth,
    inChannels: info.inChannels,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
    outChannels: info.outChannels,
    filterHeight: info.filterHeight,
    filterWidth: info.filterWidth,
    strideHeight: info.strideHeight,
    strideWidth: info.strideWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
    channelsLast: info.dataFormat === 'channelsLast',
  };
}

/**
 * One of our kernels registered in place of a stock 'wasm' kernel, which is kept: ours falls back to it,
 * tests compare against it, and `restore` puts it back.
 */
export interface WasmKernelOverride {
  /** Installs ours (idempotent). Returns true when it did so now. */
  register(): boolean;
  isOurs(): boolean;
  /** Puts the stock kernel back; true when it did. */
  restore(): boolean;
  /** Runs the stock kernel. */
  stock(args: { inputs: NamedTensorInfoMap; backend: unknown; attrs?: NamedAttrMap }): TensorInfo;
}

export function wasmKernelOverride(kernelName: string, kernelFunc: KernelFunc): WasmKernelOverride {
  let stockConfig: KernelConfig | null = null;
  const config: KernelConfig = {
    kernelName,
    backendName: WASM_BACKEND,
    kernelFunc,
    // A stock kernel binds its C++ function in its setupFunc, which tfjs runs only for the kernels registered
    // when the backend starts: once ours replaces it, ours must run it for the stock path to work.
    setupFunc: (backend) => stockConfig?.setupFunc?.(backend),
  };
  const isOurs = () => isRegisteredWasmKernel(config);
  return {
    register() {
      const current = tf.getKernel(kernelName, WASM_BACKEND);
      if (current?.kernelFunc === kernelFunc) return false;
      if (current == null) throw new Error(`${kernelName} (wasm): no stock kernel to replace; import tfjs-backend-wasm first`);
      stockConfig = current;
      tf.unregisterKernel(kernelName, WASM_BACKEND);
      tf.registerKernel(config);
      return true;
    },
    isOurs,
    restore() {
      if (!isOurs() || stockConfig == null) return false;
      tf.unregisterKernel(kernelName, WASM_BACKEND);
      tf.registerKernel(stockConfig);
      return true;
    },
    stock(args) {
      if (stockConfig == null) throw new Error(`${kernelName} (wasm): the stock kernel was not saved`);
      return stockConfig.kernelFunc(args as never) as TensorInfo;
    },
  };
}
