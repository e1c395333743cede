/**
 * How the page writes numbers, in one place, so that the same quantity reads the same in every panel.
 * Pure; unit-tested.
 */

/** 55,000 */
export function formatCount(n: number): string {
  return n.toLocaleString('en');
}

/** 97.3% (or '–' when there is no value yet). */
export function formatPercent(fraction: number | undefined | null, digits = 1): string {
  return fraction == null || !Number.isFinite(fraction) ? '–' : `${(fraction * 100).toFixed(digits)}%`;
}

/** 45 s, 3 min 7 s, 2 h 5 min (or '–'). */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${s % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** Floating-point operations: 1.23 G, 45.6 M, 7.8 k. */
export function formatFlops(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} M`;
  return `${(n / 1e3).toFixed(1)} k`;
}

/** Memory in decimal units: 4.52 GB, 341 MB, 7.8 kB. */
export function formatBytes(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} GB`;
  if (n >= 1e6) return `${Number((n / 1e6).toPrecision(3))} MB`;
  return `${(n / 1e3).toFixed(1)} kB`;
}

/** A measured value of any size, in three significant digits: 0.0123, 4.56, 1.23e-5, 2.5e+4. */
export function formatSignificant(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-3) return v.toExponential(2);
  return String(Number(v.toPrecision(3)));
}

/**
 * A setting's value as the user would type it: 0.001 stays 0.001, but 0.0001111 becomes 1.11e-4, and no float
 * noise (0.30000000000000004) shows. Empty for a value that is not a number.
 */
export function formatSetting(v: number): string {
  if (!Number.isFinite(v)) return '';
  return Math.abs(v) > 0 && Math.abs(v) < 1e-3 ? v.toExponential(2).replace(/\.?0+e/, 'e') : String(Number(v.toPrecision(6)));
}
