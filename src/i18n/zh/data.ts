import type { LocaleShape } from '../en';
import type { data as en } from '../en/data';

/** Worker 关于数据集的说明：导入 CIFAR-10 压缩包或图片文件夹，以及浏览器里已保存的数据集。 */
export const data: LocaleShape<typeof en> = {
  failed: '无法读取数据集：{{detail}}',
  archive: {
    notGzip: '{{file}} 不是 gzip 文件。请选择 CIFAR-10 的二进制版本 cifar-10-binary.tar.gz。',
    corruptGzip: '{{file}} 已损坏或不完整：压缩数据无法解压（{{detail}}）。请重新下载。',
    truncated: '{{file}} 提前结束了：{{entry}} 应有 {{expected}} 字节，但压缩包在 {{got}} 字节后就结束了。文件可能没有下载完整。',
    badHeader: '{{file}} 不是 tar 归档文件，或已损坏：第 {{offset}} 字节处的条目无效。',
  },
  cifar: {
    wrongSize:
      '{{file}}：{{entry}} 有 {{got}} 字节，而 CIFAR-10 的一个批次文件应有 {{expected}} 字节（{{records}} 张图像，每张 1 个标签字节加 3,072 个像素字节）。这是 CIFAR-10 的二进制版本吗？',
    unequal:
      '{{file}}：{{entry}} 有 {{got}} 字节，而 {{first}} 有 {{expected}} 字节（{{records}} 张图像）：压缩包里每个批次文件的图像数必须相同。',
    badLabel: '{{file}}：{{entry}} 中第 {{index}} 张图像的标签是 {{label}}，而 CIFAR-10 的标签只能是 0 到 9。',
    missing: '{{file}} 缺少 {{missing}}。请选择 CIFAR-10 的二进制版本 cifar-10-binary.tar.gz。',
  },
  folder: {
    badSize: '图像只能缩放到 {{sizes}} 像素，不能是 {{size}}。',
    noImages: '没有找到图像。文件夹里应当每个类别一个子文件夹，子文件夹中放图像（{{extensions}}）。',
    noClasses:
      '这 {{count}} 张图像（例如 {{example}}）不在类别文件夹里。请把每个类别的图像放进以类别命名的子文件夹（cats/1.jpg、dogs/2.jpg），再选择它们的上一级文件夹。',
    emptyClass: '类别文件夹“{{name}}”里没有图像（{{extensions}}）。请放入图像，或删除这个文件夹。',
    classUnreadable: '类别文件夹“{{name}}”中的图像都无法读取。',
    oneClass: '只有一个类别文件夹“{{name}}”：分类器至少需要两个类别，每个类别一个子文件夹。',
    tooManyClasses: '共有 {{count}} 个类别文件夹，最多只能导入 {{max}} 个。',
    tooMany: '文件夹里有 {{count}} 张图像，最多只能导入 {{max}} 张。请选择小一些的文件夹。',
    tooBig: '{{count}} 张 {{size}}×{{size}} 像素的图像需要 {{mb}} MB，超过了上限 {{maxMb}} MB。请选择更小的尺寸或更少的图像。',
    tooFew: '图像太少，无法留出验证集和测试集：每个类别至少需要 3 张图像。',
  },
  skip: {
    topLevel: '不在任何类别文件夹中',
    notImage: '不是图像文件（按文件名判断）',
    unreadable: '无法作为图像读取（{{detail}}）',
  },
  store: {
    unknown: '这个浏览器里没有数据集“{{id}}”：它已被删除，或是在另一个浏览器中导入的。请重新导入。',
    quota: '浏览器的存储空间不足，放不下 {{mb}} MB 的图像（{{detail}}）。',
    unavailable: '这个浏览器无法保存数据集：{{detail}}',
    incomplete: '已保存的数据集“{{id}}”不完整。请删除后重新导入。',
  },
  builtin: {
    missing:
      '这个服务器上没有 {{dataset}}：需要在服务器上运行 npm run data:cifar -- PATH 来生成。你也可以导入自己下载的 cifar-10-binary.tar.gz。',
  },
  importBusy: '另一项导入仍在进行中：请等它完成。',
  importLost: '导入结束了，但训练 Worker 没有给出结果。请重试。',
  workerLost: '训练 Worker 停止了（{{reason}}），它正在处理的数据集操作也随之中止。请重试。',
  split: {
    cifar:
      '官方划分：训练集的前 {{train}} 张图像用于训练网络，最后 {{validation}} 张（data_batch_5 的末尾）留作验证集，test_batch 中的 {{test}} 张图像作为测试集。',
    folder:
      '每个类别都用种子 {{seed}} 随机划分：{{train}} 张训练图像、{{validation}} 张验证图像和 {{test}} 张测试图像（每个类别 10% 作验证、10% 作测试，类别有 3 张及以上图像时验证和测试各至少 1 张）。',
  },
};
