/**
 * IPC wiring without Electron types leaking into logic: one channel per entry of
 * the method table. Each handler checks that the message comes from our own
 * window's page, reads the request through the table's shape, and answers an
 * ApiReply: the value, or the failure as a message code (never a stack trace).
 */
import { API_METHODS, channelOf, readRequest, type ApiMethod, type ArgsOf, type KhoApi, type ResultOf } from '../indexer/api/methods.js';
import { messageOf } from '../indexer/api/errors.js';
import type { ApiReply, Message } from '../indexer/api/messages.js';

/** The part of Electron's IpcMainInvokeEvent we rely on. */
export interface InvokeEvent {
  senderFrame: { url: string } | null;
}

export type Handler = (event: InvokeEvent, arg: unknown) => Promise<ApiReply<unknown>>;

/** Something shaped like `ipcMain`. */
export interface IpcLike {
  handle(channel: string, listener: Handler): void;
}

/** What a page that is not ours gets, from every channel. */
export const REFUSED: Message = { code: 'request.refused', params: {} };

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

/** A handler that answers only our page, and turns whatever `work` throws into a message. */
export function guarded(rendererUrl: string, work: (arg: unknown) => Promise<unknown>): Handler {
  return async (event, arg) => {
    if (!isTrustedSender(event, rendererUrl)) return { ok: false, error: REFUSED };
    try {
      return { ok: true, value: await work(arg) };
    } catch (error) {
      return { ok: false, error: messageOf(error) };
    }
  };
}

export interface IpcOptions {
  /** The sample corpus offered on first start; added to `status` replies. */
  bundledCorpus?: string | null;
}

type Serve<M extends ApiMethod> = (api: KhoApi, options: IpcOptions, ...args: ArgsOf<M>) => Promise<ResultOf<M>>;

/**
 * How the desktop serves each method. Written out per method on purpose: a method
 * added to the table and not served here fails to compile, naming this file.
 */
const SERVE: { [M in ApiMethod]: Serve<M> } = {
  search: (api, _, request) => api.search(request),
  suggest: (api, _, request) => api.suggest(request),
  index: (api, _, request) => api.index(request),
  cancelIndex: (api) => api.cancelIndex(),
  status: async (api, options) => ({ ...(await api.status()), bundledCorpus: options.bundledCorpus ?? null }),
  listModels: (api) => api.listModels(),
  importModel: (api, _, request) => api.importModel(request),
  basketList: (api) => api.basketList(),
  basketAdd: (api, _, request) => api.basketAdd(request),
  basketRemove: (api, _, request) => api.basketRemove(request),
  basketReorder: (api, _, request) => api.basketReorder(request),
  basketSetNote: (api, _, request) => api.basketSetNote(request),
  basketClear: (api) => api.basketClear(),
  basketExport: (api, _, request) => api.basketExport(request),
  document: (api, _, request) => api.document(request),
  related: (api, _, request) => api.related(request),
  setStatus: (api, _, request) => api.setStatus(request),
  documents: (api, _, request) => api.documents(request),
  documentText: (api, _, request) => api.documentText(request),
  pageMarks: (api, _, request) => api.pageMarks(request),
  removeFolder: (api, _, request) => api.removeFolder(request),
  roots: (api) => api.roots(),
  mapRoot: (api, _, request) => api.mapRoot(request),
  libraryLocation: (api) => api.libraryLocation(),
  setLibraryLocation: (api, _, request) => api.setLibraryLocation(request),
};

/** Register one handler per table entry; returns the channels, in table order. */
export function registerApiHandlers(ipc: IpcLike, api: KhoApi, rendererUrl: string, options: IpcOptions = {}): string[] {
  return (Object.keys(API_METHODS) as ApiMethod[]).map((method) => {
    const serve = SERVE[method] as (api: KhoApi, options: IpcOptions, ...args: unknown[]) => Promise<unknown>;
    const channel = channelOf(method);
    ipc.handle(channel, guarded(rendererUrl, (arg) => serve(api, options, ...readRequest(method, arg))));
    return channel;
  });
}
