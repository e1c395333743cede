import type { LocaleShape } from '../en';
import type { training as en } from '../en/training';

/** 训练控制条：按钮，以及当前训练的进度行。 */
export const training: LocaleShape<typeof en> = {
  label: '训练控制',
  train: '训练',
  pause: '暂停',
  resume: '继续',
  stepOnce: '单步（一个批次）',
  stepOnceTitle: '训练一个批次，然后暂停',
  stop: '停止',
  progress: '训练进度',
  loading: '正在加载数据和计算后端…',
  epoch: '第 {{epoch}}/{{epochs}} 轮',
  step: '第 <n>{{step}}</n>/{{total}} 步',
  speed: '每秒 <n>{{speed}}</n> 张图像',
  eta: '预计还需 {{time}}',
  queued_other: '还有 {{count}} 次训练在排队',
  none: '还没有训练：选好设置后点击“训练”。',
  states: {
    loading: '加载中',
    running: '训练中',
    paused: '已暂停',
    done: '已完成',
    stopped: '已停止',
    failed: '失败',
    interrupted: '已中断',
  },
};
