/**
 * A message in a given language without i18next: for pure code that writes words into strings (number formats,
 * captions) and for tests of both languages. The page's components use i18next (setup.ts) over the same trees.
 */
import { en } from './en';
import type { Language } from './languages';
import { fillTemplate, lookup, type Message } from './message';
import { zh } from './zh';

const TREES: Record<Language, unknown> = { en, zh };

export function textIn(language: Language, m: Message): string {
  const template = lookup(TREES[language], m.key, m.values?.count) ?? lookup(en, m.key, m.values?.count) ?? m.key;
  return fillTemplate(template, m.values, (inner) => textIn(language, inner));
}
