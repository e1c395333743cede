import type { LocaleShape } from '../en';
import type { page as en } from '../en/page';

/** 各面板之外的页面部分：页头、语言切换、提示、页脚。<en> 标出保留英文的人名和论文标题。 */
export const page: LocaleShape<typeof en> = {
  title: 'AlexNet 游乐场',
  tagline: '在浏览器里实时训练那个开启了深度学习“ImageNet 时刻”的网络。',
  language: '语言',
  dataNote: '训练集 {{train}} 张、验证集 {{validation}} 张、测试集 {{test}} 张图像。',
  urlNotice: '链接中的部分设置无法使用：',
  panels: '网络与训练的更多内容',
  dismiss: '知道了',
  fixSettings_other: '请先修正标红的 {{count}} 项设置。',
  footer:
    '数据：MNIST（<en>Yann LeCun</en>、<en>Corinna Cortes</en> 和 <en>Christopher J.C. Burges</en>；CC BY-SA 3.0）和 Fashion-MNIST（<en>Han Xiao</en>、<en>Kashif Rasul</en> 和 <en>Roland Vollgraf</en>，<en>Zalando Research</en>；MIT 许可证），随页面一起提供。网络参照 <en>Krizhevsky</en>、<en>Sutskever</en> 与 <en>Hinton</en> 的论文 <en>“ImageNet Classification with Deep Convolutional Neural Networks”</en>（NIPS 2012）。代码：MIT 许可证。',
};
