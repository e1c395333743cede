/**
 * Problems with a user's files, as messages the page translates (src/i18n/<language>/data.ts). The Error's own
 * message is the English text, for Node tools and logs.
 */
import { englishText, msg, type Message, type MessageKey, type MessageValue } from '../i18n/message';

export class DataError extends Error {
  constructor(readonly detail: Message) {
    super(englishText(detail));
    this.name = 'DataError';
  }
}

export const dataError = (key: MessageKey, values?: Record<string, MessageValue>): DataError => new DataError(msg(key, values));

/** The message of any error: a DataError's own, else the error's text in a generic sentence. */
export function errorMessage(error: unknown, key: MessageKey = 'data.failed'): Message {
  if (error instanceof DataError) return error.detail;
  return msg(key, { detail: error instanceof Error ? error.message : String(error) });
}
