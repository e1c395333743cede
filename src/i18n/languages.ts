/** The page's languages and how one is chosen. Pure: the page, the tests and the link builder share it. */

export const LANGUAGES = ['en', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];

/** What each language calls itself, for the switch. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', zh: '中文' };

/** BCP 47 tags, for <html lang> and Intl's number and date formats. */
export const LOCALE_TAGS: Record<Language, string> = { en: 'en', zh: 'zh-CN' };

/** What goes between two sentences: a space in English; nothing in Chinese, whose full stop (。) is full width. */
export const SENTENCE_GAP: Record<Language, string> = { en: ' ', zh: '' };

export function isLanguage(x: unknown): x is Language {
  return (LANGUAGES as readonly unknown[]).includes(x);
}

/**
 * `lang=` in the link (en, zh, or a tag such as zh-CN) decides; else the first of the browser's languages we speak;
 * else English. `fromLink` says whether the link decided.
 */
export function pickLanguage(search: string, browserLanguages: readonly string[]): { language: Language; fromLink: boolean } {
  const asked = new URLSearchParams(search).get('lang');
  const fromLink = asked == null ? null : primary(asked);
  if (fromLink) return { language: fromLink, fromLink: true };
  for (const tag of browserLanguages) {
    const l = primary(tag);
    if (l) return { language: l, fromLink: false };
  }
  return { language: 'en', fromLink: false };
}

function primary(tag: string): Language | null {
  const base = tag.trim().toLowerCase().split(/[-_]/)[0];
  return isLanguage(base) ? base : null;
}

/** A link's query with `lang=` set to `language`, every other parameter kept: what the language switch writes. */
export function withLanguage(search: string, language: Language): string {
  const params = new URLSearchParams(search);
  params.set('lang', language);
  return `?${params.toString()}`;
}
