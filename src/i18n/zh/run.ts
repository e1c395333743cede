import type { LocaleShape } from '../en';
import type { run as en } from '../en/run';

/** 页面对提前结束的训练和训练 Worker 的说明。 */
export const run: LocaleShape<typeof en> = {
  diverged: '第 {{step}} 步时损失变成了 {{loss}}：训练发散了。请试试更小的学习率（例如 {{rate}}）。',
  failed: '训练因错误而停止：{{detail}}',
  gpuFailed: '{{failure}}；改用下一个后端继续。',
  pageClosed: '训练进行时页面被关闭或重新加载了。',
  workerCrashed: '训练 Worker 崩溃了（{{reason}}）。已保留到目前为止的指标；请开始新的训练继续。',
  workerCrashedShort: '训练 Worker 崩溃了：{{reason}}',
  unknownCrash: '未知错误',
  unreadableMessage: '有一条消息无法读取',
  crashTest: '被测试终止',
  noModel: '请先训练一个模型：现在还没有可以用来预测的模型。',
  unknownCommand: '训练 Worker 收到了一条无法理解的消息：{{text}}',
  error: '训练 Worker 出错了：{{detail}}',
};
