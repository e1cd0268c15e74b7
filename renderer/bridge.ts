/**
 * The desktop client: on the desktop the preload exposes `window.khoDesktop`, whose functions resolve
 * to ApiReplies (an Error crossing the context bridge would keep only its
 * message); `createDesktopApi` makes the same throwing client as the web mode.
 */
import type { ApiMethod, ApiReply, ArgsOf, IndexProgress, KhoApi, LibraryStatus, ResultOf } from '../indexer/api';
import type { KhoExtras } from './extras';
import { clientOf, unwrap } from './http-api';

export type { KhoExtras, ServerState } from './extras';

/** What main/preload.cts exposes: one reply-returning function per method, and the desktop extras. */
export type DesktopBridge = { [M in ApiMethod]: (...args: ArgsOf<M>) => Promise<ApiReply<ResultOf<M>>> } & {
  onProgress(listener: (progress: IndexProgress) => void): () => void;
  onMenu(listener: (command: string) => void): () => void;
  pickFolder(): Promise<ApiReply<string | null>>;
  openDocument(path: string): Promise<ApiReply<void>>;
  documentBytes(path: string): Promise<ApiReply<Uint8Array>>;
  pathForFile(file: File): string;
};

/** The desktop client: the preload's replies unwrapped, failures thrown as ApiError. */
export function createDesktopApi(bridge: DesktopBridge): KhoApi & KhoExtras {
  const call = bridge as unknown as Record<ApiMethod, (...args: unknown[]) => Promise<ApiReply<unknown>>>;
  return {
    ...clientOf(async (method, ...args) => unwrap(await call[method](...args)) as ResultOf<typeof method>),
    onProgress: (listener) => bridge.onProgress(listener),
    onMenu: (listener) => bridge.onMenu(listener),
    pickFolder: async () => unwrap(await bridge.pickFolder()),
    openDocument: async (path) => unwrap(await bridge.openDocument(path)),
    documentBytes: async (path) => unwrap(await bridge.documentBytes(path)),
    pathForFile: (file) => bridge.pathForFile(file),
  };
}

export type Status = LibraryStatus & { bundledCorpus?: string | null };

export function api(): KhoApi & KhoExtras {
  return window.kho!;
}

export async function loadStatus(): Promise<Status> {
  return (await api().status()) as Status;
}
