/**
 * Trained models as files in TensorFlow.js's format (model.json + a weights .bin): what the Worker writes, and the
 * checks files pass before it loads them (they fit together, their settings are valid). No tensors here (tfjs's
 * types only): every problem is a message naming the file and the field, and the Node tests run each case.
 */
import type { io } from '@tensorflow/tfjs';
import { msg, type Message } from '../i18n/message';
import { readSavedConfig, type TrainConfig } from '../settings';

export const MODEL_FORMAT = 'alexnet-playground-model';
export const MODEL_VERSION = 1;

/** What the playground adds to model.json (userDefinedMetadata.alexnetPlayground): which run, which settings. */
export interface ModelMeta {
  format: typeof MODEL_FORMAT;
  version: number;
  runId: string;
  runName: string;
  config: TrainConfig;
  /** Training steps behind these weights. */
  step: number;
  savedAt: string;
}

export const META_KEY = 'alexnetPlayground';

export interface ModelParts {
  modelTopology: object;
  weightSpecs: io.WeightsManifestEntry[];
  weightData: ArrayBuffer;
  meta: ModelMeta | null;
}

/** model.json as tfjs writes it, with the playground's metadata; `weightsFile` is the .bin file's name. */
export function modelJson(parts: Omit<ModelParts, 'weightData'>, weightsFile: string): io.ModelJSON {
  return {
    format: 'layers-model',
    generatedBy: 'TensorFlow.js tfjs-layers (AlexNet Playground)',
    convertedBy: null,
    modelTopology: parts.modelTopology,
    weightsManifest: [{ paths: [`./${weightsFile}`], weights: parts.weightSpecs }],
    ...(parts.meta ? { userDefinedMetadata: { [META_KEY]: parts.meta } } : {}),
  };
}

/** Just enough of a File (the Worker gets Files from the page; tests make them from bytes). */
export interface FileLike {
  name: string;
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; problem: Message };
const fail = (problem: Message): { ok: false; problem: Message } => ({ ok: false, problem });

/** JSON.parse, with a message that tells a cut-off file from one that is not JSON at all. */
export function parseJsonFile(text: string, file: string): Outcome<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    const t = text.trim();
    const looksJson = t.startsWith('{') || t.startsWith('[');
    // A download that stopped early still starts like JSON; V8 then says the input ended or a string was open.
    if (looksJson && /end of JSON|Unterminated|Expected .* after|Bad control/i.test(detail))
      return fail(msg('exchange.file.truncated', { file }));
    return fail(msg('exchange.file.notJson', { file, detail }));
  }
}

const basename = (path: string) => path.split('/').pop() ?? path;
const DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1 };

/** The metadata of a model.json, if it has the playground's; its settings made current and checked. */
export function readModelMeta(raw: unknown, file: string): Outcome<ModelMeta | null> {
  if (raw === undefined) return { ok: true, value: null };
  const field = (name: string) => `userDefinedMetadata.${META_KEY}.${name}`;
  if (typeof raw !== 'object' || raw === null) return fail(msg('exchange.file.badField', { file, field: field('') }));
  const m = raw as Record<string, unknown>;
  if (m.format !== MODEL_FORMAT) return fail(msg('exchange.file.badField', { file, field: field('format') }));
  if (m.version !== MODEL_VERSION) {
    return fail(msg('exchange.file.version', { file, field: field('version'), found: String(m.version), wanted: MODEL_VERSION }));
  }
  for (const key of ['runId', 'runName'] as const) {
    if (typeof m[key] !== 'string') return fail(msg('exchange.file.badField', { file, field: field(key) }));
  }
  if (typeof m.config !== 'object' || m.config === null) return fail(msg('exchange.file.badField', { file, field: field('config') }));
  const config = configFromFile(m.config as Record<string, unknown>, file, field('config'));
  if (!config.ok) return config;
  const step = typeof m.step === 'number' && Number.isFinite(m.step) ? m.step : 0;
  const meta: ModelMeta = {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    runId: m.runId as string,
    runName: m.runName as string,
    config: config.value,
    step,
    savedAt: typeof m.savedAt === 'string' ? m.savedAt : '',
  };
  return { ok: true, value: meta };
}

