import { Trans, useTranslation } from 'react-i18next';
import type { PageStatus } from '../app/session';
import { SENTENCE_GAP } from '../i18n/languages';
import { useLanguage, useSay } from '../i18n/setup';
import { useSettingWords } from './setting-words';

/** Which backend trains, why, and why the faster ones were not used. */
export function BackendStatus({ status }: { status: PageStatus }) {
  const { t } = useTranslation();
  const say = useSay();
  const words = useSettingWords();
  const language = useLanguage();
  const b = status.backend;
  if (!b)
    return (
      <p className="backend" data-testid="backend">
        {t('backend.choosing')}
      </p>
    );
  return (
    <div className="backend" data-testid="backend" data-backend={b.backend}>
      <p>
        <Trans
          i18nKey="backend.runsOn"
          values={{ name: words.option('backend', b.backend) }}
          components={{ name: <strong data-testid="backend-name" /> }}
        />
        {SENTENCE_GAP[language]}
        <span data-testid="backend-reason">{t('backend.reason.sentence', { reason: say(b.reason) })}</span>
      </p>
      {b.skipped.length > 0 && (
        <details>
          <summary>{t('backend.whyNot')}</summary>
          <ul data-testid="backend-skipped">
            {b.skipped.map((s) => (
              <li key={s.backend}>{say(s.why)}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
