import type { LocaleShape } from '../en';
import type { validation as en } from '../en/validation';

/** 设置的取值为何不可用（{{setting}} 为设置名称）。 */
export const validation: LocaleShape<typeof en> = {
  notANumber: '{{setting}}必须是数字。',
  notWhole: '{{setting}}必须是整数。',
  range: '{{setting}}必须{{low}}且{{high}}（当前为 {{value}}）。',
  atLeast: '不小于 {{min}}',
  moreThan: '大于 {{min}}',
  atMost: '不大于 {{max}}',
  lessThan: '小于 {{max}}',
  notOnOff: '{{setting}}只能是开或关。',
  unknownChoice: '{{setting}}：未知的选项“{{value}}”。',
  batchOverData: '批大小不能超过训练图像数 {{images}}。',
  unreadable: '{{setting}}：无法读取“{{value}}”。',
  urlFallback: '{{problem}} 已改用默认值 {{fallback}}。',
  urlUnknown: '已忽略未知的链接参数“{{key}}”。',
};
