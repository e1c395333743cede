import { describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { browserBackendDeps } from './activate';
import { englishText } from '../i18n/message';
import { chooseBackend } from './choose';

describe('in Node, with the real probes', () => {
  test('auto: no WebGPU/WebGL in Node, so WASM — with the Conv2DBackpropFilter kernel registered', async () => {
    const r = await chooseBackend('auto', browserBackendDeps);
    expect(r.backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(r.skipped.map((s) => s.backend)).toEqual(['webgpu', 'webgl']);
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
    // a conv weight gradient works on the chosen backend
    const x = tf.ones([1, 4, 4, 1]) as tf.Tensor4D;
    const g = tf.grad((w: tf.Tensor) => tf.conv2d(x, w as tf.Tensor4D, 1, 'valid').sum())(tf.ones([3, 3, 1, 2]));
    expect(Array.from(await g.data())).toEqual(new Array(18).fill(4));
    tf.dispose([x, g]);
  });

  test('forced WebGPU in Node falls back to WASM with a reason', async () => {
    const r = await chooseBackend('webgpu', browserBackendDeps);
    expect(r.backend).toBe('wasm');
    expect(englishText(r.reason)).toMatch(/^WebGPU was requested but cannot be used/);
  });

  test('forced CPU', async () => {
    const r = await chooseBackend('cpu', browserBackendDeps);
    expect(r.backend).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });
});
