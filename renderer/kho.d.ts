import type { KhoApi } from '../indexer/api';
import type { DesktopBridge } from './bridge';
import type { KhoExtras } from './extras';

declare global {
  interface Window {
    /** The API client, installed by main.tsx: over the preload bridge (Electron) or HTTP (web mode). */
    kho?: KhoApi & KhoExtras;
    /** The preload's bridge (Electron only): replies, not yet unwrapped. */
    khoDesktop?: DesktopBridge;
  }
}
