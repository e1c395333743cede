/**
 * Asks the browser what GPU it offers, without starting tfjs: a WebGPU adapter, a WebGL2 renderer. Runs in the
 * training Worker, so it uses only what a WorkerGlobalScope has (navigator.gpu, OffscreenCanvas), no DOM.
 */
import { msg } from '../i18n/message';
import { labelled } from './choose';
import { classifyWebGLRenderer, classifyWebGPUAdapter, errorLine, type DeviceProbe, type GpuAdapterInfoLike } from './classify';

function adapterInfoOf(adapter: GPUAdapter): Promise<GpuAdapterInfoLike> | GpuAdapterInfoLike {
  const a = adapter as GPUAdapter & { info?: GpuAdapterInfoLike; requestAdapterInfo?: () => Promise<GpuAdapterInfoLike> };
  if (a.info) return a.info;
  if (typeof a.requestAdapterInfo === 'function') return a.requestAdapterInfo();
  return {};
}

export async function probeWebGPU(): Promise<DeviceProbe> {
  const gpu = (globalThis.navigator as (Navigator & { gpu?: GPU }) | undefined)?.gpu;
  if (!gpu) {
    return { available: false, why: labelled('webgpu', msg('backend.why.noWebGPU')) };
  }
  let adapter: GPUAdapter | null;
  try {
    // the same request tfjs-backend-webgpu makes
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (e) {
    return { available: false, why: labelled('webgpu', msg('backend.why.requestFailed', { error: errorLine(e) })) };
  }
  if (!adapter) {
    return { available: false, why: labelled('webgpu', msg('backend.why.noAdapter')) };
  }
  let info: GpuAdapterInfoLike = {};
  try {
    info = await adapterInfoOf(adapter);
  } catch {
    // names unavailable: classify by isFallbackAdapter alone
  }
  const isFallback = (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter === true;
  return classifyWebGPUAdapter(info, isFallback);
}

export async function probeWebGL(): Promise<DeviceProbe> {
  if (typeof OffscreenCanvas === 'undefined') {
    return { available: false, why: labelled('webgl', msg('backend.why.noOffscreenCanvas')) };
  }
  const contexts: WebGL2RenderingContext[] = [];
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2') as WebGL2RenderingContext | null;
    if (!gl) {
      return { available: false, why: labelled('webgl', msg('backend.why.noWebGL2')) };
    }
    contexts.push(gl);
    const debugInfo = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String((debugInfo ? gl.getParameter(debugInfo.UNMASKED_RENDERER_WEBGL) : null) ?? gl.getParameter(gl.RENDERER) ?? '');
    // Browsers refuse this for software rendering; tfjs asks for it too unless SOFTWARE_WEBGL_ENABLED.
    const strict = new OffscreenCanvas(1, 1).getContext('webgl2', { failIfMajorPerformanceCaveat: true }) as WebGL2RenderingContext | null;
    if (strict) contexts.push(strict);
    return classifyWebGLRenderer(renderer, strict == null);
  } catch (e) {
    return { available: false, why: labelled('webgl', msg('backend.why.contextFailed', { error: errorLine(e) })) };
  } finally {
    for (const gl of contexts) gl.getExtension('WEBGL_lose_context')?.loseContext();
  }
}
