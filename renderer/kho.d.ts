import type { KhoApi } from '../indexer/api';

declare global {
  interface Window {
    /** The API, provided by the preload bridge (Electron) or the HTTP client (web mode). */
    kho: KhoApi;
  }
}
