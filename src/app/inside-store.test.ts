import { describe, expect, it } from 'vitest';
import type { InsideEvent, InsideLayer } from '../worker/protocol';
import { HIST_BINS } from '../train/inside-scale';
import { InsideStore, MAX_CAPTURES } from './inside-store';

const layer = (over: Partial<InsideLayer> = {}): InsideLayer => ({
  name: 'fc1',
  kind: 'dense',
  activation: 'tanh',
  units: 128,
  values: 128 * 16,
  hist: new Array(HIST_BINS).fill(0).map((_, k) => (k === 40 ? 128 * 16 : 0)),
  zero: 0,
  saturated: 0.5,
  dead: null,
  mean: 0,
  std: 1,
  gradient: { gradNorm: 0.5, weightNorm: 10, updateNorm: 0.02 },
  ...over,
});

const event = (step: number, runId = 'a', over: Partial<InsideLayer> = {}): InsideEvent => ({
  type: 'inside',
  runId,
  step,
  images: 16,
  layers: [layer(over)],
});

describe('the layer statistics the page keeps', () => {
  it('keeps each run apart, as shares of the values, with the update relative to the weights', () => {
    const store = new InsideStore();
    store.apply(event(0));
    store.apply(event(1, 'a', { gradient: { gradNorm: 2, weightNorm: 10, updateNorm: 0.01 } }));
    store.apply(event(0, 'b'));
    const a = store.get('a')!;
    expect(a.captures.map((c) => c.step)).toEqual([0, 1]);
    expect(a.captures[0].layers[0].gradNorm).toBe(0.5);
    expect(a.captures[1].layers[0].gradNorm).toBe(2);
    expect(a.captures[1].layers[0].updateRatio).toBeCloseTo(1e-3, 9);
    expect(a.captures[1].layers[0].hist[40]).toBe(1);
    expect(store.get('b')!.captures).toHaveLength(1);
    store.remove('a');
    expect(store.get('a')).toBeUndefined();
  });

  it('stays bounded over a long run: the untrained network and the latest capture are always kept, in order', () => {
    const store = new InsideStore();
    for (let step = 0; step <= 5000; step += 5) store.apply(event(step));
    const steps = store.get('a')!.captures.map((c) => c.step);
    expect(steps.length).toBeLessThanOrEqual(MAX_CAPTURES);
    expect(steps.length).toBeGreaterThan(MAX_CAPTURES / 2);
    expect(steps[0]).toBe(0);
    expect(steps.at(-1)).toBe(5000);
    expect([...steps].sort((x, y) => x - y)).toEqual(steps);
    // Thinned evenly: the same gap between all but the latest.
    const gaps = steps.slice(1, -1).map((s, i) => s - steps[i]);
    expect(new Set(gaps).size).toBe(1);
  });

  it('tells its listeners of each capture, and keeps one capture per step', () => {
    const store = new InsideStore();
    let calls = 0;
    store.subscribe(() => calls++);
    store.apply(event(10));
    store.apply(event(10, 'a', { mean: 3 }));
    expect(store.get('a')!.captures.map((c) => c.layers[0].mean)).toEqual([3]);
    expect(calls).toBe(2);
  });
});
