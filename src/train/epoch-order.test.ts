import { describe, expect, it } from 'vitest';
import { epochOrder } from './trainer';

const sorted = (a: Uint32Array) => [...a].sort((x, y) => x - y);

describe('the images an epoch trains on', () => {
  it('with "same images every epoch": one fixed set of the limit, in a new order each epoch, the same for the same seed', () => {
    const first = epochOrder(55_000, 500, true, 42, 0);
    const second = epochOrder(55_000, 500, true, 42, 1);
    expect(first.length).toBe(500);
    expect(new Set(first).size).toBe(500);
    expect(sorted(second)).toEqual(sorted(first));
    expect([...second]).not.toEqual([...first]);
    expect([...epochOrder(55_000, 500, true, 42, 1)]).toEqual([...second]);
    expect(sorted(epochOrder(55_000, 500, true, 7, 0))).not.toEqual(sorted(first));
  });

  it('without it: a fresh draw from the whole split each epoch (small runs see varied data)', () => {
    const first = epochOrder(55_000, 500, false, 42, 0);
    const second = epochOrder(55_000, 500, false, 42, 1);
    expect(sorted(second)).not.toEqual(sorted(first));
    // No limit: every image, either way.
    expect(sorted(epochOrder(1000, 1000, true, 42, 3))).toEqual([...Array(1000).keys()]);
  });
});
