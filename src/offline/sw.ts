/**
 * The service worker: keeps the offline copy (the app shell, the training Worker's bundle, the .wasm files and the
 * datasets' files, listed by the build in `self.__WB_MANIFEST`) and serves it, adding the cross-origin isolation
 * headers to every response so the page keeps its WASM threads offline and on hosts that send no headers.
 *
 * Updates wait: a new version installs beside the old one and takes over only when the page asks (SKIP_WAITING,
 * sent when the user chooses to reload), so a class's training is never cut off by a deploy. Workbox removes
 * files the new manifest no longer lists, and caches of older Workbox versions.
 */
import { clientsClaim } from 'workbox-core';
import { addPlugins, cleanupOutdatedCaches, createHandlerBoundToURL, getCacheKeyForURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute, setDefaultHandler } from 'workbox-routing';
import { NetworkOnly } from 'workbox-strategies';
import { withIsolationHeaders } from './isolation';
import { COPY_QUERY, offlineCopySize, precacheEntries, type OfflineCopyInfo, type SizedEntry } from './precache';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: SizedEntry[] };

const manifest = self.__WB_MANIFEST;
const isolate = { handlerWillRespond: async ({ response }: { response: Response }) => withIsolationHeaders(response) };

addPlugins([isolate]);
precacheAndRoute(precacheEntries(manifest));
cleanupOutdatedCaches();
// Any link into the page (`/?model=tiny&n=640`) opens the precached page; its settings are in the query.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html')));
// Whatever is not in the copy (a dataset added after the build) comes from the network, with the headers too.
setDefaultHandler(new NetworkOnly({ plugins: [isolate] }));
// The first version takes the open page at once (nothing older serves it), so the copy works without a reload.
clientsClaim();

let copy: Promise<OfflineCopyInfo> | null = null;

self.addEventListener('message', (event) => {
  const type = (event.data as { type?: string } | null)?.type;
  if (type === 'SKIP_WAITING') void self.skipWaiting();
  if (type === COPY_QUERY) {
    copy ??= offlineCopySize(manifest, async (url) => {
      const key = getCacheKeyForURL(url);
      const cached = key ? await caches.match(key) : undefined;
      return cached ? (await cached.arrayBuffer()).byteLength : undefined;
    });
    event.waitUntil(copy.then((info) => event.ports[0]?.postMessage(info)));
  }
});
