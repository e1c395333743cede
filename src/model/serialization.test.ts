import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from './build';
import type { NetworkSpec } from './networks';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Every layer of ours in one small network: grouped conv, LRN, seeded dropout. */
const net: NetworkSpec = {
  title: 'custom layers',
  input: [9, 9, 4],
  layers: [
    { kind: 'conv', name: 'conv1', filters: 6, kernel: 3, stride: 1, padding: 'same', activation: 'tanh', groups: 2 },
    { kind: 'lrn', name: 'lrn1', depthRadius: 2, bias: 2, alpha: 0.3, beta: 0.75 },
    { kind: 'pool', name: 'pool1', size: 3, stride: 2, padding: 'same' },
    { kind: 'dropout', name: 'dropout1', rate: 0.4 },
    { kind: 'flatten', name: 'flatten' },
    { kind: 'dense', name: 'logits', units: 3, activation: 'linear' },
  ],
};

describe('our layers (GroupedConv2D, LocalResponseNorm, SeededDropout)', () => {
  it('survive saving and loading through tfjs serialization: same classes, settings and outputs', async () => {
    const model = buildModel(net, { init: 'glorot', seed: 3 });
    let artifacts: tf.io.ModelArtifacts | null = null;
    await model.save(
      tf.io.withSaveHandler(async (a) => {
        artifacts = a;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts!));
    expect(loaded.layers.map((l) => l.getClassName())).toEqual([
      'InputLayer',
      'GroupedConv2D',
      'LocalResponseNorm',
      'MaxPooling2D',
      'SeededDropout',
      'Flatten',
      'Dense',
    ]);
    expect(loaded.getLayer('lrn1').getConfig()).toMatchObject({ depthRadius: 2, bias: 2, alpha: 0.3, beta: 0.75 });
    expect(loaded.getLayer('dropout1').getConfig()).toMatchObject({ rate: 0.4 });
    expect(loaded.getLayer('conv1').getConfig()).toMatchObject({ groups: 2, filters: 6, activation: 'tanh' });
    const x = tf.randomNormal([2, 9, 9, 4], 0, 1, 'float32', 5);
    const [a, b] = [model.predict(x) as tf.Tensor, loaded.predict(x) as tf.Tensor];
    expect(Array.from(await b.data())).toEqual(Array.from(await a.data()));
    tf.dispose([x, a, b]);
    model.dispose();
    loaded.dispose();
  });
});