/** A saved config, checked by the settings table's rules; the problem names the file and the field. */
export function configFromFile(saved: Record<string, unknown>, file: string, where: string): Outcome<TrainConfig> {
  const r = readSavedConfig(saved);
  if (r.ok) return { ok: true, value: r.config };
  const field = `${where}.${r.key}`;
  return fail(
    r.problem ? msg('exchange.file.badSetting', { file, field, problem: r.problem }) : msg('exchange.file.unknownSetting', { file, field }),
  );
}

/**
 * model.json and its weight files, read and checked: every weights file the manifest names is there, and holds
 * exactly the bytes its tensors need (a cut-off download fails here, naming the file).
 */
export async function readModelFiles(files: readonly FileLike[]): Promise<Outcome<ModelParts>> {
  const jsons = files.filter((f) => /\.json$/i.test(f.name));
  if (jsons.length !== 1) {
    return fail(
      msg(jsons.length === 0 ? 'exchange.model.noJson' : 'exchange.model.manyJson', { files: files.map((f) => f.name).join(', ') }),
    );
  }
  const jsonFile = jsons[0];
  const parsed = parseJsonFile(await jsonFile.text(), jsonFile.name);
  if (!parsed.ok) return parsed;
  const json = parsed.value as Partial<io.ModelJSON> | null;
  const file = jsonFile.name;
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return fail(msg('exchange.file.notObject', { file }));
  if (typeof json.modelTopology !== 'object' || json.modelTopology === null) {
    return fail(msg('exchange.file.missingField', { file, field: 'modelTopology' }));
  }
  if (!Array.isArray(json.weightsManifest)) return fail(msg('exchange.file.missingField', { file, field: 'weightsManifest' }));
  const weightSpecs: io.WeightsManifestEntry[] = [];
  const buffers: ArrayBuffer[] = [];
  let wanted = 0;
  let found = 0;
  const binNames: string[] = [];
  for (const [g, group] of json.weightsManifest.entries()) {
    if (!Array.isArray(group?.paths) || !Array.isArray(group?.weights)) {
      return fail(msg('exchange.file.badField', { file, field: `weightsManifest[${g}]` }));
    }
    for (const [i, spec] of group.weights.entries()) {
      const bytes = DTYPE_BYTES[spec?.dtype ?? 'float32'];
      if (typeof spec?.name !== 'string' || !Array.isArray(spec.shape) || bytes === undefined || spec.quantization) {
        return fail(msg('exchange.file.badField', { file, field: `weightsManifest[${g}].weights[${i}]` }));
      }
      wanted += bytes * spec.shape.reduce((a: number, b: number) => a * b, 1);
      weightSpecs.push(spec);
    }
    for (const path of group.paths) {
      const bin = files.find((f) => f.name === basename(String(path)));
      if (!bin) return fail(msg('exchange.model.missingWeightsFile', { file, weights: basename(String(path)) }));
      const data = await bin.arrayBuffer();
      found += data.byteLength;
      buffers.push(data);
      binNames.push(bin.name);
    }
  }
  if (found !== wanted) {
    return fail(msg('exchange.model.weightsSize', { file: binNames.join(', ') || file, found, wanted }));
  }
  const weightData = new Uint8Array(found);
  let at = 0;
  for (const b of buffers) {
    weightData.set(new Uint8Array(b), at);
    at += b.byteLength;
  }
  const metaRaw = (json.userDefinedMetadata as Record<string, unknown> | undefined)?.[META_KEY];
  const meta = readModelMeta(metaRaw, file);
  if (!meta.ok) return meta;
  return { ok: true, value: { modelTopology: json.modelTopology, weightSpecs, weightData: weightData.buffer, meta: meta.value } };
}
