import { describe, expect, it } from 'vitest';
import { isolationStep, withIsolationHeaders, type IsolationFacts } from './isolation';

describe('responses from the service worker', () => {
  it('carry COOP and COEP, whatever the host sent, and keep their status, headers and body', async () => {
    const served = withIsolationHeaders(
      new Response('<!doctype html>', { status: 200, statusText: 'OK', headers: { 'Content-Type': 'text/html' } }),
    );
    expect(served.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
    expect(served.headers.get('Cross-Origin-Embedder-Policy')).toBe('require-corp');
    expect(served.headers.get('Content-Type')).toBe('text/html');
    expect([served.status, served.statusText]).toEqual([200, 'OK']);
    expect(await served.text()).toBe('<!doctype html>');
  });

  it('replace a weaker policy the host sent', () => {
    const served = withIsolationHeaders(new Response('', { headers: { 'Cross-Origin-Embedder-Policy': 'unsafe-none' } }));
    expect(served.headers.get('Cross-Origin-Embedder-Policy')).toBe('require-corp');
  });

  it('leave a network error as it is (its headers cannot be set)', () => {
    const failed = Response.error();
    expect(withIsolationHeaders(failed)).toBe(failed);
  });
});

describe('reloading for cross-origin isolation', () => {
  const facts = (f: Partial<IsolationFacts>): IsolationFacts => ({
    isolated: false,
    controlled: true,
    reloaded: false,
    training: false,
    ...f,
  });

  it('reloads once, when the service worker controls a page that is not isolated and nothing trains', () => {
    expect(isolationStep(facts({}))).toBe('reload');
  });

  it('does nothing on an isolated page (a host that sends the headers, or after the reload)', () => {
    expect(isolationStep(facts({ isolated: true }))).toBe('isolated');
    expect(isolationStep(facts({ isolated: true, reloaded: true }))).toBe('isolated');
  });

  it('waits while no service worker controls the page: a reload would come back without the headers', () => {
    expect(isolationStep(facts({ controlled: false }))).toBe('wait');
  });

  it('never reloads under a training run: it offers the reload instead', () => {
    expect(isolationStep(facts({ training: true }))).toBe('ask');
  });

  it('stops after one reload that did not isolate the page (the browser refuses), so it never loops', () => {
    expect(isolationStep(facts({ reloaded: true }))).toBe('refused');
    expect(isolationStep(facts({ reloaded: true, training: true }))).toBe('refused');
  });
});
