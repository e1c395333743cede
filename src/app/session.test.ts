import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { msg } from '../i18n/message';
import { DEFAULT_CONFIG } from '../settings';
import type { Command, WorkerEvent } from '../worker/protocol';
import { machineFacts } from './machine';
import type { RunDatabase } from './run-db';
import { TrainingSession } from './session';

/** Workers that record what they are sent; `say` delivers an event from one, as its onmessage would. */
function setup() {
  const workers: { sent: Command[]; terminated: boolean; onmessage: ((ev: MessageEvent) => void) | null }[] = [];
  const create = () => {
    const w = {
      sent: [] as Command[],
      terminated: false,
      onmessage: null as ((ev: MessageEvent) => void) | null,
      postMessage(cmd: Command) {
        w.sent.push(cmd);
      },
      terminate() {
        w.terminated = true;
      },
    };
    workers.push(w);
    return w as unknown as Worker;
  };
  const db = { load: async () => ({ runs: [], skipped: [] }), save: async () => {}, get: async () => null, delete: async () => {} };
  const session = new TrainingSession(create, (name) => `${name} (retry)`, { db: db as unknown as RunDatabase, page: null });
  const say = (worker: number, e: WorkerEvent) => workers[worker].onmessage!({ data: e } as MessageEvent);
  return { session, workers, say };
}

const file = (name: string) => new File([new Uint8Array([0x1f, 0x8b])], name);

describe('a Worker replaced while it imports a dataset', () => {
  // The session's watchdog is an interval: fake timers keep it from outliving the test.
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('retired (WASM out of memory): the import ends saying why, and the next import goes to the new Worker', async () => {
    const { session, workers, say } = setup();
    const importing = session.library.importCifar(file('cifar-10-binary.tar.gz'));
    const removing = session.library.remove('user:0123456789ab');
    expect(workers[0].sent.map((c) => c.type)).toEqual(['importCifar', 'removeDataset']);

    say(0, { type: 'retire', message: msg('run.workerRetired') });

    expect(workers[0].terminated).toBe(true);
    expect(workers).toHaveLength(2);
    const lost = msg('data.workerLost', { reason: msg('run.workerRetired') });
    expect(session.library.getSnapshot().importing).toBeNull();
    expect(await importing).toEqual({ kind: 'failed', name: 'cifar-10-binary.tar.gz', message: lost });
    expect(await removing).toEqual(lost);
    // Not refused as busy: the import is sent to the fresh Worker.
    void session.library.importCifar(file('again.tar.gz'));
    expect(workers[1].sent.map((c) => c.type)).toEqual(['importCifar']);
  });

  it('stuck or crashed: the import ends saying why, as before', async () => {
    const { session, say } = setup();
    const stuck = session.library.importCifar(file('a.tar.gz'));
    say(0, { type: 'stuck', message: msg('run.stuck', { detail: 'a read that never settles' }) });
    expect(await stuck).toMatchObject({ kind: 'failed' });
    const crashed = session.library.importCifar(file('b.tar.gz'));
    session.crashed('out of memory');
    expect(await crashed).toEqual({ kind: 'failed', name: 'b.tar.gz', message: msg('data.workerLost', { reason: 'out of memory' }) });
  });
});

describe('a run the Worker started', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('keeps the config the Worker acknowledged, its size and backend, and the machine it runs on', () => {
    const { session, workers, say } = setup();
    const [id] = session.startRuns([{ config: DEFAULT_CONFIG, name: 'Run 1' }]);
    expect(workers[0].sent.map((c) => c.type)).toEqual(['start']);
    const config = { ...DEFAULT_CONFIG, batchSize: 32 };
    say(0, { type: 'started', runId: id, config, totalSteps: 1500, stepsPerEpoch: 1500, params: 1234, backend: 'wasm' });
    expect(session.runs.get(id)).toMatchObject({
      config,
      totalSteps: 1500,
      stepsPerEpoch: 1500,
      params: 1234,
      backend: 'wasm',
      machine: machineFacts(null),
    });
  });
});
