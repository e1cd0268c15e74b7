/**
 * Messages as codes: every notice, warning, user error and failure reason crosses the
 * API as `{ code, params }`, never as a sentence. The renderer and the CLI turn a code
 * into Vietnamese or English (indexer/common/messages/); no behaviour may depend on the
 * wording. Adding a code here without a text in every language fails to compile.
 *
 * Types only: the renderer imports this file.
 */

/** The parameters each message code takes. A code's name says where it comes from. */
export interface MessageParams {
  /**
   * TRANSITIONAL: a sentence not yet given a code. Every use is to be replaced by a
   * proper code; `npm test` fails while any producer still emits it.
   */
  'text': { text: string };
  /** A failure nobody foresaw (a bug): its detail is for a bug report, not for the user. */
  'internal': { detail: string };
  /** The request did not have the shape the method takes. */
  'request.invalid': { method: string; problem: string };
  /** The caller is not our own page (IPC) or did not present the token (web). */
  'request.refused': Record<string, never>;
}

export type MessageCode = keyof MessageParams;

/** One message: a code and its parameters, plain data for any transport. */
export type Message = { [C in MessageCode]: { code: C; params: MessageParams[C] } }[MessageCode];

/** How a transport answers a call: the value, or the user-facing failure as a message. */
export type ApiReply<T> = { ok: true; value: T } | { ok: false; error: Message };
