/**
 * How the page writes numbers, in one place, so that the same quantity reads the same in every panel.
 * Numbers follow the page's language (Intl: grouping, percent); durations are in its words (units.ts in src/i18n/en and zh).
 * Pure; unit-tested.
 */
import { LOCALE_TAGS, type Language } from '../i18n/languages';
import { msg } from '../i18n/message';
import { textIn } from '../i18n/text';

// Intl formatters are costly to build and the charts format on every redraw: one per language and options.
const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(language: Language, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${language} ${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE_TAGS[language], options);
    formats.set(key, f);
  }
  return f;
}

/** 55,000 (grouped as the language groups digits). */
export function formatCount(n: number, language: Language): string {
  return numberFormat(language, {}).format(n);
}

/** 97.3% (or '–' when there is no value yet). */
export function formatPercent(fraction: number | undefined | null, language: Language, digits = 1): string {
  if (fraction == null || !Number.isFinite(fraction)) return '–';
  return numberFormat(language, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(fraction);
}

/** 1,234.5: a measured rate with a fixed number of decimals. */
export function formatDecimal(n: number | null | undefined, language: Language, digits = 1): string {
  if (n == null || !Number.isFinite(n)) return '–';
  return numberFormat(language, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
}

/** 45.9 MB: a size in bytes, in megabytes of 1,000,000 bytes (what file managers and hosts show). */
export function formatMegabytes(bytes: number, language: Language): string {
  return `${formatDecimal(bytes / 1e6, language, 1)} MB`;
}

/** "a, b and c" / "a、b和c": settings that changed, say. */
export function formatList(items: string[], language: Language): string {
  return new Intl.ListFormat(LOCALE_TAGS[language], { type: 'conjunction' }).format(items);
}

/** 45 s, 3 min 7 s, 2 h 5 min in English; 45 秒, 3 分 7 秒, 2 小时 5 分 in Chinese (or '–'). */
export function formatDuration(ms: number, language: Language): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  const s = Math.round(ms / 1000);
  const m = Math.floor(s / 60);
  const words =
    s < 60
      ? msg('units.seconds', { s })
      : m < 60
        ? msg('units.minutes', { m, s: s % 60 })
        : msg('units.hours', { h: Math.floor(m / 60), m: m % 60 });
  return textIn(language, words);
}

/** Floating-point operations: 1.23 G, 45.6 M, 7.8 k. */
export function formatFlops(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} M`;
  return `${(n / 1e3).toFixed(1)} k`;
}

/** Memory in decimal units: 4.52 GB, 341 MB, 7.8 kB (one definition, shared with the memory check's messages). */
export { formatBytes } from '../model/memory-fit';

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

/** A calendar date (an ISO `YYYY-MM-DD`, as measurement files record it) as the language writes dates. */
export function formatDate(iso: string, language: Language): string {
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALE_TAGS[language], { dateStyle: 'long', timeZone: 'UTC' }).format(d);
}
