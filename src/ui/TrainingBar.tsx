import { Trans, useTranslation } from 'react-i18next';
import { formatDecimal, formatDuration } from '../app/format';
import { useLanguage, useSay } from '../i18n/setup';
import { ACTIVE_STATES, type RunRecord } from '../app/run-store';

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

const isLive = (r: RunRecord) => ACTIVE_STATES.includes(r.state);

/** Train / Pause / Resume / Step / Stop, and where each current run stands. */
export function TrainingBar({ runs, canStart, startBlockedReason, onTrain, onPause, onResume, onStep, onStop }: Props) {
  const { t } = useTranslation();
  const live = runs.some(isLive);
  const running = runs.some((r) => r.state === 'running');
  const paused = !running && runs.some((r) => r.state === 'paused');
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
        {paused ? (
          <button type="button" onClick={onResume} data-testid="resume">
            {t('training.resume')}
          </button>
        ) : (
          <button type="button" onClick={onPause} disabled={!running} data-testid="pause">
            {t('training.pause')}
          </button>
        )}
        <button type="button" onClick={onStep} disabled={!paused} title={t('training.stepOnceTitle')} data-testid="step">
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
      {runs.length === 0 ? (
        <div className="progress" data-testid="progress">
          <progress max={1} value={0} aria-label={t('training.progress')} />
          <span data-testid="progress-text">{t('training.none')}</span>
        </div>
      ) : (
        runs.map((r) => <RunProgress key={r.id} run={r} />)
      )}
    </section>
  );
}

/** One run's progress line, and why it failed if it did. */
function RunProgress({ run }: { run: RunRecord }) {
  const { t } = useTranslation();
  const language = useLanguage();
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
        <progress max={1} value={fraction} aria-label={t('training.progress')} />
        <span data-testid="progress-text">
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
              {!live && <> · {t(`training.states.${state}`)}</>}
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
