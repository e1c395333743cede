/**
 * Trained models out of the Worker and back in: saved in this browser (tfjs's `indexeddb://` store, one per run),
 * as TensorFlow.js files for the page to download, as PyTorch weights (safetensors); loaded back from the browser
 * or from files the user picked, checked against the settings table first. A loaded model becomes a Trainer built
 * from the table with the saved weights in it, so drawing, evaluation and feature maps work as after training.
 */
import * as tf from '@tensorflow/tfjs';
import { classCount, imageShape, type DatasetSplits } from '../data/dataset';
import { errorWords, msg } from '../i18n/message';
import { torchMetadata, torchStateDict, type LayerWeights } from '../model/export-pytorch';
import { networkDifferences } from '../model/network-diff';
import { networkFor } from '../model/network-for';
import type { NetworkSpec } from '../model/networks';
import { encodeSafetensors } from '../model/safetensors';
import type { TrainConfig } from '../settings';
import { Trainer } from '../train/trainer';
import {
  META_KEY,
  MODEL_FORMAT,
  MODEL_VERSION,
  modelJson,
  readModelFiles,
  readModelMeta,
  type ModelMeta,
  type ModelParts,
} from './model-files';
import type { Message } from '../i18n/message';
import type { RunState, TestEvent } from '../train/run';
import type { Command, ModelSource, WorkerEvent } from './protocol';

/** Where a saved model lives in this browser: tfjs's own IndexedDB store, keyed by run. */
export const browserModelUrl = (runId: string) => `indexeddb://alexnet-playground/${runId}`;

export interface ModelOwner {
  runId: string;
  runName: string;
  /** Training steps behind the weights. */
  step: number;
  trainer: Trainer;
}

/** A model's topology and weights, read out of a live tfjs model (between two training steps). */
export async function captureModel(owner: ModelOwner): Promise<ModelParts> {
  let captured: tf.io.ModelArtifacts | null = null;
  await owner.trainer.model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      captured = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const a = captured as tf.io.ModelArtifacts | null;
  if (!a?.modelTopology || !a.weightSpecs || !a.weightData) throw new Error('tfjs returned no weights');
  const meta: ModelMeta = {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    runId: owner.runId,
    runName: owner.runName,
    config: owner.trainer.config,
    step: owner.step,
    savedAt: new Date().toISOString(),
  };
  return {
    modelTopology: a.modelTopology as object,
    weightSpecs: a.weightSpecs,
    weightData: tf.io.CompositeArrayBuffer.join(a.weightData),
    meta,
  };
}

export async function saveInBrowser(parts: ModelParts): Promise<void> {
  const [handler] = tf.io.getSaveHandlers(browserModelUrl(parts.meta!.runId));
  await handler.save!({
    format: 'layers-model',
    generatedBy: 'AlexNet Playground',
    convertedBy: null,
    modelTopology: parts.modelTopology,
    weightSpecs: parts.weightSpecs,
    weightData: parts.weightData,
    userDefinedMetadata: { [META_KEY]: parts.meta! },
  });
}

/** Deletes a run's saved model, if there is one (its run was deleted). */
export async function forgetInBrowser(runId: string): Promise<void> {
  try {
    await tf.io.removeModel(browserModelUrl(runId));
  } catch {
    // Nothing saved for this run.
  }
}

export interface FileOut {
  name: string;
  data: ArrayBuffer;
}

/** model.json and its weights file, named from `base`; the manifest points at the .bin by that name. */
export function tfjsFiles(parts: ModelParts, base: string): FileOut[] {
  const bin = `${base}.weights.bin`;
  const json = new TextEncoder().encode(JSON.stringify(modelJson(parts, bin)));
  return [
    { name: `${base}.json`, data: json.buffer as ArrayBuffer },
    { name: bin, data: parts.weightData },
  ];
}

