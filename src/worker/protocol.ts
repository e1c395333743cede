/**
 * The one message protocol between the page and the training Worker. Everything that crosses the boundary
 * is declared here, and both sides check what they receive (isCommand / isWorkerEvent) instead of trusting it.
 */
import type { BackendInfo } from '../backend/choose';
import type { BackendName } from '../backend/names';
import type { Channels, DatasetId, UserDatasetId } from '../data/dataset';
import type { ArchiveProgress } from '../data/cifar';
import type { FolderFile, FolderProgress, Skipped } from '../data/folder';
import type { Message } from '../i18n/message';
import type { BackendChoice, TrainConfig } from '../settings';
import type { FeatureMapsEvent } from '../train/feature-maps';
import type { InsideEvent } from '../train/inside';
import type { RunEvent } from '../train/run';
import type { UserDatasetInfo } from './dataset-store';

export type { BackendInfo, BackendName };
export type { FeatureMapLayer, FeatureMapsEvent } from '../train/feature-maps';
export type { InsideEvent, InsideLayer, LayerGradient } from '../train/inside';
export type { EpochEvent, FailureReason, RunEvent, RunState, StepEvent, TestEvent } from '../train/run';
export type { FolderFile, Skipped, UserDatasetInfo };

// ---- page -> worker ----
export type Command =
  /**
   * Choose the backend and load the data ahead of the first start, so the page can say what will run. `exclude`:
   * backends that failed earlier while the page was open (a fresh Worker does not know), skipped from now on.
   */
  | { type: 'init'; backend: BackendChoice; dataset: TrainConfig['dataset']; exclude?: BackendName[] }
  /**
   * Train these runs, together (a preset's pair takes turns step by step). A start while runs train or load stops
   * them first: starts never overlap.
   */
  | {
      type: 'start';
      runs: StartRun[];
      vis?: VisOptions;
      exclude?: BackendName[];
      /** Benchmarks only: random images of this [height, width, channels] instead of the dataset's. */
      synthetic?: [number, number, number];
    }
  | { type: 'pause' }
  | { type: 'resume' }
  /** One batch while paused (or a paused start). */
  | { type: 'step' }
  | { type: 'stop' }
  /** Evaluate the current model on the test set now. */
  | { type: 'evaluate' }
  /** Class probabilities and feature maps for one 28x28 image (0..1), e.g. a drawing, by a run's model (default: the probed run's). */
  | { type: 'predict'; requestId: number; pixels: Float32Array; runId?: string }
  | { type: 'vis'; vis: VisOptions }
  /** The page drew the last feature maps in `ms` of its main thread, which shares the CPU with training. */
  | { type: 'mapsDrawn'; ms: number }
  /** The page drew the last layer statistics (InsideEvent) in `ms` of its main thread. */
  | { type: 'insideDrawn'; ms: number }
  /**
   * Behave exactly as if the GPU device were lost now (browser tests and classroom demos of recovery); `hang`: and
   * as if the read in flight never settled, as a lost WebGL context can leave it. `outOfMemory`: instead, the
   * WebGPU device reports a GPUOutOfMemoryError, as it does when an allocation fails (the device stays usable).
   */
  | { type: 'simulateGpuLoss'; hang?: boolean; outOfMemory?: boolean }
  /** Throw an uncaught error from the Worker's event loop, as a bug would (browser tests of crash recovery). */
  | { type: 'crash' }
  /** Test images (pixels 0..255 bytes) for galleries, by index. */
  | { type: 'images'; requestId: number; dataset: TrainConfig['dataset']; indices: number[] }
  /**
   * Import the user's CIFAR-10 binary archive (cifar-10-binary.tar.gz, picked or dropped): progress comes as
   * `importProgress`, then `imported` and `datasets`, or `datasetFailed` with the reason.
   */
  | { type: 'importCifar'; requestId: number; file: Blob; fileName: string }
  /**
   * Import a folder of class folders: every file with its path relative to the picked folder, including the
   * folder's name (`webkitRelativePath`, or a dropped entry's path), resized to `size` (32, 64 or 227) and split
   * 80/10/10 per class with `seed` (default 2012). Events as for importCifar.
   */
  | { type: 'importFolder'; requestId: number; files: FolderFile[]; size: number; seed?: number; name?: string }
  /** The datasets there are: answered with `datasets`. */
  | { type: 'listDatasets'; requestId: number }
  /** Remove an imported dataset: answered with `datasets`, or `datasetFailed`. */
  | { type: 'removeDataset'; requestId: number; id: UserDatasetId }

  /** Save the model the Worker holds for `runId`: in this browser, as tfjs files, or as PyTorch weights. */
  | { type: 'saveModel'; requestId: number; runId: string; runName: string; to: ModelTarget; baseName: string }
  /** Load a saved model; `config` (the page's settings) is checked against when the files carry none. */
  | { type: 'loadModel'; requestId: number; from: ModelSource; config: TrainConfig }
  /** The run was deleted: delete its model saved in this browser. */
  | { type: 'forgetModel'; runId: string };

export type ModelTarget = 'browser' | 'files' | 'pytorch';
/** A model saved in this browser (by its run), or files the user picked: model.json and its weights. */
export type ModelSource = { kind: 'browser'; runId: string } | { kind: 'files'; files: File[] };

