/**
 * What a browser reports about its GPU, classified: a hardware GPU, or a software imitation of one (SwiftShader,
 * llvmpipe, ...) that computes correctly on the CPU but far slower than WASM, so automatic choice never takes it.
 * Pure: unit-tested with the strings browsers really report.
 */

const SOFTWARE_RENDERERS: readonly [RegExp, string][] = [
  [/swift\s*shader/i, 'SwiftShader'],
  [/llvmpipe/i, 'llvmpipe'],
  [/lavapipe/i, 'lavapipe'],
  [/softpipe/i, 'softpipe'],
  [/basic render/i, 'Microsoft Basic Render Driver'],
  [/software/i, 'software rendering'],
];

/** The software renderer's name ('SwiftShader', 'llvmpipe', ...) when `name` is one, else null. */
export function softwareRendererName(name: string | null | undefined): string | null {
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
export function describeAdapter(info: GpuAdapterInfoLike | null | undefined): string {
  if (!info) return 'an unnamed GPU adapter';
  const head = [info.vendor, info.architecture]
    .map((s) => (s ?? '').trim())
    .filter(Boolean)
    .join(' ');
  const detail = (info.description ?? '').trim() || (info.device ?? '').trim();
  if (head && detail && !detail.toLowerCase().includes(head.toLowerCase())) return `${head} (${detail})`;
  return detail || head || 'an unnamed GPU adapter';
}

/** A WebGPU adapter is software when the browser says so (fallback adapter) or its names say so. */
export function isSoftwareAdapter(info: GpuAdapterInfoLike | null | undefined, isFallbackAdapter = false): boolean {
  return adapterSoftwareName(info, isFallbackAdapter) != null;
}

function adapterSoftwareName(info: GpuAdapterInfoLike | null | undefined, isFallbackAdapter: boolean): string | null {
  for (const field of [info?.architecture, info?.description, info?.device, info?.vendor]) {
    const name = softwareRendererName(field);
    if (name) return name;
  }
  return isFallbackAdapter || info?.isFallbackAdapter ? 'a fallback (software) adapter' : null;
}

/** What a probe found: nothing usable (and why), or a device that may be software. */
export type DeviceProbe =
  { available: false; why: string } | { available: true; description: string; software: boolean; softwareName: string | null };

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
  const name = softwareRendererName(renderer) ?? (majorPerformanceCaveat ? 'software rendering' : null);
  return { available: true, description: renderer || 'an unnamed WebGL renderer', software: name != null, softwareName: name };
}

/** The first line of an error's message: what a reason quotes (stacks and details stay in the console). */
export function errorLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n')[0].trim();
}
