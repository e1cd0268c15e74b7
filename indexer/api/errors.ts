/**
 * An error caused by what the user asked (a missing folder, an empty query), as opposed
 * to a bug. It carries a message code: transports send `{ code, params }`, never a stack
 * trace, and each front end words it in the user's language.
 */
import type { Message, MessageCode, MessageParams } from './messages.js';

export class UserError extends Error {
  readonly code: MessageCode;
  readonly params: MessageParams[MessageCode];

  constructor(message: string);
  constructor(code: MessageCode, params: MessageParams[MessageCode], englishText?: string);
  constructor(codeOrText: string, params?: MessageParams[MessageCode], englishText?: string) {
    const coded = params !== undefined;
    super(coded ? (englishText ?? codeOrText) : codeOrText);
    this.name = 'UserError';
    this.code = coded ? (codeOrText as MessageCode) : 'text';
    this.params = coded ? params : { text: codeOrText };
  }

  /** The error as it crosses a transport. */
  toMessage(): Message {
    return { code: this.code, params: this.params } as Message;
  }
}

/** What a transport sends for any thrown value: a user error's message, else `internal`. */
export function messageOf(error: unknown): Message {
  if (error instanceof UserError) return error.toMessage();
  const detail = error instanceof Error ? error.message : String(error);
  return { code: 'internal', params: { detail } };
}
