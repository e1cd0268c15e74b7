/**
 * IPC wiring without Electron types leaking into logic: one channel per API
 * method, each handler checks that the message comes from our own window's
 * page before calling the library, and only an error's message crosses back.
 */
import { KHO_API_METHODS, type KhoApi, type KhoApiMethod } from '../indexer/api/contract.js';

export const channelOf = (method: KhoApiMethod) => `kho:${method}`;

/** The part of Electron's IpcMainInvokeEvent we rely on. */
export interface InvokeEvent {
  senderFrame: { url: string } | null;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Pages allowed to call the API: the bundled renderer, loaded from disk. */
export function isTrustedSender(event: InvokeEvent, rendererUrl: string): boolean {
  const url = event.senderFrame?.url;
  if (!url) return false;
  try {
    const sender = new URL(url);
    const expected = new URL(rendererUrl);
    return sender.protocol === expected.protocol && sender.pathname === expected.pathname;
  } catch {
    return false;
  }
}

/** Register one handler per API method on something shaped like `ipcMain`. */
export function registerApiHandlers(
  ipc: { handle(channel: string, listener: (event: InvokeEvent, arg: unknown) => Promise<Reply<unknown>>): void },
  api: KhoApi,
  rendererUrl: string,
): string[] {
  const channels: string[] = [];
  for (const method of KHO_API_METHODS) {
    const channel = channelOf(method);
    ipc.handle(channel, async (event, arg) => {
      if (!isTrustedSender(event, rendererUrl)) return { ok: false, reason: 'request refused: unknown sender' };
      try {
        const call = api[method] as (request?: unknown) => Promise<unknown>;
        return { ok: true, value: await call.call(api, arg) };
      } catch (error) {
        return { ok: false, reason: (error as Error).message };
      }
    });
    channels.push(channel);
  }
  return channels;
}
