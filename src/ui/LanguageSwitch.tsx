import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES, LANGUAGES, LOCALE_TAGS, withLanguage, type Language } from '../i18n/languages';
import { useLanguage } from '../i18n/setup';

/**
 * English / 中文: switches the page at once (messages from the Worker are stored as keys, so they re-render in the
 * new language too) and writes `lang=` into the link, so a reload or a shared link keeps the language.
 */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = useLanguage();
  const choose = (language: Language) => {
    if (language === current) return;
    void i18n.changeLanguage(language);
    history.replaceState(history.state, '', `${location.pathname}${withLanguage(location.search, language)}${location.hash}`);
  };
  return (
    <div className="language-switch" role="group" aria-label={t('page.language')} data-testid="language-switch">
      {LANGUAGES.map((l) => (
        // Each name in its own language, marked as such for screen readers.
        <button
          key={l}
          type="button"
          lang={LOCALE_TAGS[l]}
          aria-pressed={l === current}
          onClick={() => choose(l)}
          data-testid={`language-${l}`}
        >
          {LANGUAGE_NAMES[l]}
        </button>
      ))}
    </div>
  );
}
