/**
 * race: the classroom's ReLU vs tanh pair on the seed network, as a student starts it. The real app (index.html, the
 * article's network, Adam 1e-3, batch 64, automatic backend), the preset button clicked: when each run's training
 * error, smoothed as the comparison panel smooths it (0.9), first reaches 25%, in steps and in seconds after the
 * click, and how many steps each run had made by then (the two take turns, so both curves grow together).
 */
import { installAppTrace, readTrace } from '../harness/app-trace';
import { withBrowser } from '../harness/browser';
import { loadNow } from '../harness/cpu';
import { emit, log } from '../harness/output';
import type { BenchOptions } from '../options';
import { round } from '../stats';
import { firstCrossing } from '../../src/train/metrics';

/** The comparison panel's default threshold and smoothing. */
const THRESHOLD = 0.25;
const SMOOTHING = 0.9;
/** Long enough to see a crossing well past the two minutes a lesson allows for it. */
const RACE_BUDGET_S = 360;

export type Race = Record<string, unknown>;

interface RaceRun {
  runId: string;
  crossingStep: number | null;
  crossingS: number | null;
  steps: number;
}

async function measure(base: string, o: BenchOptions): Promise<Race> {
  log(
    `race: index.html?bs=64, the ReLU vs tanh preset, until both runs reach ${THRESHOLD * 100}% training error (at most ${RACE_BUDGET_S} s)`,
  );
  try {
    return await withBrowser('race', (o.setupTimeoutS + RACE_BUDGET_S + 60) * 1000, async (page) => {
      await page.addInitScript(installAppTrace);
      await page.goto(`${base}/?bs=64`);
      await page.getByTestId('backend-name').waitFor({ timeout: o.setupTimeoutS * 1000 });
      const clickAt = await page.evaluate(() => performance.now());
      await page.getByTestId('preset-relu-tanh').click();
      const deadline = Date.now() + (o.setupTimeoutS + RACE_BUDGET_S) * 1000;
      let runs!: RaceRun[];
      let backend: string | null = null;
      for (;;) {
        await page.waitForTimeout(2000);
        const trace = await readTrace(page);
        backend ??= trace.events.find((e) => e.type === 'started')?.backend ?? null;
        const byRun = new Map<string, { step: number; accuracy: number; t: number }[]>();
        for (const e of trace.events) {
          if (e.type !== 'step' || e.t < clickAt || !e.runId || e.accuracy === undefined) continue;
          if (!byRun.has(e.runId)) byRun.set(e.runId, []);
          byRun.get(e.runId)!.push({ step: e.step!, accuracy: e.accuracy, t: e.t });
        }
        runs = [...byRun].map(([runId, steps]) => {
          const crossingStep = firstCrossing(
            steps.map((s) => s.step),
            steps.map((s) => s.accuracy),
            THRESHOLD,
            SMOOTHING,
          );
          const at = steps.find((s) => s.step === crossingStep);
          return { runId, crossingStep, crossingS: at ? round((at.t - clickAt) / 1000, 1) : null, steps: steps.length };
        });
        const done = runs.length === 2 && runs.every((r) => r.crossingStep !== null);
        if (done || Date.now() > deadline) break;
      }
      // Steps each run had made when the later one crossed: turns taken, not one run after the other.
      const last = Math.max(...runs.map((r) => r.crossingS ?? Infinity));
      return {
        kind: 'race',
        url: '/?bs=64',
        preset: 'relu-tanh',
        backend,
        threshold: THRESHOLD,
        smoothing: SMOOTHING,
        runs,
        bothCrossedS: Number.isFinite(last) ? last : null,
      };
    });
  } catch (e) {
    return { kind: 'race', error: e instanceof Error ? e.message : String(e) };
  }
}

export async function benchRace(base: string, o: BenchOptions): Promise<Race> {
  const before = loadNow();
  const race = await measure(base, o);
  await emit({ ...race, load: before });
  return race;
}

/** The summary's race lines. */
export function raceReport(race: Race): string[] {
  if (race.error) return ['', `ReLU vs tanh race: error: ${race.error}`];
  const runs = race.runs as RaceRun[];
  const names = ['ReLU', 'tanh'];
  return [
    '',
    `ReLU vs tanh race (real app, the article's network, batch 64, ${race.backend} backend; training error smoothed ${SMOOTHING}, threshold ${THRESHOLD * 100}%):`,
    ...runs.map(
      (r, i) =>
        `  ${names[i] ?? r.runId}: ${r.crossingStep === null ? 'not reached' : `step ${r.crossingStep}, ${r.crossingS} s after the click`} (${r.steps} steps made)`,
    ),
    `  both crossed ${race.bothCrossedS === null ? 'not within the budget' : `${race.bothCrossedS} s after the click`}`,
  ];
}
