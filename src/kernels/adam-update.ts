/**
 * One Adam step for one weight tensor as a single kernel, `PlaygroundAdamUpdate`, in place of the dozen or so
 * elementwise kernels tfjs's AdamOptimizer runs per weight (mul, add, square, div, sqrt, ...: a large share of
 * the kernels a training step dispatches, each a pass over memory, each a dispatch a GPU waits on).
 *
 * Only WebGPU registers one (src/kernels/webgpu-adam-update.ts): a JavaScript loop over WASM memory was
 * tried and was slower than tfjs's SIMD, multi-threaded elementwise kernels, so WASM keeps tfjs's update.
 *
 * Inputs: weights, grads, firstMoment (m), secondMoment (v), all float32 of one shape.
 * Outputs: [weights', m', v'], exactly tfjs's AdamOptimizer.applyGradients:
 *   m' = m·β1 + g·(1−β1)            v' = v·β2 + g²·(1−β2)
 *   w' = (m' / (1−β1ᵗ)) / (√(v' / (1−β2ᵗ)) + ε) · (−lr) + w
 * src/train/fused-adam.ts uses the kernel where the backend has one and tfjs's optimizer elsewhere.
 */
export const ADAM_UPDATE = 'PlaygroundAdamUpdate';

export interface AdamUpdateAttrs {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** 1 − β1ᵗ and 1 − β2ᵗ for this step, as tfjs computes them (float32). */
  oneMinusAccBeta1: number;
  oneMinusAccBeta2: number;
}
