/**
 * Largest-Triangle-Three-Buckets downsampling (Steinarsson, 2013). A long run logs a loss value per step,
 * far more points than a chart has pixels; LTTB keeps the points that carry the visual shape (spikes
 * included), unlike striding or averaging, which hide exactly the divergence a student should see.
 *
 * Returns the indices of the kept points, ascending, so the caller can pick any parallel arrays with them.
 * Points whose x or y is not finite are never kept: a chart cannot place them, and letting a NaN into the
 * triangle areas would make every comparison false and silently drop real points instead.
 */
export function lttb(xs: ArrayLike<number>, ys: ArrayLike<number>, threshold: number): number[] {
  const n = Math.min(xs.length, ys.length);
  const want = Math.floor(threshold);

  // Only the finite points take part; in the common all-finite case skip building the index map.
  let valid: Int32Array | null = null;
  let m = n;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(xs[i]) || !Number.isFinite(ys[i])) {
      valid = new Int32Array(n);
      m = 0;
      for (let j = 0; j < n; j++) if (Number.isFinite(xs[j]) && Number.isFinite(ys[j])) valid[m++] = j;
      break;
    }
  }
  const at = valid === null ? (k: number) => k : (k: number) => (valid as Int32Array)[k];

  if (!(want > 0)) return [];
  if (m <= want) return Array.from({ length: m }, (_, k) => at(k));
  if (want === 1) return [at(0)];
  if (want === 2) return [at(0), at(m - 1)];

  const out: number[] = new Array(want);
  out[0] = at(0);
  // The first and last points are fixed, so the middle m-2 points are shared among want-2 buckets.
  const every = (m - 2) / (want - 2);
  let a = 0; // position (in valid order) of the point kept from the previous bucket

  for (let b = 0; b < want - 2; b++) {
    const start = Math.floor(b * every) + 1;
    const end = Math.floor((b + 1) * every) + 1; // exclusive

    // The third triangle corner is the average of the next bucket (or the last point, for the last bucket).
    const nextStart = end;
    const nextEnd = Math.min(Math.floor((b + 2) * every) + 1, m);
    let avgX = 0;
    let avgY = 0;
    if (b === want - 3) {
      avgX = xs[at(m - 1)];
      avgY = ys[at(m - 1)];
    } else {
      for (let k = nextStart; k < nextEnd; k++) {
        avgX += xs[at(k)];
        avgY += ys[at(k)];
      }
      const count = nextEnd - nextStart;
      avgX /= count;
      avgY /= count;
    }

    const ax = xs[at(a)];
    const ay = ys[at(a)];
    let best = start;
    let bestArea = -1;
    for (let k = start; k < end; k++) {
      const i = at(k);
      // Twice the triangle area; the factor does not change which point wins.
      const area = Math.abs((ax - avgX) * (ys[i] - ay) - (ax - xs[i]) * (avgY - ay));
      if (area > bestArea) {
        bestArea = area;
        best = k;
      }
    }
    out[b + 1] = at(best);
    a = best;
  }

  out[want - 1] = at(m - 1);
  return out;
}
