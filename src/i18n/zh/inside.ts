import type { LocaleShape } from '../en';
import type { inside as en } from '../en/inside';

/** “网络内部”面板：训练过程中各层的统计量（issue #13）。 */
export const inside: LocaleShape<typeof en> = {
  title: '网络内部',
  intro:
    '训练过程中，每个卷积层和全连接层内部发生了什么：由训练步本身在其批次的前 {{images}} 张图像上测量（即网络训练时看到的情形：Dropout 开启）。',
  definitions:
    '饱和：tanh 输出满足 |y| > {{tanh}}，或 sigmoid 输出小于 {{low}} 或大于 {{high}}。此处曲线几乎是平的，几乎没有梯度能经过这个单元反向传播。死亡神经元：对这些图像输出全部为 0 的 ReLU 卷积核（卷积层）或单元（全连接层）。它得不到梯度，不再学习。',
  every: '更新间隔',
  never: '从不（最快）',
  steps: '{{count}} 步',
  budget: '（如果测量和绘制会占用超过 1% 的训练时间，则自动降低频率，但每次运行至少测量 {{min}} 次）',
  empty: '训练一个网络，或运行“ReLU 与 tanh”对比，即可查看网络内部。',
  off: '已关闭：选择一个间隔，即可在接下来的训练步中测量各层。',
  waiting: '正在等待第一次测量。',
  probeStep: '第 {{step}} 步',
  layers: '各层，由浅到深',
  histograms: {
    title: '各层激活值分布',
    note: '每条色带显示该层输出值（纵轴）在各训练步（横轴）上的分布，颜色越深表示落在该处的值越多；右侧的条形是当前的分布。所有运行使用同一刻度：−1 到 1 之间为线性刻度，之外为对数刻度。恰好为 0 的输出（关闭的 ReLU）不画出，其占比见下方的文字说明。',
    strip: '运行 {{run}} 中 {{layer}} 的输出值随训练步的分布',
  },
  charts: {
    title: '随训练步的变化',
    units: '饱和与死亡神经元',
    saturated: '各层饱和的 {{activation}} 单元',
    dead: '各层死亡的 ReLU 单元',
    gradient: '各层权重梯度范数 ‖∇W‖（对数刻度）',
    update: '更新量与权重之比 ‖ΔW‖/‖W‖（对数刻度）',
    healthy: '虚线：1e-3，训练正常时的典型值',
    steps: '训练步',
  },
  word: {
    filters: '卷积核',
    units: '单元',
    linear: '线性',
  },
  layer: '{{layer}}：{{activation}}，{{units}} 个{{what}}',
  reading: {
    saturatedHigh: '{{layer}}：第 {{step}} 步时 {{share}} 的 {{activation}} 单元已饱和——经过它们的梯度几乎为零。',
    saturatedSome: '{{layer}}：第 {{step}} 步时 {{share}} 的 {{activation}} 单元已饱和——它们的梯度被削弱了。',
    saturatedLow: '{{layer}}：第 {{step}} 步时饱和占 {{share}}；输出值大多在 {{low}} 到 {{high}} 之间。',
    dead: '{{layer}}：第 {{step}} 步时 {{total}} 个{{what}}中有 {{dead}} 个已死亡——它们对每张图像都输出 0，不再学习；全部输出中有 {{zero}} 为 0。',
    alive: '{{layer}}：第 {{step}} 步时没有死亡的{{what}}；{{zero}} 的输出为 0（ReLU 关闭），其余大多在 {{low}} 到 {{high}} 之间。',
    plain: '{{layer}}：第 {{step}} 步时输出值大多在 {{low}} 到 {{high}} 之间（均值 {{mean}}）。',
    unitsSaturated: '{{layer}}：第 {{step}} 步时 {{share}} 的 {{activation}} 单元已饱和——经过它们的梯度几乎为零。',
    unitsSomeSaturated: '饱和最多的是 {{layer}}：第 {{step}} 步时 {{share}} 的 {{activation}} 单元已饱和——它们的梯度被削弱了。',
    unitsFewSaturated: '饱和单元最多占 {{share}}（{{layer}}，第 {{step}} 步）：{{activation}} 单元工作在曲线有斜率的部分。',
    unitsNoneSaturated: '第 {{step}} 步时没有饱和的 {{activation}} 单元：它们工作在曲线有斜率的部分。',
    unitsDead: '{{layer}}：第 {{step}} 步时 {{share}} 的 ReLU {{what}}已死亡——它们对每张图像都输出 0，不再学习。',
    unitsNoneDead: '第 {{step}} 步时没有死亡的 ReLU 单元：每个卷积核和单元至少对一张图像有非零输出。',
    unitsNone: '没有饱和或死亡的单元：这些层没有使用 tanh、sigmoid 或 ReLU。',
    gradientRange: '第 {{step}} 步时，各层的权重梯度范数从 {{low}}（{{lowLayer}}）到 {{high}}（{{highLayer}}）。',
    gradientShrunk:
      '第 {{step}} 步时，{{layer}} 的权重梯度范数只有第 {{first}} 步时的 1/{{factor}}；各层从 {{low}}（{{lowLayer}}）到 {{high}}（{{highLayer}}）。',
    updateLarge: '{{layer}}：第 {{step}} 步时更新量是权重的 {{ratio}}——偏大（正常约为 1e-3）：学习率可能过高。',
    updateSmall: '{{layer}}：第 {{step}} 步时更新量只有权重的 {{ratio}}——偏小（正常约为 1e-3）：这一层学得很慢。',
    updateHealthy: '第 {{step}} 步时，更新量为权重的 {{low}} 到 {{high}}，接近正常的 1e-3。',
    noGradients: '第一个训练步之后才会有梯度。',
  },
};
