import { describe, expect, it } from 'vitest';
import { englishText } from '../i18n/message';
import { DEFAULT_CONFIG, type TrainConfig } from '../settings';
import { datasetInput, networkFor, networkProblem } from './network-for';
import { summarize } from './summary';

const config = (over: Partial<TrainConfig>): TrainConfig => ({ ...DEFAULT_CONFIG, ...over });
const problem = (over: Partial<TrainConfig>, input: [number, number, number]) => {
  const m = networkProblem(config(over), input);
  return m && englishText(m);
};

describe('the network a config trains', () => {
  it("is the article's network on MNIST's 28x28 grey digits, as before", () => {
    expect(datasetInput('mnist')).toEqual([28, 28, 1]);
    expect(summarize(networkFor(DEFAULT_CONFIG, datasetInput('mnist')!)).totalParams).toBe(5_624_842);
  });

  it("is the chosen table for the images' size, with the width setting", () => {
    expect(networkFor(config({ model: 'figure1' }), [32, 32, 3]).layers.at(-1)).toMatchObject({ name: 'fc10', units: 10 });
    const small = networkFor(config({ model: 'alexnet-small', width: '1/4' }), [32, 32, 3]);
    expect(small.layers[0]).toMatchObject({ kernel: 5, stride: 1, filters: 24 });
    expect(networkFor(config({ model: 'alexnet-small', width: '1/4' }), [64, 64, 3]).layers[0]).toMatchObject({ kernel: 7, stride: 2 });
    const big = networkFor(config({ model: 'alexnet2012', width: '1/16' }), [227, 227, 3]);
    expect(big.layers.find((l) => l.name === 'conv2')).toMatchObject({ filters: 16, groups: 2 });
    expect(big.layers.at(-1)).toMatchObject({ name: 'fc8', units: 10 });
  });

  it('takes LRN on/off, dropout and activation from the settings for AlexNet, and none of them for Figure 1', () => {
    const a = networkFor(config({ model: 'alexnet-small', lrn: false, dropout: 0.5, activation: 'tanh' }), [32, 32, 3]);
    expect(a.layers.some((l) => l.kind === 'lrn')).toBe(false);
    expect(a.layers.filter((l) => l.kind === 'dropout')).toHaveLength(2);
    expect(a.layers[0]).toMatchObject({ activation: 'tanh' });
    const f = networkFor(config({ model: 'figure1', lrn: true, dropout: 0.5 }), [32, 32, 3]);
    expect(f.layers.some((l) => l.kind === 'lrn' || l.kind === 'dropout')).toBe(false);
  });
});

describe('a network that cannot take the images is refused, saying why', () => {
  it("not the article's network on colour images: its flatten grows with the image", () => {
    expect(problem({ model: 'article' }, [32, 32, 3])).toBeUndefined();
    const net = networkFor(config({ model: 'article' }), [32, 32, 3]);
    expect(net.input).toEqual([32, 32, 3]);
    // 32 -> 16 -> 8 -> 4: the same 4x4x256 flatten as MNIST's 28 -> 14 -> 7 -> 4, so the same count but conv1's
    // extra two input channels (2 x 3 x 3 x 64 weights).
    expect(summarize(net).totalParams).toBe(5_624_842 + 2 * 3 * 3 * 64);
  });

  it('AlexNet 2012 below 227x227, and AlexNet for small images above 64x64', () => {
    expect(problem({ model: 'alexnet2012' }, [32, 32, 3])).toMatch(/227×227 images; this dataset’s are 32×32×3/);
    expect(problem({ model: 'alexnet2012' }, [227, 227, 3])).toBeUndefined();
    expect(problem({ model: 'alexnet-small' }, [227, 227, 3])).toMatch(/up to 64×64; this dataset’s are 227×227×3/);
  });

  it('images so small that a map would vanish', () => {
    expect(problem({ model: 'alexnet-small' }, [15, 15, 3])).toBeUndefined();
    expect(problem({ model: 'alexnet-small' }, [14, 14, 3])).toMatch(/shrinks 14×14×3 images to nothing by pool5/);
    expect(() => networkFor(config({ model: 'alexnet-small' }), [14, 14, 3])).toThrow(/pool5/);
  });

  it("cuda-convnet's initial weights for a network whose source gives none", () => {
    expect(problem({ model: 'article', init: 'cuda-convnet' }, [28, 28, 1])).toMatch(/has none/);
    expect(problem({ model: 'figure1', init: 'cuda-convnet' }, [32, 32, 3])).toBeUndefined();
  });
});
