import { describe, expect, test } from 'vitest';
import { englishText, msg } from '../i18n/message';
import { textIn } from '../i18n/text';
import { chooseBackend, labelled, type BackendInfo, type ChooseBackendDeps } from './choose';
import { classifyWebGLRenderer, classifyWebGPUAdapter, type DeviceProbe } from './classify';
import type { BackendName } from './names';
import { NVIDIA_GL, SWIFTSHADER_GL } from './renderer-strings.test-data';

const hardwareGpu: DeviceProbe = { available: true, description: 'nvidia ampere', software: false, softwareName: null };
const swiftShaderGpu: DeviceProbe = classifyWebGPUAdapter({ vendor: 'google', architecture: 'swiftshader' }, true);
const hardwareGl = classifyWebGLRenderer(NVIDIA_GL);
const swiftShaderGl = classifyWebGLRenderer(SWIFTSHADER_GL);
const noGpu: DeviceProbe = { available: false, why: labelled('webgpu', msg('backend.why.noWebGPU')) };
const noGl: DeviceProbe = { available: false, why: labelled('webgl', msg('backend.why.noWebGL2')) };

/** The reason and the skip reasons as an English reader sees them. */
const reason = (r: BackendInfo) => englishText(r.reason);
const why = (r: BackendInfo, i: number) => englishText(r.skipped[i].why);

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
    deps.activate = async () => ({
      ok: true,
      detail: msg('backend.threads.perCore', { threads: msg('backend.threads.count', { count: 2 }) }),
    });
    const r = await chooseBackend('auto', deps);
    expect(r.backend).toBe('wasm');
    expect(reason(r)).toMatch(/^WASM \(WebAssembly with SIMD on the CPU, 2 threads, one per CPU core\): no hardware GPU/);
  });

  test('auto on a hardware GPU takes WebGPU', async () => {
    const deps = fakeDeps(hardwareGpu, hardwareGl);
    const r = await chooseBackend('auto', deps);
    expect(r.backend).toBe('webgpu');
    expect(r.adapter).toBe('nvidia ampere');
    expect(r.skipped).toEqual([]);
    expect(reason(r)).toMatch(/hardware GPU/);
  });

  test('auto with only SwiftShader (headless Chromium) takes WASM and says why the GPUs were skipped', async () => {
    const deps = fakeDeps(swiftShaderGpu, swiftShaderGl);
    const r = await chooseBackend('auto', deps);
    expect(r.backend).toBe('wasm');
    expect(deps.activated.map((a) => a.name)).toEqual(['wasm']); // never even started the slow ones
    expect(r.skipped.map((s) => s.backend)).toEqual(['webgpu', 'webgl']);
    expect(why(r, 0)).toMatch(/^WebGPU: only a software adapter \(SwiftShader\).*slower than WASM/);
    expect(why(r, 1)).toMatch(/^WebGL: only a software renderer \(SwiftShader\).*slower than WASM/);
    expect(r.adapter).toBeUndefined();
  });

  test('auto: no WebGPU but a hardware WebGL renderer takes WebGL', async () => {
    const r = await chooseBackend('auto', fakeDeps(noGpu, hardwareGl));
    expect(r.backend).toBe('webgl');
    expect(r.adapter).toBe(NVIDIA_GL);
    expect(r.skipped).toEqual([{ backend: 'webgpu', why: noGpu.why }]);
  });

  test('auto: a hardware WebGPU adapter on which tfjs fails falls to the next', async () => {
    const r = await chooseBackend('auto', fakeDeps(hardwareGpu, noGl, { webgpu: false }));
    expect(r.backend).toBe('wasm');
    expect(why(r, 0)).toMatch(/WebGPU: found nvidia ampere, but TensorFlow.js could not start on it \(webgpu exploded\)/);
    expect(r.skipped[1].why).toEqual(noGl.why);
  });

  test('auto: WASM failing ends on CPU', async () => {
    const r = await chooseBackend('auto', fakeDeps(noGpu, noGl, { wasm: false }));
    expect(r.backend).toBe('cpu');
    expect(r.skipped.map((s) => s.backend)).toEqual(['webgpu', 'webgl', 'wasm']);
    expect(why(r, 2)).toMatch(/^WASM: .*wasm exploded/);
  });

  test('forced WebGPU runs on SwiftShader, and the reason warns it is slow', async () => {
    const deps = fakeDeps(swiftShaderGpu, swiftShaderGl);
    const r = await chooseBackend('webgpu', deps);
    expect(r.backend).toBe('webgpu');
    expect(reason(r)).toMatch(/as you asked/);
    expect(reason(r)).toMatch(/software adapter \(SwiftShader\)/);
    expect(reason(r)).toMatch(/slower than WASM/);
    expect(deps.activated).toEqual([{ name: 'webgpu', allowSoftware: true }]);
  });

  test('forced WebGL on SwiftShader is allowed to start on the software renderer', async () => {
    const deps = fakeDeps(swiftShaderGpu, swiftShaderGl);
    const r = await chooseBackend('webgl', deps);
    expect(r.backend).toBe('webgl');
    expect(reason(r)).toMatch(/software renderer \(SwiftShader\)/);
    expect(deps.activated).toEqual([{ name: 'webgl', allowSoftware: true }]);
  });

  test('forced WebGPU that cannot start falls back down the list with auto rules (skips software WebGL)', async () => {
    const r = await chooseBackend('webgpu', fakeDeps(noGpu, swiftShaderGl));
    expect(r.backend).toBe('wasm');
    expect(reason(r)).toMatch(/^WebGPU was requested but cannot be used — this browser does not offer WebGPU here \(.*\)\. Using WASM/);
    expect(r.skipped.map((s) => s.backend)).toEqual(['webgpu', 'webgl']);
  });

  test('forced WASM that fails falls back to CPU, never up to a GPU', async () => {
    const deps = fakeDeps(hardwareGpu, hardwareGl, { wasm: false });
    const r = await chooseBackend('wasm', deps);
    expect(r.backend).toBe('cpu');
    expect(deps.activated.map((a) => a.name)).toEqual(['wasm', 'cpu']);
    expect(reason(r)).toMatch(/^WASM was requested but cannot be used/);
  });

  test('forced CPU', async () => {
    const r = await chooseBackend('cpu', fakeDeps(hardwareGpu, hardwareGl));
    expect(r).toMatchObject({ backend: 'cpu', skipped: [] });
    expect(reason(r)).toMatch(/as you asked/);
  });

  test('excluded (failed earlier) backends are skipped, even when forced', async () => {
    const deps = fakeDeps(hardwareGpu, hardwareGl);
    const auto = await chooseBackend('auto', deps, new Set(['webgpu']));
    expect(auto.backend).toBe('webgl');
    expect(auto.skipped[0].backend).toBe('webgpu');
    expect(why(auto, 0)).toMatch(/failed earlier/);
    const forced = await chooseBackend('webgpu', deps, new Set(['webgpu']));
    expect(forced.backend).toBe('webgl');
    expect(reason(forced)).toMatch(/^WebGPU was requested but cannot be used — it failed earlier/);
    expect(deps.activated.map((a) => a.name)).toEqual(['webgl', 'webgl']);
  });

  test('a probe that throws is reported, not fatal', async () => {
    const deps = fakeDeps(hardwareGpu, hardwareGl);
    deps.probeWebGPU = async () => {
      throw new Error('boom\nstack');
    };
    const r = await chooseBackend('auto', deps);
    expect(r.backend).toBe('webgl');
    expect(why(r, 0)).toBe('WebGPU: checking for it failed (boom)');
  });

  test('the reasons read in Chinese too, with the device names as the browser gives them', async () => {
    const r = await chooseBackend('webgpu', fakeDeps(noGpu, swiftShaderGl));
    expect(textIn('zh', r.reason)).toMatch(/^你选择了 WebGPU，但它无法使用——此浏览器在这里不提供 WebGPU.*。现在使用 WASM/);
    expect(textIn('zh', r.skipped[1].why)).toMatch(/^WebGL：只有软件渲染器（SwiftShader）——它在 CPU 上模拟 GPU/);
  });

  test('throws when nothing at all starts', async () => {
    await expect(chooseBackend('auto', fakeDeps(noGpu, noGl, { wasm: false, cpu: false }))).rejects.toThrow(
      /No TensorFlow.js backend could start/,
    );
  });
});
