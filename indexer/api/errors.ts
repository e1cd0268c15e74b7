/**
 * An error caused by what the user asked (a missing folder, an empty query),
 * as opposed to a bug. Transports show its message alone, never a stack trace.
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}
