import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeReader } from '../../node/data';
import { loadDataset } from '../data/load';
import type { DatasetSplits } from '../data/dataset';
import { syntheticImages } from '../data/synthetic';
import { dataError } from '../data/errors';
import { englishText, msg, type Message } from '../i18n/message';
import { configFromQuery, type TrainConfig } from '../settings';
import { Trainer } from '../train/trainer';
import { readModelFiles, type FileLike } from './model-files';
import { captureModel, handleModelCommand, loadModel, readModel, tfjsFiles, type ModelOwner } from './models';
import type { WorkerEvent } from './protocol';

let data: DatasetSplits;
let owner: ModelOwner;
const config: TrainConfig = configFromQuery('model=tiny&bs=16&n=160&seed=7').config;

beforeAll(async () => {
  await tf.setBackend('cpu');
  data = await loadDataset('mnist', nodeReader());
  const trainer = new Trainer(config, data);
  for (let i = 0; i < 3; i++) await trainer.trainStep();
  owner = { runId: 'run-a', runName: 'Run A', step: trainer.step, trainer };
});
afterAll(() => owner.trainer.dispose());

const file = (name: string, data: ArrayBuffer | string): File => new File([data], name);
const say = (m: Message) => englishText(m);

async function predict(model: tf.LayersModel, n = 8): Promise<Float32Array> {
  const x = tf.tidy(() =>
    tf
      .tensor4d(data.test.images.subarray(0, n * 784), [n, 28, 28, 1], 'int32')
      .toFloat()
      .div(255),
  );
  const y = tf.tidy(() => tf.softmax(model.predict(x) as tf.Tensor2D));
  const values = (await y.data()) as Float32Array;
  tf.dispose([x, y]);
  return values;
}

async function savedFiles(base = 'run-a-model'): Promise<File[]> {
  return tfjsFiles(await captureModel(owner), base).map((f) => file(f.name, f.data));
}

