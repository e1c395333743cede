import type { LocaleShape } from '../en';
import type { panels as en } from '../en/panels';

/** 控件周围的设置面板。 */
export const panels: LocaleShape<typeof en> = {
  failed: {
    title: '页面的这一部分出错了',
    detail: '页面的其余部分仍然可用，你的训练记录也都保留着。错误信息：{{error}}',
    retry: '重试',
  },
  settings: {
    title: '训练设置',
    sections: { data: '数据', network: '网络', training: '训练' },
    logScale: '{{setting}}（对数刻度）',
    on: '开',
    off: '关',
  },
};
