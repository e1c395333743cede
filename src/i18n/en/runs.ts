/** The run list, and the names new runs get (a run's name is stored in the language it was created in). */
export const runs = {
  title: 'Runs',
  empty: 'No runs yet. Runs are kept in this browser, across reloads.',
  name: 'Run {{n}}',
  presetName: '{{name}} #{{n}}',
  retryName: '{{name}} (retry)',
  show: 'Show {{name}} on the charts',
  steps_one: '{{count}} step',
  steps_other: '{{count}} steps',
  trainAcc: 'train acc {{value}}',
  valAcc: 'val acc {{value}}',
  testAcc: 'test acc {{value}}',
  changed: 'Changed from the run before: {{settings}}',
  nothing: 'nothing',
  settings: 'Settings',
  delete: 'Delete',
  confirmDelete: 'Delete the run “{{name}}”? Its curves and results will be gone.',
};
