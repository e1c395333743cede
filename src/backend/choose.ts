/**
 * Which TensorFlow.js backend trains, and the sentence that says why. Order, fastest first: WebGPU, WebGL, WASM,
 * CPU. 'auto' takes a GPU backend only on a *hardware* GPU: browsers without one (headless Chromium, VMs, blocked
 * drivers) expose a software adapter that computes correctly but imitates the GPU on the CPU, far slower than
 * WASM (README, "Measured speed"); auto skips it and says why in `skipped`. A backend the user forces is used even
 * on a software adapter (the reason says so); if it cannot start, the choice falls back down the list.
 *
 * The decision only: probing the browser and starting tfjs are injected (`ChooseBackendDeps`; the Worker passes
 * `browserBackendDeps` from activate.ts), so every branch is unit-tested in Node.
 */
import type { DeviceProbe } from './classify';
import { errorLine } from './classify';
import { BACKEND_LABEL, BACKEND_NAMES, type BackendName } from './names';

export type RequestedBackend = 'auto' | BackendName;

export interface SkippedBackend {
  backend: BackendName;
  why: string;
}

/** The backend that runs, as the Worker reports it to the page. */
export interface BackendInfo {
  backend: BackendName;
  /** One sentence for the UI: what runs and why. */
  reason: string;
  /** Each faster backend that was not used, and why, in words a student understands. */
  skipped: SkippedBackend[];
  /** The GPU adapter / WebGL renderer in use (GPU backends only). */
  adapter?: string;
}

/** How much slower a software GPU trains than WASM, for messages (README, "Measured speed"). */
export const SOFTWARE_SLOWDOWN = 'about 100 to 200 times slower than WASM on the machine we measured';

export interface SetBackendOutcome {
  ok: boolean;
  /** Why it failed, in one line, if known. */
  error?: string;
  /** How it runs, as a clause for the reason (WASM: its threads, e.g. "2 threads, one per CPU core"). */
  detail?: string;
}

export interface ChooseBackendDeps {
  probeWebGPU(): Promise<DeviceProbe>;
  probeWebGL(): Promise<DeviceProbe>;
  /** Activates a backend; `allowSoftware` lets WebGL start on a software renderer (forced choice). */
  activate(name: BackendName, opts: { allowSoftware: boolean }): Promise<SetBackendOutcome>;
}

function softwareWhy(backend: 'webgpu' | 'webgl', probe: { softwareName: string | null }): string {
  const what = backend === 'webgpu' ? 'adapter' : 'renderer';
  return `${BACKEND_LABEL[backend]}: only a software ${what} (${probe.softwareName}) — it imitates a GPU on the CPU, ${SOFTWARE_SLOWDOWN}`;
}

/**
 * Chooses, activates (through `deps`) and returns the backend. For 'auto' the first of WebGPU, WebGL (hardware GPU
 * only), WASM, CPU that starts. A forced backend is used if it starts, even on a software GPU; if not, the next
 * ones down the list are tried with the auto rules. Throws only if even CPU fails.
 *
 * `exclude`: backends that already failed in this session (a lost GPU device, say); they are skipped, forced or
 * not, so the choice moves down the list.
 */
export async function chooseBackend(
  requested: RequestedBackend,
  deps: ChooseBackendDeps,
  exclude: ReadonlySet<BackendName> = new Set(),
): Promise<BackendInfo> {
  const skipped: SkippedBackend[] = [];
  const skip = (backend: BackendName, why: string) => skipped.push({ backend, why });

  const attempt = async (name: BackendName, forced: boolean): Promise<BackendInfo | null> => {
    const label = BACKEND_LABEL[name];
    if (exclude.has(name)) {
      skip(name, `${label}: it failed earlier in this session (the GPU stopped working), so it is not used again`);
      return null;
    }
    if (name === 'webgpu' || name === 'webgl') {
      let probe: DeviceProbe;
      try {
        probe = name === 'webgpu' ? await deps.probeWebGPU() : await deps.probeWebGL();
      } catch (e) {
        probe = { available: false, why: `${label}: checking for it failed (${errorLine(e)})` };
      }
      if (!probe.available) {
        skip(name, probe.why);
        return null;
      }
      if (probe.software && !forced) {
        skip(name, softwareWhy(name, probe));
        return null;
      }
      const outcome = await deps.activate(name, { allowSoftware: probe.software });
      if (!outcome.ok) {
        skip(
          name,
          `${label}: found ${probe.description}, but TensorFlow.js could not start on it` + (outcome.error ? ` (${outcome.error})` : ''),
        );
        return null;
      }
      const what = name === 'webgpu' ? 'adapter' : 'renderer';
      const reason = !forced
        ? `${label} on ${probe.description}: a hardware GPU, the fastest choice here`
        : probe.software
          ? `${label}, as you asked — but ${probe.description} is a software ${what} (${probe.softwareName}) ` +
            `that imitates a GPU on the CPU: expect it to be ${SOFTWARE_SLOWDOWN}`
          : `${label} on ${probe.description}, as you asked`;
      return { backend: name, reason, skipped, adapter: probe.description };
    }
    const outcome = await deps.activate(name, { allowSoftware: false });
    if (!outcome.ok) {
      const error = outcome.error ? ` (${outcome.error})` : '';
      skip(name, name === 'wasm' ? `WASM: the WebAssembly files could not be loaded or started${error}` : `CPU: could not start${error}`);
      return null;
    }
    const wasmHow = `WASM (WebAssembly with SIMD on the CPU${outcome.detail ? `, ${outcome.detail}` : ''})`;
    let reason: string;
    if (forced) {
      reason =
        name === 'wasm' ? `${wasmHow}, as you asked` : 'CPU (plain JavaScript), as you asked — the slowest backend, useful as a reference';
    } else if (name === 'wasm') {
      reason = `${wasmHow}: no hardware GPU is available here, and WASM is the fastest way to train on the CPU`;
    } else {
      reason = 'CPU (plain JavaScript, the slowest backend): every faster backend failed to start';
    }
    return { backend: name, reason, skipped };
  };

  if (requested !== 'auto') {
    const forced = await attempt(requested, true);
    if (forced) return forced;
    const failure = skipped[skipped.length - 1]?.why ?? `${BACKEND_LABEL[requested]} did not start`;
    for (const name of BACKEND_NAMES.slice(BACKEND_NAMES.indexOf(requested) + 1)) {
      const result = await attempt(name, false);
      if (result) {
        return {
          ...result,
          reason: `${BACKEND_LABEL[requested]} was requested but cannot be used — ${stripLabel(failure)}. Using ${result.reason}`,
        };
      }
    }
  } else {
    for (const name of BACKEND_NAMES) {
      const result = await attempt(name, false);
      if (result) return result;
    }
  }
  throw new Error(`No TensorFlow.js backend could start: ${skipped.map((s) => s.why).join('; ')}`);
}

function stripLabel(why: string): string {
  return why.replace(/^(WebGPU|WebGL|WASM|CPU): /, '');
}
