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
import { englishText, msg, MessageError, type Message, type MessageValue } from '../i18n/message';
import type { DeviceName, DeviceProbe } from './classify';
import { errorLine } from './classify';
import { BACKEND_LABEL, BACKEND_NAMES, type BackendName } from './names';
import type { MemoryLimits } from '../model/memory-fit';

export type RequestedBackend = 'auto' | BackendName;

export interface SkippedBackend {
  backend: BackendName;
  /** `labelled(backend, why)`: the backend's name, then why, in words a student understands. */
  why: Message;
}

/** The backend that runs, as the Worker reports it to the page. */
export interface BackendInfo {
  backend: BackendName;
  /** One sentence for the UI: what runs and why. */
  reason: Message;
  /** Each faster backend that was not used, and why. */
  skipped: SkippedBackend[];
  /** The GPU adapter / WebGL renderer in use (GPU backends only), in English: for the benchmarks' records. */
  adapter?: string;
  /** What it can hold, for the memory check before a run (the Worker adds them once the backend runs). */
  limits?: MemoryLimits;
}

/** A skip reason: "WebGPU: <why>". The fallback reason quotes the part after the name (`values.why`). */
export function labelled(backend: BackendName, why: Message): Message {
  return msg('backend.labelled', { backend: BACKEND_LABEL[backend], why });
}

export interface SetBackendOutcome {
  ok: boolean;
  /** Why it failed, in one line, if known: an error as tfjs or the browser wrote it, or our words. */
  error?: MessageValue;
  /** How it runs, as a clause for the reason (WASM: its threads, e.g. "2 threads, one per CPU core"). */
  detail?: Message;
}

export interface ChooseBackendDeps {
  probeWebGPU(): Promise<DeviceProbe>;
  probeWebGL(): Promise<DeviceProbe>;
  /** Activates a backend; `allowSoftware` lets WebGL start on a software renderer (forced choice). */
  activate(name: BackendName, opts: { allowSoftware: boolean }): Promise<SetBackendOutcome>;
}

const withError = (text: Message, error: MessageValue | undefined): Message => (error ? msg('backend.withError', { text, error }) : text);

/** "adapter" for WebGPU, "renderer" for WebGL. */
const deviceWord = (backend: 'webgpu' | 'webgl') => msg(backend === 'webgpu' ? 'backend.device.adapter' : 'backend.device.renderer');

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
  const skip = (backend: BackendName, why: Message) => skipped.push({ backend, why });

  const attempt = async (name: BackendName, forced: boolean): Promise<BackendInfo | null> => {
    const label = BACKEND_LABEL[name];
    if (exclude.has(name)) {
      skip(name, labelled(name, msg('backend.why.failedEarlier')));
      return null;
    }
    if (name === 'webgpu' || name === 'webgl') {
      let probe: DeviceProbe;
      try {
        probe = name === 'webgpu' ? await deps.probeWebGPU() : await deps.probeWebGL();
      } catch (e) {
        probe = { available: false, why: labelled(name, msg('backend.why.checkFailed', { error: errorLine(e) })) };
      }
      if (!probe.available) {
        skip(name, probe.why);
        return null;
      }
      const software = { what: deviceWord(name), software: probe.softwareName ?? '', slowdown: msg('backend.slowdown') };
      if (probe.software && !forced) {
        skip(name, labelled(name, msg('backend.why.softwareOnly', software)));
        return null;
      }
      const outcome = await deps.activate(name, { allowSoftware: probe.software });
      if (!outcome.ok) {
        skip(name, labelled(name, withError(msg('backend.why.tfjsFailed', { device: probe.description }), outcome.error)));
        return null;
      }
      const reason = !forced
        ? msg('backend.reason.hardware', { backend: label, device: probe.description })
        : probe.software
          ? msg('backend.reason.forcedSoftware', { backend: label, device: probe.description, ...software })
          : msg('backend.reason.forced', { backend: label, device: probe.description });
      return { backend: name, reason, skipped, adapter: inEnglish(probe.description) };
    }
    const outcome = await deps.activate(name, { allowSoftware: false });
    if (!outcome.ok) {
      skip(name, labelled(name, withError(msg(name === 'wasm' ? 'backend.why.wasmFailed' : 'backend.why.notStarted'), outcome.error)));
      return null;
    }
    const wasmHow = outcome.detail ? msg('backend.reason.wasmThreads', { threads: outcome.detail }) : msg('backend.reason.wasm');
    let reason: Message;
    if (forced) {
      reason = name === 'wasm' ? msg('backend.reason.wasmForced', { wasm: wasmHow }) : msg('backend.reason.cpuForced');
    } else if (name === 'wasm') {
      reason = msg('backend.reason.wasmAuto', { wasm: wasmHow });
    } else {
      reason = msg('backend.reason.cpuLast');
    }
    return { backend: name, reason, skipped };
  };

  if (requested !== 'auto') {
    const forced = await attempt(requested, true);
    if (forced) return forced;
    // The forced backend's skip reason, without its name (the sentence names it already).
    const last = skipped[skipped.length - 1]?.why;
    const failure = last?.key === 'backend.labelled' ? last.values!.why : (last ?? msg('backend.why.notStarted'));
    for (const name of BACKEND_NAMES.slice(BACKEND_NAMES.indexOf(requested) + 1)) {
      const result = await attempt(name, false);
      if (result) {
        return {
          ...result,
          reason: msg('backend.reason.fallback', { requested: BACKEND_LABEL[requested], failure, result: result.reason }),
        };
      }
    }
  } else {
    for (const name of BACKEND_NAMES) {
      const result = await attempt(name, false);
      if (result) return result;
    }
  }
  const reasons = skipped
    .map((s) => s.why)
    .reduceRight<Message | null>((rest, why) => (rest ? msg('backend.list', { first: why, rest }) : why), null);
  throw new MessageError(msg('backend.noneStarted', { reasons: reasons ?? '' }));
}

function inEnglish(name: DeviceName): string {
  return typeof name === 'string' ? name : englishText(name);
}
