/**
 * Messages into words: `formatMessage({ code, params }, lang)`. The renderer and
 * the CLI both word messages here, so a code reads the same in every front end.
 * Pure code, no Node imports.
 */
import type { FailureKind } from '../../api/contract.js';
import type { Message, MessageCode, MessageParams } from '../../api/messages.js';
import { en } from './en.js';
import { vi } from './vi.js';

export type Lang = 'vi' | 'en';

/** A text for every code: a language table missing one fails to compile. */
export type MessageTexts = { [C in MessageCode]: (params: MessageParams[C]) => string };

const TABLES: Record<Lang, MessageTexts> = { vi, en };

/** The message in words. An unknown code (a newer back end) is shown as the code, never dropped. */
export function formatMessage(message: Message, lang: Lang): string {
  const text = TABLES[lang][message.code] as ((params: unknown) => string) | undefined;
  if (!text) return message.code;
  try {
    return text(message.params ?? {});
  } catch {
    // Params of an older shape (a failure stored by an earlier version): say at least what it is.
    return message.code;
  }
}

/** The message a failure has when none was recorded (failures stored before messages had codes). */
export function failureKindMessage(kind: FailureKind): Message {
  return { code: 'failure.kind', params: { kind } };
}

/** True when the value has the shape of a message (a code string and params). */
export function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && typeof (value as Message).code === 'string';
}
