/**
 * The bridge: one function per entry of the method table, nothing generic (no
 * `invoke(channel)` reaches the page). It runs sandboxed, so it is CommonJS and
 * may only `require('electron')`: it takes nothing but types from the table,
 * and tsc emits it as dist/main/preload.cjs with no other import.
 *
 * Every function resolves to an ApiReply, plain data: an Error thrown across the
 * context bridge keeps only its message, and the message code would be lost. The
 * renderer's client (renderer/bridge.ts) turns a failed reply into an ApiError.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { ApiChannel, ApiMethod, ArgsOf, ResultOf } from '../indexer/api/methods.js';
import type { ApiReply } from '../indexer/api/messages.js';

/** The channel the main process registered for a method (the type keeps it equal to channelOf). */
const channel = <M extends ApiMethod>(method: M): ApiChannel<M> => `kho:${method}`;

function invoke<M extends ApiMethod>(method: M, ...args: ArgsOf<M>): Promise<ApiReply<ResultOf<M>>> {
  return ipcRenderer.invoke(channel(method), ...args) as Promise<ApiReply<ResultOf<M>>>;
}

type Bridge = { [M in ApiMethod]: (...args: ArgsOf<M>) => Promise<ApiReply<ResultOf<M>>> };

/** Written out per method: a method added to the table and not bridged here fails to compile. */
const api: Bridge = {
  search: (request) => invoke('search', request),
  suggest: (request) => invoke('suggest', request),
  index: (request) => invoke('index', request),
  cancelIndex: () => invoke('cancelIndex'),
  status: () => invoke('status'),
  listModels: () => invoke('listModels'),
  importModel: (request) => invoke('importModel', request),
  basketList: () => invoke('basketList'),
  basketAdd: (request) => invoke('basketAdd', request),
  basketRemove: (request) => invoke('basketRemove', request),
  basketReorder: (request) => invoke('basketReorder', request),
  basketSetNote: (request) => invoke('basketSetNote', request),
  basketClear: () => invoke('basketClear'),
  basketExport: (request) => invoke('basketExport', request),
  document: (request) => invoke('document', request),
  related: (request) => invoke('related', request),
  setStatus: (request) => invoke('setStatus', request),
  documents: (request) => invoke('documents', request),
  documentText: (request) => invoke('documentText', request),
  pageMarks: (request) => invoke('pageMarks', request),
  removeFolder: (request) => invoke('removeFolder', request),
  roots: () => invoke('roots'),
  mapRoot: (request) => invoke('mapRoot', request),
  libraryLocation: () => invoke('libraryLocation'),
  setLibraryLocation: (request) => invoke('setLibraryLocation', request),
};

contextBridge.exposeInMainWorld('khoDesktop', {
  ...api,
  /** Indexing progress pushed by the main process; returns an unsubscribe function. */
  onProgress: (listener: (progress: unknown) => void) => {
    const handler = (_event: unknown, progress: unknown) => listener(progress);
    ipcRenderer.on('kho:progress', handler);
    return () => ipcRenderer.off('kho:progress', handler);
  },
  /** Menu commands for the page (focus-search, show-library, …); returns an unsubscribe function. */
  onMenu: (listener: (command: string) => void) => {
    const handler = (_event: unknown, command: unknown) => listener(String(command));
    ipcRenderer.on('kho:menu', handler);
    return () => ipcRenderer.off('kho:menu', handler);
  },
  /** The native folder chooser: the chosen folder, or null. */
  pickFolder: () => ipcRenderer.invoke('kho:pickFolder') as Promise<ApiReply<string | null>>,
  openDocument: (path: string) => ipcRenderer.invoke('kho:openDocument', { path }) as Promise<ApiReply<void>>,
  /** A library document's bytes, for the in-app PDF viewer. */
  documentBytes: (path: string) => ipcRenderer.invoke('kho:documentBytes', { path }) as Promise<ApiReply<Uint8Array>>,
  /** The filesystem path of a file or folder dropped on the window. */
  pathForFile: (file: File) => webUtils.getPathForFile(file),
});
