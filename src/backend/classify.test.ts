import { describe, expect, test } from 'vitest';
import { englishText } from '../i18n/message';
import {
  classifyWebGLRenderer,
  classifyWebGPUAdapter,
  describeAdapter,
  isSoftwareAdapter,
  isSoftwareRenderer,
  softwareRendererName,
  type DeviceName,
} from './classify';
import { APPLE_GL, BASIC_RENDER_GL, INTEL_GL, LLVMPIPE_GL, NVIDIA_GL, SWIFTSHADER_GL } from './renderer-strings.test-data';

/** A device as an English reader sees it: the browser's name, or our words when it gave none. */
const named = (n: DeviceName) => (typeof n === 'string' ? n : englishText(n));

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
    expect(describeAdapter({ vendor: 'google', architecture: 'swiftshader', description: 'SwiftShader Device (Subzero)' })).toBe(
      'google swiftshader (SwiftShader Device (Subzero))',
    );
    expect(describeAdapter({ vendor: 'nvidia', architecture: 'ampere', device: '', description: '' })).toBe('nvidia ampere');
    expect(describeAdapter({ vendor: 'apple', description: 'apple M1' })).toBe('apple M1');
    expect(named(describeAdapter({ vendor: '', architecture: '', description: '' }))).toBe('an unnamed GPU adapter');
    expect(named(describeAdapter(undefined))).toBe('an unnamed GPU adapter');
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
