import { Trans, useTranslation } from 'react-i18next';
import { formatDecimal, formatDuration } from '../app/format';
import { useLanguage, useSay } from '../i18n/setup';
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
  const { t } = useTranslation();
  const language = useLanguage();
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
    <section className="training-bar" aria-label={t('training.label')}>
      <div className="buttons">
        <button
          type="button"
          className="primary"
          onClick={onTrain}
          disabled={!canStart || live}
          title={startBlockedReason}
          data-testid="train"
        >
          {t('training.train')}
        </button>
        {state === 'paused' ? (
          <button type="button" onClick={onResume} data-testid="resume">
            {t('training.resume')}
          </button>
        ) : (
          <button type="button" onClick={onPause} disabled={state !== 'running'} data-testid="pause">
            {t('training.pause')}
          </button>
        )}
        <button type="button" onClick={onStep} disabled={state !== 'paused'} title={t('training.stepOnceTitle')} data-testid="step">
          {t('training.stepOnce')}
        </button>
        <button type="button" onClick={onStop} disabled={!live} data-testid="stop">
          {t('training.stop')}
        </button>
      </div>
      {!canStart && startBlockedReason && (
        <p className="error" role="alert">
          {startBlockedReason}
        </p>
      )}
      <div className="progress" data-testid="progress">
        <progress max={1} value={fraction} aria-label={t('training.progress')} />
        <span data-testid="progress-text">
          {run ? (
            <>
              <strong>{run.name}</strong>{' '}
              {state === 'loading' ? (
                t('training.loading')
              ) : (
                <>
                  {t('training.epoch', { epoch, epochs: run.config.epochs })} ·{' '}
                  <Trans i18nKey="training.step" values={{ step, total }} components={{ n: <span data-testid="step-count" /> }} />
                  {run.imagesPerSec > 0 && (
                    <>
                      {' · '}
                      <Trans
                        i18nKey="training.speed"
                        values={{ speed: formatDecimal(run.imagesPerSec, language) }}
                        components={{ n: <span data-testid="images-per-sec" /> }}
                      />
                    </>
                  )}
                  {live && step > 0 && <> · {t('training.eta', { time: formatDuration(eta, language) })}</>}
                  {!live && state && <> · {t(`training.states.${state}`)}</>}
                </>
              )}
              {queued > 0 && <> · {t('training.queued', { count: queued })}</>}
            </>
          ) : (
            t('training.none')
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
