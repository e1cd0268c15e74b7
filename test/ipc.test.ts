/** The Electron IPC wiring, without Electron: one channel per method, senders checked. */
import { describe, expect, it } from 'vitest';
import { KHO_API_METHODS, type KhoApi } from '../indexer/api/contract.js';
import { registerApiHandlers, type InvokeEvent, type Reply } from '../main/ipc.js';

const RENDERER = 'file:///opt/kho/resources/app/renderer/index.html';

function fakeIpc() {
  const handlers = new Map<string, (event: InvokeEvent, arg: unknown) => Promise<Reply<unknown>>>();
  return {
    handlers,
    handle(channel: string, listener: (event: InvokeEvent, arg: unknown) => Promise<Reply<unknown>>) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
  };
}

const calls: Array<[string, unknown]> = [];
const api = Object.fromEntries(
  KHO_API_METHODS.map((m) => [m, async (arg: unknown) => {
    calls.push([m, arg]);
    if (m === 'index') throw new Error('no such file or folder: /x');
    return `${m}-result`;
  }]),
) as unknown as KhoApi;

describe('IPC handlers', () => {
  const ipc = fakeIpc();
  const channels = registerApiHandlers(ipc, api, RENDERER);

  it('registers exactly one channel per API method', () => {
    expect(channels).toEqual(KHO_API_METHODS.map((m) => `kho:${m}`));
    expect([...ipc.handlers.keys()]).toEqual(channels);
  });

  it('calls the method for the bundled page and returns only data or a message', async () => {
    const reply = await ipc.handlers.get('kho:search')!({ senderFrame: { url: `${RENDERER}#/search` } }, { query: 'đổi mới' });
    expect(reply).toEqual({ ok: true, value: 'search-result' });
    expect(calls.at(-1)).toEqual(['search', { query: 'đổi mới' }]);
    const failed = await ipc.handlers.get('kho:index')!({ senderFrame: { url: RENDERER } }, { paths: ['/x'] });
    expect(failed).toEqual({ ok: false, reason: 'no such file or folder: /x' });
  });

  it('refuses other senders without calling the API', async () => {
    const before = calls.length;
    for (const url of ['https://example.invalid/index.html', 'file:///tmp/evil.html', 'not a url']) {
      const reply = await ipc.handlers.get('kho:status')!({ senderFrame: { url } }, undefined);
      expect(reply).toEqual({ ok: false, reason: 'request refused: unknown sender' });
    }
    expect(await ipc.handlers.get('kho:status')!({ senderFrame: null }, undefined)).toMatchObject({ ok: false });
    expect(calls.length).toBe(before);
  });
});
