/**
 * Progress reports that do not flood the page: a decoder reports every image and a stream every chunk, thousands
 * a second; the page hears at most one every `intervalMs` (and the last one, always, with `flush`).
 */
export function throttle<T>(send: (value: T) => void, intervalMs = 250, now: () => number = () => performance.now()) {
  let last = -Infinity;
  let pending: T | null = null;
  return {
    report(value: T): void {
      const t = now();
      if (t - last >= intervalMs) {
        last = t;
        pending = null;
        send(value);
      } else pending = value;
    },
    /** Sends the last value held back, if any. */
    flush(): void {
      if (pending !== null) {
        const value = pending;
        pending = null;
        last = now();
        send(value);
      }
    },
  };
}
