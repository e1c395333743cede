/**
 * A run's per-step series, bounded. Batch 1 for 100 epochs is millions of steps: kept whole, the run would not fit
 * in a save, nor a chart in memory. So the most recent TAIL points stay at full resolution, and when the series
 * grows past MAX_POINTS, the older history is resampled into HISTORY buckets of equal width in steps: each bucket
 * averages the loss and accuracy of the points in it (weighted by the steps each point stands for) and keeps the
 * step and time of its last point. Every compaction re-buckets the whole history, so it stays evenly spread from
 * the first step on, at a resolution of (steps so far) / HISTORY, and the total stays between TAIL and MAX_POINTS.
 *
 * Averaging, not dropping, keeps what a chart and the crossing step read from the history honest: a smoothed
 * curve over the buckets is the smoothed curve over the originals, at a coarser step.
 */

/** The per-step columns of a run (the same shape as RunRecord.steps). */
export interface StepColumns {
  step: number[];
  loss: number[];
  acc: number[];
  /** Training time at that step, ms. */
  ms: number[];
}

/** Points kept at full resolution at the end of a series. */
export const TAIL = 5_000;
/** A series never holds more than this many points. */
export const MAX_POINTS = 10_000;
/** Buckets the history is resampled into: half the room left by the tail, so compactions are far apart. */
export const HISTORY = (MAX_POINTS - TAIL) / 2;

/** Compacts `s` in place if it has grown past `max`; returns whether it did. */
export function boundSeries(s: StepColumns, max = MAX_POINTS, tail = TAIL, history = Math.floor((max - tail) / 2)): boolean {
  const n = s.step.length;
  if (n <= max) return false;
  const h = n - tail;
  // Buckets start at step 1 (where every run starts), not at the first point kept: anchored there, the buckets of
  // one compaction line up with the last's and the history never drifts away from the start.
  const width = s.step[h - 1] / history;
  const out: StepColumns = { step: [], loss: [], acc: [], ms: [] };
  let bucket = -1;
  let weight = 0;
  let loss = 0;
  let acc = 0;
  const close = (i: number) => {
    out.step.push(s.step[i]);
    out.ms.push(s.ms[i]);
    out.loss.push(loss / weight);
    out.acc.push(acc / weight);
  };
  for (let i = 0; i < h; i++) {
    const b = Math.min(history - 1, Math.floor((s.step[i] - 1) / width));
    if (b !== bucket && weight > 0) {
      close(i - 1);
      weight = loss = acc = 0;
    }
    bucket = b;
    const w = i === 0 ? 1 : s.step[i] - s.step[i - 1];
    weight += w;
    loss += w * s.loss[i];
    acc += w * s.acc[i];
  }
  close(h - 1);
  s.step = out.step.concat(s.step.slice(h));
  s.loss = out.loss.concat(s.loss.slice(h));
  s.acc = out.acc.concat(s.acc.slice(h));
  s.ms = out.ms.concat(s.ms.slice(h));
  return true;
}
