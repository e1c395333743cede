/** The network summary: table titles and columns, each layer in words, and the notes under it. */
export const model = {
  label: 'Network',
  titles: {
    article: 'AlexNet for MNIST (3 conv, from the article)',
    small: 'Small AlexNet-style net',
    tiny: 'Tiny AlexNet-style net',
    figure1: 'The paper’s Figure 1 network for CIFAR-10 (3 conv, 1 dense)',
    'alexnet-small': 'AlexNet for small images',
    alexnet2012: 'AlexNet 2012 at 227×227',
    grouped: 'AlexNet 2012 (two-GPU grouped)',
    single: 'AlexNet 2012 (single tower)',
  },
  caption: '{{title}}: input {{shape}}',
  columns: { layer: 'Layer', what: 'What', output: 'Output', params: 'Parameters', flops: 'FLOPs' },
  total: 'Total',
  /** A layer's row, from its fields (src/ui/model-words.ts). */
  layers: {
    conv: '{{filters}} × {{kernel}}x{{kernel}}{{stride}}, {{padding}}{{groups}}, {{activation}}',
    stride: '/{{stride}}',
    groups: ', {{groups}} groups',
    padding: { same: 'same', valid: 'valid' },
    pool: '{{op}} {{size}}x{{size}}/{{stride}}{{overlap}}',
    op: { max: 'max', avg: 'average' },
    overlapping: ' (overlapping)',
    lrn: 'radius {{radius}}, k {{k}}, α {{alpha}}, β {{beta}}',
    dropout: 'rate {{rate}}',
    flatten: 'to one vector',
    dense: '{{units}} units, {{activation}}',
    linear: 'linear',
  },
  init: {
    normal: 'Weights start from the article’s N(0, 1) — watch the first losses explode.',
    he: 'Weights start from He initialisation: the article drew every weight from N(0, 1), which makes the logits huge (hundreds) and the first steps diverge, so the playground defaults to Glorot (pick “{{normal}}” to see why).',
    glorot:
      'Weights start from Glorot initialisation: the article drew every weight from N(0, 1), which makes the logits huge (hundreds) and the first steps diverge, so the playground defaults to Glorot (pick “{{normal}}” to see why).',
    'cuda-convnet': 'Weights start from cuda-convnet’s Gaussian σ for each layer, as in Figure 1’s layer file.',
  },
  notes:
    'The article’s <code>dropout = 0.8</code> is TensorFlow’s keep probability: a drop rate of 0.2. FLOPs count a multiply-add as two, for one image, forward only.',
  paper: 'The 2012 AlexNet (Krizhevsky, Sutskever & Hinton) for comparison',
  paperNote:
    'Trained on two GTX 580 GPUs with 3 GB each: conv2, conv4 and conv5 only saw the channels on their own GPU, which is why the paper’s network has {{grouped}} parameters rather than the single-tower {{single}}. The paper says 224×224 inputs; 227×227 is what makes 11×11 stride-4 convolutions give 55×55.',
};
