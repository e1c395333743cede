/** Why a setting's value cannot be used ({{setting}} is the setting's name). */
export const validation = {
  notANumber: '{{setting}} must be a number.',
  notWhole: '{{setting}} must be a whole number.',
  range: '{{setting}} must be {{low}} and {{high}} (got {{value}}).',
  atLeast: 'at least {{min}}',
  moreThan: 'more than {{min}}',
  atMost: 'at most {{max}}',
  lessThan: 'less than {{max}}',
  notOnOff: '{{setting}} must be on or off.',
  unknownChoice: '{{setting}}: unknown choice "{{value}}".',
  batchOverData: 'Batch size must not exceed the {{images}} training images.',
  unreadable: '{{setting}}: cannot read "{{value}}".',
  urlFallback: '{{problem}} Using the default, {{fallback}}.',
  urlUnknown: 'Ignored unknown URL setting "{{key}}".',
  /** Whether a training step fits in what the backend can hold (src/model/memory-fit.ts); {{advice}} ends each. */
  memory: {
    wasmRefuse:
      'At batch {{batch}} a training step needs about {{need}}, and on WASM 15–20% more: more than the {{limit}} WebAssembly memory can hold. {{advice}}',
    wasmWarn:
      'At batch {{batch}} a training step needs about {{need}}, and on WASM 15–20% more: close to the {{limit}} WebAssembly memory can hold, so it may not fit. {{advice}}',
    bufferRefuse:
      'At batch {{batch}} the largest tensor of a training step takes {{tensor}}, more than the largest buffer this GPU allows ({{limit}}). {{advice}}',
    textureRefuse:
      'At batch {{batch}} the largest tensor of a training step takes {{tensor}}, more than one WebGL texture of this GPU holds ({{size}}×{{size}} pixels of four values, {{limit}}). {{advice}}',
    textureWarn:
      'At batch {{batch}} the largest tensor of a training step takes {{tensor}}, more than one WebGL texture of this GPU holds unpacked ({{size}}×{{size}} values, {{limit}}), so it may not fit. {{advice}}',
    machineWarn:
      'At batch {{batch}} a training step needs about {{need}} on {{backend}}, more than half the {{device}} of memory the browser says this machine has, so it may not fit. {{advice}}',
    machineWarnGpu:
      'At batch {{batch}} a training step needs about {{need}} on {{backend}}, more than half the {{device}} of memory the browser says this machine has; the browser does not say how much the GPU has, so it may not fit. {{advice}}',
    fits: 'A batch of {{fits}} or less fits.',
    roomy: 'A batch of {{fits}} or less leaves room to spare.',
    noBatchFits: 'Not even a batch of 1 fits: choose a smaller network or width.',
  },
};
