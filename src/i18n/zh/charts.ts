import type { LocaleShape } from '../en';
import type { charts as en } from '../en/charts';

/** 损失和准确率图表及其选项。 */
export const charts: LocaleShape<typeof en> = {
  label: '训练图表',
  xAxis: '横轴',
  xOptions: { step: '步数', epoch: '轮数', seconds: '秒' },
  smoothing: '平滑',
  logLoss: '损失用对数刻度',
  raw: '显示每步原始值',
  empty: '训练一个网络，或在训练记录中选中几次训练，就能在这里看到它们的曲线。',
  loss: '损失（交叉熵）',
  accuracy: '准确率',
  caption: '{{metric}}随{{x}}的变化',
  against: { step: '步数', epoch: '轮数', seconds: '训练时间（秒）' },
  at: { step: '第 {{x}} 步', epoch: '第 {{x}} 轮', seconds: '训练时间 {{x}} 秒' },
  series: {
    raw: '{{run}}（训练，原始值）',
    smooth: '{{run}}（训练）',
    validation: '{{run}}（验证）',
  },
};
