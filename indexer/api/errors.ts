/**
 * An error caused by what the user asked (a missing folder, an empty query), as opposed
 * to a bug. It carries a message code: transports send `{ code, params }`, never a stack
 * trace, and each front end words it in the user's language. Its `message` is the
 * English text, for logs and for tests that read a thrown error.
 */
import { formatMessage } from '../common/messages/format.js';
import type { Message, MessageCode, MessageParams } from './messages.js';

/** The params argument: optional for codes that take none. */
type ParamsArg<C extends MessageCode> = Record<string, never> extends MessageParams[C] ? [params?: MessageParams[C]] : [params: MessageParams[C]];

export class UserError<C extends MessageCode = MessageCode> extends Error {
  readonly code: C;
  readonly params: MessageParams[C];

  constructor(code: C, ...params: ParamsArg<C>) {
    const message = { code, params: params[0] ?? {} } as Message;
    super(formatMessage(message, 'en'));
    this.name = 'UserError';
    this.code = code;
    this.params = message.params as MessageParams[C];
  }

  /** The error as it crosses a transport. */
  toMessage(): Message {
    return { code: this.code, params: this.params } as Message;
  }
}

/** The message of a user error, else null (a bug or a failure of the machine). */
export function userMessageOf(error: unknown): Message | null {
  return error instanceof UserError ? error.toMessage() : null;
}

/** What a transport sends for any thrown value: a user error's message, else `internal`. */
export function messageOf(error: unknown): Message {
  const message = userMessageOf(error);
  if (message) return message;
  const detail = error instanceof Error ? error.message : String(error);
  return { code: 'internal', params: { detail } };
}