describe('a trained model saved as TensorFlow.js files', () => {
  it('loads back, from the files the user picks, into a model that predicts exactly as the trained one', async () => {
    const read = await readModel({ kind: 'files', files: await savedFiles() });
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.parts.meta).toMatchObject({ runId: 'run-a', runName: 'Run A', step: 3, config });
    const loaded = await loadModel(read.parts, { ...config, model: 'article' }, async () => data);
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(Array.from(await predict(loaded.trainer.model))).toEqual(Array.from(await predict(owner.trainer.model)));
    loaded.trainer.dispose();
  });

  it('is named model.json + weights .bin whose manifest points at the .bin by name', async () => {
    const files = tfjsFiles(await captureModel(owner), 'run-a-model');
    expect(files.map((f) => f.name)).toEqual(['run-a-model.json', 'run-a-model.weights.bin']);
    const json = JSON.parse(new TextDecoder().decode(files[0].data));
    expect(json.weightsManifest[0].paths).toEqual(['./run-a-model.weights.bin']);
    expect(json.format).toBe('layers-model');
    expect(json.userDefinedMetadata.alexnetPlayground.config).toEqual(config);
  });

  it('leaves no tensors behind when saved and loaded', async () => {
    const before = tf.memory().numTensors;
    const read = await readModel({ kind: 'files', files: await savedFiles() });
    const loaded = read.ok ? await loadModel(read.parts, config, async () => data) : null;
    if (loaded?.ok) loaded.trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('a model of a colour network on an imported dataset', () => {
  it('loads back for the dataset’s images and classes (Figure 1’s network, 32×32×3 in three classes) and predicts as trained', async () => {
    const shape = [32, 32, 3] as const;
    const colour: DatasetSplits = {
      train: syntheticImages(shape, 64, 1, 3),
      validation: syntheticImages(shape, 16, 2, 3),
      test: syntheticImages(shape, 16, 3, 3),
      classNames: ['blue', 'green', 'red'],
    };
    const c = configFromQuery('model=figure1&opt=sgd&lr=0.01&bs=16&seed=3').config;
    const trainer = new Trainer(c, colour);
    await trainer.trainStep();
    const files = tfjsFiles(await captureModel({ runId: 'run-c', runName: 'Run C', step: 1, trainer }), 'run-c');
    const read = await readModel({ kind: 'files', files: files.map((f) => file(f.name, f.data)) });
    if (!read.ok) throw new Error(say(read.problem));
    const loaded = await loadModel(read.parts, config, async () => colour);
    if (!loaded.ok) throw new Error([say(loaded.problem), ...loaded.differences.map(say)].join('\n'));
    const x = tf.tidy(() =>
      tf
        .tensor4d(colour.test.images, [16, ...shape], 'int32')
        .toFloat()
        .div(255),
    );
    const [a, b] = [trainer.model.predict(x) as tf.Tensor, loaded.trainer.model.predict(x) as tf.Tensor];
    expect(a.shape).toEqual([16, 3]);
    expect(Array.from(await b.data())).toEqual(Array.from(await a.data()));
    tf.dispose([x, a, b]);
    trainer.dispose();
    loaded.trainer.dispose();
  });
});

describe('model files that cannot be used are refused with a message naming the file and what is wrong', () => {
  const problem = async (files: FileLike[]) => {
    const r = await readModelFiles(files);
    expect(r.ok).toBe(false);
    return r.ok ? '' : say(r.problem);
  };

  it('a model.json that is not JSON, or cut short', async () => {
    const [, bin] = await savedFiles();
    expect(await problem([file('model.json', 'PK\u0003\u0004 a zip'), bin])).toMatch(/^model\.json is not JSON/);
    const [json] = await savedFiles();
    const text = await json.text();
    expect(await problem([file('model.json', text.slice(0, 200)), bin])).toMatch(/^model\.json is cut short/);
  });

  it('a weights file that is missing, or cut short', async () => {
    const [json, bin] = await savedFiles();
    expect(await problem([json])).toBe('run-a-model.json needs the weights file run-a-model.weights.bin: pick both files together.');
    const short = file(bin.name, (await bin.arrayBuffer()).slice(0, 100));
    expect(await problem([json, short])).toMatch(/^run-a-model\.weights\.bin holds 100 bytes of weights, the model needs \d+/);
  });

  it('no model.json among the files, or a field missing', async () => {
    const [json, bin] = await savedFiles();
    expect(await problem([bin])).toMatch(/Pick the model\.json file.*picked: run-a-model\.weights\.bin/);
    const parsed = JSON.parse(await json.text());
    delete parsed.modelTopology;
    expect(await problem([file('m.json', JSON.stringify(parsed)), bin])).toBe('m.json: the field "modelTopology" is missing.');
  });

  it('a newer version of the playground’s metadata, or a setting this playground does not have', async () => {
    const [json, bin] = await savedFiles();
    const parsed = JSON.parse(await json.text());
    parsed.userDefinedMetadata.alexnetPlayground.version = 2;
    expect(await problem([file('m.json', JSON.stringify(parsed)), bin])).toBe(
      'm.json: "userDefinedMetadata.alexnetPlayground.version" is 2; this page reads version 1.',
    );
    parsed.userDefinedMetadata.alexnetPlayground.version = 1;
    parsed.userDefinedMetadata.alexnetPlayground.config.channels = 3;
    expect(await problem([file('m.json', JSON.stringify(parsed)), bin])).toMatch(
      /^m\.json: "userDefinedMetadata\.alexnetPlayground\.config\.channels" is not a setting of this playground/,
    );
    parsed.userDefinedMetadata.alexnetPlayground.config = { ...config, learningRate: -1 };
    expect(await problem([file('m.json', JSON.stringify(parsed)), bin])).toMatch(
      /config\.learningRate": Learning rate must be more than 0/,
    );
  });
});

describe('a model of another network than its settings', () => {
  it('is refused, with every layer that differs named', async () => {
    const [json, bin] = await savedFiles();
    const parsed = JSON.parse(await json.text());
    // The tiny net's layers and weights, but settings that build the small one with tanh.
    parsed.userDefinedMetadata.alexnetPlayground.config = { ...config, model: 'small', activation: 'tanh' };
    const read = await readModel({ kind: 'files', files: [file('m.json', JSON.stringify(parsed)), bin] });
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const r = await loadModel(read.parts, config, async () => data);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const lines = r.differences.map(say);
    expect(say(r.problem)).toMatch(/does not match the network of the settings \(\d+ differences\)/);
    expect(lines).toContain('conv1: filters is 4 in the model, 16 in the settings.');
    expect(lines).toContain('conv1: activation is relu in the model, tanh in the settings.');
    expect(lines).toContain('conv2/kernel: shape [3, 3, 4, 8] in the model, [3, 3, 16, 32] in the settings.');
    expect(lines).toContain('fc1: units is 16 in the model, 128 in the settings.');
  });

  it('without the playground’s metadata is checked against the page’s settings instead', async () => {
    const [json, bin] = await savedFiles();
    const parsed = JSON.parse(await json.text());
    delete parsed.userDefinedMetadata;
    const read = await readModel({ kind: 'files', files: [file('m.json', JSON.stringify(parsed)), bin] });
    if (!read.ok) throw new Error(say(read.problem));
    expect(read.parts.meta).toBeNull();
    const noLrn = await loadModel(read.parts, { ...config, lrn: false }, async () => data);
    expect(noLrn.ok ? [] : noLrn.differences.map(say)).toContain(
      'The model has a layer lrn1 (LocalResponseNorm) that the settings’ network does not have.',
    );
    const same = await loadModel(read.parts, config, async () => data);
    expect(same.ok).toBe(true);
    if (same.ok) same.trainer.dispose();
  });
});

describe('a model that fails to load for a reason with its own words', () => {
  it('is refused with those words, for the page to translate, rather than their English text', async () => {
    const posted: WorkerEvent[] = [];
    const gone = dataError('data.store.unknown', { id: 'user:gone' });
    await handleModelCommand(
      { type: 'loadModel', requestId: 1, from: { kind: 'files', files: await savedFiles() }, config },
      {
        post: (e) => posted.push(e),
        current: null,
        runState: null,
        data: async () => {
          throw gone;
        },
        replace: async () => {},
      },
    );
    expect(posted).toEqual([{ type: 'modelError', requestId: 1, message: msg('exchange.model.loadFailed', { detail: gone.words }) }]);
  });
});
