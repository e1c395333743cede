/** The comparison presets (pairs of runs that differ in one ingredient) and the comparison chart. */
export const compare = {
  label: 'Comparison presets',
  title: 'Compare one ingredient',
  note: 'Each preset trains two runs together, a step of one then a step of the other, with everything else equal: same seed, same initial weights, same data order.',
  presets: {
    'relu-tanh': {
      title: 'ReLU vs tanh (AlexNet Figure 1)',
      about:
        'The paper: a 4-layer CNN with ReLUs reached 25% training error on CIFAR-10 six times faster than with tanh. Watch when each run crosses the line here.',
      runs: { relu: 'ReLU', tanh: 'tanh' },
    },
    figure1: {
      title: 'Figure 1: ReLU vs tanh, as the paper trained them',
      about:
        'Figure 1’s own network (3 conv layers and 1 dense, from cuda-convnet) on 32×32 colour images, SGD with momentum 0.9, no weight decay, dropout, LRN or augmentation, each activation at its own learning rate (the sweep’s pick, else the learning-rate setting). The paper: ReLU reached 25% training error six times sooner than tanh.',
      runs: { relu: 'ReLU, rate {{rate}}', tanh: 'tanh, rate {{rate}}' },
    },
    dropout: {
      title: 'Dropout vs none',
      about:
        'AlexNet used dropout 0.5 against overfitting; it roughly doubled the iterations needed to converge. Compare training and validation curves.',
      runs: { on: 'dropout {{rate}}', off: 'no dropout' },
    },
    lrn: {
      title: 'LRN vs none',
      about: 'Local response normalisation cut AlexNet’s top-1 error by 1.4 points on ImageNet; on digits the difference may be small.',
      runs: { on: 'LRN', off: 'no LRN' },
    },
    augment: {
      title: 'Augmentation vs none',
      about: 'AlexNet trained on random crops and flips (and PCA colour noise) to fight overfitting. Here: random shifts and pixel noise.',
      runs: { on: 'augmented', off: 'not augmented' },
    },
    init: {
      title: 'Glorot vs N(0, 1) initialisation',
      about:
        'The article drew every weight from N(0, 1); Glorot scales each layer’s weights by its inputs and outputs. Watch the first steps of the loss, and where each run ends.',
      runs: { glorot: 'Glorot', normal: 'N(0, 1)' },
    },
    rate: {
      title: 'Learning rate: far too small vs far too large',
      about:
        'A hundredth of the learning rate against 100,000 times it. The small one crawls; with SGD the large one overflows within a few steps and the page stops it (with Adam it stalls instead).',
      runs: { low: 'rate {{rate}}', high: 'rate {{rate}}' },
    },
    pooling: {
      title: 'Overlapping vs plain pooling',
      about: 'AlexNet pooled 3×3 windows with stride 2, so windows overlap; the article pools 2×2 windows with stride 2. Same output size.',
      runs: { overlap: '3×3 stride 2', plain: '2×2 stride 2' },
    },
    batch: {
      title: 'Small vs large batches',
      about: 'The same images in small and in large batches: compare images per second, and the error against epochs.',
      runs: { small: 'batch {{size}}', large: 'batch {{size}}' },
    },
  },
  figure1: {
    needsColour:
      'Figure 1 was trained on CIFAR-10’s 32×32 colour images, and this dataset’s images are {{shape}}. Import CIFAR-10 first: “CIFAR-10 archive…” under Dataset takes cifar-10-binary.tar.gz (the binary version, from Alex Krizhevsky’s page); then choose it as the dataset.',
    ratio:
      '<b>{{second}}</b> took <b>{{ratio}}×</b> the steps <b>{{first}}</b> took to reach {{threshold}} training error (the paper: about 6× on CIFAR-10).',
  },
  sweep: {
    title: 'Learning-rate sweep (Figure 1)',
    about:
      'The paper chose each network’s learning rate “independently to make training as fast as possible”. The sweep trains Figure 1’s network for a few steps at each rate, with ReLU and with tanh, on the current dataset, batch size and seed, and picks per activation the rate that first reaches {{threshold}} training error (smoothed as the comparison chart smooths it). Figure 1’s preset then trains at those rates.',
    from: 'Rates from',
    to: 'to',
    factor: 'apart by',
    factorOption: '×{{factor}}',
    steps: 'Steps per run',
    plan: '{{runs}} short runs, one after another: rates {{rates}}, {{steps}} steps each at batch {{batch}} ({{images}} images).',
    run: 'Run the sweep',
    stop: 'Stop the sweep',
    progress: 'Sweep: run {{n}} of {{total}} training.',
    runName: 'sweep {{activation}}, rate {{rate}}',
    of: 'Last sweep: {{dataset}}, batch {{batch}}, {{runs}} runs.',
    unfinished_one: '{{count}} run did not finish (stopped, or interrupted by a reload): the picks use the others.',
    unfinished_other: '{{count}} runs did not finish (stopped, or interrupted by a reload): the picks use the others.',
    noneFinished: 'No run of this sweep has finished yet.',
    chartTitle: 'Steps to {{threshold}} training error by learning rate',
    xLabel: 'learning rate (log scale)',
    yLabel: 'steps to {{threshold}} training error',
    notReached: '{{activation}}: never reached it',
    diverged: '{{activation}}: diverged',
    legendNotReached: 'never reached it (drawn at the top)',
    legendDiverged: 'diverged (drawn at the top)',
    tipRate: 'rate {{rate}}',
    tipSteps: '{{steps}} steps',
    tipNotReached: 'never reached it',
    tipDiverged: 'diverged',
    columns: { activation: 'Activation', rate: 'Fastest rate', steps: 'Steps to {{threshold}}', tried: 'Rates tried' },
    none: 'none reached it',
    usePicks: 'Train Figure 1 at these rates',
    picked: 'Figure 1’s preset trains ReLU at {{relu}} and tanh at {{tanh}}: the last sweep’s picks on these data.',
    notPicked: 'No sweep picks for these data and batch size: Figure 1’s preset trains both at the learning-rate setting ({{rate}}).',
  },
  panel: 'Run comparison',
  threshold: 'Threshold (training error)',
  smoothing: 'Smoothing',
  caption: 'Training error (smoothed) against epochs',
  xLabel: 'epoch',
  yLabel: 'training error (smoothed)',
  at: 'epoch {{x}}',
  run: 'Run',
  firstStep: 'First step at ≤ {{threshold}} training error',
  epoch: 'Epoch',
  notReached: 'not reached',
  ratioNone: 'Speed ratio: needs both runs to reach the threshold.',
  ratio:
    'Speed ratio: <b>{{first}}</b> reached it <b>{{ratio}}×</b> as fast as <b>{{second}}</b> ({{second}}’s steps ÷ {{first}}’s; the paper’s figure, 6×, is tanh’s ÷ ReLU’s on CIFAR-10).',
  caveat:
    'The paper’s 6× was measured on CIFAR-10 with its own 4-layer network and initialisation. The ratio depends on the data, the network, the optimiser and the threshold: on MNIST with Adam, tanh often reaches 25% first and ReLU pulls ahead at lower error. This chart shows what these two runs measured, nothing else.',
};
