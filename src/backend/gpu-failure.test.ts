import { describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { englishText, msg, type Message } from '../i18n/message';
import { GpuFailureWatch } from './gpu-failure';

// Three different failures, told apart by their message.
const [first, second, third] = [
  msg('backend.failure.deviceLost'),
  msg('backend.failure.contextLost'),
  msg('backend.failure.deviceLostBecause', { detail: 'third' }),
];

describe('GPU failure watch', () => {
  const watch = new GpuFailureWatch();
  test('reports once per choice, only for the active backend, and unsubscribes', async () => {
    await tf.setBackend('cpu');
    watch.rearm();
    const messages: Message[] = [];
    const off = watch.subscribe((m, backend) => {
      expect(backend).toBe('cpu');
      messages.push(m);
    });
    watch.report('webgpu', first); // cpu is active: ignored
    expect(messages).toEqual([]);
    watch.report('cpu', first);
    watch.report('cpu', second); // once per choice
    expect(messages).toEqual([first]);
    watch.rearm(); // a new choice re-arms it
    watch.report('cpu', third);
    expect(messages).toEqual([first, third]);
    off();
    watch.rearm();
    watch.report('cpu', second);
    expect(messages).toEqual([first, third]);
  });

  test("WebGPU: out of memory is reported every time and leaves the device's loss to be reported", async () => {
    const device = new EventTarget() as EventTarget & { lost: Promise<{ reason: string; message: string }> };
    let lose: (info: { reason: string; message: string }) => void = () => {};
    device.lost = new Promise((resolve) => (lose = resolve));
    const webgpu = new GpuFailureWatch(() => 'webgpu');
    const heard: [string, string][] = [];
    webgpu.subscribe((m, _backend, kind) => heard.push([kind, englishText(m)]));
    webgpu.watchWebGPUDevice(device as unknown as GPUDevice);
    class GPUOutOfMemoryError {
      message = 'Failed to allocate a buffer of 1744830464 bytes';
    }
    const uncaptured = (error: unknown) => Object.assign(new Event('uncapturederror'), { error });
    device.dispatchEvent(uncaptured(new GPUOutOfMemoryError()));
    device.dispatchEvent(uncaptured({ message: 'Buffer size (1744830464) exceeds the max buffer size limit (1073741824).' }));
    expect(heard.map(([kind]) => kind)).toEqual(['out-of-memory', 'out-of-memory']);
    expect(heard[0][1]).toContain('Failed to allocate');
    device.dispatchEvent(uncaptured({ message: 'Invalid ShaderModule' })); // not memory: the device is failing
    lose({ reason: 'unknown', message: 'GPU process crashed' }); // reported once per choice, already done
    await Promise.resolve();
    expect(heard.map(([kind]) => kind)).toEqual(['out-of-memory', 'out-of-memory', 'lost']);
  });
});
