import * as tf from '@tensorflow/tfjs';
import convnetjs from 'convnetjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { playgroundNetwork } from '../../src/model/networks';
import { DEFAULT_CONFIG } from '../../src/settings';
import { convnetLayerDefs, convnetPad } from './convnetjs-net';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe("the article's network as ConvNetJS layers", () => {
  it("has the article's shapes: 28 -> 14 -> 7 -> 4, then 1024, 1024, 10", () => {
    const { defs, shapes } = convnetLayerDefs(playgroundNetwork(DEFAULT_CONFIG));
    expect(defs.map((d) => d.type)).toEqual([
      'input',
      'conv',
      'pool',
      'lrn',
      'dropout',
      'conv',
      'pool',
      'lrn',
      'dropout',
      'conv',
      'pool',
      'lrn',
      'dropout',
      'fc',
      'fc',
      'softmax',
    ]);
    expect(shapes.filter((_, i) => defs[i].type === 'pool')).toEqual([
      [14, 14, 64],
      [7, 7, 128],
      [4, 4, 256],
    ]);
    expect(defs.find((d) => d.type === 'lrn')).toEqual({ type: 'lrn', k: 1, n: 9, alpha: 0.001, beta: 0.75 });
    expect(defs.find((d) => d.type === 'dropout')).toEqual({ type: 'dropout', drop_prob: 0.2 });
    expect(convnetPad(7, 2, 2, 4)).toBe(1);
    expect(convnetPad(28, 3, 2, 14)).toBe(1); // overlapping 3x3/2 'same' pooling
  });

  it('builds in ConvNetJS with those output sizes', () => {
    const { defs, shapes } = convnetLayerDefs(playgroundNetwork({ ...DEFAULT_CONFIG, model: 'small' }));
    const net = new convnetjs.Net();
    net.makeLayers(defs);
    // ConvNetJS inserts relu layers after conv/fc and an fc before softmax: compare the named kinds only
    const sizes = net.layers
      .filter((l) => ['conv', 'pool', 'lrn', 'dropout'].includes(l.layer_type))
      .map((l) => [l.out_sy, l.out_sx, l.out_depth]);
    expect(sizes).toEqual(shapes.filter((_, i) => ['conv', 'pool', 'lrn', 'dropout'].includes(defs[i].type)));
    expect(net.layers.at(-1)!.out_depth).toBe(10);
  });

  it('ConvNetJS LRN (n=9, k=1, alpha=0.001) has the forward pass of tf.localResponseNormalization(x, 4, 1, 0.001/9)', () => {
    const channels = 20;
    const x = Float64Array.from({ length: channels }, (_, i) => 40 * Math.sin(i * 1.7) + 5);
    const net = new convnetjs.Net();
    net.makeLayers([
      { type: 'input', out_sx: 1, out_sy: 1, out_depth: channels },
      { type: 'lrn', k: 1, n: 9, alpha: 0.001, beta: 0.75 },
    ]);
    const v = new convnetjs.Vol(1, 1, channels, 0);
    v.w.set(x);
    const ours = Array.from(net.forward(v).w);
    const theirs = tf.tidy(() =>
      tf.localResponseNormalization(tf.tensor4d(Float32Array.from(x), [1, 1, 1, channels]), 4, 1, 0.001 / 9, 0.75).dataSync(),
    );
    ours.forEach((o, i) => expect(o).toBeCloseTo(theirs[i], 3));
    // the window matters at these magnitudes: not the identity
    expect(Math.abs(ours[3] - x[3])).toBeGreaterThan(1);
  });

  it('ConvNetJS 0.3.0 LRN gradient differs from the true one (a_j^2 instead of a_i*a_j): same cost, other numbers', () => {
    const channels = 12;
    const x = Float64Array.from({ length: channels }, (_, i) => 30 * Math.cos(i * 2.3) + 3);
    const g = Float64Array.from({ length: channels }, (_, i) => ((i * 7) % 5) - 2);
    const net = new convnetjs.Net();
    net.makeLayers([
      { type: 'input', out_sx: 1, out_sy: 1, out_depth: channels },
      { type: 'lrn', k: 1, n: 9, alpha: 0.001, beta: 0.75 },
    ]);
    const v = new convnetjs.Vol(1, 1, channels, 0);
    v.w.set(x);
    net.forward(v, true);
    const layer = net.layers[1] as unknown as { out_act: { dw: Float64Array }; in_act: { dw: Float64Array }; backward(): void };
    layer.out_act.dw.set(g);
    layer.backward();
    const theirs = Array.from(layer.in_act.dw);
    const truth = tf.tidy(() => {
      const f = (t: tf.Tensor) =>
        tf.sum(
          tf.mul(
            tf.localResponseNormalization(t as tf.Tensor4D, 4, 1, 0.001 / 9, 0.75),
            tf.tensor4d(Float32Array.from(g), [1, 1, 1, channels]),
          ),
        );
      return Array.from(
        tf
          .grad(f)(tf.tensor4d(Float32Array.from(x), [1, 1, 1, channels]))
          .dataSync(),
      );
    });
    const maxDiff = Math.max(...theirs.map((t, i) => Math.abs(t - truth[i])));
    expect(maxDiff).toBeGreaterThan(1e-3);
  });
});
