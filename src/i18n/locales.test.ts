import { describe, expect, it } from 'vitest';
import { DATASET_INFO } from '../data/dataset';
import { DEFAULT_CONFIG, SETTINGS } from '../settings';
import { PRESETS } from '../ui/presets';
import { en } from './en';
import { englishText, msg } from './message';
import { pickLanguage, withLanguage } from './languages';
import { textIn } from './text';
import { zh } from './zh';

type Tree = { [k: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else for (const [kk, vv] of leaves(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

const slots = (s: string) => [...s.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();
/** The elements a text wraps words in for <Trans> (<b>, <n>, <en>, ...): both languages need the same ones. */
const tags = (s: string) => [...s.matchAll(/<(\/?\w+)>/g)].map((m) => m[1]).sort();
const isPlural = (k: string) => /_(one|other)$/.test(k);

describe('the two languages', () => {
  const english = leaves(en as unknown as Tree);
  const chinese = leaves(zh as unknown as Tree);

  it('have exactly the same keys (a key missing in either language fails here)', () => {
    const plural = (k: string) => k.replace(/_(one|other)$/, '');
    expect([...new Set([...chinese.keys()].map(plural))].sort()).toEqual([...new Set([...english.keys()].map(plural))].sort());
  });

  it('fill the same slots, wrap the same elements, and no text is empty', () => {
    for (const [key, text] of english) {
      expect(text.trim(), key).not.toBe('');
      // Chinese has no singular: an English `_one` is matched with the Chinese `_other`.
      const other = chinese.get(key) ?? chinese.get(key.replace(/_one$/, '_other'));
      expect(other?.trim(), key).toBeTruthy();
      // A plural form may leave the count unsaid ("one thread"); every other slot must be filled in both.
      const without = (xs: string[]) => (isPlural(key) ? xs.filter((x) => x !== 'count') : xs);
      expect(without(slots(other!)), key).toEqual(without(slots(text)));
      expect(tags(other!), key).toEqual(tags(text));
    }
  });

  it('give every plural its general form (`_other`), which is all Chinese has', () => {
    for (const tree of [english, chinese]) {
      for (const key of tree.keys()) if (key.endsWith('_one')) expect(tree.has(key.replace(/_one$/, '_other')), key).toBe(true);
    }
    const plurals = [...english.keys()].filter((k) => k.endsWith('_other'));
    expect(plurals.length).toBeGreaterThan(0);
    for (const key of plurals) expect(chinese.has(key), key).toBe(true);
    expect([...chinese.keys()].filter((k) => k.endsWith('_one'))).toEqual([]);
  });

  it('have words for everything the page names by id: datasets and their classes, presets and their runs, networks', () => {
    const has = (key: string) => english.has(key) && chinese.has(key);
    for (const [id, info] of Object.entries(DATASET_INFO)) {
      for (const k of ['title', 'source', 'splitNote']) expect(has(`datasets.${id}.${k}`), `${id}.${k}`).toBe(true);
      for (let c = 0; c < info.classes; c++) expect(has(`datasets.${id}.classes.${c}`), `${id} class ${c}`).toBe(true);
    }
    for (const preset of PRESETS) {
      for (const k of ['title', 'about']) expect(has(`compare.presets.${preset.id}.${k}`), `${preset.id}.${k}`).toBe(true);
      for (const r of preset.pair(DEFAULT_CONFIG))
        expect(has(`compare.presets.${preset.id}.runs.${r.run}`), `${preset.id} ${r.run}`).toBe(true);
    }
    const models = SETTINGS.find((s) => s.key === 'model');
    for (const m of models?.type === 'choice' ? models.options : []) expect(has(`model.titles.${m}`), m).toBe(true);
  });

  it('Chinese text is written in Chinese, not left in English', () => {
    // Keys whose text is a name in both languages (ReLU, Adam, WebGPU...) are allowed to match.
    const sameOnPurpose = [...chinese].filter(([k, v]) => v === english.get(k) && /[a-z]{4,}/i.test(v.replace(/\{\{\w+\}\}/g, '')));
    const names = /^(ReLU|tanh|sigmoid|He|Glorot|Adam|WebGPU|WebGL)$/;
    expect(sameOnPurpose.filter(([, v]) => !names.test(v)).map(([k]) => k)).toEqual([]);
  });
});

describe('messages from the core', () => {
  it('read in English for Node tools, with nested messages filled in', () => {
    const m = msg('validation.range', {
      setting: msg('settings.learningRate.label'),
      low: msg('validation.moreThan', { min: 0 }),
      high: msg('validation.atMost', { max: 1000000 }),
      value: -1,
    });
    expect(englishText(m)).toBe('Learning rate must be more than 0 and at most 1000000 (got -1).');
  });

  it('read in Chinese the same way, with a plural’s general form for any count', () => {
    expect(textIn('zh', msg('validation.notANumber', { setting: msg('settings.batchSize.label') }))).toBe('批大小必须是数字。');
    expect(textIn('zh', msg('runs.steps', { count: 1 }))).toBe('1 步');
    expect(englishText(msg('runs.steps', { count: 1 }))).toBe('1 step');
    expect(englishText(msg('runs.steps', { count: 25 }))).toBe('25 steps');
  });
});

describe('choosing the language', () => {
  it('takes lang= from the link, else the browser, else English', () => {
    expect(pickLanguage('?lang=zh', ['en-GB'])).toEqual({ language: 'zh', fromLink: true });
    expect(pickLanguage('?lang=zh-CN', [])).toEqual({ language: 'zh', fromLink: true });
    expect(pickLanguage('?act=tanh', ['zh-TW', 'en'])).toEqual({ language: 'zh', fromLink: false });
    expect(pickLanguage('', ['fr-FR', 'en-US'])).toEqual({ language: 'en', fromLink: false });
    expect(pickLanguage('?lang=xx', ['de'])).toEqual({ language: 'en', fromLink: false });
  });

  it('the switch writes lang= into the link and keeps the settings in it', () => {
    expect(withLanguage('?act=tanh&lr=0.01', 'zh')).toBe('?act=tanh&lr=0.01&lang=zh');
    expect(withLanguage('?lang=zh&act=tanh', 'en')).toBe('?lang=en&act=tanh');
    expect(pickLanguage(withLanguage('', 'zh'), ['en-US']).language).toBe('zh');
  });
});
