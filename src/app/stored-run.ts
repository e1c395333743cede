/**
 * What a saved run must look like, checked with valibot wherever a run comes back from outside this page's memory
 * (IndexedDB today). A record written by an older version is made current on the way in: settings added since get
 * their defaults and renamed options their new names (`upgradeConfig`), fields added since get theirs. A record
 * that still does not fit is reported with the field at fault, never trusted: one bad record must not take the
 * page down.
 */
import * as v from 'valibot';
import { BACKEND_NAMES } from '../backend/names';
import type { Message } from '../i18n/message';
import { SETTINGS, checkSetting, upgradeConfig } from '../settings';
import { RECORD_STATES, type RunRecord } from './run-store';

const finite = v.pipe(v.number(), v.finite());
/** Metrics may be NaN or ±Infinity (a diverged run's last loss): any number. */
const anyNumber = v.number();

/**
 * Series whose columns are not all of one length would draw points at the wrong steps. (Shared with the run file's
 * schema, src/app/run-schema.ts, as are MessageSchema and GroupSchema.)
 */
export const sameLength = <T extends Record<string, unknown[]>>(what: string) =>
  v.check((s: T) => new Set(Object.values(s).map((c) => c.length)).size <= 1, `the ${what} columns have different lengths`);

const StepsSchema = v.pipe(
  v.object({ step: v.array(finite), loss: v.array(anyNumber), acc: v.array(anyNumber), ms: v.array(finite) }),
  sameLength('steps'),
);

const EpochsSchema = v.pipe(
  v.object({ epoch: v.array(finite), step: v.array(finite), valLoss: v.array(anyNumber), valAcc: v.array(anyNumber), ms: v.array(finite) }),
  sameLength('epochs'),
);

/** A message for the page to translate (its key is looked up when shown; an unknown one shows as the key). */
export const MessageSchema = v.pipe(
  v.object({ key: v.string(), values: v.optional(v.record(v.string(), v.unknown())) }),
  v.transform((m) => m as Message),
);

/** The comparison preset's pair (or a sweep) a run belongs to. */
export const GroupSchema = v.object({ id: v.string(), preset: v.string() });

const TestSchema = v.object({
  step: finite,
  accuracy: anyNumber,
  loss: anyNumber,
  count: finite,
  confusion: v.array(finite),
  labels: v.instance(Uint8Array),
  predictions: v.instance(Uint8Array),
  confidence: v.instance(Float32Array),
});

/** A config as saved: any object, made current, then every setting checked on its own (and named if wrong). */
const ConfigSchema = v.pipe(
  v.record(v.string(), v.unknown()),
  v.transform((saved) => upgradeConfig(saved)),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    for (const s of SETTINGS) {
      if (checkSetting(s, dataset.value[s.key]) !== undefined) {
        addIssue({
          message: `setting "${s.key}" has a value this version cannot use (${String(dataset.value[s.key])})`,
          path: [] as never,
        });
      }
    }
  }),
);

// Loose: a field a later version adds and this schema does not name yet is kept, not dropped on the next save.
export const RunRecordSchema = v.looseObject({
  id: v.pipe(v.string(), v.minLength(1)),
  name: v.string(),
  color: v.optional(finite, 0),
  createdAt: finite,
  config: ConfigSchema,
  state: v.picklist(RECORD_STATES),
  message: v.optional(MessageSchema),
  failure: v.optional(v.picklist(['diverged', 'device-lost', 'out-of-memory', 'invalid-config', 'error'])),
  backend: v.optional(v.picklist(BACKEND_NAMES)),
  totalSteps: v.optional(finite, 0),
  stepsPerEpoch: v.optional(finite, 0),
  params: v.optional(finite, 0),
  imagesPerSec: v.optional(anyNumber, 0),
  elapsedMs: v.optional(finite, 0),
  steps: StepsSchema,
  epochs: v.optional(EpochsSchema, () => ({ epoch: [], step: [], valLoss: [], valAcc: [], ms: [] })),
  test: v.optional(TestSchema),
  group: v.optional(GroupSchema),
  tab: v.optional(v.string()),
  machine: v.optional(v.object({ userAgent: v.string(), cores: finite, backendReason: v.optional(MessageSchema) })),
  imported: v.optional(v.boolean()),
  importedFrom: v.optional(v.string()),
  modelSaved: v.optional(v.boolean()),
  curveOnly: v.optional(v.boolean()),
});

export type ParsedRun = { ok: true; run: RunRecord } | { ok: false; id: string | null; problem: string };

/** A stored value as a current run record, or what is wrong with it (the first problem, with its field). */
export function parseRun(raw: unknown): ParsedRun {
  const result = v.safeParse(RunRecordSchema, raw);
  if (result.success) return { ok: true, run: result.output as RunRecord };
  const issue = result.issues[0];
  const path = v.getDotPath(issue);
  const id =
    typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : null;
  return { ok: false, id, problem: path ? `${path}: ${issue.message}` : issue.message };
}
