/**
 * A link to the page: the training settings (the settings table's own codec, src/settings.ts) and the page
 * parameters below, in one typed table with URL keys, defaults and validation (the settings table's idea). A teacher's
 * link names a lesson, the language, the controls to hide or lock, and whether training starts on open. Anything
 * unknown or malformed keeps the default and is listed in a notice, as the settings are. Pure.
 */
import { pickLanguage, type Language } from '../i18n/languages';
import { msg, type Message } from '../i18n/message';
import { configFromQuery, configToQuery, DEFAULT_CONFIG, readBool, SETTINGS, type TrainConfig } from '../settings';
import { isLessonId, lessonById, lessonConfig, type LessonId } from './lessons';

export interface PageParams {
  /** The page's language; null: the browser's (src/i18n/languages.ts decides, main.tsx applies it). */
  lang: Language | null;
  /** The lesson the page opens at. */
  lesson: LessonId | null;
  /** Settings whose controls are not shown. */
  hide: (keyof TrainConfig)[];
  /** Settings whose controls are shown but cannot be changed. */
  lock: (keyof TrainConfig)[];
  /** Training starts as the page opens: the lesson's runs, or one run of the link's settings. */
  start: boolean;
}

export const DEFAULT_PAGE_PARAMS: PageParams = { lang: null, lesson: null, hide: [], lock: [], start: false };

interface PageParam<K extends keyof PageParams> {
  key: K;
  url: string;
  /** The value, or a message saying what is wrong with `raw`; a list keeps its good items and names the rest. */
  read: (raw: string) => { value: PageParams[K]; problems: Message[] };
  /** The link's text for a value other than the default. */
  write: (value: PageParams[K]) => string;
}
type AnyPageParam = { [K in keyof PageParams]: PageParam<K> }[keyof PageParams];

const BY_URL = new Map(SETTINGS.map((s) => [s.url, s.key]));
const URL_OF = new Map(SETTINGS.map((s) => [s.key, s.url]));

/** A comma-separated list of settings by their URL keys (`hide=lrnr,lrnk`). */
function settingList(url: string): Pick<PageParam<'hide' | 'lock'>, 'read' | 'write'> {
  return {
    read: (raw) => {
      const value: (keyof TrainConfig)[] = [];
      const problems: Message[] = [];
      for (const item of raw.split(',').map((x) => x.trim())) {
        if (item === '') continue;
        const key = BY_URL.get(item);
        if (key === undefined) problems.push(msg('share.notices.notASetting', { param: url, value: item }));
        else if (!value.includes(key)) value.push(key);
      }
      return { value, problems };
    },
    write: (keys) => keys.map((k) => URL_OF.get(k)!).join(','),
  };
}

export const PAGE_PARAM_TABLE: readonly AnyPageParam[] = [
  {
    key: 'lesson',
    url: 'lesson',
    read: (raw) =>
      isLessonId(raw) ? { value: raw, problems: [] } : { value: null, problems: [msg('share.notices.unknownLesson', { value: raw })] },
    write: (v) => v ?? '',
  },
  { key: 'hide', url: 'hide', ...settingList('hide') },
  { key: 'lock', url: 'lock', ...settingList('lock') },
  {
    key: 'start',
    url: 'start',
    read: (raw) => {
      const value = readBool(raw);
      return value === undefined
        ? { value: false, problems: [msg('share.notices.notOnOff', { param: 'start', value: raw })] }
        : { value, problems: [] };
    },
    write: (v) => (v ? '1' : '0'),
  },
  {
    // The language is applied before the page draws (main.tsx, pickLanguage); here it is checked and written.
    key: 'lang',
    url: 'lang',
    read: (raw) => {
      const { language, fromLink } = pickLanguage(`?${new URLSearchParams({ lang: raw })}`, []);
      return fromLink
        ? { value: language, problems: [] }
        : { value: null, problems: [msg('share.notices.unknownLanguage', { value: raw })] };
    },
    write: (v) => v ?? '',
  },
];

/** The page parameters' URL keys: the settings codec treats them as known, and the page keeps them in its link. */
export const PAGE_PARAMS: readonly string[] = PAGE_PARAM_TABLE.map((p) => p.url);

export interface DecodedLink {
  config: TrainConfig;
  params: PageParams;
  /** One per value that was unknown or malformed and fell back to its default. */
  notices: Message[];
}

/**
 * Reads a link. A link that names a lesson and no setting opens with the lesson's settings; settings in the link
 * are read over the defaults, as always, so a link made by the page (which writes every setting that differs from
 * the defaults) opens exactly what it shared.
 */
export function readLink(query: string): DecodedLink {
  const p = new URLSearchParams(query);
  const params: PageParams = { ...DEFAULT_PAGE_PARAMS };
  const notices: Message[] = [];
  const mutable = params as unknown as Record<string, unknown>;
  for (const param of PAGE_PARAM_TABLE) {
    const raw = p.get(param.url);
    if (raw === null) continue;
    const { value, problems } = param.read(raw);
    mutable[param.key] = value;
    notices.push(...problems);
  }
  const hasSettings = SETTINGS.some((s) => p.has(s.url));
  const base = params.lesson && !hasSettings ? lessonConfig(lessonById(params.lesson)) : DEFAULT_CONFIG;
  const settings = configFromQuery(query, base, PAGE_PARAMS);
  return { config: settings.config, params, notices: [...settings.notices, ...notices] };
}

/**
 * The settings part of a link: those that differ from the defaults (the settings codec). A link naming a lesson and no
 * setting opens with the lesson's settings, so when the settings are the defaults but the lesson's are not (the first
 * lesson's full version, all images), one of them is written anyway, at its default, to say so.
 */
export function settingsQuery(config: TrainConfig, lesson: string | null): string {
  const query = configToQuery(config);
  if (query !== '' || !isLessonId(lesson)) return query;
  const own = lessonConfig(lessonById(lesson));
  const differs = SETTINGS.find((s) => own[s.key] !== config[s.key]);
  return differs ? new URLSearchParams({ [differs.url]: String(config[differs.key]) }).toString() : '';
}

/**
 * A link's query: the settings (settingsQuery), then the page parameters that differ from their defaults. No config
 * (null): no settings at all, so that a lesson's link opens with the lesson's own.
 */
export function writeLink(config: TrainConfig | null, params: Partial<PageParams>): string {
  const query = new URLSearchParams(config ? settingsQuery(config, params.lesson ?? null) : '');
  const all = { ...DEFAULT_PAGE_PARAMS, ...params };
  for (const param of PAGE_PARAM_TABLE) {
    const value = all[param.key];
    if (JSON.stringify(value) === JSON.stringify(DEFAULT_PAGE_PARAMS[param.key])) continue;
    query.set(param.url, (param.write as (v: unknown) => string)(value));
  }
  // Commas are fine in a query and keep `hide=lrnr,lrnk` readable for a teacher who edits a link by hand.
  return query.toString().replace(/%2C/g, ',');
}

/** The settings a lesson suggests hiding from students: every one it does not use. */
export function suggestedHidden(lessonId: LessonId): (keyof TrainConfig)[] {
  const focus = new Set(lessonById(lessonId).focus);
  return SETTINGS.map((s) => s.key).filter((k) => !focus.has(k));
}
