/**
 * Which backend trains and why (src/backend/ sends these as messages from the Worker), and the page's line about it.
 * {{backend}} is a short backend name (WebGPU, WebGL, WASM, CPU); {{device}} a GPU adapter or WebGL renderer as the
 * browser names it.
 */
export const backend = {
  choosing: 'Choosing a backend…',
  runsOn: 'Training runs on <name>{{name}}</name> in a Web Worker.',
  whyNot: 'Why not a faster backend?',
  /** A skipped backend: its name, then why. */
  labelled: '{{backend}}: {{why}}',
  withError: '{{text}} ({{error}})',
  list: '{{first}}; {{rest}}',
  noneStarted: 'No TensorFlow.js backend could start: {{reasons}}',
  reason: {
    /** The reason as the page shows it, a sentence of its own. */
    sentence: '{{reason}}.',
    hardware: '{{backend}} on {{device}}: a hardware GPU, the fastest choice here',
    forced: '{{backend}} on {{device}}, as you asked',
    forcedSoftware:
      '{{backend}}, as you asked — but {{device}} is a software {{what}} ({{software}}) that imitates a GPU on the CPU: expect it to be {{slowdown}}',
    wasm: 'WASM (WebAssembly with SIMD on the CPU)',
    wasmThreads: 'WASM (WebAssembly with SIMD on the CPU, {{threads}})',
    wasmAuto: '{{wasm}}: no hardware GPU is available here, and WASM is the fastest way to train on the CPU',
    wasmForced: '{{wasm}}, as you asked',
    cpuForced: 'CPU (plain JavaScript), as you asked — the slowest backend, useful as a reference',
    cpuLast: 'CPU (plain JavaScript, the slowest backend): every faster backend failed to start',
    fallback: '{{requested}} was requested but cannot be used — {{failure}}. Using {{result}}',
  },
  /** Why a backend was skipped (after its name). */
  why: {
    failedEarlier: 'it failed earlier in this session (the GPU stopped working), so it is not used again',
    checkFailed: 'checking for it failed ({{error}})',
    softwareOnly: 'only a software {{what}} ({{software}}) — it imitates a GPU on the CPU, {{slowdown}}',
    tfjsFailed: 'found {{device}}, but TensorFlow.js could not start on it',
    wasmFailed: 'the WebAssembly files could not be loaded or started',
    notStarted: 'could not start',
    noWebGPU: 'this browser does not offer WebGPU here (it needs a recent Chrome or Edge; elsewhere it may be switched off)',
    requestFailed: 'asking the browser for a GPU failed ({{error}})',
    noAdapter: 'the browser found no usable GPU adapter (the GPU or its driver may be blocked, or WebGPU is off)',
    noOffscreenCanvas: 'this browser cannot use WebGL inside a Web Worker (it has no OffscreenCanvas)',
    noWebGL2: 'WebGL2 is not available (the browser would not create a WebGL2 context; the GPU may be blocked)',
    contextFailed: 'creating a WebGL2 context failed ({{error}})',
    initFailed: 'initialisation failed',
    selfTestWrong: 'a test calculation gave [{{got}}] instead of [{{want}}]',
    selfTestFailed: 'a test calculation failed ({{error}})',
  },
  slowdown: 'about 100 to 200 times slower than WASM on the machine we measured',
  device: {
    adapter: 'adapter',
    renderer: 'renderer',
    unnamedAdapter: 'an unnamed GPU adapter',
    unnamedRenderer: 'an unnamed WebGL renderer',
    fallbackAdapter: 'a fallback (software) adapter',
    softwareRendering: 'software rendering',
  },
  /** WASM's threads (src/backend/wasm-threads.ts). */
  threads: {
    count_one: 'one thread',
    count_other: '{{count}} threads',
    perCore: '{{threads}}, one per CPU core',
    planned: '{{threads}} ({{planned}} planned)',
    limited: '{{threads}} ({{limit}})',
    notIsolated:
      'one thread: this page is not cross-origin isolated (its server sends no COOP/COEP headers), and browsers allow WebAssembly threads only on isolated pages',
    poolCap: 'the most tfjs-backend-wasm starts; this device has {{cores}} cores',
  },
  /** A GPU backend failing mid-run (src/backend/gpu-failure.ts). */
  failure: {
    webgpuError: 'WebGPU error: {{error}} — results may be zeros',
    unknownGpuError: 'unknown GPU error',
    deviceLost: 'The GPU device was lost',
    deviceLostBecause: 'The GPU device was lost: {{detail}}',
    deviceLostSimulated: 'The GPU device was lost (simulated)',
    contextLost: 'The WebGL context was lost (the browser or the GPU driver reset it)',
  },
};
