/**
 * Command-line flags of the two benchmark entries (bench/browser.ts, bench/node.ts): node:util's parseArgs
 * over a table of flags, --help printed from the same table, and every mistake reported as a UsageError,
 * which the entries print in one line, without a stack.
 */
import { writeSync } from 'node:fs';
import { parseArgs } from 'node:util';

export interface Flag {
  type: 'string' | 'boolean';
  /** May be given more than once; the values come as a list. */
  multiple?: boolean;
  /** For a string flag: the value a bare `--flag` stands for. Without it a bare string flag is a mistake. */
  bare?: string;
  /** The value's shape in the help, e.g. `64,256` or `N`. */
  value?: string;
  /** One or more lines. */
  help: string;
}

export type Flags = Record<string, Flag>;

export type FlagValues<F extends Flags> = {
  [K in keyof F]?: F[K]['type'] extends 'boolean' ? boolean : F[K]['multiple'] extends true ? string[] : string;
};

/** A mistake in the command line. */
export class UsageError extends Error {}

export function helpText(about: string, flags: Flags): string {
  const rows = Object.entries(flags).map(([name, f]) => {
    const value = f.value ?? 'VALUE';
    const arg = f.type === 'boolean' ? '' : f.bare !== undefined ? `[=${value}]` : `=${value}`;
    return [`--${name}${arg}`, f.help] as const;
  });
  rows.push(['--help', 'this text']);
  const width = Math.max(...rows.map(([left]) => left.length));
  const lines = rows.map(([left, help]) => `  ${left.padEnd(width)}  ${help.split('\n').join(`\n  ${' '.repeat(width)}  `)}`);
  return `${about.trim()}\n\nFlags:\n${lines.join('\n')}`;
}

/** Parses argv (no positional arguments); `--help` / `-h` prints the help and exits. */
export function parseFlags<F extends Flags>(argv: readonly string[], flags: F, about: string): FlagValues<F> {
  // parseArgs has no optional values: a bare `--flag` that has one becomes `--flag=<that value>`.
  const args = argv.map((a) => {
    const f = a.startsWith('--') ? flags[a.slice(2)] : undefined;
    return f?.type === 'string' && f.bare !== undefined ? `${a}=${f.bare}` : a;
  });
  const options = Object.fromEntries(Object.entries(flags).map(([name, f]) => [name, { type: f.type, multiple: f.multiple ?? false }]));
  let values: Record<string, unknown>;
  try {
    values = parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS')) throw e;
    const message = (e as Error).message;
    const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`unknown flag ${quoted} (see --help)`);
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL')
      throw new UsageError(`unknown argument "${quoted}" (flags look like --steps=3; see --help)`);
    throw new UsageError(`${message.split('\n')[0]} (see --help)`);
  }
  if (values.help) {
    writeSync(1, `${helpText(about, flags)}\n`); // synchronous: process.exit would cut a piped console.log short
    process.exit(0);
  }
  return values as FlagValues<F>;
}
