/**
 * The PyTorch export, proved in PyTorch: a network trained here, exported as the page exports it, gives the same
 * probabilities in PyTorch (Debian's python3-torch, which .ci/run installs) to 1e-4. Where PyTorch is missing the
 * proof is skipped on a developer's machine but fails in CI, so it can never pass by not running.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setNodeBackend } from '../node/backends';
import type { DatasetSplits } from '../src/data/dataset';
import { kerasCode } from '../src/model/export-keras';
import { pytorchCode } from '../src/model/export-pytorch';
import { alexNet2012, figure1Network, playgroundNetwork } from '../src/model/networks';
import { configFromQuery, DEFAULT_CONFIG } from '../src/settings';
import { exportSample, figure1Sample } from './export-for-pytorch';

// Debian's Python, where python3-torch installs; another can be named to try the check elsewhere.
const PYTHON = process.env.PYTORCH_PYTHON ?? '/usr/bin/python3';
const run = (args: string[]) => spawnSync(PYTHON, args, { encoding: 'utf8', timeout: 120_000 });
const hasPython = run(['-c', 'pass']).status === 0;
const hasTorch = hasPython && run(['-c', 'import torch']).status === 0;
const CHECK = join(import.meta.dirname, 'check_pytorch_export.py');

describe('PyTorch is there to check the export against', () => {
  it.runIf(process.env.CI === 'true')('in CI (.ci/run installs python3-torch)', () => {
    expect(hasTorch, `${PYTHON} -c 'import torch' failed: install Debian's python3-torch`).toBe(true);
  });
});

describe.skipIf(!hasTorch)('the exported PyTorch network', () => {
  let dir = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pytorch-export-'));
    await setNodeBackend('wasm');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const base = configFromQuery('model=tiny&bs=32&n=640').config;
  const figure1 = figure1Sample(base);
  it.each([
    ['relu, 2x2 pooling', 'tiny_relu', base],
    // Negative activations make -inf pool padding matter; a large alpha makes the LRN conversion matter.
    [
      'tanh, overlapping 3x3/2 pooling with asymmetric padding, large LRN alpha',
      'tiny_tanh',
      { ...base, activation: 'tanh', pooling: '3x3s2', lrnAlpha: 0.5 },
    ],
    // Average pooling whose 'same' padding is one pixel after only, over negative activations: TensorFlow averages
    // the pixels inside the image only.
    [
      "Figure 1's network: tanh, average pooling with asymmetric padding, synthetic 32x32 colour images",
      'figure1_tanh',
      figure1.config,
      figure1.data,
    ],
  ] as const)('gives the playground’s probabilities to 1e-4 on 20 test images (%s)', async (_what, name, config, data?: DatasetSplits) => {
    const out = await exportSample(dir, name, config, 20, { data });
    const r = run([CHECK, out.code, out.weights, out.samples, '--tolerance', '1e-4']);
    expect(r.stdout + r.stderr).toMatch(/predictions agree 20\/20/);
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });

  it.each([
    ["the article's network", playgroundNetwork(DEFAULT_CONFIG), '5,624,842'],
    ['AlexNet 2012 with its two-GPU groups', alexNet2012(true), '60,965,224'],
  ])('has the parameters of the page’s table: %s', (_what, net, total) => {
    const file = join(dir, 'net.py');
    writeFileSync(file, pytorchCode(net, { fileName: 'net.py', weightsFile: 'none.safetensors' }));
    const r = run([file]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`total\\s+${total}`));
  });
});

describe.skipIf(!hasPython)('the exported Keras code', () => {
  it.each([
    ["the article's network", playgroundNetwork(DEFAULT_CONFIG)],
    ["Figure 1's network", figure1Network({ activation: 'tanh' })],
  ])('is valid Python (TensorFlow itself is not installable here, so it is parsed, not run): %s', (_what, net) => {
    const dir = mkdtempSync(join(tmpdir(), 'keras-export-'));
    try {
      const file = join(dir, 'net_keras.py');
      writeFileSync(file, kerasCode(net, { fileName: 'net_keras.py', weightsFile: 'net.safetensors' }));
      const r = run(['-c', 'import ast, sys; ast.parse(open(sys.argv[1]).read())', file]);
      expect(r.status, r.stderr).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("pools as the table says: Figure 1's network averages in pool2 and pool3", () => {
    const code = kerasCode(figure1Network({ activation: 'relu' }), { fileName: 'f.py', weightsFile: 'f.safetensors' });
    expect(code).toContain('keras.layers.MaxPooling2D(pool_size=3, strides=2, padding="same", name="pool1")');
    expect(code).toContain('keras.layers.AveragePooling2D(pool_size=3, strides=2, padding="same", name="pool2")');
    expect(code).toContain('keras.layers.AveragePooling2D(pool_size=3, strides=2, padding="same", name="pool3")');
  });
});
