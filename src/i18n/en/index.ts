/**
 * Every word the page shows, in English: one module per area of the page. zh/index.ts has the same keys (the type
 * checker and src/i18n/locales.test.ts refuse a missing one).
 */
import { backend } from './backend';
import { page } from './page';
import { training } from './training';
import { runs } from './runs';
import { charts } from './charts';
import { compare } from './compare';
import { featureMaps } from './featureMaps';
import { evaluation } from './evaluation';
import { model } from './model';
import { datasets } from './datasets';
import { data } from './data';
import { library } from './library';
import { exchange } from './exchange';
import { lessons } from './lessons';
import { share } from './share';
import { networks } from './networks';
import { offline } from './offline';
import { inside } from './inside';
import { panels } from './panels';
import { run } from './run';
import { settings } from './settings';
import { storage } from './storage';
import { units } from './units';
import { validation } from './validation';

export const en = {
  settings,
  validation,
  run,
  panels,
  units,
  backend,
  datasets,
  page,
  training,
  runs,
  charts,
  compare,
  featureMaps,
  evaluation,
  model,
  storage,
  data,
  library,
  exchange,
  lessons,
  share,
  networks,
  offline,
  inside,
};

/**
 * The shape every language has: the same keys, any strings. A plural's `_one` form is optional: Chinese has no
 * singular, so i18next only asks it for `_other`.
 */
export type LocaleShape<T = typeof en> = {
  [K in keyof T as K extends `${string}_one` ? never : K]: T[K] extends string ? string : LocaleShape<T[K]>;
} & { [K in keyof T as K extends `${string}_one` ? K : never]?: string };
