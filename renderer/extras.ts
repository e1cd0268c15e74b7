/**
 * What the renderer may use beyond KhoApi, each optional so the same UI runs
 * over IPC (Electron preload) and HTTP (web mode):
 *  - `onProgress`: indexing progress events (SSE in web mode);
 *  - `documentUrl`: an address that opens a library document (web mode);
 *  - `openDocument`: open a library document in the system's default app (desktop);
 *  - `pickFolder`: a native folder chooser (desktop);
 *  - `pathForFile`: the filesystem path of a dropped File (desktop: webUtils.getPathForFile);
 *  - `documentBytes`: a library document's bytes, for the PDF viewer where there is no URL (desktop);
 *  - `onMenu`: the desktop menu's commands.
 * And `bundledCorpus` on the status reply: the sample corpus offered on first start.
 * Types only: the desktop client (bridge.ts) and the web client (http-api.ts) both serve them.
 */
import type { IndexProgress } from '../indexer/api';

export interface ServerState {
  indexing: boolean;
  progress: IndexProgress | null;
}

export interface KhoExtras {
  onProgress?(listener: (progress: IndexProgress) => void, onState?: (state: ServerState) => void): () => void;
  documentUrl?(path: string, page: number | null): string;
  openDocument?(path: string): Promise<void>;
  pickFolder?(): Promise<string | null>;
  pathForFile?(file: File): string;
  documentBytes?(path: string): Promise<Uint8Array>;
  onMenu?(listener: (command: string) => void): () => void;
}
