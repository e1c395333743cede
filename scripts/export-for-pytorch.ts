/**
 * Trains a small network a few steps on MNIST (and Figure 1's network on synthetic colour images) in Node (WASM, the
 * Trainer the Worker runs) and writes what the page exports for PyTorch and Keras, plus test images with the
 * probabilities tfjs gives them, for scripts/check_pytorch_export.py to compare:
 *
 *   npx tsx scripts/export-for-pytorch.ts [out-dir] [url settings...]    # default: reports/pytorch-export, tiny net
 *   /usr/bin/python3 scripts/check_pytorch_export.py reports/pytorch-export/tiny_relu.py \
 *       reports/pytorch-export/tiny_relu.safetensors reports/pytorch-export/tiny_relu.samples.json
 *
 * The same exporters as the page: src/model/export-pytorch.ts (code), src/worker/models.ts (weights).
 */
import * as tf from '@tensorflow/tfjs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setNodeBackend } from '../node/backends';
import { nodeReader } from '../node/data';
import { imageBytes, imageShape, type DatasetId, type DatasetSplits } from '../src/data/dataset';
import { loadDataset } from '../src/data/load';
import { syntheticSplits } from '../src/data/synthetic';
import { englishText } from '../src/i18n/message';
import { kerasCode } from '../src/model/export-keras';
import { pytorchCode } from '../src/model/export-pytorch';
import { configFromQuery, configToQuery, validateConfig, type TrainConfig } from '../src/settings';
import { Trainer } from '../src/train/trainer';
import { torchWeightsFile } from '../src/worker/models';

export interface ExportedSample {
  code: string;
  keras: string;
  weights: string;
  samples: string;
}

/**
 * Figure 1's network with tanh, on synthetic 32x32 colour images (CIFAR-10 is built only on request): its average
 * pools pad 32 -> 16 -> 8 -> 4 by one pixel after and none before, which PyTorch's AvgPool2d cannot say, and tanh
 * makes activations negative, so averaging padded zeros in would show.
 */
export function figure1Sample(base: TrainConfig): { config: TrainConfig; data: DatasetSplits } {
  return { config: { ...base, dataset: 'cifar10', model: 'figure1', activation: 'tanh' }, data: syntheticSplits([32, 32, 3], 640) };
}

export interface ExportOptions {
  /** Test images to write with tfjs's probabilities. */
  images?: number;
  /** Images to train and test on instead of the config's dataset from public/data (synthetic colour images, say). */
  data?: DatasetSplits;
}

/** Trains `steps` steps of `config`, then writes <name>.py, <name>_keras.py, <name>.safetensors, <name>.samples.json. */
export async function exportSample(
  dir: string,
  name: string,
  config: TrainConfig,
  steps: number,
  { images = 20, data: given }: ExportOptions = {},
): Promise<ExportedSample> {
  const errors = Object.values(validateConfig(config));
  if (errors.length) throw new Error(errors.map(englishText).join('\n'));
  const data = given ?? (await loadDataset(config.dataset as DatasetId, nodeReader()));
  const trainer = new Trainer(config, data);
  try {
    for (let i = 0; i < steps && !trainer.done; i++) await trainer.trainStep();
    mkdirSync(dir, { recursive: true });
    const out = {
      code: join(dir, `${name}.py`),
      keras: join(dir, `${name}_keras.py`),
      weights: join(dir, `${name}.safetensors`),
      samples: join(dir, `${name}.samples.json`),
    };
    const about = [`Trained in Node for ${trainer.step} steps; settings: ?${configToQuery(config)}`];
    writeFileSync(out.code, pytorchCode(trainer.net, { fileName: `${name}.py`, weightsFile: `${name}.safetensors`, about }));
    writeFileSync(out.keras, kerasCode(trainer.net, { fileName: `${name}_keras.py`, weightsFile: `${name}.safetensors`, about }));
    writeFileSync(out.weights, await torchWeightsFile({ runId: name, runName: name, step: trainer.step, trainer }));
    // The first test images, as the page feeds them (0..1), and tfjs's softmax for each.
    const shape = imageShape(data.test);
    const size = imageBytes(data.test);
    const pixels = Float32Array.from(data.test.images.subarray(0, images * size), (v) => v / 255);
    const probs = tf.tidy(() => tf.softmax(trainer.model.predict(tf.tensor4d(pixels, [images, ...shape])) as tf.Tensor2D));
    const p = (await probs.array()) as number[][];
    probs.dispose();
    const rows = Array.from({ length: images }, (_, i) => Array.from(pixels.subarray(i * size, (i + 1) * size)));
    writeFileSync(
      out.samples,
      JSON.stringify({ shape, labels: Array.from(data.test.labels.subarray(0, images)), images: rows, probabilities: p }),
    );
    return out;
  } finally {
    trainer.dispose();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [dir = 'reports/pytorch-export', ...settings] = process.argv.slice(2);
  await setNodeBackend('wasm');
  const base = configFromQuery(`model=tiny&bs=32&n=640&${settings.join('&')}`).config;
  for (const [name, config] of [
    ['tiny_relu', base],
    // tanh makes activations negative, so max-pool padding must be -inf (TensorFlow's) rather than zero; a large LRN
    // alpha makes a wrong alpha conversion show (with the article's, LRN is close to the identity on a tiny net).
    ['tiny_tanh_pool3', { ...base, activation: 'tanh', pooling: '3x3s2', lrnAlpha: 0.5 }],
  ] as const) {
    const out = await exportSample(dir, name, config, 20);
    console.log(`${name}: ${out.code}, ${out.weights}, ${out.samples}`);
  }
  const figure1 = figure1Sample(base);
  const out = await exportSample(dir, 'figure1_tanh', figure1.config, 20, { data: figure1.data });
  console.log(`figure1_tanh: ${out.code}, ${out.weights}, ${out.samples}`);
}
