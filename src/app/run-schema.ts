/**
 * A run as a file: the versioned schema of an exported run record (valibot), and its translation to and from the
 * run list's RunRecord. Everything a run knows travels: settings (checked by the settings table's rules, older ones
 * made current by upgradeConfig), backend and machine, every step and validation point, the test result with its
 * confusion matrix and per-image predictions, the preset pair it belongs to and its crossing step.
 *
 * A problem with a file is a message naming the file and the field (`runs[2].config.learningRate`), so a student
 * can see what is wrong; nothing is half-imported.
 */
import * as v from 'valibot';
import { BACKEND_NAMES } from '../backend/names';
import { msg, type Message } from '../i18n/message';
import { datasetInput, networkFor } from '../model/network-for';
import { summarize } from '../model/summary';
import { readSavedConfig, type TrainConfig } from '../settings';
import { firstCrossing } from '../train/metrics';
import { ACTIVE_STATES, RECORD_STATES, type RunRecord } from './run-store';
import { GroupSchema, MessageSchema, sameLength } from './stored-run';

export const RUN_FILE_FORMAT = 'alexnet-playground-runs';
/** Raise when a field changes meaning or is removed; fields added as optional keep the version. */
export const RUN_FILE_VERSION = 1;

/** The comparison panel's default rule, written into each preset run's file for readers without the page. */
export const EXPORT_CROSSING = { threshold: 0.25, smoothing: 0.9 };

/** A number, or null where the run had NaN or ±Infinity (a diverged loss): JSON has no such numbers. */
const value = v.pipe(
  v.nullable(v.number()),
  v.transform((x) => x ?? NaN),
);
const whole = v.pipe(v.number(), v.integer(), v.minValue(0));
const byte = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(255));
const values = v.array(value);

const StepsSchema = v.pipe(v.object({ step: v.array(whole), loss: values, acc: values, ms: values }), sameLength('steps'));
const EpochsSchema = v.pipe(
  v.object({ epoch: v.array(whole), step: v.array(whole), valLoss: values, valAcc: values, ms: values }),
  sameLength('epochs'),
);

const TestSchema = v.pipe(
  v.object({
    step: whole,
    accuracy: value,
    loss: value,
    count: whole,
    // classes × classes counts: 100 for the built-in datasets, another square for an imported one.
    confusion: v.pipe(
      v.array(whole),
      v.check((c) => c.length > 0 && Number.isInteger(Math.sqrt(c.length)), 'not a square matrix'),
    ),
    labels: v.pipe(
      v.array(byte),
      v.transform((a) => Uint8Array.from(a)),
    ),
    predictions: v.pipe(
      v.array(byte),
      v.transform((a) => Uint8Array.from(a)),
    ),
    confidence: v.pipe(
      values,
      v.transform((a) => Float32Array.from(a)),
    ),
  }),
  v.check((t) => t.labels.length === t.count && t.predictions.length === t.count && t.confidence.length === t.count, 'lengths'),
);

/** Settings made current and checked; the issue's `received` is the setting at fault. */
const ConfigSchema = v.pipe(
  v.record(v.string(), v.unknown()),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const r = readSavedConfig(dataset.value);
    if (r.ok) return r.config;
    addIssue({ expected: 'setting', received: r.key, message: r.problem ? 'setting' : 'unknownSetting' });
    return NEVER;
  }),
);

export const RunFileRunSchema = v.pipe(
  v.object({
    id: v.pipe(v.string(), v.minLength(1)),
    name: v.string(),
    color: whole,
    createdAt: v.number(),
    config: ConfigSchema,
    state: v.picklist(RECORD_STATES),
    message: v.optional(MessageSchema),
    backend: v.optional(v.picklist(BACKEND_NAMES)),
    machine: v.optional(v.object({ userAgent: v.string(), cores: v.number(), backendReason: v.optional(MessageSchema) })),
    totalSteps: whole,
    stepsPerEpoch: whole,
    params: whole,
    imagesPerSec: value,
    elapsedMs: value,
    steps: StepsSchema,
    epochs: EpochsSchema,
    test: v.optional(TestSchema),
    group: v.optional(GroupSchema),
    /** Informational (recomputed on import from the steps): when the smoothed training error first reached 25%. */
    crossing: v.optional(v.object({ threshold: v.number(), smoothing: v.number(), step: v.nullable(v.number()) })),
    imported: v.optional(v.boolean()),
    importedFrom: v.optional(v.string()),
  }),
  // A run that trained reports its parameter count: it must be what its settings build, or it is another network.
  v.check((r) => {
    if (r.params === 0) return true;
    const wanted = networkParams(r.config); // builds the network's table: once per run
    return wanted === null || r.params === wanted;
  }, 'otherNetwork'),
);

