import { describe, expect, it } from 'vitest';
import { HEAP_GROWTH, HEAP_SLACK_MB, soakVerdict, type SoakSample } from './soak-verdict';

const flat = (n: number, heapMB = 100): SoakSample[] => Array.from({ length: n }, (_, i) => ({ step: (i + 1) * 100, tensors: 40, heapMB }));

describe('soakVerdict', () => {
  it('finds no growth in no samples (npm run soak then exits 2, too few samples, instead of throwing)', () => {
    expect(soakVerdict([])).toEqual({ moreTensors: [], lastThirdHeapMB: 0, heapGrew: false });
  });

  it('finds no growth in flat samples, one or many', () => {
    expect(soakVerdict(flat(1))).toEqual({ moreTensors: [], lastThirdHeapMB: 100, heapGrew: false });
    expect(soakVerdict(flat(9)).heapGrew).toBe(false);
  });

  it('counts every sample with more tensors than the first', () => {
    const samples = flat(6);
    samples[2].tensors = 41;
    samples[5].tensors = 39;
    expect(soakVerdict(samples).moreTensors).toEqual([samples[2]]);
  });

  it("calls the heap grown when the last third's mean is over the first by both the share and the slack", () => {
    const grown = (first: number, last: number) => soakVerdict([...flat(4, first), ...flat(2, last)]).heapGrew;
    // 100 MB: the share (20 MB) is the larger bound; 20 MB: the slack (8 MB) is.
    expect(grown(100, 100 * (1 + HEAP_GROWTH) + 1)).toBe(true);
    expect(grown(100, 100 * (1 + HEAP_GROWTH) - 1)).toBe(false);
    expect(grown(20, 20 + HEAP_SLACK_MB + 1)).toBe(true);
    expect(grown(20, 20 + HEAP_SLACK_MB - 1)).toBe(false);
  });
});
