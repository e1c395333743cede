/**
 * The layer statistics each run's Worker sent (InsideEvent), kept per run for the "Inside the network" panel: what
 * each layer is (name, activation, units) once, then one compact capture per event. Bounded: past MAX_CAPTURES a
 * run keeps every second capture, then every fourth, and so on (evenly spaced, the first and the latest always
 * kept), so a long run costs the page the same memory and drawing time as a short one. Lives for this page only
 * (not saved with the runs).
 */
import type { Activation } from '../settings';
import type { InsideEvent } from '../worker/protocol';

/** Captures kept per run; a heat strip is a few hundred pixels wide, so more would not show. */
export const MAX_CAPTURES = 256;

export interface LayerInfo {
  name: string;
  kind: 'conv' | 'dense';
  activation: Activation | 'linear';
  units: number;
}

export interface LayerCapture {
  /** Share of the layer's values in each bin of HIST_EDGES (exact zeros are `zero`). */
  hist: Float32Array;
  zero: number;
  saturated: number | null;
  dead: number | null;
  mean: number;
  std: number;
  /** ‖∇W‖ of the layer's kernel. */
  gradNorm: number;
  /** ‖ΔW‖ / ‖W‖ of the update made from it (null for weights of norm 0). */
  updateRatio: number | null;
}

export interface InsideCapture {
  step: number;
  /** How many captures of this run came before this one. */
  seq: number;
  layers: LayerCapture[];
}

export interface InsideHistory {
  runId: string;
  layers: LayerInfo[];
  /** Training images the activations are summarised over. */
  images: number;
  captures: InsideCapture[];
  /** Captures kept are those whose seq is a multiple of this (and the latest). */
  stride: number;
}

function compact(e: InsideEvent, seq: number): InsideCapture {
  return {
    step: e.step,
    seq,
    layers: e.layers.map((l) => {
      const g = l.gradient;
      return {
        hist: Float32Array.from(l.hist, (c) => c / Math.max(1, l.values)),
        zero: l.zero,
        saturated: l.saturated,
        dead: l.dead,
        mean: l.mean,
        std: l.std,
        gradNorm: g.gradNorm,
        updateRatio: g.weightNorm > 0 ? g.updateNorm / g.weightNorm : null,
      };
    }),
  };
}

/** The captures on a stride's grid, and the latest whatever its place. */
function onGrid(captures: InsideCapture[], stride: number): InsideCapture[] {
  const last = captures.length - 1;
  return captures.filter((c, i) => i === last || c.seq % stride === 0);
}

export class InsideStore {
  private histories: ReadonlyMap<string, InsideHistory> = new Map();
  private listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ReadonlyMap<string, InsideHistory> => this.histories;

  get(runId: string): InsideHistory | undefined {
    return this.histories.get(runId);
  }

  apply(e: InsideEvent): void {
    const old = this.histories.get(e.runId);
    let stride = old?.stride ?? 1;
    const previous = old?.captures.at(-1);
    // The previous latest leaves unless it is on the grid; one of a step already shown is replaced.
    let kept = old ? old.captures.filter((c) => c.step < e.step && (c !== previous || c.seq % stride === 0)) : [];
    kept.push(compact(e, previous ? previous.seq + 1 : 0));
    while (kept.length > MAX_CAPTURES) {
      stride *= 2;
      kept = onGrid(kept, stride);
    }
    const history: InsideHistory = {
      runId: e.runId,
      layers: e.layers.map(({ name, kind, activation, units }) => ({ name, kind, activation, units })),
      images: e.images,
      captures: kept,
      stride,
    };
    this.set(new Map(this.histories).set(e.runId, history));
  }

  remove(runId: string): void {
    if (!this.histories.has(runId)) return;
    const next = new Map(this.histories);
    next.delete(runId);
    this.set(next);
  }

  private set(next: ReadonlyMap<string, InsideHistory>): void {
    this.histories = next;
    for (const l of this.listeners) l();
  }
}
