/** What the page knows of the machine a run trained on, kept with the run so an exported run says where it ran. */
import type { BackendInfo } from '../worker/protocol';
import type { MachineFacts } from './run-store';

export function machineFacts(backend: BackendInfo | null): MachineFacts {
  const nav = typeof navigator === 'undefined' ? null : navigator;
  return {
    userAgent: nav?.userAgent ?? '',
    cores: nav?.hardwareConcurrency ?? 0,
    ...(backend ? { backendReason: backend.reason } : {}),
  };
}
