import type { LocaleShape } from '../en';
import type { runs as en } from '../en/runs';

/** 训练记录列表，以及新训练的名称（名称按创建时的语言保存）。 */
export const runs: LocaleShape<typeof en> = {
  title: '训练记录',
  empty: '还没有训练记录。训练记录保存在这个浏览器里，重新加载页面后仍然保留。',
  name: '第 {{n}} 次训练',
  presetName: '{{name}} #{{n}}',
  retryName: '{{name}}（重试）',
  show: '在图表中显示“{{name}}”',
  steps_other: '{{count}} 步',
  trainAcc: '训练准确率 {{value}}',
  valAcc: '验证准确率 {{value}}',
  testAcc: '测试准确率 {{value}}',
  changed: '与上一次训练相比改动了：{{settings}}',
  nothing: '无',
  settings: '设置',
  delete: '删除',
  confirmDelete: '删除训练“{{name}}”吗？它的曲线和结果都会被清除。',
};
