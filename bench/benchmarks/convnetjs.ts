/**
 * convnetjs: ConvNetJS 0.3.0 training the same shapes on the same MNIST batches, in a Worker of its own on the
 * bench page (bench/page/convnetjs-run.ts), and our best tfjs backend at batch 64 as a ratio of it.
 */
import type { TfjsRunResult } from '../page/tfjs-run';
import type { ConvnetRunResult } from '../page/convnetjs-run';
import { openBench, runConvnet } from '../harness/bench-page';
import { withBrowser } from '../harness/browser';
import { loadNow } from '../harness/cpu';
import { emit, log } from '../harness/output';
import type { BenchOptions } from '../options';
import { round } from '../stats';

export interface Ratio {
  best: { backend: string | null; imagesPerSec: number | null } | null;
  ratio: number | null;
}

async function measure(base: string, o: BenchOptions): Promise<ConvnetRunResult> {
  const budgetMs = o.budgetS * 1000;
  log(`convnetjs: ${o.convnetImages} images of ${o.model}, batch 64, ${o.convnetMethod}, budget ${o.budgetS} s`);
  try {
    return await withBrowser('convnetjs', budgetMs + (o.setupTimeoutS + 150) * 1000, async (page) => {
      await openBench(page, base);
      return runConvnet(page, { model: o.model, batch: 64, images: o.convnetImages, method: o.convnetMethod, budgetMs });
    });
  } catch (e) {
    return {
      kind: 'convnetjs',
      model: o.model,
      batch: 64,
      method: o.convnetMethod,
      images: 0,
      imagesRequested: o.convnetImages,
      imagesPerSec: null,
      medianBatchMs: null,
      firstBatchMs: null,
      batchMs: [],
      losses: [],
      setupMs: null,
      params: null,
      budgetExhausted: false,
      error: e instanceof Error ? e.message : String(e),
    };
  }
}

/** Emits the ConvNetJS line, then the ratio line against `tfjs` (the tfjs part's results, if it ran). */
export async function benchConvnet(
  base: string,
  o: BenchOptions,
  tfjs: TfjsRunResult[],
): Promise<{ convnet: ConvnetRunResult; ratio: Ratio }> {
  const load = loadNow();
  const convnet = await measure(base, o);
  await emit({ ...convnet, load });
  const ours = tfjs
    .filter((r) => r.batch === 64 && !r.skipped && r.imagesPerSec != null && r.model === o.model && !r.data.startsWith('synthetic'))
    .sort((a, b) => b.imagesPerSec! - a.imagesPerSec!)[0];
  const ratio: Ratio = {
    best: ours ? { backend: ours.backend, imagesPerSec: ours.imagesPerSec } : null,
    ratio: ours && convnet.imagesPerSec ? round(ours.imagesPerSec! / convnet.imagesPerSec, 2) : null,
  };
  await emit({
    kind: 'ratio',
    model: o.model,
    batch: 64,
    best: ratio.best,
    convnetjsImagesPerSec: convnet.imagesPerSec,
    ratio: ratio.ratio,
  });
  return { convnet, ratio };
}

/** The summary's ConvNetJS lines. */
export function convnetReport({ convnet, ratio }: { convnet: ConvnetRunResult; ratio: Ratio }): string[] {
  const lines = [
    '',
    `ConvNetJS 0.3.0, ${convnet.model}-shaped net (${convnet.params?.toLocaleString('en') ?? '?'} params), ${convnet.method}, batch ${convnet.batch}, own Worker:`,
  ];
  lines.push(
    convnet.error
      ? `  error: ${convnet.error}`
      : `  ${convnet.images}/${convnet.imagesRequested} images: ${convnet.imagesPerSec} img/s (median batch ${convnet.medianBatchMs} ms, first batch ${convnet.firstBatchMs} ms)${convnet.budgetExhausted ? ' — budget spent' : ''}`,
  );
  if (ratio.best && ratio.ratio != null)
    lines.push(`  our best at batch 64: ${ratio.best.backend} ${ratio.best.imagesPerSec} img/s = ${ratio.ratio}x ConvNetJS`);
  return lines;
}
