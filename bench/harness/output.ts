/**
 * What the bench reports: every result is one JSON line on stdout and in bench-results/bench-<date>.jsonl;
 * progress goes to stderr; table() lays out the summary printed at the end.
 */
import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isInterrupted } from './cleanup';

let file = '';

/** Starts bench-results/bench-<date>.jsonl under `root` (written as lines come); returns its path. */
export async function openResults(root: string, date: string): Promise<string> {
  await mkdir(join(root, 'bench-results'), { recursive: true });
  file = join(root, 'bench-results', `bench-${date.slice(0, 19).replace(/:/g, '-')}.jsonl`);
  return file;
}

export function resultsFile(): string {
  return file;
}

export async function emit(line: Record<string, unknown>): Promise<void> {
  if (isInterrupted()) return; // what fails after Ctrl-C (closed pages) is not a result
  const text = JSON.stringify(line);
  console.log(text);
  await appendFile(file, `${text}\n`);
}

export function log(msg: string): void {
  console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}`);
}

/** A text table, first row the header. Columns in `left` are left-aligned (text), the others right-aligned (numbers). */
export function table(rows: (string | number | null)[][], left: number[] = [0, 1]): string {
  const cells = rows.map((r) => r.map((c) => (c === null ? '-' : String(c))));
  const widths = cells[0].map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  return cells
    .map((r, j) => {
      const line = r
        .map((c, i) => (left.includes(i) ? c.padEnd(widths[i]) : c.padStart(widths[i])))
        .join('  ')
        .trimEnd();
      return j === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
    })
    .join('\n');
}