export const RunFileSchema = v.object({
  format: v.literal(RUN_FILE_FORMAT),
  version: v.literal(RUN_FILE_VERSION),
  exportedAt: v.optional(v.string()),
  runs: v.array(RunFileRunSchema),
});

/** The JSON form of one run (what JSON.stringify writes). */
export type RunFileRun = v.InferInput<typeof RunFileRunSchema>;
export type RunFile = v.InferInput<typeof RunFileSchema>;

/**
 * The parameters the run's settings build, on its dataset's images and ten classes; null for a dataset the user
 * imported (its images and classes are the importing browser's to know), whose count is then not checked.
 */
function networkParams(c: TrainConfig): number | null {
  const input = datasetInput(c.dataset);
  return input ? summarize(networkFor(c, input, 10)).totalParams : null;
}

/** Float32 confidences in the shortest text that reads back to the same float32. */
const float32 = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(9)) : null);
const finite = (x: number) => (Number.isFinite(x) ? x : null);

export function runToFile(r: RunRecord): RunFileRun {
  const crossing = r.group
    ? { ...EXPORT_CROSSING, step: firstCrossing(r.steps.step, r.steps.acc, EXPORT_CROSSING.threshold, EXPORT_CROSSING.smoothing) }
    : undefined;
  return {
    id: r.id,
    name: r.name,
    color: r.color,
    createdAt: r.createdAt,
    config: { ...r.config },
    state: r.state,
    ...(r.message ? { message: r.message as { key: string; values?: Record<string, unknown> } } : {}),
    ...(r.backend ? { backend: r.backend } : {}),
    ...(r.machine ? { machine: r.machine } : {}),
    totalSteps: r.totalSteps,
    stepsPerEpoch: r.stepsPerEpoch,
    params: r.params,
    imagesPerSec: finite(r.imagesPerSec),
    elapsedMs: finite(r.elapsedMs),
    steps: { step: [...r.steps.step], loss: r.steps.loss.map(finite), acc: r.steps.acc.map(finite), ms: r.steps.ms.map(finite) },
    epochs: {
      epoch: [...r.epochs.epoch],
      step: [...r.epochs.step],
      valLoss: r.epochs.valLoss.map(finite),
      valAcc: r.epochs.valAcc.map(finite),
      ms: r.epochs.ms.map(finite),
    },
    ...(r.test
      ? {
          test: {
            step: r.test.step,
            accuracy: finite(r.test.accuracy),
            loss: finite(r.test.loss),
            count: r.test.count,
            confusion: [...r.test.confusion],
            labels: Array.from(r.test.labels),
            predictions: Array.from(r.test.predictions),
            confidence: Array.from(r.test.confidence, float32),
          },
        }
      : {}),
    ...(r.group ? { group: { ...r.group } } : {}),
    ...(crossing ? { crossing } : {}),
    ...(r.imported ? { imported: true } : {}),
    ...(r.importedFrom ? { importedFrom: r.importedFrom } : {}),
  };
}

export function runsToFile(runs: readonly RunRecord[], now = new Date()): RunFile {
  return { format: RUN_FILE_FORMAT, version: RUN_FILE_VERSION, exportedAt: now.toISOString(), runs: runs.map(runToFile) };
}

type Parsed = v.InferOutput<typeof RunFileRunSchema>;

