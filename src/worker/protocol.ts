/**
 * The one message protocol between the page and the training Worker. Everything that crosses the boundary
 * is declared here, and both sides check what they receive (isCommand / isWorkerEvent) instead of trusting it.
 */
import type { BackendInfo } from '../backend/choose';
import type { BackendName } from '../backend/names';
import type { Message } from '../i18n/message';
import type { BackendChoice, TrainConfig } from '../settings';
import type { FeatureMapsEvent } from '../train/feature-maps';
import type { InsideEvent } from '../train/inside';
import type { RunEvent } from '../train/run';

export type { BackendInfo, BackendName };
export type { FeatureMapLayer, FeatureMapsEvent } from '../train/feature-maps';
export type { InsideEvent, InsideLayer, LayerGradient } from '../train/inside';
export type { EpochEvent, FailureReason, RunEvent, RunState, StepEvent, TestEvent } from '../train/run';

// ---- page -> worker ----
export type Command =
  /** Choose the backend and load the data ahead of the first start, so the page can say what will run. */
  | { type: 'init'; backend: BackendChoice; dataset: TrainConfig['dataset'] }
  | { type: 'start'; runId: string; config: TrainConfig; vis?: VisOptions }
  | { type: 'pause' }
  | { type: 'resume' }
  /** One batch while paused (or a paused start). */
  | { type: 'step' }
  | { type: 'stop' }
  /** Evaluate the current model on the test set now. */
  | { type: 'evaluate' }
  /** Class probabilities and feature maps for one 28x28 image (0..1), e.g. a drawing. */
  | { type: 'predict'; requestId: number; pixels: Float32Array }
  | { type: 'vis'; vis: VisOptions }
  /** The page drew the last feature maps in `ms` of its main thread, which shares the CPU with training. */
  | { type: 'mapsDrawn'; ms: number }
  /** The page drew the last layer statistics (InsideEvent) in `ms` of its main thread. */
  | { type: 'insideDrawn'; ms: number }
  /** Behave exactly as if the GPU device were lost now (browser tests and classroom demos of recovery). */
  | { type: 'simulateGpuLoss' }
  /** Test images (pixels 0..255 bytes) for galleries, by index. */
  | { type: 'images'; requestId: number; dataset: TrainConfig['dataset']; indices: number[] };

export interface VisOptions {
  /** Compute feature maps every N steps (0 = never). */
  every: number;
  /** Which test image is probed. */
  probeIndex: number;
  /** Capture layer statistics (activations, saturated and dead units, gradient sizes) every N steps; 0 or absent = never. */
  inside?: number;
}

// ---- worker -> page ----
export type WorkerEvent =
  | { type: 'ready' }
  | { type: 'backend'; info: BackendInfo }
  | { type: 'data'; dataset: TrainConfig['dataset']; train: number; validation: number; test: number; splitNote: string }
  | { type: 'started'; runId: string; config: TrainConfig; totalSteps: number; stepsPerEpoch: number; params: number; backend: BackendName }
  | RunEvent
  | FeatureMapsEvent
  | InsideEvent
  | { type: 'prediction'; requestId: number; probabilities: number[]; maps?: FeatureMapsEvent }
  | { type: 'images'; requestId: number; pixels: Uint8Array; labels: Uint8Array; indices: number[] }
  /** Something went wrong; `setting` names the control at fault when there is one. */
  | { type: 'error'; runId?: string; message: Message; setting?: keyof TrainConfig; fatal?: boolean };

const COMMAND_TYPES = new Set([
  'init',
  'simulateGpuLoss',
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
  'error',
]);

export function isCommand(x: unknown): x is Command {
  return typeof x === 'object' && x !== null && COMMAND_TYPES.has((x as { type?: unknown }).type as string);
}

export function isWorkerEvent(x: unknown): x is WorkerEvent {
  return typeof x === 'object' && x !== null && EVENT_TYPES.has((x as { type?: unknown }).type as string);
}
