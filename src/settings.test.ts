import { describe, expect, it } from 'vitest';
import { en } from './i18n/en';
import { englishText } from './i18n/message';
import { zh } from './i18n/zh';
import { configFromQuery, configToQuery, DEFAULT_CONFIG, SETTINGS, upgradeConfig, validateConfig, type TrainConfig } from './settings';

/** Every problem with a config, in English (as a Node tool would print it). */
const problems = (c: TrainConfig) => Object.fromEntries(Object.entries(validateConfig(c)).map(([k, m]) => [k, englishText(m)]));

describe('settings validation', () => {
  it('accepts the defaults', () => {
    expect(validateConfig(DEFAULT_CONFIG)).toEqual({});
  });

  it.each([
    ['learningRate', 0, /Learning rate must be more than 0/],
    ['learningRate', -1, /Learning rate/],
    ['learningRate', Number.NaN, /Learning rate must be a number/],
    ['batchSize', 0, /Batch size must be at least 1/],
    ['batchSize', 2.5, /Batch size must be a whole number/],
    ['dropout', 1, /Dropout rate must be .* less than 1/],
    ['epochs', 0, /Epochs must be at least 1/],
    ['activation', 'swish', /Activation: unknown choice/],
  ] as const)('refuses %s = %s with a message naming the setting', (key, value, message) => {
    const errors = problems({ ...DEFAULT_CONFIG, [key]: value });
    expect(errors[key]).toMatch(message);
  });

  it('checks only the settings that apply: a hidden one cannot block a run', () => {
    const adam = { ...DEFAULT_CONFIG, optimizer: 'adam' as const, momentum: 5 };
    expect(problems(adam)).toEqual({});
    expect(problems({ ...adam, optimizer: 'sgd' }).momentum).toMatch(/Momentum must be at least 0 and less than 1/);
    expect(problems({ ...DEFAULT_CONFIG, lrn: false, lrnBias: -1 })).toEqual({});
  });

  it('refuses a batch larger than the training data', () => {
    expect(problems({ ...DEFAULT_CONFIG, batchSize: 5000 }).batchSize).toMatch(/Batch size must be at least 1 and at most 4096/);
    expect(problems({ ...DEFAULT_CONFIG, trainLimit: 100, batchSize: 128 }).batchSize).toMatch(/100 training images/);
  });

  it('has a name, help and option names in both languages for every setting, and unique URL keys', () => {
    expect(new Set(SETTINGS.map((s) => s.url)).size).toBe(SETTINGS.length);
    for (const locale of [en, zh]) {
      const words = locale.settings as Record<string, { label: string; help: string; options?: Record<string, string> }>;
      for (const s of SETTINGS) {
        expect(words[s.key]?.label, s.key).toBeTruthy();
        expect(words[s.key]?.help.length, s.key).toBeGreaterThan(8);
        if (s.type === 'choice') expect(Object.keys(words[s.key].options ?? {}).sort(), s.key).toEqual([...s.options].sort());
      }
    }
  });
});

describe('the URL codec', () => {
  it('round-trips a config and keeps default values out of the URL', () => {
    const config = { ...DEFAULT_CONFIG, activation: 'tanh' as const, learningRate: 0.003, lrn: false, augFlip: true };
    const query = configToQuery(config);
    expect(query).toBe('act=tanh&lrn=0&lr=0.003&flip=1');
    expect(configFromQuery(query)).toEqual({ config, notices: [] });
  });

  it('refuses a bad value in a link even for a setting that does not apply now', () => {
    const { config, notices } = configFromQuery('opt=adam&mom=5');
    expect(config.momentum).toBe(DEFAULT_CONFIG.momentum);
    expect(notices.map(englishText)).toEqual([expect.stringMatching(/^Momentum must be .* \(got 5\)\. Using the default, 0\.9\.$/)]);
  });

  it('falls back to defaults with a notice for malformed or unknown values', () => {
    const { config, notices } = configFromQuery('lr=abc&bs=0&act=swish&lrn=maybe&bogus=1&ep=3');
    expect(config).toEqual({ ...DEFAULT_CONFIG, epochs: 3 });
    expect(notices).toHaveLength(5);
    expect(notices.map(englishText).join('\n')).toMatch(/Learning rate/);
    expect(notices.map(englishText).join('\n')).toMatch(/unknown URL setting "bogus"/);
  });
});

