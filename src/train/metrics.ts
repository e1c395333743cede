/** Chart and comparison maths shared by the page and the tests. */

/**
 * Exponential moving average with bias correction (as in Adam and TensorBoard), so the first points are
 * not dragged towards zero. `smoothing` 0 returns the series unchanged.
 */
export function ema(values: ArrayLike<number>, smoothing: number): number[] {
  const out: number[] = new Array(values.length);
  let acc = 0;
  let weight = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      out[i] = v;
      continue;
    }
    acc = smoothing * acc + (1 - smoothing) * v;
    weight = smoothing * weight + (1 - smoothing);
    out[i] = acc / weight;
  }
  return out;
}

/**
 * The first step at which the smoothed training error is at or below `threshold` (AlexNet Figure 1 asks
 * when each network first reaches 25% training error). null when the run never got there.
 */
export function firstCrossing(steps: ArrayLike<number>, accuracy: ArrayLike<number>, threshold: number, smoothing = 0.9): number | null {
  const error = ema(
    Array.from(accuracy, (a) => 1 - a),
    smoothing,
  );
  for (let i = 0; i < error.length; i++) if (error[i] <= threshold) return steps[i];
  return null;
}

/** How many times faster run A crossed than run B (B's steps / A's steps), or null if either did not. */
export function speedup(a: number | null, b: number | null): number | null {
  return a === null || b === null || a <= 0 ? null : b / a;
}
