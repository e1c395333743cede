import type { LocaleShape } from '../en';
import type { model as en } from '../en/model';

/** 网络概览：表格标题和列名、每一层的文字说明，以及下方的注释。 */
export const model: LocaleShape<typeof en> = {
  label: '网络结构',
  titles: {
    article: '用于 MNIST 的 AlexNet（3 个卷积层，来自文章）',
    small: '小型 AlexNet 风格网络',
    tiny: '微型 AlexNet 风格网络',
    figure1: '论文图 1 中用于 CIFAR-10 的网络（3 个卷积层、1 个全连接层）',
    'alexnet-small': '用于小图像的 AlexNet',
    alexnet2012: 'AlexNet 2012（输入 227×227）',
    grouped: 'AlexNet 2012（双 GPU 分组）',
    single: 'AlexNet 2012（单路）',
  },
  caption: '{{title}}：输入 {{shape}}',
  columns: { layer: '层', what: '说明', output: '输出', params: '参数量', flops: '运算量' },
  total: '合计',
  layers: {
    conv: '{{filters}} 个 {{kernel}}x{{kernel}} 卷积核{{stride}}，{{padding}}{{groups}}，{{activation}}',
    stride: '，步长 {{stride}}',
    groups: '，分 {{groups}} 组',
    padding: { same: '填充保持尺寸', valid: '不填充' },
    pool: '{{op}} {{size}}x{{size}}，步长 {{stride}}{{overlap}}',
    op: { max: '最大池化', avg: '平均池化' },
    overlapping: '（重叠）',
    lrn: '半径 {{radius}}，k {{k}}，α {{alpha}}，β {{beta}}',
    dropout: '丢弃率 {{rate}}',
    flatten: '展平为向量',
    dense: '{{units}} 个神经元，{{activation}}',
    linear: '线性',
  },
  init: {
    normal: '权重按文章的做法从 N(0, 1) 初始化——注意看最初几步的损失如何爆炸。',
    he: '权重用 He 初始化：文章把每个权重都从 N(0, 1) 中抽取，这会让 logits 变得极大（数以百计），最初几步就会发散，所以本页面默认使用 Glorot 初始化（选择“{{normal}}”就能看到原因）。',
    glorot:
      '权重用 Glorot 初始化：文章把每个权重都从 N(0, 1) 中抽取，这会让 logits 变得极大（数以百计），最初几步就会发散，所以本页面默认使用 Glorot 初始化（选择“{{normal}}”就能看到原因）。',
    'cuda-convnet': '权重按 cuda-convnet 的做法，每层用各自的高斯标准差 σ 初始化，与图 1 的网络配置文件相同。',
  },
  notes:
    '文章中的 <code>dropout = 0.8</code> 是 TensorFlow 的保留概率，相当于丢弃率 0.2。运算量（FLOPs）把一次乘加算作两次运算，按单张图像、仅前向传播计算。',
  paper: '2012 年的 AlexNet（Krizhevsky、Sutskever 与 Hinton），用于对比',
  paperNote:
    '它在两块各有 3 GB 显存的 GTX 580 GPU 上训练：conv2、conv4 和 conv5 只能看到自己所在 GPU 上的通道，所以论文中的网络有 {{grouped}} 个参数，而不是单路版本的 {{single}} 个。论文写的输入是 224×224；实际上 227×227 才能让步长为 4 的 11×11 卷积得到 55×55 的输出。',
};
