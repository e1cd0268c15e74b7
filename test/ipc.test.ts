/** The Electron IPC wiring, without Electron: one channel per table entry, senders checked, requests read through the table. */
import { describe, expect, it } from 'vitest';
import { UserError } from '../indexer/api/errors.js';
import { KHO_API_METHODS, MAX_SUGGEST_PREFIX, type KhoApi } from '../indexer/api/methods.js';
import { registerApiHandlers, type Handler, type InvokeEvent } from '../main/ipc.js';

const RENDERER = 'file:///opt/kho/resources/app/renderer/index.html';
const ours: InvokeEvent = { senderFrame: { url: `${RENDERER}#/search` } };

function fakeIpc() {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    handle(channel: string, listener: Handler) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
  };
}

const calls: Array<[string, unknown[]]> = [];
/** A recorder for every method of the table: it cannot miss one. */
const api = Object.fromEntries(
  KHO_API_METHODS.map((m) => [m, async (...args: unknown[]) => {
    calls.push([m, args]);
    if (m === 'index') throw new UserError('folder.missing', { path: '/x' });
    if (m === 'listModels') throw new Error('boom');
    if (m === 'status') return { documents: 3 };
    return `${m}-result`;
  }]),
) as unknown as KhoApi;

describe('IPC handlers', () => {
  const ipc = fakeIpc();
  const channels = registerApiHandlers(ipc, api, RENDERER, { bundledCorpus: '/opt/kho/corpus' });
  const call = (method: string, arg?: unknown, event: InvokeEvent = ours) => ipc.handlers.get(`kho:${method}`)!(event, arg);

  it('registers exactly one channel per table entry', () => {
    expect(channels).toEqual(KHO_API_METHODS.map((m) => `kho:${m}`));
    expect([...ipc.handlers.keys()]).toEqual(channels);
  });

  it('calls the method for the bundled page with the request as the table describes it', async () => {
    expect(await call('search', { query: 'đổi mới', limit: 5, sneaky: true })).toEqual({ ok: true, value: 'search-result' });
    // Fields the contract does not name never reach the library.
    expect(calls.at(-1)).toEqual(['search', [{ query: 'đổi mới', limit: 5 }]]);
    expect(await call('basketClear', { anything: 1 })).toEqual({ ok: true, value: 'basketClear-result' });
    expect(calls.at(-1)).toEqual(['basketClear', []]);
    expect(await call('status')).toEqual({ ok: true, value: { documents: 3, bundledCorpus: '/opt/kho/corpus' } });
  });

  it('answers failures as message codes: a user error as itself, a bug as internal', async () => {
    expect(await call('index', { paths: ['/x'] })).toEqual({ ok: false, error: { code: 'folder.missing', params: { path: '/x' } } });
    expect(await call('listModels')).toEqual({ ok: false, error: { code: 'internal', params: { detail: 'boom' } } });
  });

  it('refuses requests that do not have the shape the method takes, without calling the API', async () => {
    const before = calls.length;
    const refusals: Array<[string, unknown, RegExp]> = [
      ['search', null, /the request: expected an object, got null/],
      ['search', undefined, /got nothing/],
      ['search', { query: 5 }, /query: expected a string/],
      ['search', { query: 'x', limit: 2.5 }, /limit: expected a whole number from 1/],
      ['search', { query: 'x', sort: 'newest' }, /sort: expected one of "relevance", "date"/],
      ['suggest', { prefix: 'a'.repeat(MAX_SUGGEST_PREFIX + 1) }, /prefix: expected a string of at most 500 characters, got a string of 501 characters/],
      ['index', { paths: '/home' }, /paths: expected a list/],
      ['index', { paths: ['/ok', 7] }, /paths\[1\]: expected a string/],
      ['basketAdd', { hit: null }, /hit: expected an object, got null/],
      ['setStatus', { path: '/a.pdf', value: 'gone' }, /value: expected one of "in-force"/],
    ];
    for (const [method, arg, problem] of refusals) {
      const reply = await call(method, arg);
      expect(reply, `${method} ${JSON.stringify(arg)}`).toMatchObject({ ok: false, error: { code: 'request.invalid', params: { method } } });
      expect(!reply.ok && reply.error.code === 'request.invalid' && reply.error.params.problem).toMatch(problem);
    }
    expect(calls.length).toBe(before);
  });

  it('refuses other senders without calling the API', async () => {
    const before = calls.length;
    for (const url of ['https://example.invalid/index.html', 'file:///tmp/evil.html', 'not a url']) {
      expect(await call('status', undefined, { senderFrame: { url } })).toEqual({ ok: false, error: { code: 'request.refused', params: {} } });
    }
    expect(await call('status', undefined, { senderFrame: null })).toMatchObject({ ok: false, error: { code: 'request.refused' } });
    expect(calls.length).toBe(before);
  });
});
