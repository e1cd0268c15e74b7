/**
 * The bridge: one function per API method, nothing generic. Runs sandboxed,
 * so it is CommonJS and may only use `electron`'s contextBridge/ipcRenderer.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';

type Reply<T> = { ok: true; value: T } | { ok: false; reason: string };

async function call<T>(channel: string, arg?: unknown): Promise<T> {
  const reply = (await ipcRenderer.invoke(channel, arg)) as Reply<T>;
  if (!reply.ok) throw new Error(reply.reason);
  return reply.value;
}

contextBridge.exposeInMainWorld('kho', {
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
  pickFolder: () => call('kho:pickFolder'),
  openDocument: (path: string) => call('kho:openDocument', { path }),
  /** A library document's bytes, for the in-app PDF viewer. */
  documentBytes: (path: string) => call('kho:documentBytes', { path }),
  /** The filesystem path of a file or folder dropped on the window. */
  pathForFile: (file: File) => webUtils.getPathForFile(file),
  search: (request: unknown) => call('kho:search', request),
  suggest: (request: unknown) => call('kho:suggest', request),
  index: (request: unknown) => call('kho:index', request),
  cancelIndex: () => call('kho:cancelIndex'),
  status: () => call('kho:status'),
  listModels: () => call('kho:listModels'),
  importModel: (request: unknown) => call('kho:importModel', request),
  basketList: () => call('kho:basketList'),
  basketAdd: (request: unknown) => call('kho:basketAdd', request),
  basketRemove: (request: unknown) => call('kho:basketRemove', request),
  basketReorder: (request: unknown) => call('kho:basketReorder', request),
  basketSetNote: (request: unknown) => call('kho:basketSetNote', request),
  basketClear: () => call('kho:basketClear'),
  basketExport: (request: unknown) => call('kho:basketExport', request),
  document: (request: unknown) => call('kho:document', request),
  related: (request: unknown) => call('kho:related', request),
  setStatus: (request: unknown) => call('kho:setStatus', request),
  documents: (request: unknown) => call('kho:documents', request),
  documentText: (request: unknown) => call('kho:documentText', request),
  removeFolder: (request: unknown) => call('kho:removeFolder', request),
});