describe('old names keep working', () => {
  it('links that name the network "seed" or the init "seed-normal" open the renamed options', () => {
    const { config, notices } = configFromQuery('model=seed&init=seed-normal');
    expect(notices).toEqual([]);
    expect([config.model, config.init]).toEqual(['article', 'normal']);
  });

  it('a saved config gets the new names, and defaults for settings added since it was saved', () => {
    const { augNoise: _dropped, ...older } = { ...DEFAULT_CONFIG, model: 'seed', init: 'seed-normal', epochs: 3 };
    const upgraded = upgradeConfig(older);
    expect(upgraded).toEqual({ ...DEFAULT_CONFIG, model: 'article', init: 'normal', epochs: 3 });
    expect(validateConfig(upgraded)).toEqual({});
  });

  it('links to MNIST and Fashion-MNIST open as before; CIFAR-10 and imported datasets (user:<id>) open too, other names fall back', () => {
    expect(configFromQuery('data=fashion').config.dataset).toBe('fashion');
    expect(configFromQuery('data=cifar10&pca=1')).toEqual({
      config: { ...DEFAULT_CONFIG, dataset: 'cifar10', augColour: true },
      notices: [],
    });
    // The core cannot know which datasets a browser holds: the Worker refuses an id it lacks when a run starts.
    expect(configFromQuery('data=user:3f9a0c11d2e4').config.dataset).toBe('user:3f9a0c11d2e4');
    const { config, notices } = configFromQuery('data=imagenet');
    expect(config.dataset).toBe('mnist');
    expect(notices.map(englishText)).toEqual(['Dataset: unknown choice "imagenet". Using the default, mnist.']);
    expect(problems({ ...DEFAULT_CONFIG, dataset: 'user:' as 'mnist' }).dataset).toMatch(/unknown choice/);
  });

  it('"seed" means only the random seed now', () => {
    const names = en.settings as Record<string, { options?: Record<string, string> }>;
    const choices = SETTINGS.flatMap((s) => (s.type === 'choice' ? [...s.options, ...Object.values(names[s.key].options ?? {})] : []));
    expect(choices.filter((c) => /seed/i.test(c))).toEqual([]);
  });
});

describe('networks and the images they take', () => {
  it('refuses, on the network setting, a network that cannot take the dataset images', () => {
    expect(problems({ ...DEFAULT_CONFIG, model: 'alexnet2012' }).model).toMatch(/227×227 images; this dataset’s are 28×28×1/);
    expect(problems({ ...DEFAULT_CONFIG, model: 'alexnet-small', width: '1/8' })).toEqual({});
  });

  it("refuses, on the init setting, cuda-convnet's σ for a network that has none", () => {
    expect(problems({ ...DEFAULT_CONFIG, init: 'cuda-convnet' }).init).toMatch(/σ/);
    expect(problems({ ...DEFAULT_CONFIG, model: 'figure1', init: 'cuda-convnet' })).toEqual({});
  });

  it('shows the width only for the AlexNet models, and no LRN or dropout for Figure 1', () => {
    const shown = (c: TrainConfig) => SETTINGS.filter((s) => !s.relevant || s.relevant(c)).map((s) => s.key);
    expect(shown(DEFAULT_CONFIG)).not.toContain('width');
    expect(shown({ ...DEFAULT_CONFIG, model: 'alexnet-small' })).toContain('width');
    expect(shown({ ...DEFAULT_CONFIG, model: 'alexnet-small' })).not.toContain('lrnAlpha');
    const figure1 = shown({ ...DEFAULT_CONFIG, model: 'figure1' });
    expect(['lrn', 'dropout', 'pooling', 'width'].filter((k) => figure1.includes(k as keyof TrainConfig))).toEqual([]);
  });
});
