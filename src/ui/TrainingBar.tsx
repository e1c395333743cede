import { formatDuration } from '../app/format';
import { useSay } from '../i18n/setup';
import type { RunRecord } from '../app/run-store';

interface Props {
  /** The runs training now (a preset's pair trains together), else the last run. */
  runs: RunRecord[];
  canStart: boolean;
  startBlockedReason?: string;
  onTrain: () => void;
  onPause: () => void;
  onResume: () => void;
  onStep: () => void;
  onStop: () => void;
}

const isLive = (r: RunRecord) => r.state === 'loading' || r.state === 'running' || r.state === 'paused';

/** Train / Pause / Resume / Step / Stop, and where each current run stands. */
export function TrainingBar({ runs, canStart, startBlockedReason, onTrain, onPause, onResume, onStep, onStop }: Props) {
  const live = runs.some(isLive);
  const running = runs.some((r) => r.state === 'running');
  const paused = !running && runs.some((r) => r.state === 'paused');
  return (
    <section className="training-bar" aria-label="Training controls">
      <div className="buttons">
        <button
          type="button"
          className="primary"
          onClick={onTrain}
          disabled={!canStart || live}
          title={startBlockedReason}
          data-testid="train"
        >
          Train
        </button>
        {paused ? (
          <button type="button" onClick={onResume} data-testid="resume">
            Resume
          </button>
        ) : (
          <button type="button" onClick={onPause} disabled={!running} data-testid="pause">
            Pause
          </button>
        )}
        <button type="button" onClick={onStep} disabled={!paused} title="Train on one batch, then pause" data-testid="step">
          Step one batch
        </button>
        <button type="button" onClick={onStop} disabled={!live} data-testid="stop">
          Stop
        </button>
      </div>
      {!canStart && startBlockedReason && (
        <p className="error" role="alert">
          {startBlockedReason}
        </p>
      )}
      {runs.length === 0 ? (
        <div className="progress" data-testid="progress">
          <progress max={1} value={0} aria-label="Training progress" />
          <span data-testid="progress-text">No run yet: choose settings and press Train.</span>
        </div>
      ) : (
        runs.map((r) => <RunProgress key={r.id} run={r} />)
      )}
    </section>
  );
}

/** One run's progress line, and why it failed if it did. */
function RunProgress({ run }: { run: RunRecord }) {
  const say = useSay();
  const state = run.state;
  const live = isLive(run);
  const step = run.steps.step.at(-1) ?? 0;
  const total = run.totalSteps;
  const fraction = total > 0 ? step / total : 0;
  const msPerStep = step > 0 ? run.elapsedMs / step : Number.NaN;
  const eta = (total - step) * msPerStep;
  const epoch = run.stepsPerEpoch > 0 ? Math.min(run.config.epochs, Math.floor(Math.max(0, step - 1) / run.stepsPerEpoch) + 1) : 0;
  return (
    <>
      <div className="progress" data-testid="progress" data-run-id={run.id}>
        <progress max={1} value={fraction} aria-label="Training progress" />
        <span data-testid="progress-text">
          <strong>{run.name}</strong>{' '}
          {state === 'loading' ? (
            'loading data and backend…'
          ) : (
            <>
              epoch {epoch}/{run.config.epochs} · step <span data-testid="step-count">{step}</span>/{total}
              {run.imagesPerSec > 0 && (
                <>
                  {' '}
                  · <span data-testid="images-per-sec">{run.imagesPerSec.toFixed(1)}</span> images/s
                </>
              )}
              {live && step > 0 && <> · ETA {formatDuration(eta)}</>}
              {!live && <> · {state}</>}
            </>
          )}
        </span>
      </div>
      {state === 'failed' && run.message && (
        <p className="error run-message" role="alert" data-testid="run-error">
          {say(run.message)}
        </p>
      )}
    </>
  );
}
