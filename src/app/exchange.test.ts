import { describe, expect, it } from 'vitest';
import { classFiles } from '../../test/class-files';
import { englishText } from '../i18n/message';
import { DEFAULT_CONFIG } from '../settings';
import { importFiles, kerasFile, pytorchFile } from './exchange';
import { networkFor } from '../model/network-for';
import { summarize } from '../model/summary';
import { newRun } from './run-store';
import type { RunDatabase } from './run-db';
import type { RunRecord } from './run-store';
import { TrainingSession } from './session';

/** Saves go to a list instead of IndexedDB. */
const saved: string[] = [];
const db = {
  save: async (r: RunRecord) => void saved.push(r.id),
  load: async () => ({ runs: [], skipped: [] }),
  get: async () => null,
  delete: async () => {},
} as unknown as RunDatabase;
const session = () =>
  new TrainingSession(
    () => ({ postMessage() {}, terminate() {} }) as unknown as Worker,
    (name) => `${name} (retry)`,
    { db, page: null },
  );

describe('files dropped or picked together', () => {
  it('import one by one: good files join the list marked imported, a bad one is named, a repeated run is not doubled', async () => {
    const s = session();
    saved.length = 0;
    const persisted = saved;
    const [a, b] = classFiles(2);
    const files = [
      new File([a.text], a.name),
      new File(['{"format": "alexnet-playground-runs", "vers'], 'cut.json'),
      new File([b.text], b.name),
    ];
    const report = await importFiles(s, files, DEFAULT_CONFIG);
    expect(report.runs).toBe(4);
    expect(report.files).toEqual([a.name, b.name]);
    expect(report.problems.map(englishText)).toEqual(['cut.json is cut short: the JSON stops before its end (an interrupted download?).']);
    expect(s.runs.getSnapshot().map((r) => [r.id, r.imported, r.importedFrom])).toEqual([
      ['s1-relu', true, a.name],
      ['s1-tanh', true, a.name],
      ['s2-relu', true, b.name],
      ['s2-tanh', true, b.name],
    ]);
    expect(persisted).toEqual(['s1-relu', 's1-tanh', 's2-relu', 's2-tanh']);

    const again = await importFiles(s, [new File([a.text], 'copy.json')], DEFAULT_CONFIG);
    expect(again.runs).toBe(0);
    expect(again.problems.map(englishText)).toEqual([
      'copy.json: “ReLU #1” is already in the list; not imported again.',
      'copy.json: “tanh #1” is already in the list; not imported again.',
    ]);
    expect(s.runs.getSnapshot()).toHaveLength(4);
  });
});

describe('the PyTorch and Keras code of the colour networks', () => {
  it("is built for the run's images and classes: Figure 1's on 32x32x3 and AlexNet for small images on three classes", () => {
    const run = (model: 'figure1' | 'alexnet-small') => ({
      ...newRun('r', { ...DEFAULT_CONFIG, model, width: '1/16' as const }, 0, 'Run 1'),
    });
    const fig = pytorchFile(run('figure1'), { input: [32, 32, 3], classes: 10 });
    expect(fig.text).toContain('class ');
    expect(fig.text).toContain(String(summarize(networkFor(run('figure1').config, [32, 32, 3], 10)).totalParams));
    const small = kerasFile(run('alexnet-small'), { input: [32, 32, 3], classes: 3 });
    expect(small.text).toContain(String(summarize(networkFor(run('alexnet-small').config, [32, 32, 3], 3)).totalParams));
  });
});
