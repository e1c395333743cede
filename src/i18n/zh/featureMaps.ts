import type { LocaleShape } from '../en';
import type { featureMaps as en } from '../en/featureMaps';

/** 特征图面板：选择图像、更新频率，以及特征图的标题、说明和提示框。 */
export const featureMaps: LocaleShape<typeof en> = {
  title: '特征图',
  pick: '要查看的图像',
  testImage: '测试图像 {{n}}',
  every: '更新频率',
  never: '从不（最快）',
  everySteps: '每 {{n}} 步',
  budget: '（如果绘制特征图会占用超过 2% 的训练时间，就自动降低频率）',
  yourDrawing: '你的手绘',
  yourDrawingAt: '你的手绘，第 {{step}} 步',
  testImageAt: '测试图像 {{n}}，第 {{step}} 步',
  whileTraining: '训练过程中，特征图会显示在这里。',
  pressTrain: '点击“训练”，看看每一层都看到了什么。',
  none: '还没有特征图：训练跑过几步之后就会出现。',
  note: '每一层用一套颜色刻度，该层所有特征图共用：深紫色是这一层的最小值，黄色是最大值。把鼠标移到某个小图上（或轻点它），可以看到该通道的取值范围。',
  input: '输入',
  inputLabel: '被查看的输入图像，{{size}} 像素，灰度。',
  inputLabelColour: '被查看的输入图像，{{size}} 像素，彩色。',
  canvasLabelRgb:
    '{{title}}：{{channels}} 个 {{tile}} 像素的卷积核，排成 {{grid}} 的网格，每个都按它对红、绿、蓝三个通道的权重着色，统一从 {{min}}（黑）缩放到 {{max}}（最饱和的颜色）。',
  rgbLegend: '颜色：红、绿、蓝三个通道的权重，统一从 {{min}} 缩放到 {{max}}。',
  rgbHere: '此处 R {{r}}、G {{g}}、B {{b}}',
  canvasLabel:
    '{{title}}：{{channels}} 个 {{tile}} 像素的小图，排成 {{grid}} 的网格，用 viridis 色图着色，从 {{min}}（深紫色）到 {{max}}（黄色）。',
  channel: '通道 {{channel}}',
  range: '范围 {{min}} … {{max}}',
  here: '此处 {{value}}',
  filtersOf: '{{layer}} 卷积核',
  maps_other: '{{count}} 张特征图',
  shape: '（{{maps}}，{{size}}）',
  after: {
    conv: '{{layer}} — 经过 {{activation}} 之后{{shape}}',
    pool: '{{layer}} — 最大池化之后{{shape}}',
    avgPool: '{{layer}} — 平均池化之后{{shape}}',
    lrn: '{{layer}} — 局部响应归一化之后{{shape}}',
    other: '{{layer}} — {{stage}}{{shape}}',
  },
  filters: '{{layer}}（{{size}}）',
  noActivation: '无激活函数',
};
