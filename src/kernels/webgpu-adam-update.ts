/**
 * PlaygroundAdamUpdate (src/kernels/adam-update.ts) for tfjs-backend-webgpu: three dispatches per weight
 * tensor (w', m', v', each one elementwise pass) in place of the dozen or so kernels tfjs's AdamOptimizer runs
 * per weight tensor (e2e/kernels.spec.ts counts both): on a GPU much of a small step's wall time is dispatch
 * overhead, not arithmetic (README, "Measured speed").
 * tfjs-backend-webgpu programs have one output each, hence one program per output; each recomputes the
 * moments it needs, which costs arithmetic, not memory passes.
 */
import * as tf from '@tensorflow/tfjs';
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { WebGPUBackend, WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { ADAM_UPDATE, type AdamUpdateAttrs } from './adam-update';

const WEBGPU_BACKEND = 'webgpu';

type Output = 'weights' | 'firstMoment' | 'secondMoment';

const UNIFORMS =
  'beta1 : f32, beta2 : f32, oneMinusBeta1 : f32, oneMinusBeta2 : f32, ' +
  'oneMinusAccBeta1 : f32, oneMinusAccBeta2 : f32, epsilon : f32, negLearningRate : f32,';

/** The inputs each output reads: a binding the shader does not use is dropped from the pipeline's layout. */
const READS: Record<Output, (keyof Args['inputs'])[]> = {
  weights: ['weights', 'grads', 'firstMoment', 'secondMoment'],
  firstMoment: ['grads', 'firstMoment'],
  secondMoment: ['grads', 'secondMoment'],
};

export class AdamUpdateProgram implements WebGPUProgram {
  variableNames: string[];
  uniforms = UNIFORMS;
  workgroupSize: [number, number, number] = [64, 1, 1];
  outputShape: number[];
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  shaderKey: string;
  size = true;

  constructor(
    shape: number[],
    private readonly output: Output,
  ) {
    this.variableNames = READS[output];
    this.outputShape = shape;
    this.dispatchLayout = { x: shape.map((_, i) => i) };
    // More than 65,535 workgroups (fc1: 4M weights) are folded into y and z by tfjs's reshapeDispatch.
    this.dispatch = [Math.ceil(tf.util.sizeFromShape(shape) / 64), 1, 1];
    this.shaderKey = `playgroundAdamUpdate_${output}`;
  }

  getUserCode(): string {
    const m1 = 'firstMoment[index] * uniforms.beta1 + g * uniforms.oneMinusBeta1';
    const v1 = 'secondMoment[index] * uniforms.beta2 + (g * g) * uniforms.oneMinusBeta2';
    const result = {
      firstMoment: `${m1}`,
      secondMoment: `${v1}`,
      weights:
        `weights[index] + ((m1 / uniforms.oneMinusAccBeta1) / ` +
        `(sqrt(v1 / uniforms.oneMinusAccBeta2) + uniforms.epsilon)) * uniforms.negLearningRate`,
    }[this.output];
    return `
    fn main(index : i32) {
      if (index < uniforms.size) {
        let g = grads[index];
        ${this.output === 'weights' ? `let m1 = ${m1};\n        let v1 = ${v1};` : ''}
        setOutputAtIndex(index, ${result});
      }
    }
    `;
  }
}

interface Args {
  inputs: { weights: TensorInfo; grads: TensorInfo; firstMoment: TensorInfo; secondMoment: TensorInfo };
  backend: WebGPUBackend;
  attrs: AdamUpdateAttrs;
}

const adamUpdate = (({ inputs, backend, attrs }: Args): TensorInfo[] => {
  const { weights, grads, firstMoment, secondMoment } = inputs;
  for (const t of [weights, grads, firstMoment, secondMoment]) {
    if (t.dtype !== 'float32') throw new Error(`${ADAM_UPDATE} (webgpu): float32 tensors only, got ${t.dtype}`);
  }
  const uniforms = [
    attrs.beta1,
    attrs.beta2,
    1 - attrs.beta1,
    1 - attrs.beta2,
    attrs.oneMinusAccBeta1,
    attrs.oneMinusAccBeta2,
    attrs.epsilon,
    -attrs.learningRate,
  ].map((v) => ({ type: 'float32', data: [v] }));
  const order: Output[] = ['weights', 'firstMoment', 'secondMoment'];
  return order.map((output) =>
    backend.runWebGPUProgram(
      new AdamUpdateProgram(weights.shape, output),
      READS[output].map((name) => inputs[name]),
      'float32',
      uniforms,
    ),
  );
}) as unknown as KernelFunc;

/** Registers the kernel for 'webgpu' (idempotent). */
export function registerWebGPUAdamUpdate(): void {
  if (tf.getKernel(ADAM_UPDATE, WEBGPU_BACKEND) == null) {
    tf.registerKernel({ kernelName: ADAM_UPDATE, backendName: WEBGPU_BACKEND, kernelFunc: adamUpdate });
  }
}
