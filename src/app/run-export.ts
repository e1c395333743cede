/**
 * Runs as downloadable files: JSON (the versioned run file that this page imports again, src/app/run-schema.ts)
 * and CSV (one row per training step and per validation point, for a spreadsheet). Pure text; the components
 * download it.
 */
import { runsToFile } from './run-schema';
import type { RunRecord } from './run-store';

export function runsJson(runs: readonly RunRecord[], now = new Date()): string {
  return JSON.stringify(runsToFile(runs, now));
}

export const CSV_HEADER = ['run', 'run_id', 'split', 'step', 'epoch', 'loss', 'accuracy', 'elapsed_ms'] as const;

/** RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled. */
function cell(v: string | number): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * One row per training step (split "train") and per end-of-epoch validation (split "validation"), in step order
 * with the validation row after its step. `epoch` is steps ÷ steps per epoch, as on the charts' epoch axis.
 */
export function runsCsv(runs: readonly RunRecord[]): string {
  const lines = [CSV_HEADER.join(',')];
  for (const r of runs) {
    const epoch = (step: number) => Number((step / Math.max(1, r.stepsPerEpoch)).toFixed(6));
    const rows: { step: number; order: number; line: (string | number)[] }[] = [];
    r.steps.step.forEach((step, i) =>
      rows.push({ step, order: 0, line: [r.name, r.id, 'train', step, epoch(step), r.steps.loss[i], r.steps.acc[i], r.steps.ms[i]] }),
    );
    r.epochs.step.forEach((step, i) =>
      rows.push({
        step,
        order: 1,
        line: [r.name, r.id, 'validation', step, epoch(step), r.epochs.valLoss[i], r.epochs.valAcc[i], r.epochs.ms[i]],
      }),
    );
    rows.sort((a, b) => a.step - b.step || a.order - b.order);
    for (const row of rows) lines.push(row.line.map(cell).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

/** A file name from the runs it holds: "run-3", "relu-1-tanh-2", or "runs-12" for many. */
export function runsFileName(runs: readonly RunRecord[]): string {
  const slug = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase()
      .slice(0, 40) || 'run';
  if (runs.length === 0) return 'runs';
  if (runs.length <= 2) return runs.map((r) => slug(r.name)).join('_');
  return `runs-${runs.length}`;
}
