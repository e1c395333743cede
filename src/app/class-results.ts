/**
 * A class's runs of the same preset, pair by pair: when each run of a pair first reached the threshold (the
 * comparison panel's rule, firstCrossing), the ratio, the median and interquartile range over the class, and the
 * pairs a teacher should look at twice: trained on another backend or with other settings than most, or with a
 * ratio far outside the spread. Pure: the panel (src/ui/ClassResults.tsx) draws it, the tests check it.
 */
import { LANGUAGES } from '../i18n/languages';
import { msg } from '../i18n/message';
import { textIn } from '../i18n/text';
import { SETTINGS, type TrainConfig } from '../settings';
import { firstCrossing, speedup } from '../train/metrics';
import type { RunRecord } from './run-store';
import { SWEEP_PRESET } from './sweep';

export interface PairResult {
  groupId: string;
  a: RunRecord;
  b: RunRecord;
  crossingA: number | null;
  crossingB: number | null;
  /** B's crossing step ÷ A's (how many times faster A got there), null unless both crossed. */
  ratio: number | null;
  flags: PairFlag[];
}

export type PairFlag =
  | { kind: 'backend'; backend: string; majority: string }
  | { kind: 'settings'; settings: (keyof TrainConfig)[] }
  | { kind: 'ratio'; ratio: number }
  | { kind: 'noRatio' };

export interface Spread {
  median: number;
  q1: number;
  q3: number;
  iqr: number;
  /** Tukey's fences: a ratio beyond them is an outlier. */
  low: number;
  high: number;
  /** Pairs the statistics are over. */
  count: number;
}

export interface PresetResults {
  preset: string;
  /** The two runs' names without the student's number ("ReLU", "tanh"). */
  roles: [string, string];
  pairs: PairResult[];
  /** Over the pairs that trained like the majority (no backend or settings flag) and crossed on both runs. */
  spread: Spread | null;
  /** Runs of this preset whose pair is incomplete (still training, failed, or not in the files). */
  unpaired: number;
}

/** Quantile by linear interpolation between order statistics (numpy's default). `sorted` ascending. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

/** Median, quartiles and Tukey's fences (1.5 IQR beyond the quartiles). */
export function spread(values: readonly number[]): Spread | null {
  if (values.length === 0) return null;
  const s = [...values].sort((x, y) => x - y);
  const q1 = quantile(s, 0.25);
  const q3 = quantile(s, 0.75);
  const iqr = q3 - q1;
  return { median: quantile(s, 0.5), q1, q3, iqr, low: q1 - 1.5 * iqr, high: q3 + 1.5 * iqr, count: s.length };
}

/**
 * What each language writes before and after a retried run's name (runs.retryName: " (retry)", "（重试）"). A run's
 * name is stored in the language of the page that started it, so a class's files may hold any of them.
 */
const RETRY_MARKS = LANGUAGES.map((l) => textIn(l, msg('runs.retryName', { name: '\u0000' })).split('\u0000'));

/** A run's name as first given: without the retry marks a lost GPU added (once per retry), in whichever language. */
function withoutRetries(name: string): string {
  for (const [before, after] of RETRY_MARKS) {
    if (name.length > before.length + after.length && name.startsWith(before) && name.endsWith(after)) {
      return withoutRetries(name.slice(before.length, name.length - after.length));
    }
  }
  return name;
}

/** A run's name without the number the page adds ("ReLU #12" -> "ReLU"), and without any retry mark. */
export const roleName = (name: string) => withoutRetries(name).replace(/\s*#\d+$/, '');

function mostCommon<T>(values: readonly T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: T | undefined;
  let n = 0;
  for (const [v, c] of counts) if (c > n) [best, n] = [v, c];
  return best;
}

/**
 * Settings compared across the class. The seed may differ on purpose (each student samples the spread), and the
 * backend choice is judged by the backend that actually ran.
 */
const COMPARED = SETTINGS.map((s) => s.key).filter((k) => k !== 'seed' && k !== 'backend');

/**
 * Every preset's pairs among `runs` (a group of a preset holds its two runs, in the order they were started;
 * failed runs are left out, so a run retried on another backend pairs with its retry).
 */
export function classResults(runs: readonly RunRecord[], threshold: number, smoothing: number): PresetResults[] {
  const groups = new Map<string, RunRecord[]>();
  for (const r of runs) {
    // A learning-rate sweep's runs are a group too, but not a pair.
    if (!r.group || r.group.preset === SWEEP_PRESET) continue;
    const list = groups.get(r.group.id) ?? [];
    list.push(r);
    groups.set(r.group.id, list);
  }
  const byPreset = new Map<string, { pairs: PairResult[]; unpaired: number }>();
  for (const [groupId, members] of groups) {
    const preset = members[0].group!.preset;
    const entry = byPreset.get(preset) ?? { pairs: [], unpaired: 0 };
    byPreset.set(preset, entry);
    const usable = members.filter((r) => r.state === 'done' || r.state === 'stopped').sort((x, y) => x.createdAt - y.createdAt);
    if (usable.length !== 2) {
      entry.unpaired += members.length;
      continue;
    }
    const [a, b] = usable;
    const crossingA = firstCrossing(a.steps.step, a.steps.acc, threshold, smoothing);
    const crossingB = firstCrossing(b.steps.step, b.steps.acc, threshold, smoothing);
    entry.pairs.push({ groupId, a, b, crossingA, crossingB, ratio: speedup(crossingA, crossingB), flags: [] });
  }
  const out: PresetResults[] = [];
  for (const [preset, { pairs, unpaired }] of byPreset) {
    if (pairs.length === 0) {
      out.push({ preset, roles: ['A', 'B'], pairs, spread: null, unpaired });
      continue;
    }
    const majorityBackend = mostCommon(pairs.flatMap((p) => [p.a.backend ?? '?', p.b.backend ?? '?']))!;
    const majority = Object.fromEntries(COMPARED.map((k) => [k, mostCommon(pairs.map((p) => p.a.config[k]))])) as Partial<TrainConfig>;
    const majorityB = Object.fromEntries(COMPARED.map((k) => [k, mostCommon(pairs.map((p) => p.b.config[k]))])) as Partial<TrainConfig>;
    for (const p of pairs) {
      const other = [p.a.backend, p.b.backend].find((x) => (x ?? '?') !== majorityBackend);
      if (other !== undefined || [p.a.backend, p.b.backend].includes(undefined)) {
        p.flags.push({ kind: 'backend', backend: other ?? '?', majority: majorityBackend });
      }
      const settings = COMPARED.filter((k) => p.a.config[k] !== majority[k] || p.b.config[k] !== majorityB[k]);
      if (settings.length > 0) p.flags.push({ kind: 'settings', settings });
      if (p.ratio === null) p.flags.push({ kind: 'noRatio' });
    }
    const comparable = pairs.filter((p) => p.flags.length === 0).map((p) => p.ratio!);
    const s = spread(comparable);
    if (s)
      for (const p of pairs) if (p.ratio !== null && (p.ratio < s.low || p.ratio > s.high)) p.flags.push({ kind: 'ratio', ratio: p.ratio });
    const roles: [string, string] = [mostCommon(pairs.map((p) => roleName(p.a.name)))!, mostCommon(pairs.map((p) => roleName(p.b.name)))!];
    out.push({ preset, roles, pairs, spread: s, unpaired });
  }
  return out.sort((x, y) => y.pairs.length - x.pairs.length);
}
