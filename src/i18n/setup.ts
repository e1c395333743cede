/**
 * i18next for the page (React): both languages' words, the chosen language, and `translate` for the messages the
 * core and the Worker send (src/i18n/message.ts). Page only.
 */
import i18next, { type TFunction } from 'i18next';
import { useCallback } from 'react';
import { initReactI18next, useTranslation } from 'react-i18next';
import { en } from './en';
import { isLanguage, LOCALE_TAGS, type Language } from './languages';
import { isMessage, type Message } from './message';
import { zh } from './zh';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

export async function setupI18n(language: Language): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, zh: { translation: zh } },
    lng: language,
    fallbackLng: 'en',
    // React escapes what it renders; i18next escaping too would show "&amp;".
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  showLanguage(language);
  i18next.on('languageChanged', (l) => showLanguage(l as Language));
  return i18next;
}

function showLanguage(language: Language): void {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = LOCALE_TAGS[language];
  document.title = i18next.t('page.title');
}

/** A core or Worker message in the page's language; values that are messages are translated first. */
export function translate(t: TFunction, m: Message): string {
  const values = Object.fromEntries(Object.entries(m.values ?? {}).map(([k, v]) => [k, isMessage(v) ? translate(t, v) : v]));
  return t(m.key as never, values as never) as unknown as string;
}

/** For components: `const say = useSay(); say(message)` gives a core message in the page's language. */
export function useSay(): (m: Message) => string {
  const { t } = useTranslation();
  return useCallback((m: Message) => translate(t, m), [t]);
}

/** The page's language, for number formats (src/app/format.ts); components re-render when it changes. */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  const l = i18n.resolvedLanguage ?? i18n.language;
  return isLanguage(l) ? l : 'en';
}
