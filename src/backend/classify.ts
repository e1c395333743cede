/**
 * What a browser reports about its GPU, classified: a hardware GPU, or a software imitation of one (SwiftShader,
 * llvmpipe, ...) that computes correctly on the CPU but far slower than WASM, so automatic choice never takes it.
 * Pure: unit-tested with the strings browsers really report. Names are the browser's own; where we have to describe
 * a device in words, the description is a message (the page says it in its language).
 */
import { msg, type Message } from '../i18n/message';

/** A device's name as the browser reports it, or our words for it. */
export type DeviceName = string | Message;

const SOFTWARE_RENDERERS: readonly [RegExp, DeviceName][] = [
  [/swift\s*shader/i, 'SwiftShader'],
  [/llvmpipe/i, 'llvmpipe'],
  [/lavapipe/i, 'lavapipe'],
  [/softpipe/i, 'softpipe'],
  [/basic render/i, 'Microsoft Basic Render Driver'],
  [/software/i, msg('backend.device.softwareRendering')],
];

/** The software renderer's name ('SwiftShader', 'llvmpipe', ...) when `name` is one, else null. */
export function softwareRendererName(name: string | null | undefined): DeviceName | null {
  if (!name) return null;
  for (const [pattern, label] of SOFTWARE_RENDERERS) if (pattern.test(name)) return label;
  return null;
}

/** True for a WebGL renderer / GPU name that is a CPU imitation of a GPU (SwiftShader, llvmpipe, ...). */
export function isSoftwareRenderer(name: string | null | undefined): boolean {
  return softwareRendererName(name) != null;
}

/** What `GPUAdapter.info` holds (all optional: browsers fill in different parts, some none). */
export interface GpuAdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}

/** A short human name for a WebGPU adapter, e.g. "google swiftshader (SwiftShader Device (Subzero))". */
export function describeAdapter(info: GpuAdapterInfoLike | null | undefined): DeviceName {
  if (!info) return msg('backend.device.unnamedAdapter');
  const head = [info.vendor, info.architecture]
    .map((s) => (s ?? '').trim())
    .filter(Boolean)
    .join(' ');
  const detail = (info.description ?? '').trim() || (info.device ?? '').trim();
  if (head && detail && !detail.toLowerCase().includes(head.toLowerCase())) return `${head} (${detail})`;
  return detail || head || msg('backend.device.unnamedAdapter');
}

/** A WebGPU adapter is software when the browser says so (fallback adapter) or its names say so. */
export function isSoftwareAdapter(info: GpuAdapterInfoLike | null | undefined, isFallbackAdapter = false): boolean {
  return adapterSoftwareName(info, isFallbackAdapter) != null;
}

function adapterSoftwareName(info: GpuAdapterInfoLike | null | undefined, isFallbackAdapter: boolean): DeviceName | null {
  for (const field of [info?.architecture, info?.description, info?.device, info?.vendor]) {
    const name = softwareRendererName(field);
    if (name) return name;
  }
  return isFallbackAdapter || info?.isFallbackAdapter ? msg('backend.device.fallbackAdapter') : null;
}

/** What a probe found: nothing usable (and why, naming the backend), or a device that may be software. */
export type DeviceProbe =
  { available: false; why: Message } | { available: true; description: DeviceName; software: boolean; softwareName: DeviceName | null };

/** Classifies what a WebGPU adapter reports. */
export function classifyWebGPUAdapter(info: GpuAdapterInfoLike | null | undefined, isFallbackAdapter = false): DeviceProbe {
  const softwareName = adapterSoftwareName(info, isFallbackAdapter);
  return { available: true, description: describeAdapter(info), software: softwareName != null, softwareName };
}

/**
 * Classifies a WebGL renderer string. `majorPerformanceCaveat`: the browser refused a context with
 * `failIfMajorPerformanceCaveat` (it does that for software rendering), which counts as software too.
 */
export function classifyWebGLRenderer(renderer: string, majorPerformanceCaveat = false): DeviceProbe {
  const name = softwareRendererName(renderer) ?? (majorPerformanceCaveat ? msg('backend.device.softwareRendering') : null);
  return { available: true, description: renderer || msg('backend.device.unnamedRenderer'), software: name != null, softwareName: name };
}

/** The first line of an error's message: what a reason quotes (stacks and details stay in the console). */
export function errorLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n')[0].trim();
}
