/**
 * CPU accounting for the measurements: the CPU time of a whole process tree (the browser and all its
 * processes), and what else was running, since other CPU-heavy jobs skew every number the bench takes.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { round } from '../stats';

/** Other CPU-heavy jobs (the headless Node trainer, other test runs): each measurement says which it saw. */
const OTHER_JOBS: [RegExp, string][] = [
  [/scripts\/train-node/, 'train-node'],
  [/vitest/, 'vitest'],
  [/playwright(\.js)? test|workerProcessEntry/, 'playwright test'],
  [/vite(\.js)? build/, 'vite build'],
  [/\btsc\b/, 'tsc'],
];

export interface LoadSnapshot {
  /** The train-node process itself (pid, %cpu averaged over its life, elapsed, command). */
  trainNode: string[];
  /** Other heavy jobs seen at that moment, by kind. */
  others: string[];
  loadavg: number[];
}

export function competingLoad(): LoadSnapshot {
  let trainNode: string[] = [];
  const others = new Set<string>();
  try {
    const ps = execFileSync('ps', ['-eo', 'pid,ppid,pcpu,etime,args'], { encoding: 'utf8' }).split('\n');
    // the processes doing the work, not their npm / sh / tsx wrappers
    const work = ps.filter((l) => !/\b(npm|sh -c|grep)\b|\.bin\/tsx /.test(l));
    trainNode = work
      .filter((l) => /scripts\/train-node/.test(l))
      .map((l) =>
        l
          .trim()
          .replace(/\s+/g, ' ')
          .replace(/ --require \S+ --import \S+/, '')
          .slice(0, 120),
      );
    for (const l of work) for (const [re, name] of OTHER_JOBS) if (re.test(l)) others.add(name);
  } catch {
    // no ps: nothing to report
  }
  return { trainNode, others: [...others], loadavg: loadavg().map((x) => round(x, 2)!) };
}

export type LoadNow = { loadavg1: number; others: string[] };

/** One line's worth: what else ran when a measurement started. */
export function loadNow(): LoadNow {
  const l = competingLoad();
  return { loadavg1: l.loadavg[0], others: l.others };
}

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * CPU time (user + system, ms) used so far by a process and all its descendants, from /proc (Linux; NaN
 * elsewhere). For the browser that is every Chromium process: renderer main thread, Workers, compositor,
 * GPU process (raster), so it counts the cost of drawing charts wherever it happens.
 */
export function treeCpuMs(rootPid: number): number {
  const procs = new Map<number, { ppid: number; ticks: number }>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return NaN;
  }
  for (const d of entries) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // f[0] is field 3 (state)
      // utime, stime, and the waited-for children's cutime, cstime (fields 14-17)
      procs.set(Number(d), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]) });
    } catch {
      // the process exited meanwhile
    }
  }
  const children = new Map<number, number[]>();
  for (const [pid, p] of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), pid]);
  let ticks = 0;
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop()!;
    ticks += procs.get(pid)?.ticks ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return (ticks * 1000) / CLK_TCK;
}
