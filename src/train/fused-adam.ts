/**
 * tfjs's Adam with one kernel per weight tensor (PlaygroundAdamUpdate, src/kernels/adam-update.ts) where the
 * active backend has one, and tfjs's own op-by-op update elsewhere. Same state, same serialization (it is an
 * AdamOptimizer), same results: bit-identical on WASM, within float32 rounding on WebGPU.
 */
import * as tf from '@tensorflow/tfjs';
import { ADAM_UPDATE, type AdamUpdateAttrs } from '../kernels/adam-update';

/** The AdamOptimizer fields this class shares with its parent (private in tfjs's typings). */
interface AdamState {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: (OptimizerVariable | undefined)[];
  accumulatedSecondMoment: (OptimizerVariable | undefined)[];
}

type NamedTensor = { name: string; tensor: tf.Tensor };
type OptimizerVariable = { originalName: string; variable: tf.Variable };
type VariableGradients = Parameters<tf.AdamOptimizer['applyGradients']>[0];

const f = Math.fround;

export class FusedAdamOptimizer extends tf.AdamOptimizer {
  /** β1ᵗ and β2ᵗ as tfjs's float32 accBeta variables hold them, kept here too: reading those would block. */
  private accBeta1Value: number;
  private accBeta2Value: number;
  /** Steps taken by the fused kernel (the rest went through tfjs's update). */
  fusedSteps = 0;

  constructor(learningRate: number, beta1 = 0.9, beta2 = 0.999, epsilon: number | null = null) {
    super(learningRate, beta1, beta2, epsilon ?? undefined);
    this.accBeta1Value = f(beta1);
    this.accBeta2Value = f(beta2);
  }

  private get state(): AdamState {
    return this as unknown as AdamState;
  }

  override applyGradients(variableGradients: VariableGradients): void {
    if (tf.getKernel(ADAM_UPDATE, tf.getBackend()) == null) {
      super.applyGradients(variableGradients);
      this.advanceAccBetas();
      return;
    }
    const s = this.state;
    const entries = Array.isArray(variableGradients)
      ? variableGradients.map((v) => [v.name, v.tensor] as const)
      : Object.entries(variableGradients).map(([name, t]) => [name, t as tf.Tensor | undefined] as const);
    const attrs: AdamUpdateAttrs = {
      learningRate: s.learningRate,
      beta1: s.beta1,
      beta2: s.beta2,
      epsilon: s.epsilon,
      oneMinusAccBeta1: f(1 - this.accBeta1Value),
      oneMinusAccBeta2: f(1 - this.accBeta2Value),
    };
    tf.tidy(() => {
      entries.forEach(([name, gradient], i) => {
        const value = tf.engine().registeredVariables[name];
        s.accumulatedFirstMoment[i] ??= { originalName: `${name}/m`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        s.accumulatedSecondMoment[i] ??= { originalName: `${name}/v`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        if (gradient == null) return;
        const m = s.accumulatedFirstMoment[i].variable;
        const v = s.accumulatedSecondMoment[i].variable;
        const [w1, m1, v1] = tf
          .engine()
          .runKernel(
            ADAM_UPDATE,
            { weights: value, grads: gradient, firstMoment: m, secondMoment: v },
            attrs as unknown as tf.NamedAttrMap,
          ) as tf.Tensor[];
        m.assign(m1);
        v.assign(v1);
        value.assign(w1);
      });
      // tfjs's own state, so getWeights/setWeights and a later op-by-op step see the same β powers.
      s.accBeta1.assign(tf.mul(s.accBeta1, s.beta1));
      s.accBeta2.assign(tf.mul(s.accBeta2, s.beta2));
    });
    this.advanceAccBetas();
    this.incrementIterations();
    this.fusedSteps++;
  }

  private advanceAccBetas(): void {
    this.accBeta1Value = f(this.accBeta1Value * f(this.state.beta1));
    this.accBeta2Value = f(this.accBeta2Value * f(this.state.beta2));
  }

  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    await super.setWeights(weightValues);
    // As tfjs resets its accBeta variables: β^(t+1) by pow (so possibly an ulp from the running product).
    this.accBeta1Value = f(Math.pow(this.state.beta1, this.iterations + 1));
    this.accBeta2Value = f(Math.pow(this.state.beta2, this.iterations + 1));
  }
}
