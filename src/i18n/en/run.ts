/** What the page says about a run that ended early, and about the training Worker. */
export const run = {
  diverged: 'The loss became {{loss}} at step {{step}}: the run diverged. {{advice}}',
  adviceRate: 'Try a smaller learning rate (say {{rate}}).',
  adviceInit:
    'The likely cause is the weight init: N(0, 1), as in the article, makes the first logits huge. Try Glorot (or a much smaller learning rate).',
  adviceLrn:
    'The likely cause is LRN bias k = {{bias}}: with it near zero the LRN divisor can reach zero. Try k = 1 (the article) or 2 (the paper).',
  failed: 'The run stopped with an error: {{detail}}',
  outOfMemory:
    '{{backend}} ran out of memory at batch {{batch}} ({{detail}}). Nothing else is wrong: lower the batch size and train again.',
  outOfMemoryOffer:
    'The run so far is kept. Another backend has other memory limits: train the same settings again there, leaving {{backend}} for the rest of this visit, or lower the batch size.',
  trainOnNextBackend: 'Train again on the next backend',
  workerRetired: 'WebAssembly ran out of memory and cannot go on, so the training worker was restarted.',
  gpuFailed: '{{failure}}; continuing on the next backend.',
  workerCrashed: 'The training worker crashed ({{reason}}). The metrics so far are kept; start a new run to continue.',
  workerCrashedShort: 'The training worker crashed: {{reason}}',
  workerRestarted: 'The training worker crashed ({{reason}}). A new one has started: the runs so far are kept, and Train works again.',
  unknownCrash: 'unknown error',
  unreadableMessage: 'a message could not be read',
  crashTest: 'terminated by a test',
  noModel: 'Train a model first: there is nothing to predict with yet.',
  unknownCommand: 'The training worker got a message it does not understand: {{text}}',
  error: 'Something went wrong in the training worker: {{detail}}',
  dataStalled: 'The data file {{file}} stopped arriving: nothing came for {{seconds}} s. Check the connection, then press Train again.',
  stoppedWhileLoading: 'Stopped before training began.',
  replaced: 'Stopped: a new run started.',
  stuck: 'The previous run did not stop ({{detail}}), so the training worker was restarted.',
  notAnswering: 'The training worker stopped answering (nothing for {{seconds}} s), so it was restarted.',
  requestTimeout: 'The training worker did not answer within {{seconds}} s.',
  busyStep: 'a step was still waiting for the GPU',
};
