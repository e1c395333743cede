import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount, formatSetting } from '../app/format';
import { useLanguage } from '../i18n/setup';
import { SETTINGS, type TrainConfig } from '../settings';

type Key = keyof TrainConfig;

/**
 * A setting's words in the page's language (src/i18n/<language>/settings.ts): its name, its help (with the
 * values the table gives it) and the names of its options; and a value written as the run list shows it.
 */
export function useSettingWords() {
  const { t } = useTranslation();
  const language = useLanguage();
  // Keys built from a setting's key: i18next's types cannot follow them, the locale test checks they exist.
  const tt = t as unknown as (key: string, values?: Record<string, unknown>) => string;
  const label = useCallback((key: Key) => tt(`settings.${key}.label`), [tt]);
  const help = useCallback(
    /** `override`: values known only at run time (an imported dataset's training images, say). */
    (key: Key, override?: Record<string, number>) => {
      const values = { ...SETTINGS.find((s) => s.key === key)?.helpValues, ...override };
      // Counts such as "all 55,000" are grouped as the language groups digits.
      return tt(`settings.${key}.help`, Object.fromEntries(Object.entries(values).map(([k, v]) => [k, formatCount(v, language)])));
    },
    [tt, language],
  );
  const option = useCallback((key: Key, value: string) => tt(`settings.${key}.options.${value}`, { defaultValue: value }), [tt]);
  const value = useCallback(
    (key: Key, v: unknown): string => {
      const s = SETTINGS.find((x) => x.key === key)!;
      if (s.type === 'bool') return tt(v ? 'panels.settings.on' : 'panels.settings.off');
      if (s.type === 'choice') return option(key, String(v));
      return typeof v === 'number' ? formatSetting(v) : String(v);
    },
    [tt, option],
  );
  // One object while the language stays: App's datasetName depends on it and goes to the sweep panel, a memo component.
  return useMemo(() => ({ label, help, option, value }), [label, help, option, value]);
}
