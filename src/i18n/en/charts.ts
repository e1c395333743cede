/** The loss and accuracy charts and their options. */
export const charts = {
  label: 'Training charts',
  xAxis: 'X axis',
  xOptions: { step: 'steps', epoch: 'epochs', seconds: 'seconds' },
  smoothing: 'Smoothing',
  logLoss: 'log scale for loss',
  raw: 'raw steps',
  empty: 'Train a network, or select runs in the run list, to see their curves here.',
  loss: 'Loss (cross-entropy)',
  accuracy: 'Accuracy',
  caption: '{{metric}} against {{x}}',
  against: { step: 'steps', epoch: 'epochs', seconds: 'training time (s)' },
  /** The tooltip's heading: where on the x axis the pointer is. */
  at: { step: 'step {{x}}', epoch: 'epoch {{x}}', seconds: 'training time {{x}} s' },
  series: {
    raw: '{{run}} (train, raw)',
    smooth: '{{run}} (train)',
    validation: '{{run}} (validation)',
  },
};
