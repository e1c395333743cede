/** The training bar: its buttons and the progress line of the current run. */
export const training = {
  label: 'Training controls',
  train: 'Train',
  pause: 'Pause',
  resume: 'Resume',
  stepOnce: 'Step one batch',
  stepOnceTitle: 'Train on one batch, then pause',
  stop: 'Stop',
  progress: 'Training progress',
  loading: 'loading data and backend…',
  epoch: 'epoch {{epoch}}/{{epochs}}',
  /** <n> holds the step count (the browser tests read it). */
  step: 'step <n>{{step}}</n>/{{total}}',
  speed: '<n>{{speed}}</n> images/s',
  eta: 'ETA {{time}}',
  queued_one: '{{count}} more queued',
  queued_other: '{{count}} more queued',
  none: 'No run yet: choose settings and press Train.',
  states: {
    loading: 'loading',
    running: 'running',
    paused: 'paused',
    done: 'done',
    stopped: 'stopped',
    failed: 'failed',
    interrupted: 'interrupted',
  },
};
