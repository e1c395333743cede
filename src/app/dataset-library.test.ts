import { describe, expect, it } from 'vitest';
import { englishText, msg } from '../i18n/message';
import { DEFAULT_CONFIG, type TrainConfig } from '../settings';
import type { Command, UserDatasetInfo, WorkerEvent } from '../worker/protocol';
import { DatasetLibrary, datasetProblems, datasetShape, filesFromEntries, folderName, isArchiveName } from './dataset-library';

const BUILTIN = [
  { id: 'mnist', available: true },
  { id: 'fashion', available: true },
  { id: 'cifar10', available: false },
] as const;

const sample: UserDatasetInfo = {
  id: 'user:0123456789ab',
  kind: 'cifar10',
  name: 'cifar-sample.tar.gz',
  classNames: ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'],
  counts: { train: 1503, validation: 167, test: 334 },
  height: 32,
  width: 32,
  channels: 3,
  bytes: 2004 * 3073,
  added: 1,
};

/** A library whose Worker is a list of sent commands, answered by hand. */
function setup() {
  const sent: Command[] = [];
  let next = 1;
  const library = new DatasetLibrary(
    (c) => sent.push(c),
    () => next++,
  );
  const reply = (e: WorkerEvent) => library.apply(e);
  return { library, sent, reply };
}

const file = (name: string) => new File([new Uint8Array([0x1f, 0x8b])], name);

describe('importing a dataset on the page', () => {
  it('shows progress, then the new dataset in the list; the call resolves with it and the files skipped', async () => {
    const { library, sent, reply } = setup();
    const done = library.importCifar(file('cifar-sample.tar.gz'));
    const cmd = sent[0] as Extract<Command, { type: 'importCifar' }>;
    expect(cmd).toMatchObject({ type: 'importCifar', fileName: 'cifar-sample.tar.gz' });
    expect(library.getSnapshot().importing).toMatchObject({ kind: 'cifar', name: 'cifar-sample.tar.gz', phase: 'sending' });
    reply({
      type: 'importProgress',
      requestId: cmd.requestId,
      phase: 'reading',
      bytesRead: 10,
      bytesTotal: 100,
      images: 668,
      imagesTotal: 2004,
    });
    expect(library.getSnapshot().importing).toMatchObject({ phase: 'reading', bytesRead: 10, images: 668, imagesTotal: 2004 });
    // Another request's progress is not this import's.
    reply({ type: 'importProgress', requestId: 99, phase: 'storing', images: 1, imagesTotal: 1 });
    expect(library.getSnapshot().importing?.phase).toBe('reading');
    reply({ type: 'imported', requestId: cmd.requestId, dataset: sample, skipped: [], skippedCount: 0 });
    reply({ type: 'datasets', requestId: cmd.requestId, builtin: [...BUILTIN], user: [sample], storage: { usage: 7e6, quota: 1e9 } });
    const outcome = await done;
    expect(outcome).toMatchObject({ kind: 'imported', dataset: { id: sample.id } });
    const state = library.getSnapshot();
    expect(state.importing).toBeNull();
    expect(state.outcome).toEqual(outcome);
    expect(state.user.map((d) => d.id)).toEqual([sample.id]);
    expect(state.storage).toEqual({ usage: 7e6, quota: 1e9 });
  });

  it("says why an import failed, in the Worker's words, and refuses a second import while one runs", async () => {
    const { library, sent, reply } = setup();
    const first = library.importFolder([{ file: file('a.png'), path: 'shapes/red/a.png' }], 32);
    expect(await library.importCifar(file('x.tar.gz'))).toEqual({ kind: 'failed', name: 'x.tar.gz', message: msg('data.importBusy') });
    expect(sent).toHaveLength(1);
    const refusal = msg('data.folder.oneClass', { name: 'red' });
    reply({ type: 'datasetFailed', requestId: (sent[0] as { requestId: number }).requestId, message: refusal });
    expect(await first).toEqual({ kind: 'failed', name: 'shapes', message: refusal });
    expect(library.getSnapshot().outcome).toMatchObject({ kind: 'failed' });
    expect(library.getSnapshot().importing).toBeNull();
  });

  it('ends an import the Worker took with it when it crashed, saying so', async () => {
    const { library } = setup();
    const done = library.importCifar(file('c.tar.gz'));
    library.workerLost('out of memory');
    const outcome = await done;
    expect(outcome.kind).toBe('failed');
    expect(outcome.kind === 'failed' && englishText(outcome.message)).toMatch(/^The training Worker stopped \(out of memory\)/);
  });

  it('removes a dataset: answered by the list without it, or by why not', async () => {
    const { library, sent, reply } = setup();
    reply({ type: 'datasets', builtin: [...BUILTIN], user: [sample] });
    const removed = library.remove(sample.id);
    reply({ type: 'datasets', requestId: (sent[0] as { requestId: number }).requestId, builtin: [...BUILTIN], user: [] });
    expect(await removed).toBeNull();
    expect(library.getSnapshot().user).toEqual([]);
    const again = library.remove(sample.id);
    const problem = msg('data.store.unknown', { id: sample.id });
    reply({ type: 'datasetFailed', requestId: (sent[1] as { requestId: number }).requestId, message: problem });
    expect(await again).toEqual(problem);
    expect(library.getSnapshot().problem).toEqual(problem);
    expect(await library.remove('mnist')).toEqual(msg('data.store.unknown', { id: 'mnist' }));
  });

  it('leaves events that are not about datasets to the session', () => {
    const { library } = setup();
    expect(library.apply({ type: 'ready' })).toBe(false);
  });
});

