import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';

describe('activateBackend', () => {
  test("says why a backend's factory failed (tfjs itself only logs it, and not in production mode)", async () => {
    // Node has no WebGL: stand in a factory that fails the way a blocked GPU does, registered before activate.ts
    // loads, as tfjs's backend packages register theirs.
    tf.registerBackend('webgl', () => {
      throw new Error('WebGL is not supported on this device\n    at a stack line');
    });
    const { activateBackend } = await import('./activate');
    tf.enableProdMode();
    try {
      const outcome = await activateBackend('webgl', { allowSoftware: false });
      expect(outcome).toEqual({ ok: false, error: 'WebGL is not supported on this device' });
    } finally {
      tf.removeBackend('webgl');
      await tf.setBackend('cpu');
    }
  });
});
