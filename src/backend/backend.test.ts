import { describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import {
  chooseBackend,
  classifyWebGLRenderer,
  classifyWebGPUAdapter,
  describeAdapter,
  isSoftwareAdapter,
  isSoftwareRenderer,
  onGpuFailure,
  reportGpuFailure,
  softwareRendererName,
  type BackendName,
  type ChooseBackendDeps,
  type DeviceProbe,
} from './backend';

// Strings as browsers report them.
const SWIFTSHADER_GL =
  'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)';
const LLVMPIPE_GL = 'llvmpipe (LLVM 15.0.6, 256 bits)';
const BASIC_RENDER_GL = 'ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0, D3D11)';
const NVIDIA_GL = 'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 (0x00002504) Direct3D11 vs_5_0 ps_5_0, D3D11)';
const INTEL_GL = 'ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)';
const APPLE_GL = 'ANGLE (Apple, ANGLE Metal Renderer: Apple M1, Unspecified Version)';

describe('renderer / adapter classification', () => {
  test('software WebGL renderers are recognised', () => {
    expect(isSoftwareRenderer(SWIFTSHADER_GL)).toBe(true);
    expect(softwareRendererName(SWIFTSHADER_GL)).toBe('SwiftShader');
    expect(isSoftwareRenderer('Google SwiftShader')).toBe(true);
    expect(softwareRendererName(LLVMPIPE_GL)).toBe('llvmpipe');
    expect(softwareRendererName(BASIC_RENDER_GL)).toBe('Microsoft Basic Render Driver');
    expect(isSoftwareRenderer('Software Rasterizer')).toBe(true);
  });

  test('hardware WebGL renderers are not', () => {
    for (const r of [NVIDIA_GL, INTEL_GL, APPLE_GL, 'Mali-G78', 'Adreno (TM) 650']) {
      expect(isSoftwareRenderer(r), r).toBe(false);
    }
    expect(isSoftwareRenderer('')).toBe(false);
    expect(isSoftwareRenderer(null)).toBe(false);
  });

  test('a WebGL context refused with failIfMajorPerformanceCaveat counts as software', () => {
    expect(classifyWebGLRenderer(NVIDIA_GL, false)).toMatchObject({ software: false });
    expect(classifyWebGLRenderer('Generic Renderer', true)).toMatchObject({ software: true });
    expect(classifyWebGLRenderer(SWIFTSHADER_GL)).toMatchObject({ software: true, softwareName: 'SwiftShader' });
  });

  test('describeAdapter names an adapter from whatever fields it has', () => {
    expect(describeAdapter({ vendor: 'google', architecture: 'swiftshader', description: 'SwiftShader Device (Subzero)' }))
      .toBe('google swiftshader (SwiftShader Device (Subzero))');
    expect(describeAdapter({ vendor: 'nvidia', architecture: 'ampere', device: '', description: '' })).toBe('nvidia ampere');
    expect(describeAdapter({ vendor: 'apple', description: 'apple M1' })).toBe('apple M1');
    expect(describeAdapter({ vendor: '', architecture: '', description: '' })).toBe('an unnamed GPU adapter');
    expect(describeAdapter(undefined)).toBe('an unnamed GPU adapter');
  });

  test('WebGPU adapters: fallback flag or SwiftShader names mean software', () => {
    expect(isSoftwareAdapter({ vendor: 'google', architecture: 'swiftshader' })).toBe(true);
    expect(isSoftwareAdapter({ vendor: 'google', architecture: '', description: 'SwiftShader Device (Subzero)' })).toBe(true);
    expect(isSoftwareAdapter({ vendor: '', architecture: '' }, true)).toBe(true); // adapter.isFallbackAdapter
    expect(isSoftwareAdapter({ vendor: 'x', isFallbackAdapter: true })).toBe(true); // adapter.info.isFallbackAdapter
    expect(isSoftwareAdapter({ vendor: 'mesa', description: 'llvmpipe (LLVM 15)' })).toBe(true);
    expect(isSoftwareAdapter({ vendor: 'nvidia', architecture: 'ampere' })).toBe(false);
    expect(isSoftwareAdapter({ vendor: 'intel', architecture: 'gen-12lp' }, false)).toBe(false);
    expect(classifyWebGPUAdapter({ vendor: 'google', architecture: 'swiftshader' }, true)).toMatchObject({
      software: true,
      softwareName: 'SwiftShader',
    });
  });
});

// ---------------------------------------------------------------------------------------------------------

const hardwareGpu: DeviceProbe = { available: true, description: 'nvidia ampere', software: false, softwareName: null };
const swiftShaderGpu: DeviceProbe = classifyWebGPUAdapter({ vendor: 'google', architecture: 'swiftshader' }, true);
const hardwareGl = classifyWebGLRenderer(NVIDIA_GL);
const swiftShaderGl = classifyWebGLRenderer(SWIFTSHADER_GL);
const noGpu: DeviceProbe = { available: false, why: 'WebGPU: this browser does not offer WebGPU here' };
const noGl: DeviceProbe = { available: false, why: 'WebGL: WebGL2 is not available' };

function fakeDeps(
  gpu: DeviceProbe,
  gl: DeviceProbe,
  works: Partial<Record<BackendName, boolean>> = {},
): ChooseBackendDeps & { activated: { name: BackendName; allowSoftware: boolean }[] } {
  const activated: { name: BackendName; allowSoftware: boolean }[] = [];
  return {
    activated,
    probeWebGPU: async () => gpu,
    probeWebGL: async () => gl,
    activate: async (name, { allowSoftware }) => {
      activated.push({ name, allowSoftware });
      return works[name] === false ? { ok: false, error: `${name} exploded` } : { ok: true };
    },
  };
}

describe('chooseBackend decisions (injected probes)', () => {
  test('the WASM reason says how many threads it runs on', async () => {
    const deps = fakeDeps(noGpu, noGl);
    deps.activate = async () => ({ ok: true, detail: '2 threads, one per CPU core' });
    const r = await chooseBackend('auto', new Set(), deps);
    expect(r.backend).toBe('wasm');
    expect(r.reason).toMatch(/^WASM \(WebAssembly with SIMD on the CPU, 2 threads, one per CPU core\): no hardware GPU/);
  });

  test('auto on a hardware GPU takes WebGPU', async () => {
    const deps = fakeDeps(hardwareGpu, hardwareGl);
    const r = await chooseBackend('auto', new Set(), deps);
    expect(r.backend).toBe('webgpu');
    expect(r.adapter).toBe('nvidia ampere');
    expect(r.skipped).toEqual([]);
    expect(r.reason).toMatch(/hardware GPU/);
  });

  test('auto with only SwiftShader (headless Chromium) takes WASM and says why the GPUs were skipped', async () => {
    const deps = fakeDeps(swiftShaderGpu, swiftShaderGl);
    const r = await chooseBackend('auto', new Set(), deps);
    expect(r.backend).toBe('wasm');
    expect(deps.activated.map((a) => a.name)).toEqual(['wasm']); // never even started the slow ones
    expect(r.skipped.map((s) => s.backend)).toEqual(['webgpu', 'webgl']);
    expect(r.skipped[0].why).toMatch(/^WebGPU: only a software adapter \(SwiftShader\).*slower than WASM/);
    expect(r.skipped[1].why).toMatch(/^WebGL: only a software renderer \(SwiftShader\).*slower than WASM/);
    expect(r.adapter).toBeUndefined();
  });

  test('auto: no WebGPU but a hardware WebGL renderer takes WebGL', async () => {
    const r = await chooseBackend('auto', new Set(), fakeDeps(noGpu, hardwareGl));
    expect(r.backend).toBe('webgl');
    expect(r.adapter).toBe(NVIDIA_GL);
    expect(r.skipped).toEqual([{ backend: 'webgpu', why: noGpu.why }]);
  });

  test('auto: a hardware WebGPU adapter on which tfjs fails falls to the next', async () => {
    const r = await chooseBackend('auto', new Set(), fakeDeps(hardwareGpu, noGl, { webgpu: false }));
    expect(r.backend).toBe('wasm');
    expect(r.skipped[0].why).toMatch(/WebGPU: found nvidia ampere, but TensorFlow.js could not start on it \(webgpu exploded\)/);
    expect(r.skipped[1].why).toBe(noGl.why);
  });

  test('auto: WASM failing ends on CPU', async () => {
    const r = await chooseBackend('auto', new Set(), fakeDeps(noGpu, noGl, { wasm: false }));
    expect(r.backend).toBe('cpu');
    expect(r.skipped.map((s) => s.backend)).toEqual(['webgpu', 'webgl', 'wasm']);
    expect(r.skipped[2].why).toMatch(/^WASM: .*wasm exploded/);
  });

  test('forced WebGPU runs on SwiftShader, and the reason warns it is slow', async () => {
    const deps = fakeDeps(swiftShaderGpu, swiftShaderGl);
    const r = await chooseBackend('webgpu', new Set(), deps);
    expect(r.backend).toBe('webgpu');
    expect(r.reason).toMatch(/as you asked/);
    expect(r.reason).toMatch(/software adapter \(SwiftShader\)/);
    expect(r.reason).toMatch(/slower than WASM/);
    expect(deps.activated).toEqual([{ name: 'webgpu', allowSoftware: true }]);
  });

  test('forced WebGL on SwiftShader is allowed to start on the software renderer', async () => {
    const deps = fakeDeps(swiftShaderGpu, swiftShaderGl);
    const r = await chooseBackend('webgl', new Set(), deps);
    expect(r.backend).toBe('webgl');
    expect(r.reason).toMatch(/software renderer \(SwiftShader\)/);
    expect(deps.activated).toEqual([{ name: 'webgl', allowSoftware: true }]);
  });

  test('forced WebGPU that cannot start falls back down the list with auto rules (skips software WebGL)', async () => {
    const r = await chooseBackend('webgpu', new Set(), fakeDeps(noGpu, swiftShaderGl));
    expect(r.backend).toBe('wasm');
    expect(r.reason).toMatch(/^WebGPU was requested but cannot be used — this browser does not offer WebGPU here\. Using WASM/);
    expect(r.skipped.map((s) => s.backend)).toEqual(['webgpu', 'webgl']);
  });

  test('forced WASM that fails falls back to CPU, never up to a GPU', async () => {
    const deps = fakeDeps(hardwareGpu, hardwareGl, { wasm: false });
    const r = await chooseBackend('wasm', new Set(), deps);
    expect(r.backend).toBe('cpu');
    expect(deps.activated.map((a) => a.name)).toEqual(['wasm', 'cpu']);
    expect(r.reason).toMatch(/^WASM was requested but cannot be used/);
  });

  test('forced CPU', async () => {
    const r = await chooseBackend('cpu', new Set(), fakeDeps(hardwareGpu, hardwareGl));
    expect(r).toMatchObject({ backend: 'cpu', skipped: [] });
    expect(r.reason).toMatch(/as you asked/);
  });

  test('excluded (failed earlier) backends are skipped, even when forced', async () => {
    const deps = fakeDeps(hardwareGpu, hardwareGl);
    const auto = await chooseBackend('auto', new Set(['webgpu']), deps);
    expect(auto.backend).toBe('webgl');
    expect(auto.skipped[0]).toMatchObject({ backend: 'webgpu', why: expect.stringMatching(/failed earlier/) });
    const forced = await chooseBackend('webgpu', new Set(['webgpu']), deps);
    expect(forced.backend).toBe('webgl');
    expect(forced.reason).toMatch(/^WebGPU was requested but cannot be used — it failed earlier/);
    expect(deps.activated.map((a) => a.name)).toEqual(['webgl', 'webgl']);
  });

  test('a probe that throws is reported, not fatal', async () => {
    const deps = fakeDeps(hardwareGpu, hardwareGl);
    deps.probeWebGPU = async () => {
      throw new Error('boom\nstack');
    };
    const r = await chooseBackend('auto', new Set(), deps);
    expect(r.backend).toBe('webgl');
    expect(r.skipped[0].why).toBe('WebGPU: checking for it failed (boom)');
  });

  test('throws when nothing at all starts', async () => {
    await expect(
      chooseBackend('auto', new Set(), fakeDeps(noGpu, noGl, { wasm: false, cpu: false })),
    ).rejects.toThrow(/No TensorFlow.js backend could start/);
  });
});

describe('in Node, with the real probes', () => {
  test('auto: no WebGPU/WebGL in Node, so WASM — with the Conv2DBackpropFilter kernel registered', async () => {
    const r = await chooseBackend('auto');
    expect(r.backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(r.skipped.map((s) => s.backend)).toEqual(['webgpu', 'webgl']);
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
    // a conv weight gradient works on the chosen backend
    const x = tf.ones([1, 4, 4, 1]) as tf.Tensor4D;
    const g = tf.grad((w: tf.Tensor) => tf.conv2d(x, w as tf.Tensor4D, 1, 'valid').sum())(tf.ones([3, 3, 1, 2]));
    expect(Array.from(await g.data())).toEqual(new Array(18).fill(4));
    tf.dispose([x, g]);
  });

  test('forced WebGPU in Node falls back to WASM with a reason', async () => {
    const r = await chooseBackend('webgpu');
    expect(r.backend).toBe('wasm');
    expect(r.reason).toMatch(/^WebGPU was requested but cannot be used/);
  });

  test('forced CPU', async () => {
    const r = await chooseBackend('cpu');
    expect(r.backend).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });
});

describe('onGpuFailure', () => {
  test('reports once per choice, only for the active backend, and unsubscribes', async () => {
    await chooseBackend('cpu');
    const messages: string[] = [];
    const off = onGpuFailure((m, backend) => {
      expect(backend).toBe('cpu');
      messages.push(m);
    });
    reportGpuFailure('webgpu', 'not active'); // cpu is active: ignored
    expect(messages).toEqual([]);
    reportGpuFailure('cpu', 'first');
    reportGpuFailure('cpu', 'second'); // once per choice
    expect(messages).toEqual(['first']);
    await chooseBackend('cpu'); // a new choice re-arms it
    reportGpuFailure('cpu', 'third');
    expect(messages).toEqual(['first', 'third']);
    off();
    await chooseBackend('cpu');
    reportGpuFailure('cpu', 'after unsubscribe');
    expect(messages).toEqual(['first', 'third']);
  });
});
