/** What the page says about a run that ended early, and about the training Worker. */
export const run = {
  diverged: 'The loss became {{loss}} at step {{step}}: the run diverged. Try a smaller learning rate (say {{rate}}).',
  failed: 'The run stopped with an error: {{detail}}',
  gpuFailed: '{{failure}}; continuing on the next backend.',
  pageClosed: 'The page was closed or reloaded during this run.',
  workerCrashed: 'The training worker crashed ({{reason}}). The metrics so far are kept; start a new run to continue.',
  workerCrashedShort: 'The training worker crashed: {{reason}}',
  unknownCrash: 'unknown error',
  unreadableMessage: 'a message could not be read',
  crashTest: 'terminated by a test',
  noModel: 'Train a model first: there is nothing to predict with yet.',
  unknownCommand: 'The training worker got a message it does not understand: {{text}}',
  error: 'Something went wrong in the training worker: {{detail}}',
};
