/**
 * The comparison presets: pairs of runs that differ in one AlexNet ingredient. Their words (title, what the pair
 * shows, the runs' names) are in src/i18n/<language>/compare.ts under the preset's id. Pure.
 */
import { msg, type Message } from '../i18n/message';
import type { Shape3 } from '../model/networks';
import type { Activation, TrainConfig } from '../settings';
import { figure1Config } from '../train/sweep';

export interface PresetRun {
  /** Which of the preset's runs: its name is `compare.presets.<id>.runs.<run>` in the locale. */
  run: string;
  /** Values for the name, e.g. the dropout rate. */
  values?: Record<string, number>;
  config: TrainConfig;
}

/** What a preset may use besides the settings. */
export interface PresetContext {
  /** The learning rate per activation a sweep picked on these data and batch size (src/app/sweep.ts), if any. */
  rates?: Partial<Record<Activation, number>> | null;
}

export interface Preset {
  /** Also the key of its title, "about" text and run names: `compare.presets.<id>` in the locale. */
  id: string;
  pair: (c: TrainConfig, context?: PresetContext) => [PresetRun, PresetRun];
  /** Why the preset cannot train on images of this shape (null when it can; `null` shape: not known yet). */
  refuse?: (shape: Shape3 | null) => Message | null;
}

/** Figure 1 trained on CIFAR-10: 32×32 colour images. */
export const isCifarShaped = (shape: Shape3 | null): boolean => shape !== null && shape[0] === 32 && shape[1] === 32 && shape[2] === 3;

/** What to do when the data are not CIFAR-10-shaped: import CIFAR-10 (or another set of 32×32 colour images). */
export const figure1Refusal = (shape: Shape3 | null): Message | null =>
  isCifarShaped(shape) ? null : msg('compare.figure1.needsColour', { shape: shape ? shape.join('×') : '?' });

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
    // The figure itself: its network, SGD with momentum and nothing else, each activation at its own rate.
    id: 'figure1',
    pair: (c, context) => {
      const base = figure1Config(c);
      const rate = (a: Activation) => context?.rates?.[a] ?? c.learningRate;
      return [
        { run: 'relu', values: { rate: rate('relu') }, config: { ...base, activation: 'relu', learningRate: rate('relu') } },
        { run: 'tanh', values: { rate: rate('tanh') }, config: { ...base, activation: 'tanh', learningRate: rate('tanh') } },
      ];
    },
    refuse: figure1Refusal,
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
