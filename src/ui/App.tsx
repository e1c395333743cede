import { startTransition, useCallback, useEffect, useMemo, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { splitNote } from '../app/datasets';
import { isBuiltinDataset } from '../data/dataset';
import { formatCount } from '../app/format';
import { msg } from '../i18n/message';
import { SENTENCE_GAP } from '../i18n/languages';
import { useLanguage, useSay } from '../i18n/setup';
import { PanelBoundary } from './PanelBoundary';
import { configFromQuery, configToQuery, SETTINGS, validateConfig, type ConfigErrors, type TrainConfig } from '../settings';
import { memoryVerdict } from '../model/memory-fit';
import { datasetInput } from '../model/network-for';
import { BackendStatus } from './BackendStatus';
import { BACKEND_LABEL } from '../backend/names';
import { ClassResults } from './ClassResults';
import { ComparisonPanel, usePresetWords } from './Comparison';
import { EvaluationPanel } from './EvaluationPanel';
import { FeatureMapsPanel } from './FeatureMapsPanel';
import { InsidePanel } from './InsidePanel';
import { LanguageSwitch } from './LanguageSwitch';
import { ModelPanel } from './ModelPanel';
import { ModelSummary } from './ModelSummary';
import { OfflineStatus } from './OfflineStatus';
import type { OfflineCopy } from '../app/offline';
import { PRESETS } from './presets';
import { RunActions, RunExchange } from './RunExchange';
import { RunList } from './RunList';
import type { RunRecord } from '../app/run-store';
import type { NewRun, TrainingSession } from '../app/session';
import { SettingsPanel } from './SettingsPanel';
import { TrainingBar } from './TrainingBar';
import { TrainingCharts } from './TrainingCharts';
import { useStore } from './use-store';

function newGroup(preset: { id: string }): NonNullable<RunRecord['group']> {
  return { id: `${preset.id}-${Date.now().toString(36)}`, preset: preset.id };
}

/** Link parameters the page reads that are not training settings. */
const PAGE_PARAMS = ['lang'];
const initialUrl = configFromQuery(typeof location === 'undefined' ? '' : location.search, undefined, PAGE_PARAMS);

export function App({ session, offline }: { session: TrainingSession; offline?: OfflineCopy }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const say = useSay();
  const presetWords = usePresetWords();
  const runs = useStore(session.runs.subscribe, session.runs.getSnapshot);
  const status = useStore(session.subscribeStatus, session.getStatus);
  const [config, setConfig] = useState<TrainConfig>(initialUrl.config);
  const [notices, setNotices] = useState(initialUrl.notices);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [focusGroup, setFocusGroup] = useState<string | null>(null);

  const validation = useMemo(() => validateConfig(config), [config]);
  // Whether a step fits in what the running backend holds (the Worker reported its limits with it): a refusal
  // blocks Train like any invalid setting, a warning does not. The Worker checks again when a run starts.
  const dataShape = status.data?.dataset === config.dataset ? status.data : null;
  const limits = status.backend?.limits;
  const memory = useMemo(() => {
    const input = datasetInput(config.dataset) ?? (dataShape ? ([dataShape.height, dataShape.width, dataShape.channels] as const) : null);
    return limits && input && !validation.batchSize ? memoryVerdict(config, [...input], limits) : null;
  }, [config, dataShape, limits, validation]);
  const errors = useMemo<ConfigErrors>(
    () => (memory?.level === 'refuse' ? { ...validation, batchSize: memory.message } : validation),
    [validation, memory],
  );
  const errorCount = Object.keys(errors).length;
  // What the Worker said about a setting (a batch it refused, or one that ran out of memory) stays next to that
  // setting until it changes (the header says it when that setting is hidden: nextToControl); what the page's own
  // checks say comes first.
  const shownErrors = useMemo<ConfigErrors>(() => {
    const e = status.error;
    return e?.setting && !errors[e.setting] ? { ...errors, [e.setting]: e.message } : errors;
  }, [errors, status.error]);
  const warnings = useMemo<ConfigErrors>(() => (memory?.level === 'warn' ? { batchSize: memory.message } : {}), [memory]);
  // A problem with a setting the panel hides now (it does not apply to this network) is said at the top instead.
  const errorSetting = status.error?.setting;
  const nextToControl = errorSetting !== undefined && SETTINGS.some((s) => s.key === errorSetting && (!s.relevant || s.relevant(config)));
  const activeIds = session.activeRunIds;
  const activeRuns = runs.filter((r) => activeIds.includes(r.id));
  const activeRun = activeRuns[0] ?? null;
  const latestRun = activeRun ?? runs.at(-1) ?? null;
  const live = activeRuns.some((r) => ['loading', 'running', 'paused'].includes(r.state));

  useEffect(() => {
    void session.restore().then(() => {
      const saved = session.runs.getSnapshot();
      if (saved.length > 0) setSelected(new Set([saved[saved.length - 1].id]));
    });
  }, [session]);

  // The whole config lives in the URL, so a shared link opens the same experiment.
  useEffect(() => {
    const query = new URLSearchParams(configToQuery(config));
    const current = new URLSearchParams(location.search);
    for (const p of PAGE_PARAMS) if (current.has(p)) query.set(p, current.get(p)!);
    const q = query.toString();
    const url = `${location.pathname}${q ? `?${q}` : ''}${location.hash}`;
    if (url !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(null, '', url);
  }, [config]);

  // Pick the backend and fetch the data as soon as the page opens, so it can say what will run.
  useEffect(() => {
    if (!errors.backend && !errors.dataset) session.init(config.backend, config.dataset);
  }, [session, config.backend, config.dataset, errors.backend, errors.dataset]);

  const onChange = useCallback(
    (key: keyof TrainConfig, value: TrainConfig[keyof TrainConfig]) => {
      setConfig((c) => ({ ...c, [key]: value }));
      session.settingChanged(key);
    },
    [session],
  );

  const startRuns = (items: NewRun[]) => {
    const ids = session.startRuns(items);
    // Interruptible: the first draw of the charts must not hold up the click.
    startTransition(() => setSelected(new Set(ids)));
  };

  // Runs started by the session itself (a retry on the next backend) are shown as they appear (React's "adjust
  // state while rendering" pattern, rather than an effect that renders twice).
  const [shownActive, setShownActive] = useState<readonly string[]>([]);
  if (activeIds !== shownActive) {
    setShownActive(activeIds);
    if (activeIds.some((id) => !selected.has(id))) setSelected(new Set([...(activeRun?.group ? [...selected] : []), ...activeIds]));
  }

  const toggleRun = useCallback(
    (id: string) =>
      setSelected((s) => {
        const next = new Set(s);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      }),
    [],
  );
  const deleteRun = useCallback((id: string) => void session.remove(id), [session]);

  // A run's name is stored text: written once, in the language of the page when the run starts.
  const train = () => startRuns([{ name: t('runs.name', { n: runs.length + 1 }), config }]);
  const runPreset = (id: string) => {
    const preset = PRESETS.find((p) => p.id === id)!;
    const group = newGroup(preset);
    startTransition(() => setFocusGroup(group.id));
    startRuns(
      preset.pair(config).map((p) => ({
        config: p.config,
        name: t('runs.presetName', { name: presetWords.runName(id, p), n: runs.length + 1 }),
        group,
      })),
    );
  };

  const selectedRuns = runs.filter((r) => selected.has(r.id));
  const groupRuns = focusGroup ? runs.filter((r) => r.group?.id === focusGroup) : [];
  const focusPreset = groupRuns[0]?.group?.preset;
  const evalRun = [...selectedRuns].reverse().find((r) => r.test) ?? latestRun;
  // A preset's pair side by side, else the run training (or the last one).
  const insideRuns = groupRuns.length > 0 ? groupRuns : latestRun ? [latestRun] : [];

  return (
    <div className="app">
      <header className="app-header">
        <div className="title-row">
          <h1>{t('page.title')}</h1>
          <LanguageSwitch />
        </div>
        <p className="tagline">{t('page.tagline')}</p>
        <BackendStatus status={status} />
        {status.data && (
          <p className="data-note" data-testid="data-note">
            {t('page.dataNote', {
              train: formatCount(status.data.train, language),
              validation: formatCount(status.data.validation, language),
              test: formatCount(status.data.test, language),
            })}
            {SENTENCE_GAP[language]}
            {isBuiltinDataset(status.data.dataset)
              ? splitNote(status.data.dataset, language)
              : status.data.note
                ? say(status.data.note)
                : null}
          </p>
        )}
        {offline && <OfflineStatus offline={offline} live={live} />}
        {notices.length > 0 && (
          <div className="notice" role="status" data-testid="url-notice">
            <p>{t('page.urlNotice')}</p>
            <ul>
              {notices.map((n, i) => (
                <li key={i}>{say(n)}</li>
              ))}
            </ul>
            <button type="button" className="link" onClick={() => setNotices([])}>
              {t('page.dismiss')}
            </button>
          </div>
        )}
        {status.error && !nextToControl && (
          <p className="error" role="alert" data-testid="page-error">
            {say(status.error.message)}
          </p>
        )}
        {status.outOfMemory && !live && (
          <p className="notice" role="status" data-testid="out-of-memory-offer">
            {t('run.outOfMemoryOffer', { backend: BACKEND_LABEL[status.outOfMemory.backend] })}{' '}
            <button type="button" data-testid="train-next-backend" onClick={() => session.trainOnNextBackend()}>
              {t('run.trainOnNextBackend')}
            </button>
          </p>
        )}
        {status.storage && (
          <p className="error" role="alert" data-testid="storage-problem">
            {say(msg('storage.notKept', { reason: status.storage }))}
          </p>
        )}
        {status.skipped && (
          <p className="notice" role="status" data-testid="skipped-runs">
            {say(status.skipped)}
          </p>
        )}
      </header>
      <main className="layout">
        <aside className="controls-col">
          <PanelBoundary name="settings">
            <SettingsPanel config={config} errors={shownErrors} warnings={warnings} disabled={live} onChange={onChange} />
          </PanelBoundary>
        </aside>
        <div className="main-col">
          <TrainingBar
            runs={activeRuns.length > 0 ? activeRuns : latestRun ? [latestRun] : []}
            canStart={errorCount === 0}
            startBlockedReason={errorCount > 0 ? t('page.fixSettings', { count: errorCount }) : undefined}
            onTrain={train}
            onPause={() => session.pause()}
            onResume={() => session.resume()}
            onStep={() => session.step()}
            onStop={() => session.stop()}
          />
          <section className="presets" aria-label={t('compare.label')}>
            <h2>{t('compare.title')}</h2>
            <p className="note">{t('compare.note')}</p>
            <div className="buttons">
              {PRESETS.map((p) => (
                <button
                  key={p.id}
                  type="button"
                  onClick={() => runPreset(p.id)}
                  disabled={live || errorCount > 0}
                  title={presetWords.about(p.id)}
                  data-testid={`preset-${p.id}`}
                >
                  {presetWords.title(p.id)}
                </button>
              ))}
            </div>
          </section>
          <PanelBoundary name="charts">
            <TrainingCharts runs={selectedRuns} />
          </PanelBoundary>
          {groupRuns.length > 0 && focusPreset && (
            <PanelBoundary name="comparison">
              <h2>{presetWords.title(focusPreset)}</h2>
              <p className="note">{presetWords.about(focusPreset)}</p>
              <ComparisonPanel runs={groupRuns} />
            </PanelBoundary>
          )}
          <PanelBoundary name="inside">
            <InsidePanel session={session} runs={insideRuns} />
          </PanelBoundary>
          <PanelBoundary name="class results">
            <ClassResults runs={runs} />
          </PanelBoundary>
          <PanelBoundary name="feature maps">
            <FeatureMapsPanel
              session={session}
              status={status}
              dataset={config.dataset}
              activation={latestRun?.config.activation ?? config.activation}
              hasModel={
                status.model !== null || (runs.length > 0 && (live || latestRun?.state === 'done' || latestRun?.state === 'stopped'))
              }
            />
          </PanelBoundary>
          <PanelBoundary name="evaluation">
            <EvaluationPanel
              session={session}
              runName={evalRun?.name ?? null}
              dataset={evalRun?.config.dataset ?? config.dataset}
              userClassNames={status.data?.dataset === (evalRun?.config.dataset ?? config.dataset) ? status.data?.classNames : undefined}
              test={evalRun?.test}
              live={live}
            />
          </PanelBoundary>
          <PanelBoundary name="model">
            <ModelPanel
              session={session}
              model={status.model}
              runs={runs}
              config={config}
              live={live}
              onLoaded={(id) => setSelected(new Set([id]))}
            />
          </PanelBoundary>
          <PanelBoundary name="model summary">
            <ModelSummary
              config={config}
              dataShape={
                status.data?.dataset === config.dataset ? [status.data.height, status.data.width, status.data.channels] : undefined
              }
            />
          </PanelBoundary>
        </div>
        <aside className="runs-col">
          <h2>{t('runs.title')}</h2>
          <PanelBoundary name="run exchange">
            <RunExchange session={session} selected={selectedRuns} config={config} />
          </PanelBoundary>
          <PanelBoundary name="run list">
            <RunList runs={runs} selected={selected} onToggle={toggleRun} onDelete={deleteRun} Actions={RunActions} />
          </PanelBoundary>
        </aside>
      </main>
      <footer className="app-footer">
        <p>
          <Trans i18nKey="page.footer" components={{ en: <span lang="en" /> }} />
        </p>
      </footer>
    </div>
  );
}
