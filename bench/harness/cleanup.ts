/**
 * What the bench starts (build folder, preview server, browsers) registers here how to undo it; cleanup()
 * undoes all of it, newest first, on the way out and on SIGINT / SIGTERM.
 */

const undo = new Set<() => Promise<unknown>>();
let cleaning: Promise<void> | null = null;
let interrupted = false;

/** Whether Ctrl-C / SIGTERM came: what fails after it (closed pages) is not a result. */
export function isInterrupted(): boolean {
  return interrupted;
}

/** Registers an undo step; the returned function removes it again (when the caller has undone it itself). */
export function onCleanup(fn: () => Promise<unknown>): () => void {
  undo.add(fn);
  return () => undo.delete(fn);
}

export function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const fn of [...undo].reverse()) {
      undo.delete(fn);
      await fn().catch(() => {});
    }
  })();
  return cleaning;
}

/** Closes everything and exits 130 on SIGINT / SIGTERM (within 20 s whatever happens). */
export function cleanupOnSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    // `on`, not `once`: npm and tsx pass the signal on too, and a second one must not kill us mid-cleanup.
    process.on(signal, () => {
      if (interrupted) return;
      interrupted = true;
      console.error(`\n${signal}: closing the browser and the server...`);
      setTimeout(() => process.exit(130), 20_000).unref();
      void cleanup().finally(() => process.exit(130));
    });
  }
}
