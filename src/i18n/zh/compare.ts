import type { LocaleShape } from '../en';
import type { compare as en } from '../en/compare';

/** 对比预设（只差一个要素的两次训练）和对比图表。 */
export const compare: LocaleShape<typeof en> = {
  label: '对比预设',
  title: '只改一个要素来对比',
  note: '每个预设同时训练两次运行，两者轮流各走一步，其他条件完全相同：相同的随机种子、相同的初始权重、相同的数据顺序。',
  presets: {
    'relu-tanh': {
      title: 'ReLU 对比 tanh（AlexNet 论文图 1）',
      about:
        '论文中，使用 ReLU 的 4 层卷积神经网络在 CIFAR-10 上达到 25% 训练错误率的速度是使用 tanh 时的六倍。看看这里的两次训练各自在什么时候越过这条线。',
      runs: { relu: 'ReLU', tanh: 'tanh' },
    },
    figure1: {
      title: '图 1：按论文的方式训练 ReLU 与 tanh',
      about:
        '用图 1 自己的网络（3 个卷积层加 1 个全连接层，来自 cuda-convnet），在 32×32 的彩色图像上训练：带动量 0.9 的 SGD，不用权重衰减、Dropout、LRN 和数据增强，两种激活函数各用自己的学习率（学习率扫描选出的值，没有扫描时用学习率设置）。论文中，ReLU 达到 25% 训练错误率的速度是 tanh 的六倍。',
      runs: { relu: 'ReLU，学习率 {{rate}}', tanh: 'tanh，学习率 {{rate}}' },
    },
    dropout: {
      title: 'Dropout 对比不用 Dropout',
      about: 'AlexNet 用比例为 0.5 的 Dropout 对抗过拟合，代价是收敛所需的迭代次数大约翻了一倍。请比较训练曲线和验证曲线。',
      runs: { on: 'Dropout {{rate}}', off: '无 Dropout' },
    },
    lrn: {
      title: 'LRN 对比不用 LRN',
      about: '局部响应归一化让 AlexNet 在 ImageNet 上的 top-1 错误率降低了 1.4 个百分点；在手写数字上差别可能很小。',
      runs: { on: 'LRN', off: '无 LRN' },
    },
    augment: {
      title: '数据增强对比不增强',
      about: 'AlexNet 用随机裁剪和水平翻转（以及 PCA 颜色扰动）来对抗过拟合。这里用的是随机平移和像素噪声。',
      runs: { on: '数据增强', off: '无数据增强' },
    },
    init: {
      title: 'Glorot 初始化对比 N(0, 1) 初始化',
      about: '文章从 N(0, 1) 中抽取所有权重；Glorot 按每层的输入和输出个数缩放权重。看损失曲线的最初几步，以及两者最后停在哪里。',
      runs: { glorot: 'Glorot', normal: 'N(0, 1)' },
    },
    rate: {
      title: '学习率：太小对比太大',
      about:
        '把学习率缩小到百分之一，或放大到十万倍。小的那个进展极慢；用 SGD 时，大的那个几步之内就会溢出，页面会停止它（用 Adam 时则会停滞不前）。',
      runs: { low: '学习率 {{rate}}', high: '学习率 {{rate}}' },
    },
    pooling: {
      title: '重叠池化对比普通池化',
      about: 'AlexNet 用 3×3 的窗口、步长 2 做池化，窗口之间会重叠；文章用 2×2 的窗口、步长 2。两者输出尺寸相同。',
      runs: { overlap: '3×3 步长 2', plain: '2×2 步长 2' },
    },
    batch: {
      title: '小批对比大批',
      about: '同样的图片，分成小批或大批来训练：比较每秒处理的图片数，以及错误率随轮数的变化。',
      runs: { small: '批大小 {{size}}', large: '批大小 {{size}}' },
    },
  },
  figure1: {
    needsColour:
      '图 1 是在 CIFAR-10 的 32×32 彩色图像上训练的，而这个数据集的图像是 {{shape}}。请先导入 CIFAR-10：数据集下方的“CIFAR-10 压缩包…”可以读取 cifar-10-binary.tar.gz（二进制版本，可从 Krizhevsky 的网页下载），然后把它选为数据集。',
    ratio:
      '<b>{{second}}</b> 达到 {{threshold}} 训练错误率所用的步数是 <b>{{first}}</b> 的 <b>{{ratio}}×</b>（论文中在 CIFAR-10 上约为 6×）。',
  },
  sweep: {
    title: '学习率扫描（图 1）',
    about:
      '论文中，每个网络的学习率都是“分别选取，使训练尽可能快”。扫描会在当前的数据集、批大小和随机种子下，用 ReLU 和 tanh 分别以每个学习率把图 1 的网络训练几步，并为每种激活函数选出最先达到 {{threshold}} 训练错误率的学习率（与对比图表相同的平滑方式）。之后图 1 的预设就用这些学习率训练。',
    from: '学习率从',
    to: '到',
    factor: '间隔',
    factorOption: '×{{factor}}',
    steps: '每次训练的步数',
    plan: '依次进行 {{runs}} 次短训练：学习率 {{rates}}，每次 {{steps}} 步，批大小 {{batch}}（{{images}} 张图像）。',
    run: '开始扫描',
    stop: '停止扫描',
    progress: '扫描中：正在进行第 {{n}} 次训练，共 {{total}} 次。',
    runName: '扫描 {{activation}}，学习率 {{rate}}',
    of: '上一次扫描：{{dataset}}，批大小 {{batch}}，共 {{runs}} 次训练。',
    unfinished_other: '有 {{count}} 次训练没有完成（被停止，或因页面重新加载而中断）：选择只依据其余的训练。',
    noneFinished: '这次扫描还没有完成任何一次训练。',
    chartTitle: '各学习率达到 {{threshold}} 训练错误率所需的步数',
    xLabel: '学习率（对数刻度）',
    yLabel: '达到 {{threshold}} 训练错误率的步数',
    notReached: '{{activation}}：未达到',
    diverged: '{{activation}}：发散',
    legendNotReached: '未达到（画在顶部）',
    legendDiverged: '发散（画在顶部）',
    tipRate: '学习率 {{rate}}',
    tipSteps: '{{steps}} 步',
    tipNotReached: '未达到',
    tipDiverged: '发散',
    columns: { activation: '激活函数', rate: '最快的学习率', steps: '达到 {{threshold}} 的步数', tried: '试过的学习率' },
    none: '都没有达到',
    usePicks: '用这些学习率训练图 1',
    picked: '图 1 的预设用 {{relu}} 训练 ReLU、用 {{tanh}} 训练 tanh：这是上一次扫描在这些数据上选出的学习率。',
    notPicked: '这些数据和批大小还没有扫描结果：图 1 的预设会让两者都使用学习率设置（{{rate}}）。',
  },
  panel: '训练对比',
  threshold: '阈值（训练错误率）',
  smoothing: '平滑',
  caption: '训练错误率（平滑后）随轮数的变化',
  xLabel: '轮数',
  yLabel: '训练错误率（平滑后）',
  at: '第 {{x}} 轮',
  run: '训练',
  firstStep: '训练错误率首次 ≤ {{threshold}} 时的步数',
  epoch: '轮次',
  notReached: '未达到',
  ratioNone: '速度比：需要两次训练都达到阈值才能计算。',
  ratio:
    '速度比：<b>{{first}}</b> 达到阈值的速度是 <b>{{second}}</b> 的 <b>{{ratio}}×</b>（{{second}} 的步数 ÷ {{first}} 的步数；论文中的 6× 是在 CIFAR-10 上 tanh 的步数 ÷ ReLU 的步数）。',
  caveat:
    '论文中的 6× 是在 CIFAR-10 上、用论文自己的 4 层网络和初始化方法测得的。这个比值取决于数据、网络、优化器和阈值：在 MNIST 上用 Adam 时，tanh 往往先达到 25%，而在更低的错误率上 ReLU 会反超。这张图只显示这两次训练实际测得的结果，仅此而已。',
};
