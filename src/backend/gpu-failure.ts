/**
 * Tells the Worker when the GPU backend it trains on fails. tfjs-backend-webgpu does not throw on invalid GPU work
 * (it returns zeros), and a lost WebGL context only fires an event, so the Worker listens here. A lost device or
 * context: the Worker stops the run and chooses again with that backend excluded. Out of memory (an allocation the
 * device refused, a buffer over its limits): the device still works, so the run stops and says to lower the batch,
 * and the backend stays (src/backend/out-of-memory.ts tells them apart).
 */
import * as tf from '@tensorflow/tfjs';
import { msg, type Message } from '../i18n/message';
import type { BackendName } from './names';
import { outOfMemory } from './out-of-memory';

/**
 * `message`: what happened, for the page to say; `backend`: which backend failed, for the caller's exclude list;
 * `kind`: a lost device (the backend is gone) or out of memory (it still works; `message` is the error's words).
 */
export type GpuFailureListener = (message: Message, backend: BackendName, kind: 'lost' | 'out-of-memory') => void;

export class GpuFailureWatch {
  private readonly listeners = new Set<GpuFailureListener>();
  private reported = false;
  private readonly watched = new WeakSet<object>();

  /** `active`: the backend tfjs runs now (tests pass their own). */
  constructor(private readonly active: () => string = () => tf.getBackend()) {}

  /** Calls `cb` when the active GPU backend fails, at most once per backend choice. Returns an unsubscribe. */
  subscribe(cb: GpuFailureListener): () => void {
    this.listeners.add(cb);
    return () => {
      this.listeners.delete(cb);
    };
  }

  /** A new backend choice: its first failure is reported again. */
  rearm(): void {
    this.reported = false;
  }

  /** Reports only while `backend` is the active one, once per choice (a dying device fires many errors). */
  report(backend: BackendName, message: Message): void {
    if (this.reported || this.active() !== backend) return;
    this.reported = true;
    this.tell(message, backend, 'lost');
  }

  /** Out of memory on the active backend: every time (the listener ignores runs it has already stopped). */
  reportOutOfMemory(backend: BackendName, message: Message): void {
    if (this.active() !== backend) return;
    this.tell(message, backend, 'out-of-memory');
  }

  private tell(message: Message, backend: BackendName, kind: 'lost' | 'out-of-memory') {
    for (const cb of [...this.listeners]) {
      try {
        cb(message, backend, kind);
      } catch (e) {
        console.error('a GPU failure listener threw', e);
      }
    }
  }

  /** A WebGPU validation/out-of-memory error nobody caught, or a lost device. */
  watchWebGPUDevice(device: GPUDevice | undefined): void {
    if (!device || this.watched.has(device)) return;
    this.watched.add(device);
    device.addEventListener('uncapturederror', (event) => {
      const error = (event as GPUUncapturedErrorEvent).error;
      const oom = outOfMemory(error, { backend: 'webgpu' });
      if (oom) return this.reportOutOfMemory('webgpu', msg('backend.failure.webgpuError', { error: oom.detail }));
      this.report('webgpu', msg('backend.failure.webgpuError', { error: error?.message || msg('backend.failure.unknownGpuError') }));
    });
    void device.lost.then((info) => {
      if (info.reason === 'destroyed') return; // deliberately released (backend disposed)
      this.report(
        'webgpu',
        info.message ? msg('backend.failure.deviceLostBecause', { detail: info.message }) : msg('backend.failure.deviceLost'),
      );
    });
  }

  /** A lost WebGL context (the browser or the GPU driver reset it). */
  watchWebGLCanvas(canvas: OffscreenCanvas | undefined): void {
    if (!canvas || this.watched.has(canvas)) return;
    this.watched.add(canvas);
    canvas.addEventListener('webglcontextlost', () => {
      this.report('webgl', msg('backend.failure.contextLost'));
    });
  }
}

/** The Worker's one watch: tfjs's backends are process-global, so their failures are too. */
export const gpuFailures = new GpuFailureWatch();
