/**
 * The renderer's client of KhoApi, made from the method table: one typed line per
 * method over a `send` that carries a call and resolves to an ApiReply. Over HTTP
 * for the web mode (`kho serve`: one POST per method to /api/<method> with the
 * per-launch token, progress from Server-Sent Events); over the preload's replies
 * on the desktop (bridge.ts). A failed reply becomes an ApiError carrying the
 * message code, which the UI words in its language.
 *
 * The token arrives in the page address (`#token=…`), is kept in sessionStorage
 * (this tab only) and removed from the address bar.
 */
import type { ApiMethod, ApiReply, ArgsOf, IndexProgress, KhoApi, Message, ResultOf } from '../indexer/api';
import { formatMessage } from '../indexer/common/messages/format';
import type { KhoExtras, ServerState } from './extras';

const TOKEN_KEY = 'kho.token';

/** An API failure with its message code (`apiMessage`); `status` is the HTTP status, 0 when the server could not be reached. */
export class ApiError extends Error {
  constructor(readonly apiMessage: Message, readonly status: number) {
    super(formatMessage(apiMessage, 'vi'));
    this.name = 'ApiError';
  }
}

/** The value of a reply, or its failure thrown as an ApiError. */
export function unwrap<T>(reply: ApiReply<T>, status = 200): T {
  if (!reply.ok) throw new ApiError(reply.error, status);
  return reply.value;
}

/** Carries one call to the API and resolves to its reply (or throws an ApiError when nothing answered). */
export type Send = <M extends ApiMethod>(method: M, ...args: ArgsOf<M>) => Promise<ResultOf<M>>;

/** Written out per method: a method added to the table and missing here fails to compile. */
export function clientOf(send: Send): KhoApi {
  return {
    search: (request) => send('search', request),
    suggest: (request) => send('suggest', request),
    index: (request) => send('index', request),
    cancelIndex: () => send('cancelIndex'),
    status: () => send('status'),
    listModels: () => send('listModels'),
    importModel: (request) => send('importModel', request),
    basketList: () => send('basketList'),
    basketAdd: (request) => send('basketAdd', request),
    basketRemove: (request) => send('basketRemove', request),
    basketReorder: (request) => send('basketReorder', request),
    basketSetNote: (request) => send('basketSetNote', request),
    basketClear: () => send('basketClear'),
    basketExport: (request) => send('basketExport', request),
    document: (request) => send('document', request),
    related: (request) => send('related', request),
    setStatus: (request) => send('setStatus', request),
    documents: (request) => send('documents', request),
    documentText: (request) => send('documentText', request),
    pageMarks: (request) => send('pageMarks', request),
    removeFolder: (request) => send('removeFolder', request),
    roots: () => send('roots'),
    mapRoot: (request) => send('mapRoot', request),
    libraryLocation: () => send('libraryLocation'),
    setLibraryLocation: (request) => send('setLibraryLocation', request),
  };
}

/** The token from `#token=…` (then hidden from the address bar), else from this tab's storage. */
export function takeToken(): string | null {
  const match = /(?:^#|&)token=([0-9A-Za-z_-]+)/.exec(location.hash);
  if (match) {
    try {
      sessionStorage.setItem(TOKEN_KEY, match[1]!);
    } catch {
      /* storage disabled: the token lives in memory only */
    }
    history.replaceState(null, '', location.pathname + location.search);
    return match[1]!;
  }
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function createHttpApi(token: string): KhoApi & KhoExtras {
  const send: Send = async (method, ...args) => {
    let response: Response;
    try {
      response = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(args[0] ?? {}),
        cache: 'no-store',
      });
    } catch {
      throw new ApiError({ code: 'internal', params: { detail: 'network' } }, 0);
    }
    let reply: ApiReply<ResultOf<typeof method>>;
    try {
      reply = (await response.json()) as typeof reply;
    } catch {
      throw new ApiError({ code: 'internal', params: { detail: `HTTP ${response.status}` } }, response.status);
    }
    return unwrap(reply, response.status);
  };

  return {
    ...clientOf(send),

    onProgress(listener: (progress: IndexProgress) => void, onState?: (state: ServerState) => void): () => void {
      const source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
      const progress = (event: MessageEvent<string>) => listener(JSON.parse(event.data) as IndexProgress);
      const state = (event: MessageEvent<string>) => onState?.(JSON.parse(event.data) as ServerState);
      source.addEventListener('progress', progress);
      source.addEventListener('state', state);
      return () => source.close();
    },

    documentUrl(path: string, page: number | null): string {
      const url = `/api/file?path=${encodeURIComponent(path)}&token=${encodeURIComponent(token)}`;
      return page ? `${url}#page=${page}` : url;
    },
  };
}
