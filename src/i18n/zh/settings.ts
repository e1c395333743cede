import type { LocaleShape } from '../en';
import type { settings as en } from '../en/settings';

/** 训练设置的名称、一句话说明和选项名称（规则见 src/settings.ts）。 */
export const settings: LocaleShape<typeof en> = {
  dataset: {
    label: '数据集',
    help: '手写数字、衣物照片（更难：衬衫和套头衫很像）、CIFAR-10 的彩色照片，或者你自己的图像（在下方添加）。',
    options: {
      mnist: 'MNIST 手写数字',
      fashion: 'Fashion-MNIST 衣物',
      cifar10: 'CIFAR-10 彩色图片',
    },
  },
  model: {
    label: '网络',
    help: '文章中的网络只接受 28×28 的数字图像；图 1 的网络（用于 CIFAR-10）和用于小图像的 AlexNet 接受不超过 64 像素的图像，AlexNet 2012 接受 227×227 的图像。',
    options: {
      article: '用于 MNIST 的 AlexNet（3 个卷积层，来自文章；560 万个参数）',
      small: '小型（16-32-64）',
      tiny: '微型（4-8-8）',
      figure1: '论文图 1 的网络（3 个卷积层 + 1 个全连接层，cuda-convnet）',
      'alexnet-small': '用于小图像的 AlexNet（5 个卷积层 + 3 个全连接层）',
      alexnet2012: 'AlexNet 2012（227×227，双 GPU 分组）',
    },
  },
  width: {
    label: '网络宽度',
    help: '把 AlexNet 每个卷积层的卷积核数和全连接隐藏层的神经元数乘以这个倍数（1 = 论文中的 96…4096）。',
    options: {
      '1/16': '1/16',
      '1/8': '1/8',
      '1/4': '1/4',
      '1/2': '1/2',
      '1': '1（论文原始宽度）',
    },
  },
  activation: {
    label: '激活函数',
    help: 'AlexNet 用的是 ReLU：它不会饱和，梯度保持较大，训练更快。',
    options: {
      relu: 'ReLU',
      tanh: 'tanh',
      sigmoid: 'sigmoid',
    },
  },
  init: {
    label: '权重初始化',
    help: '按规模缩放的随机权重让信号保持合适的大小；文章用的 N(0, 1) 会让 logits 变得极大。',
    options: {
      glorot: 'Glorot（默认）',
      he: 'He',
      normal: 'N(0, 1)，与文章相同',
      'cuda-convnet': '每层使用 cuda-convnet 配置文件中的高斯标准差 σ（图 1）',
    },
  },
  lrn: {
    label: '局部响应归一化（LRN）',
    help: '神经元与相邻通道相互竞争；论文中它使 top-1 错误率降低了 1.4 个百分点。',
  },
  lrnDepthRadius: {
    label: 'LRN 深度半径',
    help: '每侧有多少个通道参与竞争（窗口为 2r+1 个通道）。',
  },
  lrnBias: {
    label: 'LRN 偏置 k',
    help: '在求幂之前加上，使除数远离零（论文取 2）。',
  },
  lrnAlpha: {
    label: 'LRN α',
    help: '竞争的强度：乘在窗口内的平方和上。',
  },
  lrnBeta: {
    label: 'LRN β',
    help: '除数的指数（论文和文章均为 0.75）。',
  },
  dropout: {
    label: 'Dropout 比例',
    help: '每一步随机关闭的神经元比例；AlexNet 用 0.5 来对抗过拟合。',
  },
  pooling: {
    label: '池化',
    help: 'AlexNet 以步长 2 对 3x3 窗口做池化，窗口彼此重叠；这使错误率降低了 0.4 个百分点。',
    options: {
      '2x2': '2x2，步长 2',
      '3x3s2': '重叠池化 3x3，步长 2',
    },
  },
  optimizer: {
    label: '优化器',
    help: '文章用的是 Adam；论文用的是动量 0.9、权重衰减 0.0005 的 SGD。',
    options: {
      adam: 'Adam',
      sgd: 'SGD + 动量',
    },
  },
  learningRate: {
    label: '学习率',
    help: '每次更新的步长：太小则进展缓慢，太大则发散。',
  },
  momentum: {
    label: '动量',
    help: '上一次更新保留多少（论文中为 0.9）。',
  },
  weightDecay: {
    label: '权重衰减',
    help: '每一步把权重拉向零；论文发现 0.0005 也能降低训练误差。',
  },
  batchSize: {
    label: '批大小',
    help: '每一步使用的图像数：批越大，梯度越平滑，GPU 利用率越高。',
  },
  epochs: {
    label: '轮数（epoch）',
    help: '遍历训练图像的次数。',
  },
  trainLimit: {
    label: '训练图像数',
    help: '每轮只使用这么多张训练图像（0 = 全部 {{all}} 张），用于快速实验。',
  },
  fixedSubset: {
    label: '每轮使用相同的图像',
    help: '每一轮都用同一组固定数量的图像训练：训练集很小，网络可能把它背下来。关闭时，每轮都从全部图像中重新抽取。',
  },
  seed: {
    label: '随机种子',
    help: '种子、设置和后端都相同，损失曲线就相同。',
  },
  augShift: {
    label: '随机平移（像素）',
    help: '把每张图像最多平移这么多像素，类似 AlexNet 的随机裁剪。',
  },
  augFlip: {
    label: '水平翻转',
    help: '像 AlexNet 那样把一半图像左右翻转；对数字不适用（翻转后的 2 不再是 2）。',
  },
  augNoise: {
    label: '像素噪声 σ',
    help: '给像素加高斯噪声（0..1 范围），是 AlexNet 的 PCA 颜色噪声的简化版。',
  },
  augColour: {
    label: 'PCA 颜色扰动',
    help: 'AlexNet 的颜色增强：沿训练集 RGB 像素的主成分方向随机改变每张图像的颜色（σ {{sigma}}）。仅用于彩色图像。',
  },
  backend: {
    label: '计算后端',
    help: '计算在哪里进行；自动模式只在真实硬件上选用 WebGPU 或 WebGL。',
    options: {
      auto: '自动（最快的真实后端）',
      webgpu: 'WebGPU',
      webgl: 'WebGL',
      wasm: 'WebAssembly（WASM）',
      cpu: '纯 JavaScript（CPU）',
    },
  },
};
