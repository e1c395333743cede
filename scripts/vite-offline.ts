/**
 * The offline copy and the installable app (README, "Offline and installing"): vite-plugin-pwa builds our service
 * worker (src/offline/sw.ts) with Workbox's precache manifest injected, writes the web app manifest, and makes the
 * install icons from src/offline/icon.svg (@vite-pwa/assets-generator, at build time; nothing generated is kept in
 * git). The page registers the worker itself (src/app/offline.ts), so it can hold updates while a run trains.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { minimal2023Preset } from '@vite-pwa/assets-generator/config';
import { VitePWA } from 'vite-plugin-pwa';
import type { Plugin, PluginOption } from 'vite';
import { withBytes } from '../src/offline/precache.ts';

const THEME = '#0b63b6';
const ICON_FOLDER = fileURLToPath(new URL('../src/offline/', import.meta.url));

/** Fashion-MNIST's training images are 26 MB gzipped; Workbox skips files over 2 MB unless told otherwise. */
const LARGEST_FILE = 64 * 1024 * 1024;

export function offline(): PluginOption {
  return [pwa(), svgIcon()];
}

function pwa(): PluginOption {
  return VitePWA({
    strategies: 'injectManifest',
    srcDir: 'src/offline',
    filename: 'sw.ts',
    registerType: 'prompt',
    injectRegister: false,
    manifest: {
      name: 'AlexNet Playground',
      short_name: 'AlexNet',
      description: 'Train AlexNet-style convolutional networks live in your browser, on MNIST and Fashion-MNIST, online or offline.',
      theme_color: THEME,
      background_color: '#f7f7f5',
      display: 'standalone',
      start_url: '.',
      scope: '.',
    },
    pwaAssets: {
      image: 'src/offline/icon.svg',
      // Maskable and Apple icons are cropped by the system: the mark's rounded corners are filled with its blue,
      // not the generator's white, so the icon reads as one tile.
      preset: {
        ...minimal2023Preset,
        maskable: { ...minimal2023Preset.maskable, resizeOptions: { background: THEME } },
        apple: { ...minimal2023Preset.apple, resizeOptions: { background: THEME } },
      },
      overrideManifestIcons: true,
      includeHtmlHeadLinks: true,
      // The generator writes the icons where the image sits relative to the public folder: our image is not in
      // one (the project has no public/ of its own, only the built data), so its folder stands in for it.
      integration: { publicDir: ICON_FOLDER },
    },
    injectManifest: {
      // The page, its Worker, the .wasm files, the icons, and every dataset the build has (CIFAR-10 only when
      // `npm run data:cifar` put it in public/data). The web app manifest is added by the plugin itself.
      globPatterns: ['**/*.{html,js,css,wasm,png,ico,svg}', 'data/*.idx.gz', 'data/manifest.json'],
      maximumFileSizeToCacheInBytes: LARGEST_FILE,
      manifestTransforms: [async (entries) => withBytes(entries)],
    },
  });
}

/** The page links the SVG itself as its icon (the generator's head links name it): ship it beside the PNGs. */
function svgIcon(): Plugin {
  return {
    name: 'offline-svg-icon',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'icon.svg', source: readFileSync(`${ICON_FOLDER}icon.svg`) });
    },
  };
}
