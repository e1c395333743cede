import { describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { msg, type Message } from '../i18n/message';
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
});
