/**
 * The message of whatever a call threw: an API failure carries its code
 * (`ApiError.apiMessage`, see http-api.ts); anything else (a bug, a lost
 * connection the client did not code) is `internal` with its text as the detail.
 */
import type { Message } from '../../indexer/api';
import { isMessage } from '../../indexer/common/messages/format';

export function messageOfError(error: unknown): Message {
  const coded = (error as { apiMessage?: unknown } | null)?.apiMessage;
  if (isMessage(coded)) return coded;
  return { code: 'internal', params: { detail: (error as Error)?.message ?? String(error) } };
}
