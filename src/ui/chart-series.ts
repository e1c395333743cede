/**
 * Curves as the line charts draw them: cut to the points a chart has room for (LTTB), and the training error the
 * comparison panel and the class results both draw (1 − accuracy, smoothed). Pure.
 */
import { lttb } from '../app/lttb';
import { ema } from '../train/metrics';

/** Drawing more points than the chart has pixels only costs time: series are cut to this many (LTTB). */
export const MAX_POINTS = 1000;

export interface Point {
  x: number;
  y: number;
}

/** The curve through (xs, ys) cut to at most `points` of its points (LTTB keeps its shape). */
export function downsample(xs: ArrayLike<number>, ys: ArrayLike<number>, points = MAX_POINTS): Point[] {
  return lttb(xs, ys, points).map((i) => ({ x: xs[i], y: ys[i] }));
}

/** Training error (1 − accuracy) against xs, smoothed by an EMA of factor `smoothing`, then cut to `points`. */
export function errorCurve(xs: ArrayLike<number>, accuracy: readonly number[], smoothing: number, points = MAX_POINTS): Point[] {
  const error = accuracy.map((a) => 1 - a);
  return downsample(xs, ema(error, smoothing), points);
}
