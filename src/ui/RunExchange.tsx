import { useCallback, useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { importFiles, type ImportReport } from '../app/exchange';
import { runsCsv, runsFileName, runsJson } from '../app/run-export';
import type { RunRecord } from '../app/run-store';
import type { TrainingSession } from '../app/session';
import { useSay } from '../i18n/setup';
import type { TrainConfig } from '../settings';
import { download } from './download';
import './exchange.css';

/** Downloads runs as the JSON run file or as CSV. */
export function exportRuns(runs: readonly RunRecord[], format: 'json' | 'csv'): void {
  const name = runsFileName(runs);
  if (format === 'json') download(`${name}.json`, runsJson(runs), 'application/json');
  else download(`${name}.csv`, runsCsv(runs), 'text/csv');
}

const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');

/**
 * Runs out and in: the selected runs as one JSON or CSV file, and exported files back in, by the picker or dropped
 * anywhere on the page (several at once; each file checked on its own, problems named, the others imported).
 */
export function RunExchange({
  session,
  selected,
  config,
}: {
  session: TrainingSession;
  selected: readonly RunRecord[];
  config: TrainConfig;
}) {
  const { t } = useTranslation();
  const say = useSay();
  const input = useRef<HTMLInputElement>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [dragging, setDragging] = useState(false);
  /** The files are over a drop zone of its own (the Dataset control's): that zone takes them, not the run list. */
  const [covered, setCovered] = useState(false);
  const [busy, setBusy] = useState(false);

  const take = useCallback(
    async (files: File[]) => {
      if (files.length === 0) return;
      setBusy(true);
      try {
        setReport(await importFiles(session, files, config));
      } finally {
        setBusy(false);
      }
    },
    [session, config],
  );

  // Files dropped anywhere on the page: a teacher drags a folder's worth of students' files in one go.
  useEffect(() => {
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      setCovered(e.defaultPrevented);
      e.preventDefault(); // allows the drop
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = 0;
      setDragging(false);
      // Taken by a drop zone inside the page (it prevented the default before the event bubbled up here).
      if (e.defaultPrevented) return;
      e.preventDefault();
      void take(Array.from(e.dataTransfer?.files ?? []));
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [take]);

  const model = report?.model;
  return (
    <section className="run-exchange" aria-label={t('exchange.runs.title')} data-testid="run-exchange">
      <div className="run-exchange-row">
        {selected.length > 0 ? (
          <>
            <span>{t('exchange.runs.exportSelected', { count: selected.length })}</span>
            <button
              type="button"
              onClick={() => exportRuns(selected, 'json')}
              title={t('exchange.runs.jsonTitle')}
              data-testid="export-json"
            >
              JSON
            </button>
            <button type="button" onClick={() => exportRuns(selected, 'csv')} title={t('exchange.runs.csvTitle')} data-testid="export-csv">
              CSV
            </button>
          </>
        ) : (
          <span className="note">{t('exchange.runs.noneSelected')}</span>
        )}
      </div>
      <div className="run-exchange-row">
        <button type="button" onClick={() => input.current?.click()} disabled={busy} data-testid="import-runs">
          {t('exchange.runs.import')}
        </button>
        <input
          ref={input}
          type="file"
          accept=".json,.bin,application/json"
          multiple
          hidden
          data-testid="import-input"
          onChange={(e) => {
            const files = Array.from(e.target.files ?? []);
            e.target.value = ''; // the same file picked again is a new import
            void take(files);
          }}
        />
        <span className="note">{t('exchange.runs.importHint')}</span>
      </div>
      {report && (report.runs > 0 || report.problems.length > 0 || model) && (
        <div className="import-report" role="status" data-testid="import-report">
          {report.runs > 0 && (
            <p data-testid="import-count">
              {t('exchange.runs.imported', {
                count: report.runs,
                // A class's thirty file names would fill the panel: name a few, count many.
                files: report.files.length <= 3 ? report.files.join(', ') : t('exchange.runs.manyFiles', { count: report.files.length }),
              })}
            </p>
          )}
          {model?.type === 'modelLoaded' && <p>{t('exchange.modelPanel.loaded', { run: model.runName })}</p>}
          {(report.problems.length > 0 || (model && model.type !== 'modelLoaded')) && (
            <>
              <p>{t('exchange.runs.notImported')}</p>
              <ul className="import-problems" data-testid="import-problems">
                {report.problems.map((p, i) => (
                  <li key={i}>{say(p)}</li>
                ))}
                {model && model.type !== 'modelLoaded' && <li>{say(model.message)}</li>}
                {model?.type === 'modelError' && model.differences?.map((d, i) => <li key={`d${i}`}>{say(d)}</li>)}
              </ul>
            </>
          )}
          <button type="button" className="link" onClick={() => setReport(null)}>
            {t('exchange.runs.dismiss')}
          </button>
        </div>
      )}
      {dragging &&
        !covered &&
        createPortal(
          <div className="drop-overlay" data-testid="drop-overlay">
            <p>{t('exchange.runs.dropHere')}</p>
          </div>,
          document.body,
        )}
    </section>
  );
}

/** Beside each run in the list: where it came from, whether its model is saved here, and its own exports. */
export function RunActions({ run }: { run: RunRecord }) {
  const { t } = useTranslation();
  return (
    <p className="run-actions">
      {run.imported && (
        <span
          className="badge"
          title={run.importedFrom ? t('exchange.runs.importedFrom', { file: run.importedFrom }) : undefined}
          data-testid="imported-badge"
        >
          {t('exchange.runs.importedBadge')}
        </span>
      )}
      {run.modelSaved && (
        <span className="badge model" title={t('exchange.runs.modelBadgeTitle')} data-testid="model-badge">
          {t('exchange.runs.modelBadge')}
        </span>
      )}
      <span className="run-export">
        {t('exchange.runs.exportOne')}{' '}
        <button
          type="button"
          className="link"
          onClick={() => exportRuns([run], 'json')}
          aria-label={t('exchange.runs.exportRunLabel', { name: run.name, format: 'JSON' })}
        >
          JSON
        </button>{' '}
        <button
          type="button"
          className="link"
          onClick={() => exportRuns([run], 'csv')}
          aria-label={t('exchange.runs.exportRunLabel', { name: run.name, format: 'CSV' })}
        >
          CSV
        </button>
      </span>
    </p>
  );
}
