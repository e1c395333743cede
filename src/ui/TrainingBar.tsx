import { formatDuration } from '../app/format';
import { useSay } from '../i18n/setup';
import type { RunRecord } from '../app/run-store';

interface Props {
  run: RunRecord | null;
  canStart: boolean;
  startBlockedReason?: string;
  queued: number;
  onTrain: () => void;
  onPause: () => void;
  onResume: () => void;
  onStep: () => void;
  onStop: () => void;
}

/** Train / Pause / Resume / Step / Stop, and where the current run stands. */
export function TrainingBar({ run, canStart, startBlockedReason, queued, onTrain, onPause, onResume, onStep, onStop }: Props) {
  const say = useSay();
  const state = run?.state;
  const live = state === 'loading' || state === 'running' || state === 'paused';
  const step = run?.steps.step.at(-1) ?? 0;
  const total = run?.totalSteps ?? 0;
  const fraction = total > 0 ? step / total : 0;
  const msPerStep = step > 0 && run ? run.elapsedMs / step : Number.NaN;
  const eta = (total - step) * msPerStep;
  const epoch = run && run.stepsPerEpoch > 0 ? Math.min(run.config.epochs, Math.floor(Math.max(0, step - 1) / run.stepsPerEpoch) + 1) : 0;
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
        {state === 'paused' ? (
          <button type="button" onClick={onResume} data-testid="resume">
            Resume
          </button>
        ) : (
          <button type="button" onClick={onPause} disabled={state !== 'running'} data-testid="pause">
            Pause
          </button>
        )}
        <button type="button" onClick={onStep} disabled={state !== 'paused'} title="Train on one batch, then pause" data-testid="step">
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
      <div className="progress" data-testid="progress">
        <progress max={1} value={fraction} aria-label="Training progress" />
        <span data-testid="progress-text">
          {run ? (
            <>
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
              {queued > 0 && <> · {queued} more queued</>}
            </>
          ) : (
            'No run yet: choose settings and press Train.'
          )}
        </span>
      </div>
      {run?.state === 'failed' && run.message && (
        <p className="error run-message" role="alert" data-testid="run-error">
          {say(run.message)}
        </p>
      )}
    </section>
  );
}