describe('what the page knows of a dataset', () => {
  const c = (o: Partial<TrainConfig>): TrainConfig => ({ ...DEFAULT_CONFIG, ...o });

  it('knows each dataset shape: built-in ones from the data, imported ones as listed', () => {
    expect(datasetShape('fashion', [])).toEqual([28, 28, 1]);
    expect(datasetShape('cifar10', [])).toEqual([32, 32, 3]);
    expect(datasetShape(sample.id, [sample])).toEqual([32, 32, 3]);
    expect(datasetShape('user:gone', [sample])).toBeNull();
  });

  it('refuses a dataset this browser does not have, a network that cannot take the images, a batch over the data', () => {
    const lib = { builtin: [...BUILTIN], user: [sample] };
    expect(datasetProblems(c({ dataset: sample.id, model: 'figure1' }), lib)).toEqual({});
    expect(datasetProblems(c({ dataset: 'user:gone' }), lib)).toEqual({ dataset: msg('data.store.unknown', { id: 'user:gone' }) });
    expect(Object.keys(datasetProblems(c({ dataset: sample.id, model: 'alexnet2012' }), lib))).toEqual(['model']);
    expect(datasetProblems(c({ dataset: sample.id, model: 'figure1', batchSize: 2000 }), lib)).toEqual({
      batchSize: msg('validation.batchOverData', { images: 1503 }),
    });
    expect(datasetProblems(c({ dataset: 'cifar10', model: 'figure1' }), lib)).toEqual({
      dataset: msg('data.builtin.missing', { dataset: 'CIFAR-10' }),
    });
    // Before the Worker has listed anything, nothing is refused.
    expect(datasetProblems(c({ dataset: 'user:gone' }), { builtin: null, user: [] })).toEqual({});
  });
});

describe('files dropped or picked', () => {
  /** A fake FileSystemEntry tree: directories hand out their children in batches of two, as Chromium does in 100s. */
  function entry(path: string, children?: FileSystemEntry[], fails = false): FileSystemEntry {
    const name = path.split('/').pop()!;
    if (!children) {
      return {
        isFile: true,
        isDirectory: false,
        name,
        fullPath: `/${path}`,
        file: (ok: (f: File) => void, err: (e: Error) => void) => (fails ? err(new Error('gone')) : ok(new File(['x'], name))),
      } as unknown as FileSystemEntry;
    }
    return {
      isFile: false,
      isDirectory: true,
      name,
      fullPath: `/${path}`,
      createReader: () => {
        let at = 0;
        return {
          readEntries: (ok: (e: FileSystemEntry[]) => void) => {
            ok(children.slice(at, at + 2));
            at += 2;
          },
        };
      },
    } as unknown as FileSystemEntry;
  }

  it('walks a dropped folder, every batch of every directory, with paths from the folder', async () => {
    const tree = entry('shapes', [
      entry('shapes/red', [entry('shapes/red/1.png'), entry('shapes/red/2.png'), entry('shapes/red/3.png')]),
      entry('shapes/blue', [entry('shapes/blue/1.png'), entry('shapes/blue/gone.png', undefined, true)]),
      entry('shapes/notes.txt'),
    ]);
    const { files, unreadable } = await filesFromEntries([tree]);
    expect(files.map((f) => f.path)).toEqual([
      'shapes/red/1.png',
      'shapes/red/2.png',
      'shapes/red/3.png',
      'shapes/blue/1.png',
      'shapes/notes.txt',
    ]);
    expect(unreadable).toEqual(['shapes/blue/gone.png']);
    expect(folderName(files)).toBe('shapes');
  });

  it('names a folder by its common first segment, and tells archives by name', () => {
    expect(
      folderName([
        { file: file('a'), path: 'red/1.png' },
        { file: file('b'), path: 'blue/2.png' },
      ]),
    ).toBe('');
    expect(isArchiveName('cifar-10-binary.tar.gz')).toBe(true);
    expect(isArchiveName('x.TGZ')).toBe(true);
    expect(isArchiveName('x.zip')).toBe(false);
  });
});