function recordFromFile(r: Parsed): RunRecord {
  // A run exported mid-training did not finish anywhere this page can see.
  const active = ACTIVE_STATES.includes(r.state);
  return {
    id: r.id,
    name: r.name,
    color: r.color,
    createdAt: r.createdAt,
    config: r.config,
    state: active ? 'stopped' : r.state,
    ...(r.message ? { message: r.message } : {}),
    ...(r.backend ? { backend: r.backend } : {}),
    ...(r.machine ? { machine: r.machine } : {}),
    totalSteps: r.totalSteps,
    stepsPerEpoch: r.stepsPerEpoch,
    params: r.params,
    imagesPerSec: r.imagesPerSec,
    elapsedMs: r.elapsedMs,
    steps: r.steps,
    epochs: r.epochs,
    ...(r.test ? { test: r.test } : {}),
    ...(r.group ? { group: r.group } : {}),
    ...(r.imported ? { imported: r.imported } : {}),
    ...(r.importedFrom ? { importedFrom: r.importedFrom } : {}),
  };
}

/** `runs[2].config.learningRate` from a valibot issue path. */
function fieldOf(issue: v.BaseIssue<unknown>): string {
  let out = '';
  for (const item of issue.path ?? []) {
    const key = item.key as string | number;
    out += typeof key === 'number' ? `[${key}]` : out ? `.${key}` : String(key);
  }
  return out;
}

const issueMessage = (issue: v.BaseIssue<unknown>, file: string): Message => {
  const field = fieldOf(issue);
  if (issue.type === 'raw_transform') {
    const key = issue.received;
    const r = readSavedConfig(issue.input as Record<string, unknown>);
    const where = `${field}.${key}`;
    return !r.ok && r.problem
      ? msg('exchange.file.badSetting', { file, field: where, problem: r.problem })
      : msg('exchange.file.unknownSetting', { file, field: where });
  }
  if (issue.type === 'check' && issue.message === 'otherNetwork') {
    const run = issue.input as Parsed;
    return msg('exchange.file.otherNetwork', { file, field: `${field}.params`, found: run.params, wanted: networkParams(run.config) ?? 0 });
  }
  if (issue.received === 'undefined') return msg('exchange.file.missingField', { file, field });
  const detail = issue.type === 'check' ? 'lengths differ' : `expected ${issue.expected ?? '?'}, got ${issue.received}`;
  return msg('exchange.file.badFieldDetail', { file, field: field || '(file)', detail });
};

export type ParsedRunFile = { ok: true; runs: RunRecord[] } | { ok: false; problem: Message };

/**
 * One exported file's text, checked from the outside in (JSON, format, version, then every field), into run
 * records marked imported from `file`. The first problem is named; a bad file yields no runs at all.
 */
export function parseRunFile(text: string, file: string): ParsedRunFile {
  const read = readJson(text, file);
  return read.ok ? parseRunJson(read.json, file) : read;
}

/** A file's text as JSON, or why it is not: cut short (an interrupted download), or not JSON at all. */
export function readJson(text: string, file: string): { ok: true; json: unknown } | { ok: false; problem: Message } {
  try {
    return { ok: true, json: JSON.parse(text) };
  } catch (err) {
    const t = text.trim();
    const detail = err instanceof Error ? err.message : String(err);
    // A download that stopped early still starts like JSON; V8 then says the input ended or a string was open (the
    // Worker reads model.json the same way: src/worker/model-files.ts).
    const cut = (t.startsWith('{') || t.startsWith('[')) && /end of JSON|Unterminated|Expected .* after|Bad control/i.test(detail);
    return { ok: false, problem: cut ? msg('exchange.file.truncated', { file }) : msg('exchange.file.notJson', { file, detail }) };
  }
}

/** parseRunFile from the file's JSON, for a caller that has parsed it already (to tell a model file, say). */
export function parseRunJson(json: unknown, file: string): ParsedRunFile {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return { ok: false, problem: msg('exchange.file.notObject', { file }) };
  const o = json as Record<string, unknown>;
  if (o.format !== RUN_FILE_FORMAT)
    return { ok: false, problem: msg('exchange.file.wrongFormat', { file, found: JSON.stringify(o.format) ?? 'missing' }) };
  if (o.version !== RUN_FILE_VERSION) {
    return {
      ok: false,
      problem: msg('exchange.file.version', { file, field: 'version', found: String(o.version), wanted: RUN_FILE_VERSION }),
    };
  }
  const parsed = v.safeParse(RunFileSchema, json);
  if (!parsed.success) return { ok: false, problem: issueMessage(parsed.issues[0], file) };
  return { ok: true, runs: parsed.output.runs.map((r) => ({ ...recordFromFile(r), imported: true, importedFrom: file })) };
}
