import type { LocaleShape } from '../en';
import type { storage as en } from '../en/storage';

/** 训练记录保存在哪里，以及无法保存时页面的说明。 */
export const storage: LocaleShape<typeof en> = {
  notKept: '训练记录没有保存在此浏览器中：{{reason}}现在训练的记录会在页面关闭时丢失。',
  unavailable: '此浏览器不允许页面存储数据（{{detail}}）；无痕窗口会这样。',
  quota: '浏览器为此页面留的存储空间已满。请删除旧的训练记录以腾出空间。',
  blocked: '另一个 Playground 标签页占用着旧版本的已保存记录。请关闭其他 Playground 标签页。',
  newerVersion: '另一个标签页中打开了更新版本的 Playground。请重新加载此页面。',
  failed: '保存失败（{{detail}}）。',
  skipped_other: '有 {{count}} 条已保存的训练记录无法读取，已略过（它们仍保留在存储中）：{{details}}',
  interrupted: '训练进行时页面被关闭或重新加载了；曲线保留到最后一次保存为止。',
  elsewhere: '正在此浏览器的另一个标签页中训练。',
};
