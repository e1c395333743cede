import { memo, useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatSetting } from '../app/format';
import type { Message } from '../i18n/message';
import { useSay } from '../i18n/setup';
import { SETTINGS, type ConfigErrors, type NumberSetting, type Setting, type TrainConfig } from '../settings';
import { useSettingWords } from './setting-words';

/** Sections of the panel, by setting key; every setting of the table appears exactly once. */
const SECTIONS: { title: 'data' | 'network' | 'training'; keys: (keyof TrainConfig)[] }[] = [
  { title: 'data', keys: ['dataset', 'trainLimit', 'fixedSubset', 'augShift', 'augFlip', 'augNoise', 'augColour'] },
  {
    title: 'network',
    keys: ['model', 'width', 'activation', 'init', 'pooling', 'dropout', 'lrn', 'lrnDepthRadius', 'lrnBias', 'lrnAlpha', 'lrnBeta'],
  },
  { title: 'training', keys: ['optimizer', 'learningRate', 'momentum', 'weightDecay', 'batchSize', 'epochs', 'seed', 'backend'] },
];

interface Props {
  config: TrainConfig;
  errors: ConfigErrors;
  /** What may go wrong with a setting without blocking a run (a batch that may not fit in memory). */
  warnings?: ConfigErrors;
  disabled: boolean;
  onChange: (key: keyof TrainConfig, value: TrainConfig[keyof TrainConfig]) => void;
  /**
   * The Dataset setting's own control (it lists the user's datasets, which the table cannot), given the control's
   * id and the ids of its help and error; and what follows it (its details, adding data).
   */
  dataset?: { control: (id: string, describedBy: string) => ReactNode; after?: ReactNode };
  /** The chosen dataset's training images where the settings table cannot know them (an imported dataset). */
  trainImages?: number;
  /** Settings a teacher's link hides, and those it shows but locks (src/app/link.ts). */
  hidden?: readonly (keyof TrainConfig)[];
  locked?: readonly (keyof TrainConfig)[];
}

export const SettingsPanel = memo(function SettingsPanel({
  config,
  errors,
  warnings,
  disabled,
  onChange,
  dataset,
  trainImages,
  hidden = [],
  locked = [],
}: Props) {
  const { t } = useTranslation();
  return (
    <form className="settings" onSubmit={(e) => e.preventDefault()} aria-label={t('panels.settings.title')}>
      {SECTIONS.filter((section) => section.keys.some((k) => !hidden.includes(k))).map((section) => (
        <fieldset key={section.title} disabled={disabled}>
          <legend>{t(`panels.settings.sections.${section.title}`)}</legend>
          {section.keys.map((key) => {
            const s = SETTINGS.find((x) => x.key === key)!;
            if ((s.relevant && !s.relevant(config)) || hidden.includes(key)) return null;
            const custom = key === 'dataset' ? dataset : undefined;
            const control = (
              <SettingControl
                key={key}
                setting={s}
                value={config[key]}
                error={errors[key]}
                warning={warnings?.[key]}
                onChange={onChange}
                custom={custom?.control}
                after={custom?.after}
                helpValues={key === 'trainLimit' && trainImages !== undefined ? { all: trainImages } : undefined}
              />
            );
            // A locked control is shown as it is set, and cannot be changed.
            return locked.includes(key) ? (
              <fieldset key={key} className="locked" disabled title={t('share.lockedNote')} data-locked={key}>
                {control}
              </fieldset>
            ) : (
              control
            );
          })}
        </fieldset>
      ))}
    </form>
  );
});

function SettingControl({
  setting: s,
  value,
  error,
  warning,
  onChange,
  custom,
  after,
  helpValues,
}: {
  setting: Setting;
  value: TrainConfig[keyof TrainConfig];
  error?: Message;
  warning?: Message;
  onChange: Props['onChange'];
  custom?: (id: string, describedBy: string) => ReactNode;
  after?: ReactNode;
  helpValues?: Record<string, number>;
}) {
  const words = useSettingWords();
  const say = useSay();
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const shown = error ?? warning;
  const describedBy = shown ? `${helpId} ${errorId}` : helpId;
  let control;
  if (custom) {
    control = custom(id, describedBy);
  } else if (s.type === 'choice') {
    control = (
      <select id={id} value={String(value)} aria-describedby={describedBy} onChange={(e) => onChange(s.key, e.target.value as never)}>
        {s.options.map((o) => (
          <option key={o} value={o}>
            {words.option(s.key, o)}
          </option>
        ))}
      </select>
    );
  } else if (s.type === 'bool') {
    control = (
      <input
        id={id}
        type="checkbox"
        checked={Boolean(value)}
        aria-describedby={describedBy}
        onChange={(e) => onChange(s.key, e.target.checked as never)}
      />
    );
  } else {
    control = (
      <NumberControl
        id={id}
        setting={s as NumberSetting<keyof TrainConfig>}
        value={value as number}
        describedBy={describedBy}
        invalid={Boolean(error)}
        onChange={onChange}
      />
    );
  }
  // What follows a control (adding data after Dataset) is not part of the setting: a sibling of its block.
  return (
    <>
      <div className={`setting setting-${s.type}${error ? ' invalid' : ''}`} data-setting={s.key}>
        <label htmlFor={id}>{words.label(s.key)}</label>
        {control}
        <p className="help" id={helpId}>
          {words.help(s.key, helpValues)}
        </p>
        {error ? (
          <p className="error" id={errorId} role="alert" data-error-for={s.key}>
            {say(error)}
          </p>
        ) : (
          warning && (
            <p className="warning" id={errorId} role="status" data-warning-for={s.key}>
              {say(warning)}
            </p>
          )
        )}
      </div>
      {after}
    </>
  );
}

/**
 * A text box holding what the user typed (so "0." or "-1" can be seen and judged) plus, for rates, a log
 * slider. The config gets the parsed number, NaN included, and validation says what is wrong.
 */
function NumberControl({
  id,
  setting: s,
  value,
  describedBy,
  invalid,
  onChange,
}: {
  id: string;
  setting: NumberSetting<keyof TrainConfig>;
  value: number;
  describedBy: string;
  invalid: boolean;
  onChange: Props['onChange'];
}) {
  const { t } = useTranslation();
  const words = useSettingWords();
  const [draft, setDraft] = useState(formatSetting(value));
  const [seen, setSeen] = useState(value);
  // Follow the value when it changes from outside (the slider, a shared link), keeping the user's own text.
  if (!Object.is(seen, value)) {
    setSeen(value);
    if (!Object.is(parseNumber(draft), value)) setDraft(formatSetting(value));
  }
  const set = (text: string) => {
    setDraft(text);
    onChange(s.key, parseNumber(text) as never);
  };
  const [sliderMin, sliderMax] = s.slider ?? [Math.max(s.min, 1e-6), s.max];
  const lo = Math.log10(sliderMin);
  const hi = Math.log10(sliderMax);
  return (
    <span className="number-control">
      {s.log && (
        <input
          type="range"
          min={lo}
          max={hi}
          step={0.05}
          aria-label={t('panels.settings.logScale', { setting: words.label(s.key) })}
          value={Number.isFinite(value) && value > 0 ? Math.min(hi, Math.max(lo, Math.log10(value))) : lo}
          onChange={(e) => set(formatSetting(Number((10 ** Number(e.target.value)).toPrecision(2))))}
        />
      )}
      <input
        id={id}
        type="text"
        inputMode="decimal"
        value={draft}
        aria-describedby={describedBy}
        aria-invalid={invalid}
        onChange={(e) => set(e.target.value)}
      />
    </span>
  );
}

function parseNumber(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}
