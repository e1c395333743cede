import { startTransition, useEffect, useState } from 'react';

/**
 * Subscribes to one of our stores and renders its updates as a transition. React then renders in slices and
 * yields to the browser between them, so redrawing the charts after a training step never becomes one long
 * main-thread task (useSyncExternalStore would render synchronously, in one piece).
 */
export function useStore<T>(subscribe: (listener: () => void) => () => void, getSnapshot: () => T): T {
  const [value, setValue] = useState(getSnapshot);
  useEffect(() => {
    const update = () => startTransition(() => setValue(getSnapshot()));
    const unsubscribe = subscribe(update);
    update(); // anything that changed between the first render and now
    return unsubscribe;
  }, [subscribe, getSnapshot]);
  return value;
}
