/** Why a network cannot train on a dataset's images, and what its table says about memory (src/model). */
export const networks = {
  alexNet2012Input: '{{network}} takes 227×227 images; this dataset’s are {{input}}. Pick AlexNet for small images.',
  alexNetSmallInput: '{{network}} takes images up to {{max}}×{{max}}; this dataset’s are {{input}}. Pick AlexNet 2012.',
  mapsVanish: '{{network}} shrinks {{input}} images to nothing by {{layer}}.',
  noLayerStd: 'This weight init takes each layer’s σ from the network’s source; {{network}} has none. Pick another init.',
  memory: 'Training memory at batch {{batch}} ({{optimizer}})',
  memoryHelp:
    'Weights {{weights}}, optimizer state {{state}}, gradients {{gradients}}, activations kept for the backward pass {{activations}}, largest temporary {{transient}}.',
};
