import { describe, expect, it } from 'vitest';
import { CLASS_CONFIG, syntheticRun } from '../../test/class-files';
import { CSV_HEADER, runsCsv, runsFileName } from './run-export';

/** A small RFC 4180 reader: enough to read back what runsCsv writes. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (quoted || (c !== ',' && c !== '\r')) cell += c;
    else if (c === ',') endCell();
    else {
      endCell();
      rows.push(row);
      row = [];
      i++; // the \n after \r
    }
  }
  return rows;
}

describe('runs exported as CSV', () => {
  const a = syntheticRun({ id: 'a', name: 'ReLU, "fast" #1', config: { ...CLASS_CONFIG, epochs: 2 }, tau: 30, seed: 1 });
  const b = syntheticRun({ id: 'b', name: 'tanh #1', config: { ...CLASS_CONFIG, epochs: 2 }, tau: 50, seed: 2 });
  const rows = readCsv(runsCsv([a, b]));

  it('have one row per step and per validation point, every number as the run holds it', () => {
    expect(rows[0]).toEqual([...CSV_HEADER]);
    const body = rows.slice(1);
    expect(body).toHaveLength(a.steps.step.length + a.epochs.step.length + b.steps.step.length + b.epochs.step.length);
    // Read back, the curves are the runs' own.
    for (const run of [a, b]) {
      const train = body.filter((r) => r[1] === run.id && r[2] === 'train');
      expect(train.map((r) => Number(r[3]))).toEqual(run.steps.step);
      expect(train.map((r) => Number(r[5]))).toEqual(run.steps.loss);
      expect(train.map((r) => Number(r[6]))).toEqual(run.steps.acc);
      expect(train.map((r) => Number(r[7]))).toEqual(run.steps.ms);
      const val = body.filter((r) => r[1] === run.id && r[2] === 'validation');
      expect(val.map((r) => [Number(r[3]), Number(r[4]), Number(r[6])])).toEqual(
        run.epochs.step.map((s, i) => [s, i + 1, run.epochs.valAcc[i]]),
      );
    }
  });

  it('put the validation row right after the step it was measured at, and quote names with commas or quotes', () => {
    const end = a.stepsPerEpoch;
    const i = rows.findIndex((r) => r[2] === 'validation');
    expect(rows[i - 1].slice(2, 4)).toEqual(['train', String(end)]);
    expect(rows[i].slice(0, 5)).toEqual(['ReLU, "fast" #1', 'a', 'validation', String(end), '1']);
  });

  it('are named after the runs they hold', () => {
    expect(runsFileName([a])).toBe('relu-fast-1');
    expect(runsFileName([a, b])).toBe('relu-fast-1_tanh-1');
    expect(runsFileName([a, b, a])).toBe('runs-3');
  });
});
