import type { LocaleShape } from '../en';
import type { validation as en } from '../en/validation';

/** 设置的取值为何不可用（{{setting}} 为设置名称）。 */
export const validation: LocaleShape<typeof en> = {
  notANumber: '{{setting}}必须是数字。',
  notWhole: '{{setting}}必须是整数。',
  range: '{{setting}}必须{{low}}且{{high}}（当前为 {{value}}）。',
  atLeast: '不小于 {{min}}',
  moreThan: '大于 {{min}}',
  atMost: '不大于 {{max}}',
  lessThan: '小于 {{max}}',
  notOnOff: '{{setting}}只能是开或关。',
  unknownChoice: '{{setting}}：未知的选项“{{value}}”。',
  batchOverData: '批大小不能超过训练图像数 {{images}}。',
  unreadable: '{{setting}}：无法读取“{{value}}”。',
  urlFallback: '{{problem}} 已改用默认值 {{fallback}}。',
  urlUnknown: '已忽略未知的链接参数“{{key}}”。',
  memory: {
    wasmRefuse:
      '批大小为 {{batch}} 时，一个训练步约需 {{need}}，在 WASM 上还要多 15–20%：超过了 WebAssembly 内存最多能容纳的 {{limit}}。{{advice}}',
    wasmWarn:
      '批大小为 {{batch}} 时，一个训练步约需 {{need}}，在 WASM 上还要多 15–20%：接近 WebAssembly 内存最多能容纳的 {{limit}}，可能放不下。{{advice}}',
    bufferRefuse: '批大小为 {{batch}} 时，训练步中最大的张量占 {{tensor}}，超过了这块 GPU 允许的最大缓冲区（{{limit}}）。{{advice}}',
    textureRefuse:
      '批大小为 {{batch}} 时，训练步中最大的张量占 {{tensor}}，超过了这块 GPU 一张 WebGL 纹理能容纳的量（{{size}}×{{size}} 个像素，每个四个值，共 {{limit}}）。{{advice}}',
    textureWarn:
      '批大小为 {{batch}} 时，训练步中最大的张量占 {{tensor}}，超过了这块 GPU 一张不打包的 WebGL 纹理能容纳的量（{{size}}×{{size}} 个值，共 {{limit}}），可能放不下。{{advice}}',
    machineWarn:
      '批大小为 {{batch}} 时，一个训练步在 {{backend}} 上约需 {{need}}，超过浏览器报告的本机内存 {{device}} 的一半，可能放不下。{{advice}}',
    machineWarnGpu:
      '批大小为 {{batch}} 时，一个训练步在 {{backend}} 上约需 {{need}}，超过浏览器报告的本机内存 {{device}} 的一半；浏览器不提供 GPU 的内存大小，可能放不下。{{advice}}',
    fits: '批大小不超过 {{fits}} 即可放下。',
    roomy: '批大小不超过 {{fits}} 则绰绰有余。',
    noBatchFits: '批大小为 1 也放不下：请选择更小的网络或宽度。',
  },
};
