import type { LocaleShape } from '../en';
import type { share as en } from '../en/share';

/** 分享实验：教师链接（src/app/link.ts）、链接选项和二维码。 */
export const share: LocaleShape<typeof en> = {
  open: '分享这个实验',
  title: '分享这个实验',
  intro: '用这个链接打开本页，会带上这些设置。学生可以扫描二维码，也可以直接输入链接。',
  lesson: '课程',
  noLesson: '不指定课程',
  withSettings: '带上本页当前的设置（否则使用本课自己的设置）',
  language: '语言',
  start: '打开链接后自动开始训练',
  controls: '控件',
  controlsNote: '隐藏的控件不会显示；锁定的控件会显示，但不能修改。',
  setting: '设置',
  shown: '显示',
  locked: '锁定',
  hidden: '隐藏',
  suggest: '隐藏本课用不到的设置',
  showAll: '全部显示',
  link: '链接',
  copy: '复制链接',
  copied: '已复制。',
  copyFailed: '无法复制：请选中链接后手动复制。',
  qr: '链接的二维码',
  close: '关闭',
  lockedNote: '已被链接锁定',
  notices: {
    notASetting: '{{param}}：“{{value}}”不是一项设置，已忽略。',
    unknownLesson: 'lesson：没有名为“{{value}}”的课程，不打开任何课程。',
    notOnOff: '{{param}}：“{{value}}”不是 1 或 0，不会自动开始训练。',
    unknownLanguage: 'lang：“{{value}}”不是本页支持的语言（en、zh），将使用浏览器的语言。',
  },
};
