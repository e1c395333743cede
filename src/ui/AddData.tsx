import { useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { filesFromEntries, isArchiveName, type DatasetLibrary, type ImportOutcome, type LibraryState } from '../app/dataset-library';
import { formatBytes, formatCount, formatList } from '../app/format';
import { FOLDER_IMAGE_SIZES } from '../data/folder';
import { useLanguage, useSay } from '../i18n/setup';
import type { FolderFile } from '../worker/protocol';
import { imagesOf } from './DatasetSelect';
import './data.css';

/** Skipped files listed on the page; the rest are counted. */
const LISTED = 20;

/**
 * Adding a dataset next to the Dataset control: CIFAR-10's binary archive or a folder of class folders, picked or
 * dropped here. Shows the import's progress, then what was imported (and left out) or why not, in the page's
 * language; the new dataset is selected.
 */
export function AddData({
  library,
  state,
  disabled,
  onImported,
}: {
  library: DatasetLibrary;
  state: LibraryState;
  disabled: boolean;
  onImported: (id: string) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const say = useSay();
  const archiveInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const [size, setSize] = useState<number>(FOLDER_IMAGE_SIZES[0]);
  const [over, setOver] = useState(false);
  /** A problem with what was dropped, before anything reached the Worker. */
  const [dropProblem, setDropProblem] = useState<string | null>(null);
  const busy = disabled || state.importing !== null;
  const n = (x: number) => formatCount(x, language);

  const done = (outcome: ImportOutcome) => {
    if (outcome.kind === 'imported') onImported(outcome.dataset.id);
  };
  const importArchive = (file: File) => {
    setDropProblem(null);
    void library.importCifar(file).then(done);
  };
  const importFolder = (files: FolderFile[]) => {
    setDropProblem(null);
    void library.importFolder(files, size).then(done);
  };

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    if (!Array.from(e.dataTransfer.types).includes('Files')) return;
    // Prevented here, the page's own drop handler (run files) leaves it alone.
    e.preventDefault();
    setOver(false);
    if (busy) return;
    const items = Array.from(e.dataTransfer.items).filter((i) => i.kind === 'file');
    const entries = items.map((i) => i.webkitGetAsEntry());
    const plain = Array.from(e.dataTransfer.files);
    // Entries must be taken during the event; the walk through folders comes after.
    void (async () => {
      if (entries.some((x) => x === null) || entries.length === 0) {
        // No entries (a synthetic drop, an old browser): files only, no folders.
        if (plain.length === 1) return importArchive(plain[0]);
        if (plain.length === 0) return setDropProblem(t('library.add.dropNothing'));
        return importFolder(plain.map((file) => ({ file, path: file.name })));
      }
      const list = entries as FileSystemEntry[];
      const folders = list.filter((x) => x.isDirectory);
      const archives = list.filter((x) => x.isFile && isArchiveName(x.name));
      if (folders.length > 0 && archives.length > 0) return setDropProblem(t('library.add.dropMixed'));
      const { files, unreadable } = await filesFromEntries(list);
      if (unreadable.length > 0) {
        setDropProblem(t('library.add.unreadable', { count: unreadable.length, names: formatList(unreadable.slice(0, 5), language) }));
      }
      if (folders.length === 0 && files.length === 1) return importArchive(files[0].file as File);
      if (files.length === 0) return setDropProblem(t('library.add.dropNothing'));
      importFolder(files);
    })();
  };

  const importing = state.importing;
  const outcome = state.outcome;
  const progressText = () => {
    if (!importing) return '';
    const name = importing.name || t('library.droppedFiles');
    const images = n(importing.images ?? 0);
    const imagesTotal = n(importing.imagesTotal ?? 0);
    switch (importing.phase) {
      case 'sending':
        return t('library.progress.sending', { name });
      case 'reading':
        return t('library.progress.reading', {
          name,
          read: formatBytes(importing.bytesRead ?? 0),
          total: formatBytes(importing.bytesTotal ?? 0),
          images,
          imagesTotal,
        });
      default:
        return t(`library.progress.${importing.phase}`, { name, images, imagesTotal });
    }
  };
  const fraction = importing
    ? importing.phase === 'reading' && importing.bytesTotal
      ? (importing.bytesRead ?? 0) / importing.bytesTotal
      : importing.imagesTotal
        ? (importing.images ?? 0) / importing.imagesTotal
        : undefined
    : undefined;

  return (
    <div className="add-data" data-testid="add-data">
      <h4>{t('library.add.title')}</h4>
      <p className="help">{t('library.add.about')}</p>
      <div
        className={`drop-zone${over ? ' over' : ''}`}
        data-testid="data-drop-zone"
        onDragOver={(e) => {
          if (!Array.from(e.dataTransfer.types).includes('Files')) return;
          e.preventDefault();
          e.dataTransfer.dropEffect = busy ? 'none' : 'copy';
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <div className="add-data-buttons">
          <button type="button" onClick={() => archiveInput.current?.click()} disabled={busy} data-testid="add-archive">
            {t('library.add.archive')}
          </button>
          <button type="button" onClick={() => folderInput.current?.click()} disabled={busy} data-testid="add-folder">
            {t('library.add.folder')}
          </button>
          <label className="add-data-size">
            {t('library.add.size')}{' '}
            <select value={size} onChange={(e) => setSize(Number(e.target.value))} disabled={busy} data-testid="folder-size">
              {FOLDER_IMAGE_SIZES.map((s) => (
                <option key={s} value={s}>
                  {t('library.add.sizeOption', { n: s })}
                </option>
              ))}
            </select>
          </label>
        </div>
        <p className="drop-hint">{over ? t('library.add.dropNow') : t('library.add.drop')}</p>
        <input
          ref={archiveInput}
          type="file"
          accept=".gz,.tgz,application/gzip"
          hidden
          data-testid="archive-input"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) importArchive(file);
          }}
        />
        <input
          ref={folderInput}
          type="file"
          hidden
          multiple
          data-testid="folder-input"
          {...({ webkitdirectory: '' } as object)}
          onChange={(e) => {
            const files = Array.from(e.target.files ?? []).map((file) => ({ file, path: file.webkitRelativePath || file.name }));
            e.target.value = '';
            if (files.length > 0) importFolder(files);
          }}
        />
      </div>
      {importing && (
        <div className="import-progress" role="status" data-testid="import-progress">
          <p>{progressText()}</p>
          <progress max={1} value={fraction} aria-label={t('library.progress.label')} />
        </div>
      )}
      {dropProblem && (
        <p className="error" role="alert" data-testid="drop-problem">
          {dropProblem}
        </p>
      )}
      {outcome && !importing && (
        <div className={outcome.kind === 'failed' ? 'import-outcome failed' : 'import-outcome'} data-testid="import-outcome">
          {outcome.kind === 'failed' ? (
            <p className="error" role="alert" data-testid="import-failed">
              {t('library.failed', { name: outcome.name || t('library.droppedFiles'), reason: say(outcome.message) })}
            </p>
          ) : (
            <>
              <p role="status" data-testid="import-done">
                {t('library.imported', {
                  name: outcome.dataset.name,
                  images: n(imagesOf(outcome.dataset)),
                  classes: n(outcome.dataset.classNames.length),
                })}
              </p>
              {outcome.skippedCount > 0 && (
                <div className="import-skipped" data-testid="import-skipped">
                  <p>{t('library.skipped', { count: outcome.skippedCount })}</p>
                  <ul>
                    {outcome.skipped.slice(0, LISTED).map((s) => (
                      <li key={s.name}>
                        <code>{s.name}</code>: {say(s.reason)}
                      </li>
                    ))}
                  </ul>
                  {outcome.skippedCount > Math.min(LISTED, outcome.skipped.length) && (
                    <p>{t('library.skippedMore', { count: outcome.skippedCount - Math.min(LISTED, outcome.skipped.length) })}</p>
                  )}
                </div>
              )}
            </>
          )}
          <button type="button" className="link" onClick={() => library.dismiss()}>
            {t('library.dismiss')}
          </button>
        </div>
      )}
      {state.storage && (
        <p className="help" data-testid="data-storage">
          {t('library.storage', { usage: formatBytes(state.storage.usage), quota: formatBytes(state.storage.quota) })}
        </p>
      )}
    </div>
  );
}
