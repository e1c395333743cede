import { startTransition, useCallback, useEffect, useMemo, useState } from 'react';
import { datasetProblems, datasetShape } from '../app/dataset-library';
import { importedClassNames } from '../app/datasets';
import { pickedRates, SweepRunner } from '../app/sweep';
import type { Message } from '../i18n/message';
import type { UserDatasetInfo } from '../worker/protocol';
import { AddData } from './AddData';
import { DatasetDetails, DatasetSelect } from './DatasetSelect';
import { LearningRateSweep, SWEEP_SMOOTHING, SWEEP_THRESHOLD, useLatestSweep } from './LearningRateSweep';
import { useSettingWords } from './setting-words';
import { Trans, useTranslation } from 'react-i18next';
import { splitNote } from '../app/datasets';
import { isBuiltinDataset } from '../data/dataset';
import { formatCount } from '../app/format';
import { msg } from '../i18n/message';
import { SENTENCE_GAP } from '../i18n/languages';
import { useLanguage, useSay } from '../i18n/setup';
import { PanelBoundary } from './PanelBoundary';
import { DEFAULT_CONFIG, SETTINGS, validateConfig, type ConfigErrors, type Dataset, type TrainConfig } from '../settings';
import { memoryVerdict } from '../model/memory-fit';
import { datasetInput } from '../model/network-for';
import { browserStorage, LessonProgress } from '../app/lesson-progress';
import { lessonById, lessonConfig, type Lesson } from '../app/lessons';
import { PAGE_PARAMS, readLink, settingsQuery } from '../app/link';
import { LessonsPanel } from './LessonsPanel';
import { ShareExperiment } from './ShareExperiment';
import { PanelTabs } from './PanelTabs';
import { PHONE, useMedia } from './use-media';
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
import { PRESETS, figure1Refusal } from './presets';
import { RunActions, RunExchange } from './RunExchange';
import { RunList } from './RunList';
import { ACTIVE_STATES, type RunRecord } from '../app/run-store';
import type { NewRun, TrainingSession } from '../app/session';
import { SettingsPanel } from './SettingsPanel';
import { TrainingBar } from './TrainingBar';
import { TrainingCharts } from './TrainingCharts';
import { useStore } from './use-store';

function newGroup(preset: { id: string }): NonNullable<RunRecord['group']> {
  return { id: `${preset.id}-${Date.now().toString(36)}`, preset: preset.id };
}

/** The link: settings, and the page parameters (language, lesson, hidden and locked controls, start) of src/app/link.ts. */
const initialUrl = readLink(typeof location === 'undefined' ? '' : location.search);
/** A link's start=1 starts training once, not again when React runs effects twice or the page is reloaded. */
let startedFromLink = false;

