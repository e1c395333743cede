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
];
