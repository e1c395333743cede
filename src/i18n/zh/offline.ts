import type { LocaleShape } from '../en';
import type { offline as en } from '../en/offline';

/** 离线副本（Service Worker）、更新，以及为跨源隔离而重新加载。 */
export const offline: LocaleShape<typeof en> = {
  saving: '正在此浏览器中保存页面及其数据集的副本（{{size}}），以便离线使用……',
  savingUnknown: '正在此浏览器中保存页面及其数据集的副本，以便离线使用……',
  ready: '可离线使用：页面及其数据集的副本（{{size}}）已保存在此浏览器中。',
  offline: '离线：正在使用此浏览器中保存的副本（{{size}}）。',
  offlineNoCopy: '离线，且页面副本尚未保存完整：未保存的数据集无法加载。',
  unsupported: '没有离线副本：浏览器只为通过 HTTPS（或从本机）打开的页面保存离线副本。',
  updateReady: '新版本已就绪。重新加载即可使用；训练记录会保留。',
  updateAfterRun: '训练结束后即可重新加载。',
  reload: '重新加载',
  isolationReady: '重新加载即可用所有 CPU 核心训练：保存的副本让此页面可以使用 WebAssembly 线程。',
};
