/** Small statistics shared by the bench page and the Node runner. */

export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function mean(xs: readonly number[]): number | null {
  return xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Differences of consecutive values, the first against `start`. */
export function deltas(xs: readonly number[], start = 0): number[] {
  return xs.map((x, i) => x - (i === 0 ? start : xs[i - 1]));
}

/** Per-step times without the first (warm-up: shader compilation, WASM tiering) when there is more than one. */
export function steady(stepMs: readonly number[]): number[] {
  return stepMs.length > 1 ? stepMs.slice(1) : [...stepMs];
}

export function round(x: number | null | undefined, digits = 1): number | null {
  if (x == null || !Number.isFinite(x)) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
