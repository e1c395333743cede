import { describe, expect, it } from 'vitest';
import { CLASS_CONFIG, syntheticRun } from '../../test/class-files';
import { englishText } from '../i18n/message';
import { DEFAULT_CONFIG } from '../settings';
import { networkFor } from '../model/network-for';
import { summarize } from '../model/summary';
import { runsJson } from './run-export';
import { parseRunFile, RUN_FILE_VERSION } from './run-schema';
import type { RunRecord } from './run-store';

function trainedRun(): RunRecord {
  const r = syntheticRun({
    id: 'r1',
    name: 'ReLU #1',
    config: CLASS_CONFIG,
    tau: 30,
    seed: 1,
    group: { id: 'g1', preset: 'ReLU vs tanh' },
  });
  return {
    ...r,
    steps: { ...r.steps, loss: [...r.steps.loss.slice(0, -1), NaN] }, // a diverged last step
    message: { key: 'run.diverged', values: { loss: 'NaN', step: 300, rate: 0.0001 } },
    test: {
      step: 300,
      accuracy: 0.9712,
      loss: 0.0931,
      count: 3,
      confusion: Array.from({ length: 100 }, (_, i) => (i % 11 === 0 ? 1 : 0)),
      labels: Uint8Array.from([7, 2, 1]),
      predictions: Uint8Array.from([7, 2, 7]),
      confidence: Float32Array.from([0.99812, 0.5, 1 / 3]),
    },
  };
}

const problem = (text: string, file = 'class.json') => {
  const r = parseRunFile(text, file);
  expect(r.ok).toBe(false);
  return r.ok ? '' : englishText(r.problem);
};

describe('a run exported as JSON and imported again', () => {
  it('is the same record, marked imported from its file (NaN losses, typed arrays and messages included)', () => {
    const run = trainedRun();
    const r = parseRunFile(runsJson([run]), 'ReLU.json');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.runs).toHaveLength(1);
    expect(r.runs[0]).toEqual({ ...run, imported: true, importedFrom: 'ReLU.json' });
    expect(r.runs[0].test?.confidence).toBeInstanceOf(Float32Array);
    expect(Number.isNaN(r.runs[0].steps.loss.at(-1))).toBe(true);
  });

  it('holds the version, the crossing step of a preset run, and the machine', () => {
    const file = JSON.parse(runsJson([trainedRun()]));
    expect(file.format).toBe('alexnet-playground-runs');
    expect(file.version).toBe(RUN_FILE_VERSION);
    expect(file.runs[0].crossing).toEqual({ threshold: 0.25, smoothing: 0.9, step: expect.any(Number) });
    expect(file.runs[0].machine).toEqual({
      userAgent: 'Mozilla/5.0 (synthetic)',
      cores: 4,
      backendReason: { key: 'run.error', values: { detail: 'synthetic run' } },
    });
  });

  it('of an older version of the settings opens with them made current (renamed network, settings added since)', () => {
    const file = JSON.parse(runsJson([trainedRun()]));
    const { augNoise: _dropped, ...older } = { ...file.runs[0].config, model: 'seed' };
    file.runs[0].config = older;
    file.runs[0].params = 5_624_842; // the article's network, which 'seed' now names
    const r = parseRunFile(JSON.stringify(file), 'old.json');
    expect(r.ok && r.runs[0].config).toEqual({ ...CLASS_CONFIG, model: 'article', augNoise: DEFAULT_CONFIG.augNoise });
  });

  it('while training is marked stopped: it did not finish anywhere this page can see', () => {
    const r = parseRunFile(runsJson([{ ...trainedRun(), state: 'running' }]), 'live.json');
    expect(r.ok && r.runs[0].state).toBe('stopped');
  });
});

describe('a file that cannot be imported is named, with the field at fault', () => {
  const good = () => JSON.parse(runsJson([trainedRun()]));

  it('not JSON at all', () => {
    expect(problem('\u0089PNG\r\n', 'photo.json')).toMatch(/^photo\.json is not JSON \(/);
  });

  it('cut short (an interrupted download)', () => {
    const text = runsJson([trainedRun()]);
    expect(problem(text.slice(0, text.length / 2))).toBe(
      'class.json is cut short: the JSON stops before its end (an interrupted download?).',
    );
  });

  it('of another version, or not a run file', () => {
    expect(problem(JSON.stringify({ ...good(), version: 2 }))).toBe('class.json: "version" is 2; this page reads version 1.');
    expect(problem(JSON.stringify({ modelTopology: {} }), 'model.json')).toMatch(/^model\.json is not a file of AlexNet Playground runs/);
  });

  it('of another network: its parameter count is not what its settings build', () => {
    const f = good();
    f.runs[0].params = 1234;
    expect(problem(JSON.stringify(f))).toBe(
      `class.json: "runs[0].params" says 1234 parameters, but its settings build a network of ${trainedRun().params} (another network).`,
    );
  });

  it("of the colour networks: Figure 1's on CIFAR-10 is checked on 32x32x3 images; on a user's dataset it is not checked", () => {
    const figure1 = { ...CLASS_CONFIG, dataset: 'cifar10' as const, model: 'figure1' as const };
    const params = summarize(networkFor(figure1, [32, 32, 3], 10)).totalParams;
    const f = good();
    f.runs[0].config = { ...f.runs[0].config, dataset: 'cifar10', model: 'figure1' };
    f.runs[0].params = params;
    expect(parseRunFile(JSON.stringify(f), 'class.json').ok).toBe(true);
    f.runs[0].params = params + 1;
    expect(problem(JSON.stringify(f))).toMatch(/another network/);
    // An imported dataset's images and classes are the importing browser's: the count cannot be checked here.
    f.runs[0].config.dataset = 'user:abc123';
    expect(parseRunFile(JSON.stringify(f), 'class.json').ok).toBe(true);
  });

  it('with a setting this playground does not have, or a value its rules refuse', () => {
    const f = good();
    f.runs[0].config.channels = 3;
    expect(problem(JSON.stringify(f))).toMatch(/^class\.json: "runs\[0\]\.config\.channels" is not a setting of this playground/);
    const g = good();
    g.runs[0].config.model = 'resnet';
    expect(problem(JSON.stringify(g))).toBe('class.json: "runs[0].config.model": Network: unknown choice "resnet".');
  });

  it('with a field missing, or of the wrong kind', () => {
    const f = good();
    delete f.runs[0].steps.acc;
    expect(problem(JSON.stringify(f))).toBe('class.json: the field "runs[0].steps.acc" is missing.');
    const g = good();
    g.runs[0].test.labels[1] = 'seven';
    expect(problem(JSON.stringify(g))).toMatch(/^class\.json: the field "runs\[0\]\.test\.labels\[1\]" is not valid \(expected number/);
    const h = good();
    h.runs[0].steps.loss.pop();
    expect(problem(JSON.stringify(h))).toBe('class.json: the field "runs[0].steps" is not valid (lengths differ).');
  });
});