/** Weights of the table's conv and dense layers, as tfjs holds them (kernel, bias). */
export async function layerWeights(model: tf.LayersModel, net: NetworkSpec): Promise<LayerWeights[]> {
  const out: LayerWeights[] = [];
  for (const l of net.layers) {
    if (l.kind !== 'conv' && l.kind !== 'dense') continue;
    // getWeights() hands out the variables' own tensors: read them, never dispose them.
    const tensors = model.getLayer(l.name).getWeights();
    out.push({
      layer: l.name,
      tensors: await Promise.all(tensors.map(async (t) => ({ shape: t.shape, values: (await t.data()) as Float32Array }))),
    });
  }
  return out;
}

/** The trained weights as a safetensors file in PyTorch's layout (src/model/export-pytorch.ts). */
export async function torchWeightsFile(owner: ModelOwner): Promise<Uint8Array> {
  const net = owner.trainer.net;
  const state = torchStateDict(net, await layerWeights(owner.trainer.model, net));
  return encodeSafetensors(state, torchMetadata(net, { run: owner.runName, step: String(owner.step) }));
}

export type LoadOutcome = { ok: true; parts: ModelParts } | { ok: false; problem: Message; differences?: Message[] };

export async function readModel(source: ModelSource): Promise<LoadOutcome> {
  if (source.kind === 'files') {
    const r = await readModelFiles(source.files);
    return r.ok ? { ok: true, parts: r.value } : r;
  }
  let a: tf.io.ModelArtifacts;
  try {
    const [handler] = tf.io.getLoadHandlers(browserModelUrl(source.runId));
    a = await handler.load!();
  } catch {
    return { ok: false, problem: msg('exchange.model.notInBrowser') };
  }
  const meta = readModelMeta((a.userDefinedMetadata as Record<string, unknown> | undefined)?.[META_KEY], 'IndexedDB');
  if (!meta.ok) return meta;
  return {
    ok: true,
    parts: {
      modelTopology: a.modelTopology as object,
      weightSpecs: a.weightSpecs ?? [],
      weightData: tf.io.CompositeArrayBuffer.join(a.weightData),
      meta: meta.value,
    },
  };
}

/**
 * A model read from the browser or files, checked against the settings table (its own settings if it carries
 * them, else `fallback`, the page's), deserialised by tfjs (our layers are registered) and its weights copied into
 * a Trainer built from the table. Refused with every difference named when the network is not the table's.
 */
export async function loadModel(
  parts: ModelParts,
  fallback: TrainConfig,
  data: (config: TrainConfig) => Promise<DatasetSplits>,
): Promise<{ ok: true; trainer: Trainer; meta: ModelMeta | null } | { ok: false; problem: Message; differences: Message[] }> {
  const config = parts.meta?.config ?? fallback;
  const splits = await data(config);
  // The table the Trainer builds: for the dataset's images and classes (a colour set's, a folder's), not only MNIST's.
  const net = networkFor(config, imageShape(splits.train), classCount(splits));
  const differences = networkDifferences(parts.modelTopology, parts.weightSpecs, net);
  if (differences.length > 0) return { ok: false, problem: msg('exchange.model.differs', { count: differences.length }), differences };
  const loaded = await tf.loadLayersModel(
    tf.io.fromMemory({ modelTopology: parts.modelTopology, weightSpecs: parts.weightSpecs, weightData: parts.weightData }),
  );
  let trainer: Trainer | null = null;
  try {
    trainer = new Trainer(config, splits);
    for (const l of net.layers) {
      if (l.kind === 'conv' || l.kind === 'dense') trainer.model.getLayer(l.name).setWeights(loaded.getLayer(l.name).getWeights());
    }
    return { ok: true, trainer, meta: parts.meta };
  } catch (err) {
    trainer?.dispose();
    throw err;
  } finally {
    // setWeights shares the tensors' data with the trainer's variables (reference counted): this frees only ours.
    loaded.dispose();
  }
}

