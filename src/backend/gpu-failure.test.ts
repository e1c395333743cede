import { describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { GpuFailureWatch } from './gpu-failure';

describe('GPU failure watch', () => {
  const watch = new GpuFailureWatch();
  test('reports once per choice, only for the active backend, and unsubscribes', async () => {
    await tf.setBackend('cpu');
    watch.rearm();
    const messages: string[] = [];
    const off = watch.subscribe((m, backend) => {
      expect(backend).toBe('cpu');
      messages.push(m);
    });
    watch.report('webgpu', 'not active'); // cpu is active: ignored
    expect(messages).toEqual([]);
    watch.report('cpu', 'first');
    watch.report('cpu', 'second'); // once per choice
    expect(messages).toEqual(['first']);
    watch.rearm(); // a new choice re-arms it
    watch.report('cpu', 'third');
    expect(messages).toEqual(['first', 'third']);
    off();
    watch.rearm();
    watch.report('cpu', 'after unsubscribe');
    expect(messages).toEqual(['first', 'third']);
  });
});
