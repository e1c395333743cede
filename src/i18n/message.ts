/**
 * Words the core and the Worker hand to the page without knowing its language: a key of the locale files and the
 * values to put in it, which may themselves be messages (a setting's name inside a sentence about it). The page
 * translates them (src/i18n/setup.ts); Node tools print them in English (`englishText`). Pure: imported anywhere.
 */
import { en } from './en';

/** i18next's plural forms: a key `x_one`/`x_other` is asked for as `x` with a count. */
type PluralBase<K extends string> = K extends `${infer B}_${'zero' | 'one' | 'two' | 'few' | 'many' | 'other'}` ? B : K;

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? PluralBase<`${P}${K}`> : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** A key of the locale files, e.g. 'validation.notANumber' or 'settings.learningRate.label'. */
export type MessageKey = Leaves<typeof en>;

export type MessageValue = string | number | Message;

export interface Message {
  key: MessageKey;
  values?: Record<string, MessageValue>;
}

export function msg(key: MessageKey, values?: Record<string, MessageValue>): Message {
  return values ? { key, values } : { key };
}

export function isMessage(x: unknown): x is Message {
  return typeof x === 'object' && x !== null && typeof (x as Message).key === 'string';
}

/** Fills `{{name}}` slots from values, translating nested messages with the same function. */
export function fillTemplate(template: string, values: Message['values'], translate: (m: Message) => string): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => {
    const v = values?.[name];
    if (v === undefined) return whole;
    return isMessage(v) ? translate(v) : String(v);
  });
}

/** The text of `key` in a language's tree; a plural key takes its `_one` form for 1 where the language has one. */
export function lookup(tree: unknown, key: string, count: unknown): string | undefined {
  let node = tree;
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node === 'string') return node;
  const parent = key.split('.').slice(0, -1);
  const leaf = key.split('.').at(-1);
  let base = tree;
  for (const part of parent) base = (base as Record<string, unknown> | undefined)?.[part];
  const forms = base as Record<string, unknown> | undefined;
  // Chinese has no singular: its plural keys have only `_other`, as i18next expects.
  const form = (count === 1 ? forms?.[`${leaf}_one`] : undefined) ?? forms?.[`${leaf}_other`];
  return typeof form === 'string' ? form : undefined;
}

/** A message in English, for Node tools, logs and tests (the page uses i18next with the reader's language). */
export function englishText(m: Message): string {
  const template = lookup(en, m.key, m.values?.count) ?? m.key;
  return fillTemplate(template, m.values, englishText);
}

/**
 * An error whose words are a message: the Worker sends them to the page as such (`errorWords`), so the page shows
 * them in its language; `message` is the English text, for logs and Node tools.
 */
export class MessageError extends Error {
  constructor(readonly words: Message) {
    super(englishText(words));
  }
}

/** What an error says, for a message's values: its words when it has them, else its message as thrown (tfjs and the browser write those in English). */
export function errorWords(e: unknown): MessageValue {
  if (e instanceof MessageError) return e.words;
  return e instanceof Error ? e.message : String(e);
}

/** What to tell the page about any error: its own words if it has them, else its text inside a generic sentence. */
export function messageOf(err: unknown, generic: MessageKey = 'run.failed'): Message {
  if (err instanceof MessageError) return err.words;
  return msg(generic, { detail: errorWords(err) });
}
