import { useSyncExternalStore } from 'react';

/** Whether a CSS media query matches now, following it as the window changes (a phone turned, a window resized). */
export function useMedia(query: string): boolean {
  return useSyncExternalStore(
    (changed) => {
      const m = matchMedia(query);
      m.addEventListener('change', changed);
      return () => m.removeEventListener('change', changed);
    },
    () => matchMedia(query).matches,
    () => false,
  );
}

/** The phone layout's breakpoint: styles.css uses the same width. */
export const PHONE = '(max-width: 760px)';
