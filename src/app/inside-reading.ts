/**
 * The one-line readings next to the "Inside the network" charts: what the latest capture says, in plain words, as
 * messages (key and values) the page translates. Pure; unit-tested.
 */
import type { Language } from '../i18n/languages';
import { msg, type Message } from '../i18n/message';
import { binRange, HIST_BINS } from '../train/inside-scale';
import { formatPercent, formatSignificant } from './format';
import type { InsideCapture, InsideHistory, LayerCapture, LayerInfo } from './inside-store';

/** Above this share a layer's saturation is the headline; below FEW it is not worth a warning. */
const MANY = 0.5;
const FEW = 0.1;
/** ‖ΔW‖/‖W‖ outside [LOW, HIGH] reads as too small or too large (healthy training: about 1e-3). */
const UPDATE_LOW = 1e-4;
const UPDATE_HIGH = 1e-2;
/** A gradient this many times smaller than at its first measurement is worth saying. */
const SHRINK = 10;

const ACTIVATION_NAME: Record<string, string> = { relu: 'ReLU', tanh: 'tanh', sigmoid: 'sigmoid', linear: 'linear' };

export const activationName = (a: string): string => ACTIVATION_NAME[a] ?? a;

const what = (info: LayerInfo) => msg(info.kind === 'conv' ? 'inside.word.filters' : 'inside.word.units');

/** The values between which the middle 90% of a layer's non-zero outputs lie, as the bins' outer edges. */
export function middleRange(hist: ArrayLike<number>): [number, number] | null {
  let total = 0;
  for (let k = 0; k < HIST_BINS; k++) total += hist[k];
  if (!(total > 0)) return null;
  let low = -1;
  let high = -1;
  let acc = 0;
  for (let k = 0; k < HIST_BINS; k++) {
    acc += hist[k];
    if (low < 0 && acc > 0.05 * total) low = k;
    if (high < 0 && acc >= 0.95 * total) high = k;
  }
  const [lo, loTop] = binRange(low);
  const [hiBottom, hi] = binRange(high);
  // The open outer bins have one finite edge: use it.
  return [Number.isFinite(lo) ? lo : loTop, Number.isFinite(hi) ? hi : hiBottom];
}

const num = (v: number) => formatSignificant(v);

/** One layer at one capture: saturation, dead units or where its outputs lie. */
export function layerReading(info: LayerInfo, c: LayerCapture, step: number, language: Language): Message {
  const range = middleRange(c.hist) ?? [0, 0];
  const base = { layer: info.name, step, low: num(range[0]), high: num(range[1]) };
  if (c.saturated != null) {
    const share = formatPercent(c.saturated, language, 0);
    const activation = activationName(info.activation);
    if (c.saturated >= MANY) return msg('inside.reading.saturatedHigh', { ...base, share, activation });
    if (c.saturated >= FEW) return msg('inside.reading.saturatedSome', { ...base, share, activation });
    return msg('inside.reading.saturatedLow', { ...base, share });
  }
  if (c.dead != null) {
    const zero = formatPercent(c.zero, language, 0);
    const dead = Math.round(c.dead * info.units);
    if (dead > 0) return msg('inside.reading.dead', { ...base, dead, total: info.units, what: what(info), zero });
    return msg('inside.reading.alive', { ...base, what: what(info), zero });
  }
  return msg('inside.reading.plain', { ...base, mean: num(c.mean) });
}

const latest = (h: InsideHistory): InsideCapture | undefined => h.captures.at(-1);

