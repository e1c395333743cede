import { describe, expect, it } from 'vitest';
import { en } from './en';
import { englishText, msg } from './message';
import { pickLanguage } from './languages';
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

describe('the two languages', () => {
  const english = leaves(en as unknown as Tree);
  const chinese = leaves(zh as unknown as Tree);

  it('have exactly the same keys (a key missing in either language fails here)', () => {
    const plural = (k: string) => k.replace(/_(one|other)$/, '');
    expect([...new Set([...chinese.keys()].map(plural))].sort()).toEqual([...new Set([...english.keys()].map(plural))].sort());
  });

  it('fill the same slots, and no text is empty', () => {
    for (const [key, text] of english) {
      expect(text.trim(), key).not.toBe('');
      const other = chinese.get(key) ?? chinese.get(key.replace(/_one$/, '_other'));
      expect(other?.trim(), key).toBeTruthy();
      expect(slots(other!), key).toEqual(slots(text).filter((s) => s !== 'count' || slots(other!).includes('count')));
    }
  });

  it('Chinese text is written in Chinese, not left in English', () => {
    // Keys whose text is a name in both languages (ReLU, Adam, WebGPU...) are allowed to match.
    const sameOnPurpose = [...chinese].filter(([k, v]) => v === english.get(k) && /[a-z]{4,}/i.test(v.replace(/\{\{\w+\}\}/g, '')));
    const names = /^(ReLU|tanh|sigmoid|He|Adam|WebGPU|WebGL|LRN alpha|LRN beta)$/;
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
});

describe('choosing the language', () => {
  it('takes lang= from the link, else the browser, else English', () => {
    expect(pickLanguage('?lang=zh', ['en-GB'])).toEqual({ language: 'zh', fromLink: true });
    expect(pickLanguage('?lang=zh-CN', [])).toEqual({ language: 'zh', fromLink: true });
    expect(pickLanguage('?act=tanh', ['zh-TW', 'en'])).toEqual({ language: 'zh', fromLink: false });
    expect(pickLanguage('', ['fr-FR', 'en-US'])).toEqual({ language: 'en', fromLink: false });
    expect(pickLanguage('?lang=xx', ['de'])).toEqual({ language: 'en', fromLink: false });
  });
});
