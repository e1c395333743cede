/**
 * The peak of tfjs's live data buffers while a function runs, each buffer once however many tensors share it
 * (a reshape, a saved copy, a weight read). tf.memory().numBytes and tf.profile's peakBytes count every tensor,
 * so they read more than the memory a step takes. Watches tfjs-core 4.22's engine, where every new tensor goes
 * through trackTensor and every freed buffer through removeDataId.
 */
import * as tf from '@tensorflow/tfjs';

interface EngineInternals {
  trackTensor(t: tf.Tensor, backend: unknown): void;
  removeDataId(dataId: object, backend: unknown): void;
  state: { tensorInfo: WeakMap<object, { bytes: number }> };
}

export async function peakBufferBytes<T>(fn: () => Promise<T>): Promise<{ peak: number; result: T }> {
  const engine = tf.engine() as unknown as EngineInternals;
  const { trackTensor, removeDataId } = engine;
  if (typeof trackTensor !== 'function' || typeof removeDataId !== 'function' || !(engine.state.tensorInfo instanceof WeakMap)) {
    throw new Error('tfjs engine internals changed: peakBufferBytes needs updating');
  }
  // Before `fn` only tensors that each own their buffer are assumed alive (weights, optimizer state).
  let live = tf.memory().numBytes;
  let peak = live;
  engine.trackTensor = function (t, backend) {
    const existed = engine.state.tensorInfo.has(t.dataId);
    trackTensor.call(this, t, backend);
    if (!existed) {
      live += engine.state.tensorInfo.get(t.dataId)?.bytes ?? 0;
      peak = Math.max(peak, live);
    }
  };
  engine.removeDataId = function (dataId, backend) {
    live -= engine.state.tensorInfo.get(dataId)?.bytes ?? 0;
    removeDataId.call(this, dataId, backend);
  };
  try {
    const result = await fn();
    return { peak, result };
  } finally {
    engine.trackTensor = trackTensor;
    engine.removeDataId = removeDataId;
  }
}
