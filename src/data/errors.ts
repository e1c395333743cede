/**
 * Problems with a dataset or a user's files, as messages the page translates (src/i18n/<language>/data.ts). A
 * DataError is a MessageError (its words travel to the page) that also says the dataset setting is at fault.
 */
import { MessageError, msg, type Message, type MessageKey, type MessageValue } from '../i18n/message';

export class DataError extends MessageError {
  constructor(detail: Message) {
    super(detail);
    this.name = 'DataError';
  }
}

export const dataError = (key: MessageKey, values?: Record<string, MessageValue>): DataError => new DataError(msg(key, values));
