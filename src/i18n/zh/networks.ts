import type { LocaleShape } from '../en';
import type { networks as en } from '../en/networks';

/** 网络为何不能在某个数据集的图像上训练，以及网络表给出的内存估计（src/model）。 */
export const networks: LocaleShape<typeof en> = {
  alexNet2012Input: '{{network}}的输入为 227×227 图像；此数据集的图像为 {{input}}。请选择用于小图像的 AlexNet。',
  alexNetSmallInput: '{{network}}的输入最大为 {{max}}×{{max}}；此数据集的图像为 {{input}}。请选择 AlexNet 2012。',
  mapsVanish: '{{network}}在 {{layer}} 处已把 {{input}} 的图像缩小到不足 1×1。',
  noLayerStd: '这种权重初始化使用网络出处给出的每层标准差 σ；{{network}}没有这些值。请选择其他初始化方法。',
  memory: '批大小 {{batch}} 时的训练内存（{{optimizer}}）',
  memoryHelp:
    '权重 {{weights}}，优化器状态 {{state}}，梯度 {{gradients}}，为反向传播保留的激活值 {{activations}}，最大的临时张量 {{transient}}。',
};
