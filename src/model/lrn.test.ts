import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { lrn, lrnBand, lrnNative, type LrnParams } from './lrn';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** The formula, element by element in float64: b_c = a_c / (k + α Σ_{|c'-c|≤r} a_{c'}²)^β. */
function lrnDirect(a: Float32Array, channels: number, p: LrnParams) {
  const out = new Float64Array(a.length);
  const grad = (g: Float32Array) => {
    const res = new Float64Array(a.length);
    for (let base = 0; base < a.length; base += channels) {
      const d = new Float64Array(channels);
      for (let c = 0; c < channels; c++) {
        let s = 0;
        for (let j = Math.max(0, c - p.depthRadius); j <= Math.min(channels - 1, c + p.depthRadius); j++) s += a[base + j] ** 2;
        d[c] = p.bias + p.alpha * s;
      }
      // ∂L/∂a_m = g_m d_m^-β − 2αβ a_m Σ_{i: |i-m|≤r} g_i a_i d_i^(-β-1)
      for (let m = 0; m < channels; m++) {
        let cross = 0;
        for (let i = Math.max(0, m - p.depthRadius); i <= Math.min(channels - 1, m + p.depthRadius); i++) {
          cross += g[base + i] * a[base + i] * d[i] ** (-p.beta - 1);
        }
        res[base + m] = g[base + m] * d[m] ** -p.beta - 2 * p.alpha * p.beta * a[base + m] * cross;
      }
    }
    return res;
  };
  for (let base = 0; base < a.length; base += channels) {
    for (let c = 0; c < channels; c++) {
      let s = 0;
      for (let j = Math.max(0, c - p.depthRadius); j <= Math.min(channels - 1, c + p.depthRadius); j++) s += a[base + j] ** 2;
      out[base + c] = a[base + c] / (p.bias + p.alpha * s) ** p.beta;
    }
  }
  return { out, grad };
}

function maxRelErr(got: ArrayLike<number>, want: ArrayLike<number>) {
  let num = 0;
  let den = 0;
  for (let i = 0; i < want.length; i++) {
    num = Math.max(num, Math.abs(got[i] - want[i]));
    den = Math.max(den, Math.abs(want[i]));
  }
  return num / den;
}

const SEED: LrnParams = { depthRadius: 4, bias: 1, alpha: 0.001 / 9, beta: 0.75 };
// Strong alpha so the cross-channel term matters and a wrong window would show.
const STRONG: LrnParams = { depthRadius: 2, bias: 2, alpha: 0.5, beta: 0.75 };

describe('local response normalisation', () => {
  // Both implementations: the band matmul (GPU backends) and tfjs's LRN kernels (WASM and CPU).
  for (const [impl, f] of [
    ['band matmul', lrnBand],
    ['LRN kernels', lrnNative],
  ] as const) {
    for (const [label, p, channels] of [
      ['seed parameters', SEED, 13],
      ['strong competition', STRONG, 7],
    ] as const) {
      it(`${impl}: matches the formula forward and backward (${label}, ${channels} channels)`, async () => {
        const shape: [number, number, number, number] = [2, 3, 4, channels];
        const x = tf.randomNormal(shape, 0, 3, 'float32', 7) as tf.Tensor4D;
        const g = tf.randomNormal(shape, 0, 1, 'float32', 8) as tf.Tensor4D;
        const a = (await x.data()) as Float32Array;
        const direct = lrnDirect(a, channels, p);
        const y = f(x, p);
        expect(maxRelErr(await y.data(), direct.out)).toBeLessThan(1e-5);
        const dx = tf.grad((t: tf.Tensor) => f(t as tf.Tensor4D, p))(x, g);
        expect(maxRelErr(await dx.data(), direct.grad((await g.data()) as Float32Array))).toBeLessThan(1e-4);
        tf.dispose([x, g, y, dx]);
      });
    }
  }

  it('leaves no tensors behind', () => {
    const x = tf.ones([1, 2, 2, 8]) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) lrn(x, SEED).dispose();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
