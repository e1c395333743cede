import type { LocaleShape } from '../en';
import type { library as en } from '../en/library';

/** 数据集控件：已有的数据集、添加自己的数据（CIFAR-10 压缩包、图片文件夹）以及删除它们。 */
export const library: LocaleShape<typeof en> = {
  builtin: '内置',
  yours: '你的数据集（保存在这个浏览器里）',
  notOnServer: '{{name}}（这个服务器上没有）',
  missing: '{{id}}（这个浏览器里没有）',
  listing: '{{id}}（正在查找…）',
  option: '{{name}} — {{images}} 张图像，{{classes}} 个类别，{{shape}}，{{bytes}}',
  kind: { cifar10: 'CIFAR-10 压缩包', folder: '图片文件夹' },
  details:
    '{{kind}}“{{name}}”：{{train}} 张训练图像、{{validation}} 张验证图像和 {{test}} 张测试图像，{{shape}} 像素，共 {{classes}} 个类别，在这个浏览器里占用 {{bytes}}。',
  classes: '类别：{{names}}',
  remove: '从这个浏览器中删除…',
  confirm: '要从这个浏览器中删除“{{name}}”吗？用它训练过的记录会保留；以后要再用它训练，需要重新导入。',
  confirmRemove: '删除',
  cancel: '取消',
  removed: '已删除“{{name}}”。它的训练记录仍然保留。',
  add: {
    title: '添加自己的数据',
    about:
      'CIFAR-10 的二进制压缩包（cifar-10-binary.tar.gz，可从 Krizhevsky 的网页下载），或者一个每个类别一个子文件夹的图片文件夹。数据在你的浏览器里读取并保存在浏览器的存储中，不会上传到任何地方。',
    archive: 'CIFAR-10 压缩包…',
    folder: '图片文件夹…',
    size: '文件夹中的图像缩放到',
    sizeOption: '{{n}}×{{n}} px',
    drop: '或者把 cifar-10-binary.tar.gz 或一个包含类别子文件夹的文件夹拖到这里',
    dropNow: '松开即可导入',
    dropMixed: '请只拖入一个压缩包，或者只拖入文件夹，不要同时拖入两种。',
    dropNothing: '拖入的内容里没有可导入的数据：请拖入 cifar-10-binary.tar.gz 或一个文件夹。',
    unreadable_other: '有 {{count}} 个拖入的项目无法打开：{{names}}',
  },
  progress: {
    sending: '正在导入“{{name}}”：正在交给训练 Worker…',
    reading: '正在导入“{{name}}”：已读取 {{read}}／{{total}}，已解包 {{images}}／{{imagesTotal}} 张图像。',
    decoding: '正在导入“{{name}}”：正在解码图像，{{images}}／{{imagesTotal}}。',
    storing: '正在导入“{{name}}”：正在保存到这个浏览器，{{images}}／{{imagesTotal}} 张图像。',
    label: '导入进度',
  },
  droppedFiles: '拖入的文件',
  imported: '已导入“{{name}}”：{{images}} 张图像，{{classes}} 个类别，现已选为数据集。',
  skipped_other: '有 {{count}} 个文件没有导入：',
  skippedMore: '……还有 {{count}} 个。',
  failed: '无法导入“{{name}}”：{{reason}}',
  dismiss: '关闭',
  storage: '这个页面在浏览器中的存储：已用 {{usage}}，上限 {{quota}}。',
};
