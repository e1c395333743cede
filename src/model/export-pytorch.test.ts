import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../settings';
import { pytorchCode, pythonClassName, tfPadding, torchStateDict } from './export-pytorch';
import { figure1Network, playgroundNetwork, type NetworkSpec } from './networks';

describe("TensorFlow's 'same' padding, as the PyTorch code pads", () => {
  it('is symmetric where it can be and puts the odd pixel after', () => {
    expect(tfPadding(28, 3, 1, 'same')).toEqual([1, 1]);
    expect(tfPadding(28, 2, 2, 'same')).toEqual([0, 0]);
    expect(tfPadding(7, 2, 2, 'same')).toEqual([0, 1]); // 7 -> 4: the article's third pool
    expect(tfPadding(28, 3, 2, 'same')).toEqual([0, 1]);
    expect(tfPadding(7, 3, 2, 'same')).toEqual([1, 1]);
    expect(tfPadding(227, 11, 4, 'valid')).toEqual([0, 0]);
  });

  it('pads max-pooling with -inf and asymmetric convs with an explicit zero pad', () => {
    const code = pytorchCode(playgroundNetwork(DEFAULT_CONFIG), { fileName: 'a.py', weightsFile: 'a.safetensors' });
    expect(code).toContain('self.pool3_pad = nn.ConstantPad2d((0, 1, 0, 1), float("-inf"))');
    expect(code).not.toContain('self.pool1_pad');
    expect(code).toContain('self.conv1 = nn.Conv2d(1, 64, kernel_size=3, stride=1, padding=1)');
    expect(code).toContain('nn.LocalResponseNorm(size=9, alpha=9 * 0.00011111111111111112, beta=0.75, k=1.0)');
    expect(code).toContain('x = self.flatten(x.permute(0, 2, 3, 1))');
    expect(code).toContain('class AlexNetForMNIST(nn.Module):');
    const strided: NetworkSpec = {
      title: 'x',
      input: [8, 8, 1],
      layers: [{ kind: 'conv', name: 'conv1', filters: 2, kernel: 3, stride: 2, padding: 'same', activation: 'relu' }],
    };
    expect(pytorchCode(strided, { fileName: 'x.py', weightsFile: 'x.safetensors' })).toContain(
      'self.conv1_pad = nn.ZeroPad2d((0, 1, 0, 1))',
    );
  });

  it("averages as TensorFlow does in Figure 1's pools: inside the image only, padded after and not before", () => {
    const code = pytorchCode(figure1Network({ activation: 'tanh' }), { fileName: 'f.py', weightsFile: 'f.safetensors' });
    expect(code).toContain('self.pool1 = nn.MaxPool2d(kernel_size=3, stride=2)');
    expect(code).toContain('self.pool2 = SameAvgPool2d(kernel_size=3, stride=2, padding=(0, 1, 0, 1))');
    expect(code).toContain('self.pool3 = SameAvgPool2d(kernel_size=3, stride=2, padding=(0, 1, 0, 1))');
    expect(code.match(/^class SameAvgPool2d\(nn\.Module\):$/gm)).toHaveLength(1);
    // Unpadded, PyTorch's own average is TensorFlow's; a network without average pools gets no helper class.
    const valid: NetworkSpec = {
      title: 'v',
      input: [8, 8, 1],
      layers: [{ kind: 'pool', name: 'pool1', size: 2, stride: 2, padding: 'valid', op: 'avg' }],
    };
    const plain = pytorchCode(valid, { fileName: 'v.py', weightsFile: 'v.safetensors' });
    expect(plain).toContain('self.pool1 = nn.AvgPool2d(kernel_size=2, stride=2)');
    expect(plain).not.toContain('SameAvgPool2d');
    expect(pytorchCode(playgroundNetwork(DEFAULT_CONFIG), { fileName: 'a.py', weightsFile: 'a.safetensors' })).not.toContain(
      'SameAvgPool2d',
    );
  });

  it('names the module class after the network', () => {
    expect(pythonClassName(playgroundNetwork({ ...DEFAULT_CONFIG, model: 'tiny' }))).toBe('TinyAlexNetStyleNet');
  });
});

describe('weights in PyTorch’s layout', () => {
  const net: NetworkSpec = {
    title: 't',
    input: [2, 2, 2],
    layers: [
      { kind: 'conv', name: 'conv1', filters: 3, kernel: 2, stride: 1, padding: 'same', activation: 'relu' },
      { kind: 'flatten', name: 'flatten' },
      { kind: 'dense', name: 'fc', units: 2, activation: 'linear' },
    ],
  };
  // Each value encodes its tfjs index, so any transposition can be read back.
  const kernel = Float32Array.from({ length: 2 * 2 * 2 * 3 }, (_, i) => i);
  const dense = Float32Array.from({ length: 12 * 2 }, (_, i) => 100 + i);
  const state = torchStateDict(net, [
    {
      layer: 'conv1',
      tensors: [
        { shape: [2, 2, 2, 3], values: kernel },
        { shape: [3], values: Float32Array.from([1, 2, 3]) },
      ],
    },
    {
      layer: 'fc',
      tensors: [
        { shape: [12, 2], values: dense },
        { shape: [2], values: Float32Array.from([7, 8]) },
      ],
    },
  ]);

  it('puts conv kernels as [out, in, kh, kw] and dense kernels as [out, in], under state_dict names', () => {
    expect(state.map((t) => [t.name, t.shape])).toEqual([
      ['conv1.weight', [3, 2, 2, 2]],
      ['conv1.bias', [3]],
      ['fc.weight', [2, 12]],
      ['fc.bias', [2]],
    ]);
    const w = state[0].values;
    // torch[o][i][y][x] = tfjs[y][x][i][o]
    for (let o = 0; o < 3; o++)
      for (let i = 0; i < 2; i++)
        for (let y = 0; y < 2; y++)
          for (let x = 0; x < 2; x++) expect(w[((o * 2 + i) * 2 + y) * 2 + x]).toBe(((y * 2 + x) * 2 + i) * 3 + o);
    expect(state[2].values[1 * 12 + 5]).toBe(100 + 5 * 2 + 1);
  });

  it('refuses weights of another shape than the table’s, naming the layer', () => {
    expect(() =>
      torchStateDict(net, [
        {
          layer: 'conv1',
          tensors: [
            { shape: [3, 3, 2, 3], values: new Float32Array(54) },
            { shape: [3], values: new Float32Array(3) },
          ],
        },
      ]),
    ).toThrow(/conv1: weights \[3,3,2,3\]/);
  });
});
