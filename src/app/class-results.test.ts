import { describe, expect, it } from 'vitest';
import { classFiles, OUTLIERS } from '../../test/class-files';
import { LANGUAGES } from '../i18n/languages';
import { msg } from '../i18n/message';
import { textIn } from '../i18n/text';
import { firstCrossing } from '../train/metrics';
import { classResults, quantile, roleName, spread } from './class-results';
import { parseRunFile } from './run-schema';
import type { RunRecord } from './run-store';

function importClass(count = 30): RunRecord[] {
  return classFiles(count).flatMap((f) => {
    const r = parseRunFile(f.text, f.name);
    if (!r.ok) throw new Error(f.name);
    return r.runs;
  });
}

describe('quartiles and spread', () => {
  it('interpolate between order statistics as numpy does', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(spread([7, 1, 3, 2, 4])).toEqual({ median: 3, q1: 2, q3: 4, iqr: 2, low: -1, high: 7, count: 5 });
    expect(spread([])).toBeNull();
  });
});

describe("a class's 30 exported files, ReLU vs tanh", () => {
  const runs = importClass();
  const [results] = classResults(runs, 0.25, 0.9);

  it('pair up by preset: 30 pairs, ReLU first, each crossing by the comparison panel’s rule', () => {
    expect(runs).toHaveLength(60);
    expect(results.preset).toBe('ReLU vs tanh (AlexNet Figure 1)');
    expect(results.roles).toEqual(['ReLU', 'tanh']);
    expect(results.pairs).toHaveLength(30);
    for (const p of results.pairs) {
      expect(p.a.config.activation).toBe('relu');
      expect(p.crossingA).toBe(firstCrossing(p.a.steps.step, p.a.steps.acc, 0.25, 0.9));
      expect(p.ratio).toBeCloseTo(p.crossingB! / p.crossingA!, 12);
    }
    expect(results.unpaired).toBe(0);
  });

  it('flag the student on another backend, the one with other settings, and the one with a far-off ratio', () => {
    const flagged = Object.fromEntries(results.pairs.filter((p) => p.flags.length > 0).map((p) => [p.a.id, p.flags.map((f) => f.kind)]));
    expect(flagged).toEqual({
      [`s${OUTLIERS.backend}-relu`]: ['backend'],
      [`s${OUTLIERS.settings}-relu`]: ['settings'],
      [`s${OUTLIERS.ratio}-relu`]: ['ratio'],
    });
    const settings = results.pairs.find((p) => p.a.id === `s${OUTLIERS.settings}-relu`)!.flags[0];
    expect(settings).toEqual({ kind: 'settings', settings: ['learningRate'] });
    const backend = results.pairs.find((p) => p.a.id === `s${OUTLIERS.backend}-relu`)!.flags[0];
    expect(backend).toEqual({ kind: 'backend', backend: 'webgl', majority: 'wasm' });
  });

  it('give the median and interquartile range over the 28 pairs that trained like the majority', () => {
    const s = results.spread!;
    expect(s.count).toBe(28);
    const ratios = results.pairs.filter((p) => !p.flags.some((f) => f.kind !== 'ratio')).map((p) => p.ratio!);
    expect(s.median).toBe(spread(ratios)!.median);
    // The synthetic tanh curves are 1.4 to 1.7 times slower; the crossing ratios say so.
    expect(s.median).toBeGreaterThan(1.3);
    expect(s.median).toBeLessThan(1.8);
    expect(s.q1).toBeLessThan(s.median);
    expect(s.q3).toBeGreaterThan(s.median);
  });

  it('move with the threshold, and count runs whose pair is missing', () => {
    const lower = classResults(runs, 0.15, 0.9)[0];
    expect(lower.pairs[0].crossingA).toBeGreaterThan(results.pairs[0].crossingA!);
    const [partial] = classResults(runs.slice(0, 59), 0.25, 0.9);
    expect(partial.pairs).toHaveLength(29);
    expect(partial.unpaired).toBe(1);
  });
});

describe("a pair's roles, from its runs' names", () => {
  // A run's name is stored in the language of the page that started it; a retry's (runs.retryName) too.
  const retried = (language: (typeof LANGUAGES)[number], name: string) => textIn(language, msg('runs.retryName', { name }));

  it("drop the page's number and the retry mark of every language, however often the run was retried", () => {
    expect(roleName('ReLU #12')).toBe('ReLU');
    expect(roleName('ReLU #12 (retry)')).toBe('ReLU');
    expect(roleName('ReLU #12（重试）')).toBe('ReLU');
    for (const language of LANGUAGES) {
      expect(roleName(retried(language, 'tanh #3'))).toBe('tanh');
      expect(roleName(retried(language, retried(language, 'tanh #3')))).toBe('tanh');
    }
  });

  it('are the same for a class whose pairs were all retried, in Chinese', () => {
    const runs = importClass(4).map((r) => ({ ...r, name: retried('zh', r.name) }));
    expect(classResults(runs, 0.25, 0.9)[0].roles).toEqual(['ReLU', 'tanh']);
  });
});
