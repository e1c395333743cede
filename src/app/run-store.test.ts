import { describe, expect, it, vi } from 'vitest';
import { RENDER_SHARE, RunStore } from './run-store';

describe('RunStore redraw spacing', () => {
  it('redraws four times a second while redraws are cheap, less often as they get costly, never slower than the cap', () => {
    const store = new RunStore(250, 1500);
    expect(store.redrawIntervalMs).toBe(250);
    store.reportRenderCost(10);
    expect(store.redrawIntervalMs).toBe(250);
    for (let i = 0; i < 40; i++) store.reportRenderCost(40);
    expect(store.redrawIntervalMs).toBeCloseTo(40 * RENDER_SHARE, 0);
    for (let i = 0; i < 40; i++) store.reportRenderCost(1000);
    expect(store.redrawIntervalMs).toBe(1500);
    store.reportRenderCost(Number.NaN);
    store.reportRenderCost(-5);
    expect(store.redrawIntervalMs).toBe(1500);
  });

  it('one slow draw does not slow the page down for long', () => {
    const store = new RunStore(250, 1500);
    for (let i = 0; i < 10; i++) store.reportRenderCost(10);
    store.reportRenderCost(600);
    const after = store.redrawIntervalMs;
    expect(after).toBeLessThan(600 * RENDER_SHARE);
    for (let i = 0; i < 20; i++) store.reportRenderCost(10);
    expect(store.redrawIntervalMs).toBe(250);
  });

  it('times a coalesced redraw from its notification to the next idle moment, and waits that out', () => {
    vi.useFakeTimers();
    try {
      const idle: (() => void)[] = [];
      const store = new RunStore(250, 1500, (cb) => idle.push(cb));
      const listener = vi.fn();
      store.subscribe(listener);
      store.add({ id: 'a' } as never); // immediate (a state change): not timed
      expect(idle).toHaveLength(0);
      store.update('a', (r) => ({ ...r }), false); // coalesced: fires now (nothing fired for 250 ms)...
      vi.advanceTimersByTime(250);
      expect(listener).toHaveBeenCalledTimes(2);
      vi.advanceTimersByTime(60); // ...and the page is busy drawing for 60 ms
      idle.shift()!();
      expect(store.redrawIntervalMs).toBeCloseTo(60 * RENDER_SHARE, 0);
      store.update('a', (r) => ({ ...r }), false);
      vi.advanceTimersByTime(60 * RENDER_SHARE - 70);
      expect(listener).toHaveBeenCalledTimes(2);
      vi.advanceTimersByTime(20);
      expect(listener).toHaveBeenCalledTimes(3);
    } finally {
      vi.useRealTimers();
    }
  });
});