export interface StartRun {
  runId: string;
  config: TrainConfig;
  /** Only the training curve: no validation or test evaluation (a learning-rate sweep's short runs). */
  curveOnly?: boolean;
}

export interface VisOptions {
  /** Compute feature maps every N steps (0 = never). */
  every: number;
  /** Which test image is probed. */
  probeIndex: number;
  /** Capture layer statistics (activations, saturated and dead units, gradient sizes) every N steps; 0 or absent = never. */
  inside?: number;
  /** Whose maps, when runs train together (default: the first). */
  runId?: string;
}

// ---- worker -> page ----
export type WorkerEvent =
  | { type: 'ready' }
  | { type: 'backend'; info: BackendInfo }
  /**
   * The data is loaded, and its shape. Built-in datasets' words are the page's (src/app/datasets.ts); an imported
   * one sends its class names (its folders') and how it was split (`note`).
   */
  | {
      type: 'data';
      dataset: TrainConfig['dataset'];
      train: number;
      validation: number;
      test: number;
      note?: Message;
      classNames?: readonly string[];
      height: number;
      width: number;
      channels: Channels;
    }
  | { type: 'started'; runId: string; config: TrainConfig; totalSteps: number; stepsPerEpoch: number; params: number; backend: BackendName }
  | RunEvent
  | FeatureMapsEvent
  | InsideEvent
  | { type: 'prediction'; requestId: number; probabilities: number[]; maps?: FeatureMapsEvent }
  /** `pixels`: the images one after another, each height x width x channels bytes (RGB together when 3). */
  | {
      type: 'images';
      requestId: number;
      pixels: Uint8Array;
      labels: Uint8Array;
      indices: number[];
      height: number;
      width: number;
      channels: Channels;
    }
  /** At most a few a second: compressed bytes read (archives) and images decoded or stored so far. */
  | ({ type: 'importProgress'; requestId: number; phase: 'reading' | 'decoding' | 'storing' } & Partial<ArchiveProgress> & FolderProgress)
  /** An import is stored; files it could not use are listed (the first 200) and counted. */
  | { type: 'imported'; requestId: number; dataset: UserDatasetInfo; skipped: Skipped[]; skippedCount: number }
  /**
   * The datasets there are: the built-in ones (CIFAR-10 `available` where the server has built it) and the user's,
   * with what this origin's storage uses and may use where the browser says.
   */
  | {
      type: 'datasets';
      requestId?: number;
      builtin: { id: DatasetId; available: boolean }[];
      user: UserDatasetInfo[];
      storage?: { usage: number; quota: number };
    }
  /** An import or removal failed: why, naming the file and the problem. */
  | { type: 'datasetFailed'; requestId: number; message: Message }
  /** Something went wrong; `setting` names the control at fault, `requestId` the request that failed. */
  | { type: 'error'; runId?: string; requestId?: number; message: Message; setting?: keyof TrainConfig }
  /** Every couple of seconds while the Worker's event loop runs: it is alive, and how much tfjs holds (once a backend runs). */
  | { type: 'heartbeat'; memory?: { tensors: number; bytes: number } }
  /**
   * Runs that were told to stop did not: a read from a lost GPU that never settles, say. The page ends this Worker
   * and starts a fresh one; nothing else can free it.
   */
  | { type: 'stuck'; message: Message }
  /**
   * This Worker's backend cannot go on (WASM's module aborted when memory ran out; its runs have failed and said
   * why): the page ends it and starts a fresh one, without training anything again.
   */
  | { type: 'retire'; message: Message }
  /** A model saved; `files` are for the page to download (none when saved in the browser). */
  | { type: 'modelSaved'; requestId: number; runId: string; to: ModelTarget; files: { name: string; data: ArrayBuffer }[] }
  /** A model loaded: drawing, evaluation and feature maps now use it. `runId` is its run's (a new one if unknown). */
  | { type: 'modelLoaded'; requestId: number; runId: string; runName: string; config: TrainConfig; step: number; from: ModelSource['kind'] }
  | { type: 'modelError'; requestId: number; message: Message; differences?: Message[] };

const COMMAND_TYPES = new Set([
  'init',
  'simulateGpuLoss',
  'crash',
  'start',
  'pause',
  'resume',
  'step',
  'stop',
  'evaluate',
  'predict',
  'vis',
  'mapsDrawn',
  'insideDrawn',
  'images',
  'importCifar',
  'importFolder',
  'listDatasets',
  'removeDataset',
  'saveModel',
  'loadModel',
  'forgetModel',
]);
const EVENT_TYPES = new Set([
  'ready',
  'backend',
  'data',
  'started',
  'state',
  'step',
  'epoch',
  'test',
  'featureMaps',
  'inside',
  'prediction',
  'images',
  'importProgress',
  'imported',
  'datasets',
  'datasetFailed',
  'error',
  'heartbeat',
  'stuck',
  'retire',
  'modelSaved',
  'modelLoaded',
  'modelError',
]);

export function isCommand(x: unknown): x is Command {
  return typeof x === 'object' && x !== null && COMMAND_TYPES.has((x as { type?: unknown }).type as string);
}

export function isWorkerEvent(x: unknown): x is WorkerEvent {
  return typeof x === 'object' && x !== null && EVENT_TYPES.has((x as { type?: unknown }).type as string);
}