/** The test set through a loaded model: the same event a finished run sends. */
export async function evaluateLoaded(owner: ModelOwner): Promise<TestEvent> {
  const t = owner.trainer;
  const r = await t.evaluate(t.data.test);
  return {
    type: 'test',
    runId: owner.runId,
    step: owner.step,
    loss: r.loss,
    accuracy: r.accuracy,
    count: r.count,
    confusion: r.confusion,
    labels: t.data.test.labels.slice(0, r.count),
    predictions: r.predictions,
    confidence: r.confidence,
  };
}

export interface ModelCommandContext {
  post: (e: WorkerEvent, transfer?: Transferable[]) => void;
  /** The model the Worker holds now (the last run's, or a loaded one). */
  current: ModelOwner | null;
  /** The state of the Worker's run, if it has one. */
  runState: RunState | null;
  data: (config: TrainConfig) => Promise<DatasetSplits>;
  /** Makes a loaded model the Worker's model (drawing, evaluation, feature maps). */
  replace: (owner: ModelOwner) => Promise<void>;
}

export async function handleModelCommand(
  cmd: Extract<Command, { type: 'saveModel' | 'loadModel' | 'forgetModel' | 'evaluate' }>,
  ctx: ModelCommandContext,
): Promise<void> {
  switch (cmd.type) {
    case 'forgetModel':
      return forgetInBrowser(cmd.runId);
    case 'evaluate':
      if (ctx.current) ctx.post(await evaluateLoaded(ctx.current));
      return;
    case 'saveModel': {
      const refuse = (message: Message) => ctx.post({ type: 'modelError', requestId: cmd.requestId, message });
      if (!ctx.current || ctx.current.runId !== cmd.runId) return refuse(msg('exchange.model.noModel'));
      // Weights read while a step updates them would mix two steps.
      if (ctx.runState === 'running') return refuse(msg('exchange.model.busy'));
      try {
        const owner = { ...ctx.current, runName: cmd.runName };
        let files: FileOut[] = [];
        if (cmd.to === 'pytorch') {
          const bytes = await torchWeightsFile(owner);
          files = [{ name: `${cmd.baseName}.safetensors`, data: bytes.buffer as ArrayBuffer }];
        } else {
          const parts = await captureModel(owner);
          if (cmd.to === 'browser') await saveInBrowser(parts);
          else files = tfjsFiles(parts, cmd.baseName);
        }
        ctx.post(
          { type: 'modelSaved', requestId: cmd.requestId, runId: cmd.runId, to: cmd.to, files },
          files.map((f) => f.data),
        );
      } catch (err) {
        refuse(msg('exchange.model.saveFailed', { detail: errorWords(err) }));
      }
      return;
    }
    case 'loadModel': {
      const refuse = (message: Message, differences?: Message[]) =>
        ctx.post({ type: 'modelError', requestId: cmd.requestId, message, differences });
      // A live run would lose its model under it.
      if (ctx.runState === 'running' || ctx.runState === 'paused') return refuse(msg('exchange.model.busyLoad'));
      try {
        const read = await readModel(cmd.from);
        if (!read.ok) return refuse(read.problem, read.differences);
        const r = await loadModel(read.parts, cmd.config, ctx.data);
        if (!r.ok) return refuse(r.problem, r.differences);
        const json = cmd.from.kind === 'files' ? cmd.from.files.find((f) => /\.json$/i.test(f.name))?.name : undefined;
        const owner: ModelOwner = {
          runId: r.meta?.runId ?? `model-${Date.now().toString(36)}`,
          runName: r.meta?.runName ?? json ?? 'model',
          step: r.meta?.step ?? 0,
          trainer: r.trainer,
        };
        await ctx.replace(owner);
        ctx.post({
          type: 'modelLoaded',
          requestId: cmd.requestId,
          runId: owner.runId,
          runName: owner.runName,
          config: r.trainer.config,
          step: owner.step,
          from: cmd.from.kind,
        });
      } catch (err) {
        refuse(msg('exchange.model.loadFailed', { detail: errorWords(err) }));
      }
      return;
    }
  }
}
