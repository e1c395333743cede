/** Where runs are kept, and what the page says when it cannot keep them. */
export const storage = {
  notKept: 'Runs are not being kept in this browser: {{reason}} Runs you train now are lost when the page closes.',
  unavailable: 'this browser does not let the page store data ({{detail}}); a private window does this.',
  quota: 'the browser has no room left for this page (storage full). Delete old runs to free space.',
  blocked: 'another tab of the playground holds an older version of the saved runs. Close the other tabs of the playground.',
  newerVersion: 'a newer version of the playground is open in another tab. Reload this page.',
  failed: 'saving failed ({{detail}}).',
  skipped_one: '{{count}} saved run could not be read and is left out (it stays in storage): {{details}}',
  skipped_other: '{{count}} saved runs could not be read and are left out (they stay in storage): {{details}}',
  interrupted: 'The page was closed or reloaded during this run; its curve is kept up to the last save.',
  elsewhere: 'Training in another tab of this browser.',
};
