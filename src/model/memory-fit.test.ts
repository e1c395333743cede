import { describe, expect, it } from 'vitest';
import { englishText } from '../i18n/message';
import { DEFAULT_CONFIG, type TrainConfig } from '../settings';
import { estimateTrainingMemory } from './memory';
import { formatBytes, memoryVerdict, WASM_HEAP_MAX, WASM_OVERHEAD_LOW, type MemoryLimits } from './memory-fit';
import { networkFor } from './network-for';

const MNIST: [number, number, number] = [28, 28, 1];
const article = (batchSize: number, over: Partial<TrainConfig> = {}): TrainConfig => ({ ...DEFAULT_CONFIG, batchSize, ...over });
const WASM: MemoryLimits = { backend: 'wasm', wasmHeapBytes: WASM_HEAP_MAX };

describe('a batch that does not fit in WASM memory is refused before it starts', () => {
  it('batch 4096 on the article network: about 11 GB against the 4.29 GB heap, with the largest batch that fits', () => {
    const v = memoryVerdict(article(4096), MNIST, WASM)!;
    expect(v.level).toBe('refuse');
    expect(v.need).toBeGreaterThan(11e9);
    const text = englishText(v.message);
    expect(text).toContain('At batch 4096 a training step needs about 12.11 GB');
    expect(text).toContain('the 4.29 GB WebAssembly memory can hold');
    expect(text).toContain(`A batch of ${v.fits} or less fits.`);
    // the answer is the boundary of the rule: that batch passes, one more does not
    const net = networkFor(article(1), MNIST);
    const need = (b: number) => estimateTrainingMemory(net, b, 'adam', { backend: 'wasm' }).total * WASM_OVERHEAD_LOW;
    expect(need(v.fits)).toBeLessThanOrEqual(WASM_HEAP_MAX);
    expect(need(v.fits + 1)).toBeGreaterThan(WASM_HEAP_MAX);
  });

  // What the rules were measured against (memory-fit.ts's header): in Node's WASM, batch 1200 trained with a 3.89 GiB
  // heap and batch 1400 aborted the module.
  it('agrees with what WASM did: batch 1400 refused, 1024 and 1200 warned (they ran, close to the limit), 64 silent', () => {
    expect(memoryVerdict(article(1400), MNIST, WASM)?.level).toBe('refuse');
    expect(memoryVerdict(article(1200), MNIST, WASM)?.level).toBe('warn');
    const warned = memoryVerdict(article(1024), MNIST, WASM)!;
    expect(warned.level).toBe('warn');
    expect(englishText(warned.message)).toMatch(
      /close to the 4\.29 GB WebAssembly memory can hold, so it may not fit\. A batch of \d+ or less leaves room/,
    );
    expect(memoryVerdict(article(64), MNIST, WASM)).toBeNull();
  });
});

describe('GPU backends: the largest tensor against the largest buffer or texture', () => {
  it('WebGPU refuses a batch whose largest tensor is larger than the largest buffer the device binds', () => {
    const limits: MemoryLimits = { backend: 'webgpu', maxBufferBytes: 128 * 2 ** 20 };
    const v = memoryVerdict(article(4096), MNIST, limits)!;
    expect(v.level).toBe('refuse');
    // conv1's output, 28·28·64 floats an image, is the largest tensor: 668 images fit in 128 MiB
    expect(v.fits).toBe(Math.floor((128 * 2 ** 20) / (28 * 28 * 64 * 4)));
    expect(englishText(v.message)).toContain(
      'the largest tensor of a training step takes 822 MB, more than the largest buffer this GPU allows (134 MB)',
    );
    expect(memoryVerdict(article(v.fits), MNIST, limits)).toBeNull();
  });

  it("WebGL refuses a batch whose im2col matrix does not fit a packed texture, and warns when it needs tfjs's packing", () => {
    const limits: MemoryLimits = { backend: 'webgl', maxTextureSize: 8192 };
    const v = memoryVerdict(article(4096), MNIST, limits)!;
    expect(v.level).toBe('refuse');
    // conv2's im2col: 3·3·64 values for each of 14·14 output pixels, per image
    expect(v.fits).toBe(Math.floor((4 * 8192 ** 2) / (576 * 196)));
    expect(englishText(v.message)).toContain('8192×8192 pixels of four values, 1.07 GB');
    expect(memoryVerdict(article(1024), MNIST, limits)?.level).toBe('warn');
    expect(memoryVerdict(article(64), MNIST, limits)).toBeNull();
  });

  it('any backend warns when the step needs more than half the memory the browser says the machine has', () => {
    const cpu = memoryVerdict(article(256), MNIST, { backend: 'cpu', deviceMemoryBytes: 2 ** 30 })!;
    expect(cpu.level).toBe('warn');
    expect(englishText(cpu.message)).toContain('more than half the 1.07 GB of memory the browser says this machine has');
    const gpu = memoryVerdict(article(256), MNIST, { backend: 'webgpu', maxBufferBytes: 2 ** 31, deviceMemoryBytes: 2 ** 30 })!;
    expect(englishText(gpu.message)).toContain('the browser does not say how much the GPU has');
    expect(memoryVerdict(article(256), MNIST, { backend: 'cpu', deviceMemoryBytes: 8 * 2 ** 30 })).toBeNull();
  });
});

describe('what the check leaves alone', () => {
  it('says nothing about a config validation refuses anyway, and never throws on bad input', () => {
    for (const batchSize of [Number.NaN, 0, -3, 1.5]) expect(memoryVerdict(article(batchSize), MNIST, WASM)).toBeNull();
    // AlexNet 2012 cannot take 28x28 images: the network setting says so, not the memory check
    expect(memoryVerdict(article(64, { model: 'alexnet2012' }), MNIST, WASM)).toBeNull();
    expect(memoryVerdict(article(64), MNIST, { backend: 'wasm' })).toBeNull(); // no limits known
  });

  it('says when not even one image fits', () => {
    const v = memoryVerdict(article(2), MNIST, { backend: 'webgpu', maxBufferBytes: 1000 })!;
    expect([v.level, v.fits]).toEqual(['refuse', 0]);
    expect(englishText(v.message)).toContain('Not even a batch of 1 fits');
  });

  it('writes bytes as the model summary does', () => {
    expect([formatBytes(4_294_901_760), formatBytes(341_000_000), formatBytes(7_800)]).toEqual(['4.29 GB', '341 MB', '7.8 kB']);
  });
});
