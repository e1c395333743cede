/**
 * Tells the Worker when the GPU backend it trains on fails. tfjs-backend-webgpu does not throw on invalid GPU work
 * (it returns zeros), and a lost WebGL context only fires an event, so the Worker listens here, stops the run and
 * chooses again with that backend excluded.
 */
import * as tf from '@tensorflow/tfjs';
import { msg, type Message } from '../i18n/message';
import type { BackendName } from './names';

/** `message`: what happened, for the page to say; `backend`: which backend failed, for the caller's exclude list. */
export type GpuFailureListener = (message: Message, backend: BackendName) => void;

export class GpuFailureWatch {
  private readonly listeners = new Set<GpuFailureListener>();
  private reported = false;
  private readonly watched = new WeakSet<object>();

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
    if (this.reported || tf.getBackend() !== backend) return;
    this.reported = true;
    for (const cb of [...this.listeners]) {
      try {
        cb(message, backend);
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
