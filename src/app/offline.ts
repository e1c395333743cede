/// <reference types="vite-plugin-pwa/vanillajs" />
/**
 * The page's side of the offline copy (src/offline/sw.ts): registers the service worker, says whether the copy is
 * saved and how large it is, holds a new version until the user reloads, and reloads once when the service worker
 * can make the page cross-origin isolated (src/offline/isolation.ts). Never reloads by itself while a run trains:
 * a run cut off by a reload is lost from that step on.
 */
import { registerSW } from 'virtual:pwa-register';
import { isolationStep, type IsolationStep } from '../offline/isolation';
import { COPY_QUERY, type OfflineCopyInfo } from '../offline/precache';
import { StateStore } from './state-store';

export interface OfflineState {
  /**
   * `none`: no service worker (the dev server, or a page not served over HTTPS or from this computer);
   * `saving`: the first copy is downloading; `ready`: a service worker holds a whole copy.
   */
  copy: 'unsupported' | 'none' | 'saving' | 'ready';
  /** The copy's size, from the build's precache manifest (the service worker says). */
  size: OfflineCopyInfo | null;
  online: boolean;
  /** A new version is installed and waits for the user to reload. */
  update: boolean;
  isolation: IsolationStep;
}

/** sessionStorage: this tab reloaded once for isolation (a second time would loop where the browser refuses). */
const RELOADED_KEY = 'alexnet-playground.isolation-reload';
/** How often an open page asks whether a new version shipped (a browser asks on its own only at navigations). */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

/**
 * Whether this tab already reloaded for isolation, and marking that it did. Where sessionStorage cannot be used
 * (storage blocked), the page counts as having reloaded: without a memory across the reload it could loop.
 */
const reloadMemory = {
  reloaded(): boolean {
    try {
      return sessionStorage.getItem(RELOADED_KEY) === '1';
    } catch {
      return true;
    }
  },
  mark(reloaded: boolean): void {
    try {
      if (reloaded) sessionStorage.setItem(RELOADED_KEY, '1');
      else sessionStorage.removeItem(RELOADED_KEY);
    } catch {
      // nothing to remember it in: reloaded() says so
    }
  },
};

export class OfflineCopy extends StateStore<OfflineState> {
  private registration: ServiceWorkerRegistration | null = null;
  private reloadAsked = false;
  private readonly sizes = new WeakMap<ServiceWorker, Promise<OfflineCopyInfo | null>>();

  /** `training`: whether a run trains in this page now (the run store knows). */
  constructor(private readonly training: () => boolean) {
    const supported = typeof navigator !== 'undefined' && 'serviceWorker' in navigator;
    super({
      copy: !supported ? 'unsupported' : 'none',
      size: null,
      online: typeof navigator === 'undefined' ? true : navigator.onLine,
      update: false,
      isolation: 'wait',
    });
  }

  /** Registers the service worker (only in a build: the dev server has none) and starts watching. */
  start(): void {
    addEventListener('online', () => this.set({ online: true }));
    addEventListener('offline', () => this.set({ online: false }));
    if (this.state.copy === 'unsupported' || import.meta.env.DEV) return;
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      if (this.reloadAsked) location.reload();
      else this.check();
    });
    registerSW({
      immediate: true,
      onRegisteredSW: (_url, registration) => {
        if (!registration) return;
        this.registration = registration;
        registration.addEventListener('updatefound', () => {
          registration.installing?.addEventListener('statechange', () => this.check());
          this.check();
        });
        setInterval(() => navigator.onLine && void registration.update().catch(() => {}), UPDATE_CHECK_MS);
        this.check();
      },
      onNeedRefresh: () => this.set({ update: true }),
      onOfflineReady: () => this.check(),
      // vite-plugin-pwa would reload when a new version takes over (another tab may have chosen to reload): only
      // our own reload button reloads (controllerchange, above).
      onNeedReload: () => this.set({ update: true }),
    });
    this.check();
  }

  /** Reloads into the new version (the user's choice; the button is disabled while a run trains). */
  reloadForUpdate(): void {
    this.reloadAsked = true;
    const waiting = this.registration?.waiting;
    // The new version takes over, then controllerchange reloads; if it already did (another tab), reload now.
    if (waiting) waiting.postMessage({ type: 'SKIP_WAITING' });
    else location.reload();
  }

  /** The reload a first visit needs to become cross-origin isolated, offered when a run was training. */
  reloadForIsolation(): void {
    reloadMemory.mark(true);
    location.reload();
  }

  /** Brings the state up to date, and reloads for isolation when that is what to do. */
  private check(): void {
    const r = this.registration;
    const newest = r?.installing ?? r?.waiting ?? r?.active ?? null;
    const copy = r?.active ? 'ready' : newest ? 'saving' : this.state.copy;
    this.set({ copy, update: this.state.update || (!!r?.waiting && !!r.active) });
    const shown = r?.active ?? newest;
    if (shown) void this.sizeOf(shown).then((size) => size && this.set({ size }));

    const isolated = globalThis.crossOriginIsolated === true;
    if (isolated) reloadMemory.mark(false);
    const step = isolationStep({
      isolated,
      controlled: !!navigator.serviceWorker.controller,
      reloaded: reloadMemory.reloaded(),
      training: this.training(),
    });
    this.set({ isolation: step });
    if (step === 'reload') this.reloadForIsolation();
  }

  /** Asks a service worker how large its copy is (each version answers once). */
  private sizeOf(worker: ServiceWorker): Promise<OfflineCopyInfo | null> {
    let size = this.sizes.get(worker);
    if (!size) {
      size = new Promise((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = (e) => resolve(e.data as OfflineCopyInfo);
        worker.postMessage({ type: COPY_QUERY }, [channel.port2]);
      });
      this.sizes.set(worker, size);
    }
    return size;
  }
}
