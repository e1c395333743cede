/** The training settings' names, one-line explanations and option names (src/settings.ts has their rules). */
export const settings = {
  dataset: {
    label: 'Dataset',
    help: 'Handwritten digits, photos of clothes (harder: shirts look like pullovers), CIFAR-10’s colour photos, or your own images (add them below).',
    options: {
      mnist: 'MNIST digits',
      fashion: 'Fashion-MNIST clothes',
      cifar10: 'CIFAR-10 colour photos',
    },
  },
  model: {
    label: 'Network',
    help: "The article's networks take only 28×28 digits; Figure 1's (CIFAR-10's) and AlexNet for small images take images up to 64 px, AlexNet 2012 227×227.",
    options: {
      article: 'AlexNet for MNIST (3 conv, from the article; 5.6M parameters)',
      small: 'Small (16-32-64)',
      tiny: 'Tiny (4-8-8)',
      figure1: "The paper's Figure 1 network (3 conv + 1 dense, cuda-convnet)",
      'alexnet-small': 'AlexNet for small images (5 conv + 3 dense)',
      alexnet2012: 'AlexNet 2012 (227×227, two-GPU grouped)',
    },
  },
  width: {
    label: 'Network width',
    help: "Multiplies every conv layer's filters and the hidden dense units of AlexNet (1 = the paper's 96…4096).",
    options: {
      '1/16': '1/16',
      '1/8': '1/8',
      '1/4': '1/4',
      '1/2': '1/2',
      '1': "1 (the paper's)",
    },
  },
  activation: {
    label: 'Activation',
    help: 'AlexNet used ReLU: it does not saturate, so gradients stay large and training is faster.',
    options: {
      relu: 'ReLU',
      tanh: 'tanh',
      sigmoid: 'sigmoid',
    },
  },
  init: {
    label: 'Weight init',
    help: "Scaled random weights keep signals a sensible size; the article's N(0, 1) blows up the logits.",
    options: {
      glorot: 'Glorot (default)',
      he: 'He',
      normal: 'N(0, 1), as in the article',
      'cuda-convnet': "Gaussian σ per layer from cuda-convnet's file (Figure 1)",
    },
  },
  lrn: {
    label: 'Local response norm',
    help: 'Neurons compete with neighbouring channels; in the paper it cut top-1 error by 1.4 points.',
  },
  lrnDepthRadius: {
    label: 'LRN depth radius',
    help: 'How many channels on each side compete (the window is 2r+1 channels).',
  },
  lrnBias: {
    label: 'LRN bias k',
    help: 'Added before the power; keeps the divisor away from zero (the paper used 2).',
  },
  lrnAlpha: {
    label: 'LRN alpha',
    help: 'Strength of the competition; multiplies the sum of squares in the window.',
  },
  lrnBeta: {
    label: 'LRN beta',
    help: 'Exponent of the divisor (0.75 in the paper and the article).',
  },
  dropout: {
    label: 'Dropout rate',
    help: 'Fraction of neurons switched off at random each step; AlexNet used 0.5 against overfitting.',
  },
  pooling: {
    label: 'Pooling',
    help: 'AlexNet pooled 3x3 windows with stride 2, so windows overlap; it cut error by 0.4 points.',
    options: {
      '2x2': '2x2, stride 2',
      '3x3s2': 'Overlapping 3x3, stride 2',
    },
  },
  optimizer: {
    label: 'Optimizer',
    help: 'The article used Adam; the paper used SGD with momentum 0.9 and weight decay 0.0005.',
    options: {
      adam: 'Adam',
      sgd: 'SGD + momentum',
    },
  },
  learningRate: {
    label: 'Learning rate',
    help: 'Step size of each update: too small crawls, too large diverges.',
  },
  momentum: {
    label: 'Momentum',
    help: 'How much of the previous update carries over (0.9 in the paper).',
  },
  weightDecay: {
    label: 'Weight decay',
    help: 'Pulls weights towards zero each step; the paper found 0.0005 lowered training error too.',
  },
  batchSize: {
    label: 'Batch size',
    help: 'Images per step: larger batches give smoother gradients and better GPU use.',
  },
  epochs: {
    label: 'Epochs',
    help: 'Passes over the training images.',
  },
  trainLimit: {
    label: 'Training images',
    help: 'Use only this many training images per epoch (0 = all {{all}}) for a quick experiment.',
  },
  fixedSubset: {
    label: 'Same images every epoch',
    help: 'Train on one fixed set of that many images every epoch: a small training set, which a network can learn by heart. Off: a fresh draw from all the images each epoch.',
  },
  seed: {
    label: 'Random seed',
    help: 'Same seed, same settings, same backend: the same loss curve.',
  },
  augShift: {
    label: 'Random shift (px)',
    help: "Moves each image by up to this many pixels, like AlexNet's random crops.",
  },
  augFlip: {
    label: 'Horizontal flip',
    help: 'Mirrors half the images, as AlexNet did; wrong for digits (a mirrored 2 is not a 2).',
  },
  augNoise: {
    label: 'Pixel noise σ',
    help: "Adds Gaussian noise to pixels (0..1 scale), a simple cousin of AlexNet's PCA colour noise.",
  },
  augColour: {
    label: 'PCA colour noise',
    help: "AlexNet's colour augmentation: shifts each image's colours along the training set's principal RGB components (σ {{sigma}}). Colour images only.",
  },
  backend: {
    label: 'Backend',
    help: 'Where the maths runs; automatic picks WebGPU or WebGL only on real hardware.',
    options: {
      auto: 'Automatic (fastest real one)',
      webgpu: 'WebGPU',
      webgl: 'WebGL',
      wasm: 'WebAssembly (WASM)',
      cpu: 'plain JavaScript (CPU)',
    },
  },
};
