/**
 * The one scale every activation histogram is binned on (in the Worker) and drawn on (on the page), and the
 * margins that define a saturated unit. Pure numbers, no tfjs: the page imports it to label its axes and to
 * say the margins in words.
 *
 * One fixed scale for every layer, run and step, so that two runs of a pair, and the steps of one run, are
 * comparable bin for bin without rescaling: linear where tanh and sigmoid live ([-1, 1], bins of 1/16), and
 * logarithmic beyond (three bins a decade up to 1000), where ReLU and linear outputs can go, with N(0, 1)
 * weights especially. Every bin is drawn the same width, so the axis is linear inside ±1 and logarithmic outside.
 */

/** tanh is saturated where |y| > 1 - margin; sigmoid where y < margin or y > 1 - margin. */
export const SATURATION_MARGIN = 0.01;

/** Bins of the linear part, over [-1, 1]. */
const LINEAR_BINS = 32;
/** Logarithmic bins each side, from 1 to LOG_LIMIT. */
const LOG_BINS = 9;
const LOG_LIMIT = 1000;

/**
 * The bin edges, ascending. Bin k holds values v with EDGES[k-1] <= v < EDGES[k]; bin 0 is everything below
 * -LOG_LIMIT and the last bin everything from LOG_LIMIT up.
 */
export const HIST_EDGES: readonly number[] = (() => {
  const positiveLog = Array.from({ length: LOG_BINS }, (_, i) => LOG_LIMIT ** ((i + 1) / LOG_BINS));
  // Rounded so that 10 and 100 are edges exactly (3 bins a decade), not 9.999999999999998.
  const logEdges = positiveLog.map((v) => Number(v.toPrecision(12)));
  const linear = Array.from({ length: LINEAR_BINS + 1 }, (_, i) => -1 + (2 * i) / LINEAR_BINS);
  return [...logEdges.map((v) => -v).reverse(), ...linear, ...logEdges];
})();

export const HIST_BINS = HIST_EDGES.length + 1;

/** The bin a value falls in (as the Worker's searchSorted counts it). */
export function binOf(v: number): number {
  let lo = 0;
  let hi = HIST_EDGES.length;
  // The number of edges <= v.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (HIST_EDGES[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** [low, high) of a bin; the outermost bins are open-ended (±Infinity). */
export function binRange(k: number): [number, number] {
  return [k === 0 ? -Infinity : HIST_EDGES[k - 1], k === HIST_EDGES.length ? Infinity : HIST_EDGES[k]];
}

/** The bins whose lower edge is one of these round numbers get an axis label. */
export const LABELLED_EDGES: readonly number[] = [-100, -10, -1, 0, 1, 10, 100, 1000];

/**
 * Measurements take at most INSIDE_BUDGET of training time (./inside.ts), but a run is measured at least this many
 * times however fast its steps: on a fast machine a short run (the ReLU vs tanh pair on the small network, 150
 * steps) otherwise ended having shown only the untrained and the trained network, nothing of what came between.
 */
export const INSIDE_MIN_CAPTURES = 8;
