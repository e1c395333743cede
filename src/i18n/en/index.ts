/**
 * Every word the page shows, in English: one module per area of the page. zh/index.ts has the same keys (the type
 * checker and src/i18n/locales.test.ts refuse a missing one).
 */
import { inside } from './inside';
import { panels } from './panels';
import { run } from './run';
import { settings } from './settings';
import { validation } from './validation';

export const en = { settings, validation, run, panels, inside };

/** The shape every language has: the same keys, any strings. */
export type LocaleShape<T = typeof en> = { [K in keyof T]: T[K] extends string ? string : LocaleShape<T[K]> };
