/** 页面上的全部文字（简体中文）。与 en/index.ts 的键完全相同。 */
import type { LocaleShape } from '../en';
import { inside } from './inside';
import { panels } from './panels';
import { run } from './run';
import { settings } from './settings';
import { validation } from './validation';

export const zh: LocaleShape = { settings, validation, run, panels, inside };
