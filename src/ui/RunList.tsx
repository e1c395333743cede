import { memo, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDuration, formatList, formatPercent } from '../app/format';
import { BACKEND_LABEL } from '../backend/names';
import { SETTINGS, type TrainConfig } from '../settings';
import { RUN_COLORS, type RunRecord } from '../app/run-store';
import { useLanguage, useSay } from '../i18n/setup';
import { useSettingWords } from './setting-words';

interface Props {
  runs: readonly RunRecord[];
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
  onDelete: (id: string) => void;
  /** Shown under each run (exports, where it came from). */
  Actions?: ComponentType<{ run: RunRecord }>;
}

/** The settings in which `config` differs from `previous` (all of them for the first run). */
export function configDiff(config: TrainConfig, previous?: TrainConfig): (keyof TrainConfig)[] {
  return SETTINGS.map((s) => s.key).filter((k) => !previous || config[k] !== previous[k]);
}

/** Every run kept on this device, with what changed from the run before it and how it ended. */
export function RunList({ runs, selected, onToggle, onDelete, Actions }: Props) {
  const { t } = useTranslation();
  if (runs.length === 0) return <p className="empty">{t('runs.empty')}</p>;
  return (
    <ol className="run-list" data-testid="run-list">
      {runs.map((r, i) => (
        <RunItem
          key={r.id}
          run={r}
          previous={runs[i - 1]?.config}
          selected={selected.has(r.id)}
          onToggle={onToggle}
          onDelete={onDelete}
          Actions={Actions}
        />
      ))}
    </ol>
  );
}

/** One run; memoised, so a training step redraws only the run that moved. */
const RunItem = memo(function RunItem({
  run: r,
  previous: prev,
  selected,
  onToggle,
  onDelete,
  Actions,
}: {
  run: RunRecord;
  previous?: TrainConfig;
  selected: boolean;
  onToggle: (id: string) => void;
  onDelete: (id: string) => void;
  Actions?: ComponentType<{ run: RunRecord }>;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const words = useSettingWords();
  const say = useSay();
  const changed = new Set(configDiff(r.config, prev));
  const lastAcc = r.steps.acc.at(-1);
  const valAcc = r.epochs.valAcc.at(-1);
  return (
    <li className={`run run-${r.state}`} data-testid="run" data-run-id={r.id} data-state={r.state}>
      <label className="run-title">
        <input type="checkbox" checked={selected} onChange={() => onToggle(r.id)} aria-label={t('runs.show', { name: r.name })} />
        <span className="swatch" style={{ background: RUN_COLORS[r.color] }} aria-hidden />
        <strong>{r.name}</strong>
        <span className="state">{t(`training.states.${r.state}`)}</span>
      </label>
      <p className="run-metrics">
        {r.backend ? BACKEND_LABEL[r.backend] : '–'} · {t('runs.steps', { count: r.steps.step.length })} ·{' '}
        {formatDuration(r.elapsedMs, language)}
        {' · '}
        {t('runs.trainAcc', { value: formatPercent(lastAcc, language, 2) })} ·{' '}
        {t('runs.valAcc', { value: formatPercent(valAcc, language, 2) })} ·{' '}
        <span data-testid="run-test-accuracy">{t('runs.testAcc', { value: formatPercent(r.test?.accuracy, language, 2) })}</span>
      </p>
      {r.message && <p className="run-message">{say(r.message)}</p>}
      {Actions && <Actions run={r} />}
      <details>
        <summary>
          {prev
            ? t('runs.changed', {
                settings:
                  changed.size === 0
                    ? t('runs.nothing')
                    : formatList(
                        [...changed].map((k) => words.label(k)),
                        language,
                      ),
              })
            : t('runs.settings')}
        </summary>
        <dl className="run-config">
          {SETTINGS.map((s) => (
            <div key={s.key} className={prev && changed.has(s.key) ? 'changed' : undefined}>
              <dt>{words.label(s.key)}</dt>
              <dd>{words.value(s.key, r.config[s.key])}</dd>
            </div>
          ))}
        </dl>
      </details>
      <button
        type="button"
        className="link danger"
        onClick={() => {
          if (window.confirm(t('runs.confirmDelete', { name: r.name }))) onDelete(r.id);
        }}
      >
        {t('runs.delete')}
      </button>
    </li>
  );
});
