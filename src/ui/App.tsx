import { startTransition, useCallback, useEffect, useMemo, useState } from 'react';
import { formatCount } from '../app/format';
import { useSay } from '../i18n/setup';
import { configFromQuery, configToQuery, validateConfig, type TrainConfig } from '../settings';
import { BackendStatus } from './BackendStatus';
import { ComparisonPanel, PRESETS } from './Comparison';
import { EvaluationPanel } from './EvaluationPanel';
import { FeatureMapsPanel } from './FeatureMapsPanel';
import { InsidePanel } from './InsidePanel';
import { ModelSummary } from './ModelSummary';
import { RunList } from './RunList';
import type { RunRecord } from '../app/run-store';
import type { TrainingSession } from '../app/session';
import { SettingsPanel } from './SettingsPanel';
import { TrainingBar } from './TrainingBar';
import { TrainingCharts } from './TrainingCharts';
import { useStore } from './use-store';

function newGroup(preset: { id: string; title: string }): NonNullable<RunRecord['group']> {
  return { id: `${preset.id}-${Date.now().toString(36)}`, preset: preset.title };
}

/** Link parameters the page reads that are not training settings. */
const PAGE_PARAMS = ['lang'];
const initialUrl = configFromQuery(typeof location === 'undefined' ? '' : location.search, undefined, PAGE_PARAMS);

export function App({ session }: { session: TrainingSession }) {
  const say = useSay();
  const runs = useStore(session.runs.subscribe, session.runs.getSnapshot);
  const status = useStore(session.subscribeStatus, session.getStatus);
  const [config, setConfig] = useState<TrainConfig>(initialUrl.config);
  const [notices, setNotices] = useState(initialUrl.notices);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [focusGroup, setFocusGroup] = useState<string | null>(null);

  const errors = useMemo(() => validateConfig(config), [config]);
  const errorCount = Object.keys(errors).length;
  const activeRun = runs.find((r) => r.id === session.activeRunId) ?? null;
  const latestRun = activeRun ?? runs.at(-1) ?? null;
  const live = activeRun !== null && ['loading', 'running', 'paused'].includes(activeRun.state);

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

  const onChange = useCallback((key: keyof TrainConfig, value: TrainConfig[keyof TrainConfig]) => {
    setConfig((c) => ({ ...c, [key]: value }));
  }, []);

  const startRuns = (items: { name: string; config: TrainConfig; group?: RunRecord['group'] }[]) => {
    const first = runs.length;
    session.startRuns(items);
    const ids = session.runs
      .getSnapshot()
      .slice(first)
      .map((r) => r.id);
    // Interruptible: the first draw of the charts must not hold up the click.
    startTransition(() => setSelected(new Set(ids)));
  };

  // Runs of a preset start one after another: select each as it is created (React's "adjust state while
  // rendering" pattern, rather than an effect that renders twice).
  const [shownActive, setShownActive] = useState<string | null>(null);
  if (activeRun && activeRun.id !== shownActive) {
    setShownActive(activeRun.id);
    if (!selected.has(activeRun.id)) setSelected(new Set([...(activeRun.group ? [...selected] : []), activeRun.id]));
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

  const train = () => startRuns([{ name: `Run ${runs.length + 1}`, config }]);
  const runPreset = (id: string) => {
    const preset = PRESETS.find((p) => p.id === id)!;
    const group = newGroup(preset);
    startTransition(() => setFocusGroup(group.id));
    startRuns(preset.pair(config).map((p) => ({ ...p, name: `${p.name} #${runs.length + 1}`, group })));
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
        <h1>AlexNet Playground</h1>
        <p className="tagline">Train the network that started deep learning’s ImageNet moment, live in your browser.</p>
        <BackendStatus status={status} />
        {status.data && (
          <p className="data-note" data-testid="data-note">
            {formatCount(status.data.train)} training, {formatCount(status.data.validation)} validation and {formatCount(status.data.test)}{' '}
            test images. {status.data.splitNote}
          </p>
        )}
        {notices.length > 0 && (
          <div className="notice" role="status" data-testid="url-notice">
            <p>Some settings in the link could not be used:</p>
            <ul>
              {notices.map((n, i) => (
                <li key={i}>{say(n)}</li>
              ))}
            </ul>
            <button type="button" className="link" onClick={() => setNotices([])}>
              Dismiss
            </button>
          </div>
        )}
        {status.error && (
          <p className="error" role="alert" data-testid="page-error">
            {say(status.error.message)}
          </p>
        )}
      </header>
      <main className="layout">
        <aside className="controls-col">
          <SettingsPanel config={config} errors={errors} disabled={live} onChange={onChange} />
        </aside>
        <div className="main-col">
          <TrainingBar
            run={activeRun ?? latestRun}
            canStart={errorCount === 0}
            startBlockedReason={
              errorCount > 0 ? `Fix ${errorCount === 1 ? 'the setting' : `${errorCount} settings`} marked in red first.` : undefined
            }
            queued={status.queued}
            onTrain={train}
            onPause={() => session.pause()}
            onResume={() => session.resume()}
            onStep={() => session.step()}
            onStop={() => session.stop()}
          />
          <section className="presets" aria-label="Comparison presets">
            <h2>Compare one ingredient</h2>
            <p className="note">
              Each preset trains two runs back to back with everything else equal: same seed, same initial weights, same data order.
            </p>
            <div className="buttons">
              {PRESETS.map((p) => (
                <button
                  key={p.id}
                  type="button"
                  onClick={() => runPreset(p.id)}
                  disabled={live || errorCount > 0}
                  title={p.about}
                  data-testid={`preset-${p.id}`}
                >
                  {p.title}
                </button>
              ))}
            </div>
          </section>
          <TrainingCharts runs={selectedRuns} />
          {groupRuns.length > 0 && (
            <>
              <h2>{focusPreset}</h2>
              <p className="note">{PRESETS.find((p) => p.title === focusPreset)?.about}</p>
              <ComparisonPanel runs={groupRuns} />
            </>
          )}
          <InsidePanel session={session} runs={insideRuns} />
          <FeatureMapsPanel
            session={session}
            status={status}
            dataset={config.dataset}
            activation={latestRun?.config.activation ?? config.activation}
            hasModel={runs.length > 0 && (live || latestRun?.state === 'done' || latestRun?.state === 'stopped')}
          />
          <EvaluationPanel
            session={session}
            runName={evalRun?.name ?? null}
            dataset={evalRun?.config.dataset ?? config.dataset}
            test={evalRun?.test}
            live={live}
          />
          <ModelSummary config={config} />
        </div>
        <aside className="runs-col">
          <h2>Runs</h2>
          <RunList runs={runs} selected={selected} onToggle={toggleRun} onDelete={deleteRun} />
        </aside>
      </main>
      <footer className="app-footer">
        <p>
          Data: MNIST (Yann LeCun, Corinna Cortes and Christopher J.C. Burges; CC BY-SA 3.0) and Fashion-MNIST (Han Xiao, Kashif Rasul and
          Roland Vollgraf, Zalando Research; MIT licence), shipped with the page. Network after Krizhevsky, Sutskever &amp; Hinton,
          “ImageNet Classification with Deep Convolutional Neural Networks”, NIPS 2012. Code: MIT licence.
        </p>
      </footer>
    </div>
  );
}
