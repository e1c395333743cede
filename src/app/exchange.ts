/**
 * What the page does with files coming in (picked or dropped): exported runs join the run list and are saved like
 * any run, a model.json with its weights goes to the Worker to load. Every file is read and checked on its own: a
 * bad one is named with its problem and the others still import. And what goes out for a model: PyTorch and Keras
 * code written here from the network table, beside the weights the Worker writes.
 */
import { msg, type Message } from '../i18n/message';
import { kerasCode } from '../model/export-keras';
import { pytorchCode } from '../model/export-pytorch';
import { networkFor } from '../model/network-for';
import type { Shape3 } from '../model/networks';
import { configToQuery, type TrainConfig } from '../settings';
import type { WorkerEvent } from '../worker/protocol';
import { runsFileName } from './run-export';
import { parseRunJson, readJson } from './run-schema';
import { newRun, type RunRecord } from './run-store';
import type { TrainingSession } from './session';

export interface ImportReport {
  runs: number;
  /** Files runs came from. */
  files: string[];
  /** One line per file that was not (fully) imported. */
  problems: Message[];
  /** The Worker's answer when the files held a model. */
  model?: Extract<WorkerEvent, { type: 'modelLoaded' | 'modelError' | 'error' }>;
}

const isModelJson = (value: unknown) =>
  typeof value === 'object' && value !== null && 'modelTopology' in value && 'weightsManifest' in value;

/**
 * Imports files the user picked or dropped: run files into the run list (runs already in it are not doubled), and
 * a model (model.json plus its .bin) into the Worker, checked against `config` when it carries no settings.
 */
export async function importFiles(session: TrainingSession, files: readonly File[], config: TrainConfig): Promise<ImportReport> {
  const report: ImportReport = { runs: 0, files: [], problems: [] };
  const known = new Set(session.runs.getSnapshot().map((r) => r.id));
  const added: RunRecord[] = [];
  const modelFiles: File[] = [];
  for (const file of files) {
    if (/\.bin$/i.test(file.name)) {
      modelFiles.push(file);
      continue;
    }
    let text: string;
    try {
      text = await file.text();
    } catch (err) {
      report.problems.push(msg('exchange.file.unreadable', { file: file.name, detail: err instanceof Error ? err.message : String(err) }));
      continue;
    }
    // Parsed once: a model's model.json goes to the Worker, anything else is read as a run file (or named as not JSON).
    const read = readJson(text, file.name);
    if (read.ok && isModelJson(read.json)) {
      modelFiles.push(file);
      continue;
    }
    const parsed = read.ok ? parseRunJson(read.json, file.name) : read;
    if (!parsed.ok) {
      report.problems.push(parsed.problem);
      continue;
    }
    let any = false;
    for (const run of parsed.runs) {
      if (known.has(run.id)) {
        report.problems.push(msg('exchange.runs.duplicate', { file: file.name, name: run.name }));
        continue;
      }
      known.add(run.id);
      added.push(run);
      any = true;
    }
    if (any) report.files.push(file.name);
  }
  if (added.length > 0) {
    session.runs.load([...session.runs.getSnapshot(), ...added]);
    // Saved like runs trained here, so they are still there after a reload.
    for (const r of added) session.keeper.changed(r, true);
    report.runs = added.length;
  }
  if (modelFiles.length > 0) report.model = await loadModelFiles(session, modelFiles, config);
  return report;
}

export type ModelAnswer = Extract<WorkerEvent, { type: 'modelLoaded' | 'modelError' | 'error' }>;

/** A model from files; a model whose run is not in the list gets a run of its own (so evaluation has a place). */
export async function loadModelFiles(session: TrainingSession, files: File[], config: TrainConfig): Promise<ModelAnswer> {
  return afterLoad(session, await session.loadModel({ kind: 'files', files }, config));
}

export async function loadSavedModel(session: TrainingSession, run: RunRecord): Promise<ModelAnswer> {
  return afterLoad(session, await session.loadModel({ kind: 'browser', runId: run.id }, run.config));
}

function afterLoad(session: TrainingSession, e: WorkerEvent): ModelAnswer {
  if (e.type === 'modelLoaded' && !session.runs.get(e.runId)) {
    const run = newRun(e.runId, e.config, session.runs.getSnapshot().length, e.runName);
    session.runs.add({ ...run, state: 'done', imported: true, importedFrom: e.runName });
  }
  return e.type === 'modelLoaded' || e.type === 'modelError' || e.type === 'error' ? e : { type: 'error', message: msg('run.noModel') };
}

/** Files of a run's model: base names safe as Python module names (import run_3). */
export function modelBaseName(run: RunRecord): string {
  return runsFileName([run])
    .replace(/[^a-z0-9_]/gi, '_')
    .replace(/^(\d)/, 'run_$1');
}

function about(run: RunRecord): string[] {
  const test = run.test ? `, test accuracy ${(run.test.accuracy * 100).toFixed(2)}%` : '';
  return [
    `Run "${run.name}": ${run.steps.step.length} steps on ${run.config.dataset}${test}.`,
    `Settings (playground link): ?${configToQuery(run.config)}`,
  ];
}

/** The PyTorch module for a run's network, loading `<base>.safetensors` from beside it. */
/** The images a run's network took and its classes: what its flatten and logits were built for. */
export interface NetworkInput {
  input: Shape3;
  classes: number;
}

export function pytorchFile(run: RunRecord, on: NetworkInput): { name: string; text: string } {
  const base = modelBaseName(run);
  return {
    name: `${base}.py`,
    text: pytorchCode(networkFor(run.config, on.input, on.classes), {
      fileName: `${base}.py`,
      weightsFile: `${base}.safetensors`,
      about: about(run),
    }),
  };
}

export function kerasFile(run: RunRecord, on: NetworkInput): { name: string; text: string } {
  const base = modelBaseName(run);
  return {
    name: `${base}_keras.py`,
    text: kerasCode(networkFor(run.config, on.input, on.classes), {
      fileName: `${base}_keras.py`,
      weightsFile: `${base}.safetensors`,
      about: about(run),
    }),
  };
}
