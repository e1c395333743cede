/** The "Inside the network" panel: layer statistics while the network trains (issue #13). */
export const inside = {
  title: 'Inside the network',
  intro:
    'What happens inside each convolutional and fully connected layer while the network trains, measured by the training steps themselves on the first {{images}} images of their batch (what the network sees in training: dropout on).',
  definitions:
    'Saturated: a tanh output with |y| > {{tanh}}, or a sigmoid output below {{low}} or above {{high}}. There the curve is almost flat, so almost no gradient flows back through the unit. Dead: a ReLU filter (conv layer) or unit (dense layer) whose output is 0 for all of these images. It gets no gradient and stops learning.',
  every: 'Update every',
  never: 'never (fastest)',
  steps: '{{count}} steps',
  budget: '(less often if measuring and drawing would take over 1% of training time, but at least {{min}} times a run)',
  empty: 'Train a network, or run the ReLU vs tanh preset, to see inside it.',
  off: 'Switched off: choose an interval to measure the layers during the next steps.',
  waiting: 'Waiting for the first measurement.',
  probeStep: 'step {{step}}',
  layers: 'Layers, shallow to deep',
  histograms: {
    title: 'Activations per layer',
    note: 'Each strip shows how the layer’s outputs (vertical axis) are distributed over the training steps (horizontal axis), darker where more of them are; the bars on its right are the distribution now. One scale for every run: linear between −1 and 1, logarithmic beyond. Exact zeros (a ReLU switched off) are not drawn; the reading gives their share.',
    strip: 'Distribution of {{layer}}’s outputs over steps, run {{run}}',
  },
  charts: {
    title: 'Over the steps',
    units: 'Saturated and dead units',
    saturated: 'saturated {{activation}} units, per layer',
    dead: 'dead ReLU units, per layer',
    gradient: 'Size of each layer’s weight gradient ‖∇W‖ (log scale)',
    update: 'Update relative to the weights ‖ΔW‖/‖W‖ (log scale)',
    healthy: 'dashed line: 1e-3, typical of healthy training',
    steps: 'steps',
  },
  word: {
    filters: 'filters',
    units: 'units',
    linear: 'linear',
  },
  layer: '{{layer}}: {{activation}}, {{units}} {{what}}',
  reading: {
    saturatedHigh: '{{layer}}: {{share}} of {{activation}} units saturated at step {{step}} — gradients through them are almost zero.',
    saturatedSome: '{{layer}}: {{share}} of {{activation}} units saturated at step {{step}} — their gradients are damped.',
    saturatedLow: '{{layer}}: {{share}} saturated at step {{step}}; outputs mostly between {{low}} and {{high}}.',
    dead: '{{layer}}: {{dead}} of {{total}} {{what}} dead at step {{step}} — they output 0 for every image and no longer learn; {{zero}} of all outputs are 0.',
    alive:
      '{{layer}}: no dead {{what}} at step {{step}}; {{zero}} of the outputs are 0 (ReLU off), the rest mostly between {{low}} and {{high}}.',
    plain: '{{layer}}: outputs mostly between {{low}} and {{high}} at step {{step}} (mean {{mean}}).',
    unitsSaturated: '{{layer}}: {{share}} of {{activation}} units saturated at step {{step}} — gradients through them are almost zero.',
    unitsSomeSaturated: 'Most saturated: {{layer}}, {{share}} of its {{activation}} units at step {{step}} — their gradients are damped.',
    unitsFewSaturated:
      'At most {{share}} of units saturated ({{layer}}, step {{step}}): the {{activation}} units work on the sloped part of their curve.',
    unitsNoneSaturated: 'No {{activation}} units saturated at step {{step}}: they work on the sloped part of their curve.',
    unitsDead: '{{layer}}: {{share}} of its ReLU {{what}} dead at step {{step}} — they output 0 for every image and no longer learn.',
    unitsNoneDead: 'No dead ReLU units at step {{step}}: every filter and unit is on for some image.',
    unitsNone: 'Neither saturated nor dead units: these layers have no tanh, sigmoid or ReLU.',
    gradientRange: 'At step {{step}} the weight gradients range from {{low}} ({{lowLayer}}) to {{high}} ({{highLayer}}).',
    gradientShrunk:
      'At step {{step}} {{layer}}’s weight gradient is {{factor}}× smaller than at step {{first}}; they range from {{low}} ({{lowLayer}}) to {{high}} ({{highLayer}}).',
    updateLarge:
      '{{layer}}: updates are {{ratio}} of the weights at step {{step}} — large (about 1e-3 is healthy): the learning rate may be too high.',
    updateSmall:
      '{{layer}}: updates are only {{ratio}} of the weights at step {{step}} — small (about 1e-3 is healthy): this layer learns slowly.',
    updateHealthy: 'Updates are {{low}} to {{high}} of the weights at step {{step}}, near the healthy 1e-3.',
    noGradients: 'Gradients appear after the first training step.',
  },
};
