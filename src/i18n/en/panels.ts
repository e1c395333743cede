/** The settings panel around the controls. */
export const panels = {
  failed: {
    title: 'This part of the page stopped working',
    detail: 'The rest of the page still works, and your runs are kept. The error: {{error}}',
    retry: 'Try again',
  },
  settings: {
    title: 'Training settings',
    sections: { data: 'Data', network: 'Network', training: 'Training' },
    logScale: '{{setting}} (log scale)',
    on: 'on',
    off: 'off',
  },
};
