/**
 * tfjs: for each backend (forced through the config's `backend`) and batch size, THE app's training Worker
 * driven through its protocol on the bench page (bench/page/tfjs-run.ts): median ms/step (first step
 * excluded), images/s, first-step ms. Each (backend, batch) gets a fresh browser (a software GPU left busy by
 * a cut-off run cannot slow the next one), a step count and a time budget; a backend the Worker does not use
 * when asked is reported skipped, at every batch size, and not asked again.
 */
import type { TfjsRunOptions, TfjsRunResult } from '../page/tfjs-run';
import { openBench, runTfjs } from '../harness/bench-page';
import { withBrowser } from '../harness/browser';
import { loadNow } from '../harness/cpu';
import { emit, log, table } from '../harness/output';
import { SYNTHETIC_SHAPE, type BenchNet, type BenchOptions } from '../options';
import { round } from '../stats';

export async function benchTfjs(base: string, o: BenchOptions): Promise<TfjsRunResult[]> {
  const out: TfjsRunResult[] = [];
  // --model on its dataset, then each of --nets on synthetic colour images (no colour dataset yet).
  const nets: TfjsNet[] = [{ model: o.model }, ...o.nets.map((n) => ({ ...n, synthetic: SYNTHETIC_SHAPE }))];
  for (const backend of o.backends) {
    const runs = o.batches.flatMap((batch) => nets.map((net) => ({ batch, net })));
    for (const [i, { batch, net }] of runs.entries()) {
      const name = `${net.model}${net.width ? `@${net.width}` : ''}`;
      log(
        `tfjs ${backend} batch ${batch}: up to ${o.steps} steps of ${name}${net.synthetic ? ' (synthetic images)' : ''}, budget ${o.budgetS} s`,
      );
      const opts: TfjsRunOptions = {
        backend,
        batch,
        ...net,
        steps: o.steps,
        budgetMs: o.budgetS * 1000,
        setupTimeoutMs: o.setupTimeoutS * 1000,
      };
      const load = loadNow();
      let r: TfjsRunResult;
      try {
        r = await withBrowser(`tfjs ${backend}/${batch}/${name}`, (o.budgetS + o.setupTimeoutS + 90) * 1000, async (page) => {
          await openBench(page, base);
          return runTfjs(page, opts);
        });
      } catch (e) {
        r = {
          kind: 'tfjs',
          requested: backend,
          backend: null,
          batch,
          model: net.model,
          width: net.width,
          data: net.synthetic ? `synthetic ${net.synthetic.join('x')}` : 'mnist',
          stepsRequested: o.steps,
          steps: 0,
          medianMs: null,
          imagesPerSec: null,
          firstStepMs: null,
          stepMs: [],
          wallStepMs: [],
          setupMs: null,
          losses: [],
          budgetExhausted: false,
          error: e instanceof Error ? e.message : String(e),
        };
      }
      const { requested: _r, ...line } = r;
      await emit({ ...line, backend: r.skipped ? backend : (r.backend ?? backend), actualBackend: r.backend, load });
      out.push(r);
      // A backend the Worker replaces with another is the same at every batch size and network: don't ask again.
      if (r.skipped) {
        for (const rest of runs.slice(i + 1)) {
          const skipLine = {
            ...line,
            batch: rest.batch,
            model: rest.net.model,
            width: rest.net.width,
            backend,
            actualBackend: r.backend,
            steps: 0,
          };
          await emit(skipLine);
          out.push({ ...r, batch: rest.batch, model: rest.net.model, width: rest.net.width });
        }
        break;
      }
    }
  }
  return out;
}

type TfjsNet = BenchNet & { synthetic?: [number, number, number] };

/** The summary's tfjs table. */
export function tfjsReport(o: BenchOptions, tfjs: TfjsRunResult[]): string[] {
  return [
    '',
    `tfjs, THE app's training Worker (median excludes the first step; budget ${o.budgetS} s each):`,
    table(
      [
        ['backend', 'batch', 'network', 'data', 'steps', 'median ms/step', 'img/s', 'first step ms', 'setup s', 'note'],
        ...tfjs.map((r) => [
          r.skipped ? `${r.requested} (skipped)` : (r.backend ?? r.requested),
          r.batch,
          `${r.model}${r.width ? ` @${r.width}` : ''}`,
          r.data,
          `${r.steps}/${r.stepsRequested}`,
          r.medianMs,
          r.imagesPerSec,
          r.firstStepMs,
          r.setupMs === null ? null : round(r.setupMs / 1000, 1),
          (r.error ?? r.note ?? (r.adapter ? `adapter: ${r.adapter}` : '')).slice(0, 110),
        ]),
      ],
      [0, 2, 3, 9],
    ),
  ];
}
