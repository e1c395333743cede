import { describe, expect, it } from 'vitest';
import { FASHION_SPLIT_SEED } from '../data/dataset';
import { classNames, importedClassNames, splitNote } from './datasets';

describe('dataset words', () => {
  it('name the classes in the reader’s language', () => {
    expect(classNames('mnist', 'zh')).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(classNames('fashion', 'en').slice(0, 3)).toEqual(['T-shirt/top', 'Trouser', 'Pullover']);
    expect(classNames('fashion', 'zh')).toEqual(['T恤/上衣', '裤子', '套头衫', '连衣裙', '外套', '凉鞋', '衬衫', '运动鞋', '包', '短靴']);
  });

  it("name an imported CIFAR-10 archive's classes in the reader's language, and a folder's by its folders", () => {
    const cifar = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];
    expect(importedClassNames(cifar, 'zh')).toEqual(classNames('cifar10', 'zh'));
    expect(importedClassNames(cifar, 'en')).toEqual(cifar);
    expect(importedClassNames(['blue', 'green', 'red'], 'zh')).toEqual(['blue', 'green', 'red']);
  });

  it('state the split with its counts, and the seed of ours for Fashion-MNIST', () => {
    expect(splitNote('mnist', 'en')).toBe(
      'The official split: of the 60,000 training images the first 55,000 train the network and the last 5,000 are held out for validation; the official 10,000 test images are the test set.',
    );
    for (const language of ['en', 'zh'] as const) {
      const note = splitNote('fashion', language);
      expect(note).toContain(String(FASHION_SPLIT_SEED));
      expect(note).toContain('70,000');
      expect(note).not.toMatch(/\{\{/);
    }
    expect(splitNote('mnist', 'zh')).toMatch(/^官方划分：60,000 张训练图像中，前 55,000 张用来训练网络/);
  });
});