export function App({ session, offline }: { session: TrainingSession; offline?: OfflineCopy }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const say = useSay();
  const presetWords = usePresetWords();
  const runs = useStore(session.runs.subscribe, session.runs.getSnapshot);
  const status = useStore(session.subscribeStatus, session.getStatus);
  const library = useStore(session.library.subscribe, session.library.getSnapshot);
  const runner = useMemo(() => new SweepRunner(session), [session]);
  const sweep = useStore(runner.subscribe, runner.getSnapshot);
  const words = useSettingWords();
  const [config, setConfig] = useState<TrainConfig>(initialUrl.config);
  const [notices, setNotices] = useState(initialUrl.notices);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [focusGroup, setFocusGroup] = useState<string | null>(null);
  const phone = useMedia(PHONE);
  const [progress] = useState(() => new LessonProgress(browserStorage(), initialUrl.params.lesson));

  // The settings table's rules, and what only the datasets the Worker lists can tell (an imported set's images).
  const validation = useMemo(() => ({ ...validateConfig(config), ...datasetProblems(config, library) }), [config, library]);
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
  const nextToControl =
    errorSetting !== undefined &&
    !initialUrl.params.hide.includes(errorSetting) &&
    SETTINGS.some((s) => s.key === errorSetting && (!s.relevant || s.relevant(config)));
  const activeIds = session.activeRunIds;
  const activeRuns = runs.filter((r) => activeIds.includes(r.id));
  const activeRun = activeRuns[0] ?? null;
  const latestRun = activeRun ?? runs.at(-1) ?? null;
  // A sweep is live from its first run to its last, also between two of them.
  const live = activeRuns.some((r) => ACTIVE_STATES.includes(r.state)) || sweep.running !== null;
  // Memoised, as evalShape below: datasetShape makes a new array for a user dataset at each call, which would redraw
  // the memo panels that take it (ModelSummary, EvaluationPanel, the sweep) at every training step.
  const shape = useMemo(() => datasetShape(config.dataset, library.user), [config.dataset, library.user]);
  const userInfo = library.user.find((d) => d.id === config.dataset);
  const [presetRefusal, setPresetRefusal] = useState<{ id: string; message: Message } | null>(null);
  const [removed, setRemoved] = useState<string | null>(null);

  useEffect(() => session.library.refresh(), [session]);

  useEffect(() => {
    void session.restore().then(() => {
      const saved = session.runs.getSnapshot();
      if (saved.length > 0) setSelected(new Set([saved[saved.length - 1].id]));
    });
  }, [session]);

  // The whole config lives in the URL, so a shared link opens the same experiment.
  useEffect(() => {
    const current = new URLSearchParams(location.search);
    const query = new URLSearchParams(settingsQuery(config, current.get('lesson')));
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

  const startRuns = useCallback(
    (items: NewRun[]) => {
      const ids = session.startRuns(items);
      // Interruptible: the first draw of the charts must not hold up the click.
      startTransition(() => setSelected(new Set(ids)));
      return ids;
    },
    [session],
  );

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
  const train = (c = config) => startRuns([{ name: t('runs.name', { n: runs.length + 1 }), config: c }]);
  const sweepResult = useLatestSweep(runs);
  const sweepRates = useMemo(
    () => pickedRates(sweepResult?.group ?? null, config, SWEEP_THRESHOLD, SWEEP_SMOOTHING, sweepResult?.summary),
    [sweepResult, config],
  );
  // A callback that stays the same during training (it reads the run count, not the runs), so that the sweep panel's
  // onUsePicks below does not redraw that memo panel at every step.
  const runCount = runs.length;
  const runPreset = useCallback(
    (id: string, c = config): string[] => {
      const preset = PRESETS.find((p) => p.id === id)!;
      // A preset for other images (Figure 1's, for 32×32 colour) says what to import instead of starting.
      const refusal = preset.refuse?.(shape) ?? null;
      setPresetRefusal(refusal ? { id, message: refusal } : null);
      if (refusal) return [];
      const group = newGroup(preset);
      startTransition(() => setFocusGroup(group.id));
      return startRuns(
        preset.pair(c, { rates: sweepRates }).map((p) => ({
          config: p.config,
          name: t('runs.presetName', { name: presetWords.runName(id, p), n: runCount + 1 }),
          group,
        })),
      );
    },
    [config, shape, sweepRates, startRuns, t, presetWords, runCount],
  );
  const trainSweepPicks = useCallback(() => runPreset('figure1'), [runPreset]);
  const showLoadedModel = useCallback((id: string) => setSelected(new Set([id])), []);

  // A lesson loads its settings (a teacher's link may have changed them) and starts its runs.
  const startLesson = (lesson: Lesson, c = lesson.id === initialUrl.params.lesson ? initialUrl.config : lessonConfig(lesson)) => {
    setConfig(c);
    return lesson.preset ? runPreset(lesson.preset, c) : train(c);
  };
  useEffect(() => {
    if (!initialUrl.params.start || startedFromLink) return;
    startedFromLink = true;
    // The page already holds the link's settings: only the runs start here, as soon as the effects have run (a
    // start sets the page's state, which an effect should not do in its own body).
    queueMicrotask(() => {
      const lesson = initialUrl.params.lesson ? lessonById(initialUrl.params.lesson) : null;
      const ids = lesson?.preset ? runPreset(lesson.preset, initialUrl.config) : train(initialUrl.config);
      if (lesson) progress.started(lesson.id, ids);
    });
    const query = new URLSearchParams(location.search);
    query.delete('start');
    const q = query.toString();
    history.replaceState(history.state, '', `${location.pathname}${q ? `?${q}` : ''}${location.hash}`);
    // Once, as the page opens: what it starts with is the link's, not what changes later.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const removeDataset = useCallback(
    async (info: UserDatasetInfo) => {
      const why = await session.library.remove(info.id);
      if (!why) {
        setRemoved(info.name);
        // Runs trained on it are kept; the setting moves to what every browser has.
        setConfig((c) => (c.dataset === info.id ? { ...c, dataset: DEFAULT_CONFIG.dataset } : c));
      }
      return why;
    },
    [session],
  );
  const datasetSlot = useMemo(
    () => ({
      control: (id: string, describedBy: string) => (
        <DatasetSelect
          id={id}
          describedBy={describedBy}
          value={config.dataset}
          library={library}
          onChange={(v) => onChange('dataset', v)}
        />
      ),
      after: (
        <>
          {userInfo && <DatasetDetails key={userInfo.id} info={userInfo} disabled={live} onRemove={removeDataset} />}
          {removed && (
            <p className="note" role="status" data-testid="dataset-removed">
              {t('library.removed', { name: removed })}
            </p>
          )}
          <AddData
            library={session.library}
            state={library}
            disabled={live}
            onImported={(id) => {
              setRemoved(null);
              onChange('dataset', id as Dataset);
            }}
          />
        </>
      ),
    }),
    [config.dataset, library, userInfo, live, removed, removeDataset, session, onChange, t],
  );
  // The images and classes a run's network was built for, to write its PyTorch and Keras code.
  const networkInput = useCallback(
    (r: RunRecord) => {
      const input = datasetShape(r.config.dataset, library.user);
      const info = library.user.find((d) => d.id === r.config.dataset);
      return input ? { input, classes: info ? info.classNames.length : 10 } : null;
    },
    [library],
  );
  const datasetName = useCallback(
    (id: Dataset) => library.user.find((d) => d.id === id)?.name ?? words.option('dataset', id),
    [library, words],
  );

  const selectedRuns = runs.filter((r) => selected.has(r.id));
  const groupRuns = focusGroup ? runs.filter((r) => r.group?.id === focusGroup) : [];
  const focusPreset = groupRuns[0]?.group?.preset;
  const evalRun = [...selectedRuns].reverse().find((r) => r.test) ?? latestRun;
  const evalDataset = evalRun?.config.dataset ?? config.dataset;
  const evalShape = useMemo(() => datasetShape(evalDataset, library.user), [evalDataset, library.user]);
  // An imported dataset's class names: as the Worker listed them (a CIFAR-10 archive's in the page's words).
  const evalInfo = library.user.find((d) => d.id === evalDataset);
  const evalClassNames = useMemo(
    () =>
      evalInfo
        ? importedClassNames(evalInfo.classNames, language)
        : status.data?.dataset === evalDataset
          ? status.data.classNames
          : undefined,
    [evalInfo, language, status.data, evalDataset],
  );
  // A preset's pair side by side, else the run training (or the last one).
  const insideRuns = groupRuns.length > 0 ? groupRuns : latestRun ? [latestRun] : [];

  return (
    <div className="app">
      <header className="app-header">
        <div className="title-row">
          <h1>{t('page.title')}</h1>
          <p className="tagline">{t('page.tagline')}</p>
          <ShareExperiment config={config} progress={progress} params={initialUrl.params} />
          <LanguageSwitch />
        </div>
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
        <div className="lesson-col">
          <PanelBoundary name="lessons">
            <LessonsPanel progress={progress} runs={runs} live={live} onStart={(lesson) => startLesson(lesson)} />
          </PanelBoundary>
          {/* On a phone the settings fold away below Train and the chart; wider, they are open. */}
          <details className="settings-fold" key={phone ? 'phone' : 'wide'} open={!phone} data-testid="settings-fold">
            <summary>
              <h2>{t('panels.settings.title')}</h2>
            </summary>
            <PanelBoundary name="settings">
              <SettingsPanel
                config={config}
                errors={shownErrors}
                warnings={warnings}
                disabled={live}
                onChange={onChange}
                dataset={datasetSlot}
                trainImages={userInfo?.counts.train}
                hidden={initialUrl.params.hide}
                locked={initialUrl.params.lock}
              />
            </PanelBoundary>
          </details>
        </div>
        <div className="main-col">
          <TrainingBar
            runs={activeRuns.length > 0 ? activeRuns : latestRun ? [latestRun] : []}
            canStart={errorCount === 0 && sweep.running === null}
            startBlockedReason={errorCount > 0 ? t('page.fixSettings', { count: errorCount }) : undefined}
            onTrain={() => train()}
            onPause={() => session.pause()}
            onResume={() => session.resume()}
            onStep={() => session.step()}
            onStop={() => (sweep.running !== null ? runner.stop() : session.stop())}
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
            {presetRefusal && (
              <p className="error" role="alert" data-testid="preset-refusal">
                {say(presetRefusal.message)}
              </p>
            )}
            {/* Figure 1's rates matter only where its preset can train. */}
            {!figure1Refusal(shape) && (
              <p className="note" data-testid="figure1-rates">
                {sweepRates?.relu !== undefined && sweepRates.tanh !== undefined
                  ? t('compare.sweep.picked', { relu: sweepRates.relu, tanh: sweepRates.tanh })
                  : t('compare.sweep.notPicked', { rate: config.learningRate })}
              </p>
            )}
          </section>
          {/* The charts and a pair's comparison side by side where the screen is wide enough (a projector). */}
          <div className={groupRuns.length > 0 && focusPreset ? 'results-row paired' : 'results-row'}>
            <PanelBoundary name="charts">
              <TrainingCharts runs={selectedRuns} />
            </PanelBoundary>
            {groupRuns.length > 0 && focusPreset && (
              <PanelBoundary name="comparison">
                <section className="comparison-box" aria-label={presetWords.title(focusPreset)}>
                  <h2>{presetWords.title(focusPreset)}</h2>
                  <p className="note">{presetWords.about(focusPreset)}</p>
                  <ComparisonPanel runs={groupRuns} preset={focusPreset} />
                </section>
              </PanelBoundary>
            )}
          </div>
          <PanelTabs
            label={t('page.panels')}
            tabs={[
              {
                id: 'feature-maps',
                label: t('featureMaps.title'),
                content: (
                  <PanelBoundary name="feature maps">
                    <FeatureMapsPanel
                      session={session}
                      status={status}
                      dataset={latestRun?.config.dataset ?? config.dataset}
                      activation={latestRun?.config.activation ?? config.activation}
                      hasModel={
                        status.model !== null ||
                        (runs.length > 0 && (live || latestRun?.state === 'done' || latestRun?.state === 'stopped'))
                      }
                    />
                  </PanelBoundary>
                ),
              },
              {
                id: 'inside',
                label: t('inside.title'),
                content: (
                  <PanelBoundary name="inside">
                    <InsidePanel session={session} runs={insideRuns} />
                  </PanelBoundary>
                ),
              },
              {
                id: 'evaluation',
                label: t('evaluation.title'),
                content: (
                  <PanelBoundary name="evaluation">
                    <EvaluationPanel
                      session={session}
                      runName={evalRun?.name ?? null}
                      dataset={evalDataset}
                      userClassNames={evalClassNames}
                      imageShape={evalShape}
                      test={evalRun?.test}
                      live={live}
                    />
                  </PanelBoundary>
                ),
              },
              {
                id: 'class-results',
                label: t('exchange.classResults.title'),
                content: (
                  <PanelBoundary name="class results">
                    <ClassResults runs={runs} />
                  </PanelBoundary>
                ),
              },
              {
                id: 'model',
                label: t('exchange.modelPanel.title'),
                content: (
                  <PanelBoundary name="model">
                    <ModelPanel
                      session={session}
                      model={status.model}
                      runs={runs}
                      config={config}
                      live={live}
                      onLoaded={showLoadedModel}
                      networkInput={networkInput}
                    />
                  </PanelBoundary>
                ),
              },
              {
                id: 'network',
                label: t('model.label'),
                content: (
                  <PanelBoundary name="model summary">
                    <ModelSummary config={config} dataShape={shape ?? undefined} classes={userInfo?.classNames.length ?? 10} />
                  </PanelBoundary>
                ),
              },
              {
                id: 'sweep',
                label: t('compare.sweep.title'),
                content: (
                  <PanelBoundary name="learning-rate sweep">
                    <LearningRateSweep
                      runner={runner}
                      sweep={sweep}
                      result={sweepResult}
                      config={config}
                      shape={shape}
                      trainImages={userInfo ? userInfo.counts.train : undefined}
                      datasetName={datasetName}
                      live={live}
                      onUsePicks={trainSweepPicks}
                    />
                  </PanelBoundary>
                ),
              },
            ]}
          />
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
