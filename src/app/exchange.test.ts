import { describe, expect, it } from 'vitest';
import { classFiles } from '../../test/class-files';
import { englishText } from '../i18n/message';
import { DEFAULT_CONFIG } from '../settings';
import { importFiles } from './exchange';
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
