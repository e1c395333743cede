/**
 * One Adam step for one weight tensor as a single kernel, `PlaygroundAdamUpdate`, in place of the fourteen
 * elementwise kernels tfjs's AdamOptimizer runs per weight (mul, add, square, div, sqrt, ...: nearly half of
 * the kernels a seed-net training step dispatches, each a pass over memory).
 *
 * Only WebGPU registers one (src/kernels/webgpu-adam-update.ts): a JavaScript loop over WASM memory was
 * tried and was slower than tfjs's SIMD, multi-threaded elementwise kernels (seed net: 50 ms against 30 ms a
 * step in Node, single-threaded), so WASM keeps tfjs's update. `adamUpdateInto` stays as the reference the
 * tests check the optimizer's arithmetic against.
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

const f = Math.fround;

/**
 * The update on plain arrays, rounding to float32 after every operation in tfjs's order, so it gives what the
 * op-by-op optimizer gives on a backend with IEEE float32 arithmetic (WASM, CPU) to the last bit.
 * Writes into `outW`, `outM`, `outV` (which may not alias the inputs).
 */
export function adamUpdateInto(
  w: ArrayLike<number>, g: ArrayLike<number>, m: ArrayLike<number>, v: ArrayLike<number>,
  outW: Float32Array, outM: Float32Array, outV: Float32Array, a: AdamUpdateAttrs,
): void {
  // The scalars as tfjs holds them: float32 tensors made from JS numbers.
  const b1 = f(a.beta1);
  const b2 = f(a.beta2);
  const c1 = f(1 - a.beta1);
  const c2 = f(1 - a.beta2);
  const d1 = f(a.oneMinusAccBeta1);
  const d2 = f(a.oneMinusAccBeta2);
  const eps = f(a.epsilon);
  const negLr = f(-a.learningRate);
  const n = outW.length;
  for (let i = 0; i < n; i++) {
    const gi = g[i];
    const m1 = f(f(m[i] * b1) + f(gi * c1));
    const v1 = f(f(v[i] * b2) + f(f(gi * gi) * c2));
    const step = f(f(m1 / d1) / f(f(Math.sqrt(f(v1 / d2))) + eps));
    outW[i] = f(f(step * negLr) + w[i]);
    outM[i] = m1;
    outV[i] = v1;
  }
}