/** The worst layer for saturated (tanh, sigmoid) or dead (ReLU) units at the latest capture. */
export function unitsReading(h: InsideHistory, language: Language): Message | null {
  const c = latest(h);
  if (!c) return null;
  const worst = (pick: (l: LayerCapture) => number | null) => {
    let best = -1;
    h.layers.forEach((_, i) => {
      const v = pick(c.layers[i]);
      if (v != null && (best < 0 || v > pick(c.layers[best])!)) best = i;
    });
    return best;
  };
  const s = worst((l) => l.saturated);
  if (s >= 0) {
    const share = c.layers[s].saturated!;
    const values = {
      layer: h.layers[s].name,
      share: formatPercent(share, language, 0),
      step: c.step,
      activation: activationName(h.layers[s].activation),
    };
    if (share >= MANY) return msg('inside.reading.unitsSaturated', values);
    if (share >= FEW) return msg('inside.reading.unitsSomeSaturated', values);
    if (share < 0.005) return msg('inside.reading.unitsNoneSaturated', { step: c.step, activation: values.activation });
    return msg('inside.reading.unitsFewSaturated', values);
  }
  const d = worst((l) => l.dead);
  if (d >= 0) {
    const share = c.layers[d].dead!;
    if (share === 0) return msg('inside.reading.unitsNoneDead', { step: c.step });
    return msg('inside.reading.unitsDead', {
      layer: h.layers[d].name,
      share: formatPercent(share, language, 0),
      step: c.step,
      what: what(h.layers[d]),
    });
  }
  return msg('inside.reading.unitsNone');
}

/** The first and the latest capture. */
function firstAndLast(h: InsideHistory): { first: InsideCapture; last: InsideCapture } | null {
  const [first, last] = [h.captures[0], h.captures.at(-1)];
  return first && last ? { first, last } : null;
}

/** How large the weight gradients are, layer against layer, and which has shrunk most since the first step. */
export function gradientReading(h: InsideHistory): Message {
  const g = firstAndLast(h);
  if (!g) return msg('inside.reading.noGradients');
  const { first, last } = g;
  let lo = -1;
  let hi = -1;
  let shrunk = -1;
  let factor = 1;
  last.layers.forEach((l, i) => {
    const v = l.gradNorm;
    if (!Number.isFinite(v)) return;
    if (lo < 0 || v < last.layers[lo].gradNorm) lo = i;
    if (hi < 0 || v > last.layers[hi].gradNorm) hi = i;
    const f0 = first.layers[i].gradNorm;
    if (first !== last && v > 0 && f0 / v > factor) {
      factor = f0 / v;
      shrunk = i;
    }
  });
  if (lo < 0) return msg('inside.reading.noGradients');
  const range = {
    step: last.step,
    low: num(last.layers[lo].gradNorm),
    lowLayer: h.layers[lo].name,
    high: num(last.layers[hi].gradNorm),
    highLayer: h.layers[hi].name,
  };
  if (shrunk >= 0 && factor >= SHRINK)
    return msg('inside.reading.gradientShrunk', { ...range, layer: h.layers[shrunk].name, factor: Math.round(factor), first: first.step });
  return msg('inside.reading.gradientRange', range);
}

/** Whether the updates are near the healthy 1e-3 of the weights, naming the layer furthest from it. */
export function updateReading(h: InsideHistory): Message {
  const g = firstAndLast(h);
  const ratios = g ? g.last.layers.map((l) => l.updateRatio) : [];
  const finite = ratios.map((r, i) => ({ r, i })).filter((x): x is { r: number; i: number } => x.r != null && x.r > 0);
  if (!g || finite.length === 0) return msg('inside.reading.noGradients');
  const step = g.last.step;
  const far = finite.reduce((a, b) => (Math.abs(Math.log10(b.r / 1e-3)) > Math.abs(Math.log10(a.r / 1e-3)) ? b : a));
  if (far.r > UPDATE_HIGH) return msg('inside.reading.updateLarge', { layer: h.layers[far.i].name, ratio: num(far.r), step });
  if (far.r < UPDATE_LOW) return msg('inside.reading.updateSmall', { layer: h.layers[far.i].name, ratio: num(far.r), step });
  const rs = finite.map((x) => x.r);
  return msg('inside.reading.updateHealthy', { low: num(Math.min(...rs)), high: num(Math.max(...rs)), step });
}
