/**
 * What the offline copy holds and how large it is. The build writes the precache manifest into the service worker
 * (Workbox's `self.__WB_MANIFEST`); workbox-build knows each file's size but drops it from the entries, so the
 * build copies it into `bytes` (`withBytes`, scripts/vite-offline.ts). Pure; used by the build, the service worker
 * and the page.
 */

/** One precached file as the build writes it: Workbox's entry plus its size in bytes. */
export interface SizedEntry {
  url: string;
  revision: string | null;
  /** Missing on entries vite-plugin-pwa adds after the sizes are recorded (the web app manifest). */
  bytes?: number;
}

/** What the service worker tells the page about its copy. */
export interface OfflineCopyInfo {
  files: number;
  bytes: number;
}

/** The message the page sends the service worker to learn the copy's size (answered on the message's port). */
export const COPY_QUERY = 'OFFLINE_COPY';

/**
 * Workbox manifest transform (build time): keeps each file's size, which workbox-build would otherwise delete from
 * the entries after counting it.
 */
export function withBytes<T extends { size: number }>(entries: T[]): { manifest: (T & { bytes: number })[] } {
  return { manifest: entries.map((e) => ({ ...e, bytes: e.size })) };
}

/**
 * The copy's size: every distinct URL once. A file whose size the build did not record is measured with
 * `measure` (the service worker reads it from its cache); one that cannot be measured counts as nothing.
 */
export async function offlineCopySize(
  entries: readonly SizedEntry[],
  measure: (url: string) => Promise<number | undefined>,
): Promise<OfflineCopyInfo> {
  const sizes = new Map<string, number | undefined>();
  for (const e of entries) if (!sizes.has(e.url) || sizes.get(e.url) === undefined) sizes.set(e.url, e.bytes);
  let bytes = 0;
  for (const [url, size] of sizes) bytes += size ?? (await measure(url)) ?? 0;
  return { files: sizes.size, bytes };
}

/** Workbox's precache entries, without our sizes. */
export function precacheEntries(entries: readonly SizedEntry[]): { url: string; revision: string | null }[] {
  return entries.map(({ url, revision }) => ({ url, revision }));
}
