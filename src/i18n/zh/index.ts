/** 页面上的全部文字（简体中文）。与 en/index.ts 的键完全相同。 */
import type { LocaleShape } from '../en';
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

export const zh: LocaleShape = {
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
