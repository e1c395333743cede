/**
 * Cross-origin isolation without a server that sends headers (coi-serviceworker's technique). WASM threads need
 * SharedArrayBuffer, which browsers give only to a cross-origin isolated page: every document and Worker script
 * must arrive with the two headers below. A static host that cannot set headers (GitHub Pages) does not send them,
 * and offline there is no server at all, so the service worker adds them to every response it serves. The very
 * first visit loads before the service worker controls the page: once it does, one reload makes the page isolated.
 * Pure; used by the service worker, the page and vite.config.ts (the dev and preview servers send the same).
 */

export const CROSS_ORIGIN_ISOLATION: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** The response with both headers set. An opaque response (status 0) keeps its own: its headers cannot be read or set. */
export function withIsolationHeaders(response: Response): Response {
  if (response.status === 0) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(CROSS_ORIGIN_ISOLATION)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

export interface IsolationFacts {
  /** `crossOriginIsolated` of this page. */
  isolated: boolean;
  /** A service worker controls this page (so a reload goes through it and gets the headers). */
  controlled: boolean;
  /** This tab already reloaded once for isolation (kept in sessionStorage across the reload). */
  reloaded: boolean;
  /** A run trains (or loads, or is paused) in this page: a reload would cut it off. */
  training: boolean;
}

/**
 * What the page does about isolation:
 *  - `isolated`: nothing to do;
 *  - `wait`: no service worker controls the page yet, so a reload would come back without the headers;
 *  - `reload`: reload once, now;
 *  - `ask`: a run trains: never reload under it, offer the reload instead;
 *  - `refused`: the page reloaded once through the service worker and is still not isolated: the browser does not
 *    honour headers a service worker adds, and reloading again would loop. WASM runs on one thread (the backend
 *    line says why).
 */
export type IsolationStep = 'isolated' | 'wait' | 'reload' | 'ask' | 'refused';

export function isolationStep(f: IsolationFacts): IsolationStep {
  if (f.isolated) return 'isolated';
  if (!f.controlled) return 'wait';
  if (f.reloaded) return 'refused';
  return f.training ? 'ask' : 'reload';
}
