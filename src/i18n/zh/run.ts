import type { LocaleShape } from '../en';
import type { run as en } from '../en/run';

/** 页面对提前结束的训练和训练 Worker 的说明。 */
export const run: LocaleShape<typeof en> = {
  diverged: '第 {{step}} 步时损失变成了 {{loss}}：训练发散了。{{advice}}',
  adviceRate: '请试试更小的学习率（例如 {{rate}}）。',
  adviceInit: '最可能的原因是权重初始化：与文章相同的 N(0, 1) 会让最初的 logits 非常大。请试试 Glorot（或小得多的学习率）。',
  adviceLrn: '最可能的原因是 LRN 偏置 k = {{bias}}：它接近零时，LRN 的除数可能变成零。请试试 k = 1（文章）或 2（论文）。',
  failed: '训练因错误而停止：{{detail}}',
  outOfMemory: '{{backend}} 在批大小 {{batch}} 时内存不足（{{detail}}）。没有别的问题：调小批大小后再训练即可。',
  outOfMemoryOffer:
    '已保留这次训练到目前为止的记录。其他后端的内存上限不同：可以用相同的设置在下一个后端上重新训练（本次访问不再使用 {{backend}}），也可以调小批大小。',
  trainOnNextBackend: '在下一个后端上重新训练',
  workerRetired: 'WebAssembly 内存不足，无法继续，训练 worker 已重新启动。',
  gpuFailed: '{{failure}}；改用下一个后端继续。',
  workerCrashed: '训练 Worker 崩溃了（{{reason}}）。已保留到目前为止的指标；请开始新的训练继续。',
  workerCrashedShort: '训练 Worker 崩溃了：{{reason}}',
  workerRestarted: '训练 Worker 崩溃了（{{reason}}）。已启动新的 Worker：之前的训练记录都已保留，可以再次训练。',
  unknownCrash: '未知错误',
  unreadableMessage: '有一条消息无法读取',
  crashTest: '被测试终止',
  noModel: '请先训练一个模型：现在还没有可以用来预测的模型。',
  unknownCommand: '训练 Worker 收到了一条无法理解的消息：{{text}}',
  error: '训练 Worker 出错了：{{detail}}',
  dataStalled: '数据文件 {{file}} 中断了：{{seconds}} 秒内没有收到任何数据。请检查网络连接，然后再按“训练”。',
  stoppedWhileLoading: '在开始训练之前已停止。',
  replaced: '已停止：新的训练开始了。',
  stuck: '上一次训练没有停下来（{{detail}}），因此重新启动了训练 Worker。',
  notAnswering: '训练 Worker 没有响应（{{seconds}} 秒内毫无消息），因此重新启动了它。',
  requestTimeout: '训练 Worker 在 {{seconds}} 秒内没有回应。',
  busyStep: '有一步仍在等待 GPU',
};
