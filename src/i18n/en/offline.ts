/** The offline copy (service worker), updates, and reloading for cross-origin isolation. */
export const offline = {
  saving: 'Saving a copy of the page and its datasets in this browser ({{size}}) so that it works offline…',
  savingUnknown: 'Saving a copy of the page and its datasets in this browser so that it works offline…',
  ready: 'Works offline: a copy of the page and its datasets ({{size}}) is saved in this browser.',
  offline: 'Offline: running from the copy saved in this browser ({{size}}).',
  offlineNoCopy: 'Offline, and the copy of the page was not finished: datasets that were not saved cannot load.',
  unsupported: 'No offline copy: browsers keep one only for pages served over HTTPS (or from this computer).',
  updateReady: 'A new version of the playground is ready. Reload to use it; your runs are kept.',
  updateAfterRun: 'It can reload when the run ends.',
  reload: 'Reload',
  isolationReady: 'Reload to train on every CPU core: the saved copy lets this page use WebAssembly threads.',
};
