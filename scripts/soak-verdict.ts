/**
 * What "grows" means for both soaks (npm run soak in Node, npm run soak:browser in Chromium), from samples taken
 * once every kernel, buffer and cache exists:
 * - tensors: any later sample above the first. tfjs frees every tensor a step makes; one more is a leak.
 * - heap (after a full garbage collection): the last third's mean over the first sample by more than HEAP_GROWTH
 *   and by more than HEAP_SLACK_MB (V8's heap moves by a few MB with no leak).
 */
export const HEAP_GROWTH = 0.2;
export const HEAP_SLACK_MB = 8;

export interface SoakSample {
  step: number;
  tensors: number;
  heapMB: number;
}

export interface SoakVerdict {
  /** Samples with more tensors than the first. */
  moreTensors: SoakSample[];
  /** Mean heap of the last third of the samples, MB. */
  lastThirdHeapMB: number;
  heapGrew: boolean;
}

/** No samples, no growth: the callers say "too few samples" themselves. */
export function soakVerdict(samples: readonly SoakSample[]): SoakVerdict {
  const [first] = samples;
  if (!first) return { moreTensors: [], lastThirdHeapMB: 0, heapGrew: false };
  const tail = samples.slice(Math.floor((samples.length * 2) / 3));
  const lastThirdHeapMB = tail.reduce((a, s) => a + s.heapMB, 0) / Math.max(1, tail.length);
  return {
    moreTensors: samples.filter((s) => s.tensors > first.tensors),
    lastThirdHeapMB,
    heapGrew: lastThirdHeapMB > first.heapMB * (1 + HEAP_GROWTH) && lastThirdHeapMB - first.heapMB > HEAP_SLACK_MB,
  };
}
