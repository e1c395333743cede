/** The settings panel around the controls. */
export const panels = {
  settings: {
    title: 'Training settings',
    sections: { data: 'Data', network: 'Network', training: 'Training' },
    logScale: '{{setting}} (log scale)',
    on: 'on',
    off: 'off',
  },
};
