import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { setNodeBackend } from '../../node/backends';
import { isOurWasmIdentity, registerWasmIdentity } from './wasm-identity';

describe('WASM Identity without a copy', () => {
  beforeAll(async () => {
    await setNodeBackend('wasm');
    registerWasmIdentity();
  });
  afterAll(() => {
    expect(isOurWasmIdentity()).toBe(true);
  });

  test('a clone has the same values and shares the buffer until the last user is gone', async () => {
    const backend = tf.engine().backend;
    const x = tf.tensor([1, 2, 3, 4], [2, 2]);
    const buffers = backend.numDataIds();
    const y = tf.clone(x);
    expect(backend.numDataIds()).toBe(buffers); // no new buffer
    x.dispose();
    expect(Array.from(await y.data())).toEqual([1, 2, 3, 4]); // still readable after the original is gone
    const z = y.add(1);
    expect(Array.from(await z.data())).toEqual([2, 3, 4, 5]);
    y.dispose();
    z.dispose();
    expect(backend.numDataIds()).toBe(buffers - 1); // x's buffer freed with its last user
  });

  test('a variable assigned from a clone keeps its value when the source is disposed', async () => {
    const v = tf.variable(tf.zeros([3]));
    const src = tf.tensor([7, 8, 9]);
    v.assign(tf.clone(src));
    src.dispose();
    expect(Array.from(await v.data())).toEqual([7, 8, 9]);
    v.dispose();
  });

  test('strings still go to the stock kernel', async () => {
    const s = tf.tensor(['a', 'b']);
    const c = tf.clone(s);
    expect(await c.data()).toEqual(['a', 'b']);
    tf.dispose([s, c]);
  });

  test('leaves no tensors or buffers behind over many clones', () => {
    const x = tf.ones([16, 16]);
    const tensors = tf.memory().numTensors;
    const buffers = tf.engine().backend.numDataIds();
    for (let i = 0; i < 50; i++) tf.tidy(() => tf.clone(tf.clone(x)).add(1)).dispose();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(tf.engine().backend.numDataIds()).toBe(buffers);
    x.dispose();
  });
});
