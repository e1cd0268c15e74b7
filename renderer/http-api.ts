/**
 * KhoApi over HTTP, for the web mode (`kho serve`): one POST per method to
 * /api/<method> with the per-launch token, progress from Server-Sent Events.
 * The token arrives in the page address (`#token=…`), is kept in
 * sessionStorage (this tab only) and removed from the address bar.
 */
import type { IndexProgress, KhoApi, KhoApiMethod } from '../indexer/api';
import type { KhoExtras, ServerState } from './bridge';

const TOKEN_KEY = 'kho.token';

/** An API failure; `status` 0 means the server could not be reached. */
export class ApiError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
    this.name = 'ApiError';
  }
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
  async function call<T>(method: KhoApiMethod, arg?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(arg ?? {}),
        cache: 'no-store',
      });
    } catch {
      throw new ApiError('network', 0);
    }
    let reply: { ok: boolean; value?: T; reason?: string };
    try {
      reply = (await response.json()) as typeof reply;
    } catch {
      throw new ApiError(`HTTP ${response.status}`, response.status);
    }
    if (!reply.ok) throw new ApiError(reply.reason ?? `HTTP ${response.status}`, response.status);
    return reply.value as T;
  }

  return {
    search: (request) => call('search', request),
    suggest: (request) => call('suggest', request),
    index: (request) => call('index', request),
    cancelIndex: () => call('cancelIndex'),
    status: () => call('status'),
    listModels: () => call('listModels'),
    importModel: (request) => call('importModel', request),
    basketList: () => call('basketList'),
    basketAdd: (request) => call('basketAdd', request),
    basketRemove: (request) => call('basketRemove', request),
    basketReorder: (request) => call('basketReorder', request),
    basketSetNote: (request) => call('basketSetNote', request),
    basketClear: () => call('basketClear'),
    basketExport: (request) => call('basketExport', request),
    document: (request) => call('document', request),
    related: (request) => call('related', request),
    setStatus: (request) => call('setStatus', request),
    documents: (request) => call('documents', request),
    documentText: (request) => call('documentText', request),
    removeFolder: (request) => call('removeFolder', request),

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
