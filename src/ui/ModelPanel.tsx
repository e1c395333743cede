import { memo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  kerasFile,
  loadModelFiles,
  loadSavedModel,
  modelBaseName,
  pytorchFile,
  type ModelAnswer,
  type NetworkInput,
} from '../app/exchange';
import type { RunRecord } from '../app/run-store';
import type { PageStatus, TrainingSession } from '../app/session';
import type { Message } from '../i18n/message';
import { useSay } from '../i18n/setup';
import type { TrainConfig } from '../settings';
import type { ModelTarget } from '../worker/protocol';
import { download } from './download';
import './exchange.css';

type Outcome = { kind: 'ok'; text: string } | { kind: 'error'; message: Message; differences?: Message[] };

/**
 * The trained model in the Worker: save it in this browser or as files (TensorFlow.js, PyTorch, Keras), and load a
 * saved one back (from this browser, also after a reload, or from files), so drawing, evaluation and feature maps
 * work without training again.
 */
export const ModelPanel = memo(function ModelPanel({
  session,
  model,
  runs,
  config,
  live,
  onLoaded,
  networkInput,
}: {
  session: TrainingSession;
  model: PageStatus['model'];
  runs: readonly RunRecord[];
  config: TrainConfig;
  /** A run is loading, running or paused. */
  live: boolean;
  onLoaded: (runId: string) => void;
  /** The images and classes a run's network was built for; null when its dataset is no longer in this browser. */
  networkInput: (run: RunRecord) => NetworkInput | null;
}) {
  const { t } = useTranslation();
  const say = useSay();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const holder = model ? runs.find((r) => r.id === model.runId) : undefined;
  const codeInput = holder ? networkInput(holder) : null;
  const running = holder?.state === 'running' || holder?.state === 'loading';
  const saved = runs.filter((r) => r.modelSaved);
  const [pick, setPick] = useState<string>('');
  const chosen = saved.find((r) => r.id === pick) ?? saved.at(-1);

  const work = async (job: () => Promise<Outcome | null>) => {
    setBusy(true);
    setOutcome(null);
    try {
      setOutcome(await job());
    } finally {
      setBusy(false);
    }
  };

  const save = (to: ModelTarget) =>
    work(async () => {
      if (!holder || (to === 'pytorch' && !codeInput)) return null;
      const e = await session.saveModel(holder.id, holder.name, to, modelBaseName(holder));
      if (e.type === 'error' || e.type === 'modelError') return { kind: 'error', message: e.message };
      if (e.type !== 'modelSaved') return null;
      for (const f of e.files) download(f.name, f.data);
      if (to === 'pytorch') {
        const code = pytorchFile(holder, codeInput!);
        download(code.name, code.text, 'text/x-python');
      }
      return to === 'browser' ? { kind: 'ok', text: t('exchange.modelPanel.savedBrowser') } : null;
    });

  const loaded = (e: ModelAnswer): Outcome => {
    if (e.type !== 'modelLoaded')
      return { kind: 'error', message: e.message, differences: e.type === 'modelError' ? e.differences : undefined };
    onLoaded(e.runId);
    return { kind: 'ok', text: t('exchange.modelPanel.loaded', { run: e.runName }) };
  };

  const source = model ? t(`exchange.modelPanel.source.${model.from}`) : '';
  return (
    <section className="model-panel" aria-label={t('exchange.modelPanel.title')} data-testid="model-panel">
      <h2>{t('exchange.modelPanel.title')}</h2>
      <p data-testid="model-holder">
        {holder
          ? t('exchange.modelPanel.holds', { run: holder.name, source, step: model?.step ?? holder.steps.step.at(-1) ?? 0 })
          : t('exchange.modelPanel.none')}
      </p>
      {holder && (
        <div className="model-actions">
          <h3>{t('exchange.modelPanel.exportTitle')}</h3>
          <div className="buttons">
            <button type="button" disabled={busy || running} onClick={() => void save('browser')} data-testid="model-save-browser">
              {t('exchange.modelPanel.saveBrowser')}
            </button>
            <button type="button" disabled={busy || running} onClick={() => void save('files')} data-testid="model-download">
              {t('exchange.modelPanel.downloadTfjs')}
            </button>
            <button
              type="button"
              disabled={busy || running || !codeInput}
              title={codeInput ? undefined : t('exchange.modelPanel.codeNeedsData')}
              onClick={() => void save('pytorch')}
              data-testid="model-pytorch"
            >
              {t('exchange.modelPanel.downloadPytorch')}
            </button>
            <button
              type="button"
              disabled={!codeInput}
              onClick={() => {
                if (!codeInput) return;
                const code = kerasFile(holder, codeInput);
                download(code.name, code.text, 'text/x-python');
              }}
              title={codeInput ? t('exchange.modelPanel.kerasNote') : t('exchange.modelPanel.codeNeedsData')}
              data-testid="model-keras"
            >
              {t('exchange.modelPanel.downloadKeras')}
            </button>
          </div>
          {running && <p className="note">{t('exchange.modelPanel.liveReason')}</p>}
        </div>
      )}
      <h3>{t('exchange.modelPanel.loadTitle')}</h3>
      <div className="buttons">
        {saved.length > 0 ? (
          <label>
            {t('exchange.modelPanel.loadSaved')}{' '}
            <select value={chosen?.id ?? ''} onChange={(e) => setPick(e.target.value)} data-testid="model-saved-select">
              {saved.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>{' '}
            <button
              type="button"
              disabled={busy || live || !chosen}
              onClick={() => void work(async () => loaded(await loadSavedModel(session, chosen!)))}
              data-testid="model-load-saved"
            >
              {t('exchange.modelPanel.load')}
            </button>
          </label>
        ) : (
          <span className="note">{t('exchange.modelPanel.noneSaved')}</span>
        )}
      </div>
      <div className="buttons">
        <button type="button" disabled={busy || live} onClick={() => input.current?.click()} data-testid="model-load-files">
          {t('exchange.modelPanel.loadFiles')}
        </button>
        <span className="note">{t('exchange.modelPanel.loadFilesHint')}</span>
        <input
          ref={input}
          type="file"
          accept=".json,.bin"
          multiple
          hidden
          data-testid="model-files-input"
          onChange={(e) => {
            const files = Array.from(e.target.files ?? []);
            e.target.value = '';
            if (files.length > 0) void work(async () => loaded(await loadModelFiles(session, files, config)));
          }}
        />
      </div>
      {model && model.from !== 'trained' && !live && (
        <button type="button" disabled={busy} onClick={() => session.evaluate()} data-testid="model-evaluate">
          {t('exchange.modelPanel.evaluate')}
        </button>
      )}
      {busy && <p className="note">{t('exchange.modelPanel.working')}</p>}
      {outcome?.kind === 'ok' && (
        <p role="status" data-testid="model-outcome">
          {outcome.text}
        </p>
      )}
      {outcome?.kind === 'error' && (
        <div className="error" role="alert" data-testid="model-error">
          <p>{say(outcome.message)}</p>
          {outcome.differences && (
            <ul>
              {outcome.differences.map((d, i) => (
                <li key={i}>{say(d)}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
});
