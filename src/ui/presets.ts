/**
 * The comparison presets: pairs of runs that differ in one AlexNet ingredient. Their words (title, what the pair
 * shows, the runs' names) are in src/i18n/<language>/compare.ts under the preset's id. Pure.
 */
import type { TrainConfig } from '../settings';

export interface PresetRun {
  /** Which of the preset's runs: its name is `compare.presets.<id>.runs.<run>` in the locale. */
  run: string;
  /** Values for the name, e.g. the dropout rate. */
  values?: Record<string, number>;
  config: TrainConfig;
}

export interface Preset {
  /** Also the key of its title, "about" text and run names: `compare.presets.<id>` in the locale. */
  id: string;
  pair: (c: TrainConfig) => [PresetRun, PresetRun];
}

/** Pairs that differ in one AlexNet ingredient; same seed, so the same initial weights and data order. */
export const PRESETS: Preset[] = [
  {
    id: 'relu-tanh',
    pair: (c) => [
      { run: 'relu', config: { ...c, activation: 'relu' } },
      { run: 'tanh', config: { ...c, activation: 'tanh' } },
    ],
  },
  {
    id: 'dropout',
    pair: (c) => {
      const rate = c.dropout > 0 ? c.dropout : 0.5;
      return [
        { run: 'on', values: { rate }, config: { ...c, dropout: rate } },
        { run: 'off', config: { ...c, dropout: 0 } },
      ];
    },
  },
  {
    id: 'lrn',
    pair: (c) => [
      { run: 'on', config: { ...c, lrn: true } },
      { run: 'off', config: { ...c, lrn: false } },
    ],
  },
  {
    id: 'augment',
    pair: (c) => {
      const aug = c.augShift > 0 || c.augNoise > 0 || c.augFlip ? c : { ...c, augShift: 2, augNoise: 0.1 };
      return [
        { run: 'on', config: aug },
        { run: 'off', config: { ...c, augShift: 0, augNoise: 0, augFlip: false } },
      ];
    },
  },
  {
    // The article used N(0, 1) weights (tf.random_normal); Glorot scales them by each layer's fan-in and fan-out.
    id: 'init',
    pair: (c) => [
      { run: 'glorot', config: { ...c, init: 'glorot' } },
      { run: 'normal', config: { ...c, init: 'normal' } },
    ],
  },
  {
    // Far too small and far too large. Too small crawls. Too large must overflow for the page to stop the run, and
    // a loss computed stably overflows only when the weights do: with SGD a rate 100,000 times the usual one does
    // within a few steps (src/app/lessons-measured.json, lesson "rate"); a hundred times only stalls at chance, as
    // dead ReLUs pass no gradient. Adam's steps are bounded by its rate, so with Adam the large run stalls instead.
    id: 'rate',
    pair: (c) => {
      const low = Number((c.learningRate / 100).toPrecision(2));
      const high = Math.min(1e6, Number((c.learningRate * 100_000).toPrecision(2)));
      return [
        { run: 'low', values: { rate: low }, config: { ...c, learningRate: low } },
        { run: 'high', values: { rate: high }, config: { ...c, learningRate: high } },
      ];
    },
  },
  {
    // AlexNet's pools overlap (3x3 windows, stride 2); the article's are 2x2, stride 2.
    id: 'pooling',
    pair: (c) => [
      { run: 'overlap', config: { ...c, pooling: '3x3s2' } },
      { run: 'plain', config: { ...c, pooling: '2x2' } },
    ],
  },
  {
    // Small and large batches over the same images: the large one takes fewer, faster steps.
    id: 'batch',
    pair: (c) => {
      const small = Math.max(1, Math.min(c.batchSize, 16));
      const large = Math.max(256, c.batchSize);
      return [
        { run: 'small', values: { size: small }, config: { ...c, batchSize: small } },
        { run: 'large', values: { size: large }, config: { ...c, batchSize: large } },
      ];
    },
  },
];
