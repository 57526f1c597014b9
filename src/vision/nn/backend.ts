import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

let ready: Promise<void> | undefined;

/**
 * Selects TensorFlow.js's WebAssembly backend (XNNPACK kernels, single process). `tfjs-node` cannot be installed
 * here, and the pure-JS `cpu` backend is ~10× slower for convolutions. Falls back to `cpu` if wasm cannot start.
 */
export function tfReady(): Promise<void> {
  ready ??= (async () => {
    if (tf.getBackend() === 'wasm') return;
    const ok = await tf.setBackend('wasm').catch(() => false);
    if (!ok) await tf.setBackend('cpu');
    await tf.ready();
  })();
  return ready;
}

export { tf };
