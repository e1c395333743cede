/**
 * A Content-Security-Policy for the built page (not the dev server, whose hot reload injects inline scripts),
 * as a <meta> tag so that it holds on any static host. What the page needs and nothing more:
 *  - scripts and Workers from the page's own origin; 'wasm-unsafe-eval' to compile WebAssembly (not JavaScript
 *    eval); `blob:` for the Worker's sake: a <meta> policy binds the page only, but a host that sends this policy
 *    as a header binds the training Worker too, and tfjs's threaded WASM build starts its threads from a Blob;
 *  - fetches (data files, .wasm) from the origin; images also from data: and blob: (canvases saved as files);
 *  - inline style attributes (charts and feature maps set sizes and colours per element).
 * Browsers ignore frame-ancestors in a <meta> tag; a host that can send headers should add it there.
 */
import type { Plugin } from 'vite';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval' blob:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

export function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
    ],
  };
}
