/** Messages between the bench page and the ConvNetJS Worker. */
import type { ModelName } from '../../src/settings';

export interface ConvnetRunCommand {
  type: 'run';
  model: ModelName;
  /** Images per update (ConvNetJS's Trainer batch_size). */
  batch: number;
  /** Images to time (a multiple of batch is best). */
  images: number;
  method: 'adadelta' | 'sgd';
  budgetMs: number;
  seed: number;
}

export type ConvnetEvent =
  | { type: 'ready'; setupMs: number; params: number; layers: string }
  | { type: 'batch'; index: number; images: number; ms: number; meanLoss: number }
  | { type: 'done'; images: number; ms: number; budgetExhausted: boolean }
  | { type: 'error'; message: string };
