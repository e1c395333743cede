import type { LocaleShape } from '../en';
import type { units as en } from '../en/units';

/** 时长的单位（src/app/format.ts）。 */
export const units: LocaleShape<typeof en> = {
  seconds: '{{s}} 秒',
  minutes: '{{m}} 分 {{s}} 秒',
  hours: '{{h}} 小时 {{m}} 分',
};
