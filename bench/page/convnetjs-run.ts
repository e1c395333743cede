/** Runs the ConvNetJS baseline in its own Worker and summarises it (images/s over the timed images). */
import type { ModelName } from '../../src/settings';
import type { ConvnetEvent, ConvnetRunCommand } from './convnetjs-protocol';
import { median, round } from '../stats';

export interface ConvnetRunResult {
  kind: 'convnetjs';
  model: ModelName;
  batch: number;
  method: ConvnetRunCommand['method'];
  images: number;
  imagesRequested: number;
  /** Over all timed images. */
  imagesPerSec: number | null;
  /** Median time of one full batch of `batch` images, and the first batch (JIT warm-up). */
  medianBatchMs: number | null;
  firstBatchMs: number | null;
  batchMs: number[];
  losses: number[];
  setupMs: number | null;
  params: number | null;
  budgetExhausted: boolean;
  error?: string;
}

export function runConvnet(o: {
  model: ModelName;
  batch: number;
  images: number;
  method: ConvnetRunCommand['method'];
  budgetMs: number;
  seed?: number;
}): Promise<ConvnetRunResult> {
  const worker = new Worker(new URL('./convnetjs.worker.ts', import.meta.url), { type: 'module', name: 'bench-convnetjs' });
  const batches: { images: number; ms: number; meanLoss: number }[] = [];
  let setupMs: number | null = null;
  let params: number | null = null;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (images: number, ms: number | null, budgetExhausted: boolean, error?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(hardStop);
      worker.terminate();
      const full = batches.filter((b) => b.images === o.batch).map((b) => b.ms);
      resolve({
        kind: 'convnetjs',
        model: o.model,
        batch: o.batch,
        method: o.method,
        images,
        imagesRequested: o.images,
        imagesPerSec: ms && images ? round((images * 1000) / ms, 2) : null,
        medianBatchMs: round(median(full.length > 1 ? full.slice(1) : full)),
        firstBatchMs: round(batches[0]?.ms),
        batchMs: batches.map((b) => round(b.ms)!),
        losses: batches.map((b) => round(b.meanLoss, 4)!),
        setupMs: round(setupMs),
        params,
        budgetExhausted,
        error,
      });
    };
    // ConvNetJS is synchronous: the Worker checks the budget between images; this catches a stuck one.
    const hardStop = setTimeout(() => {
      const images = batches.reduce((n, b) => n + b.images, 0);
      finish(
        images,
        batches.reduce((n, b) => n + b.ms, 0),
        true,
        'hard time limit: the Worker was terminated',
      );
    }, o.budgetMs + 120_000);
    worker.onerror = (ev) => {
      ev.preventDefault();
      finish(0, null, false, `worker error: ${ev.message || 'unknown'}`);
    };
    worker.onmessage = (ev: MessageEvent<ConvnetEvent>) => {
      const e = ev.data;
      if (e.type === 'ready') {
        setupMs = e.setupMs;
        params = e.params;
      } else if (e.type === 'batch') batches.push(e);
      else if (e.type === 'done') finish(e.images, e.ms, e.budgetExhausted);
      else if (e.type === 'error') finish(0, null, false, e.message);
    };
    const cmd: ConvnetRunCommand = {
      type: 'run',
      model: o.model,
      batch: o.batch,
      images: o.images,
      method: o.method,
      budgetMs: o.budgetMs,
      seed: o.seed ?? 42,
    };
    worker.postMessage(cmd);
  });
}
