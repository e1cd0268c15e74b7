/**
 * The desktop app's start, as plain functions over small shapes of Electron's
 * `app` (so they run under test without the binary): which data folder (the
 * CLI's, moving the old app folder there once), one instance at a time, the
 * sample corpus offered to an empty library, and a model shipped by the
 * installer imported once.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { KhoApi } from '../indexer/api/methods.js';
import { idFromFolder } from '../indexer/embed/models.js';
import { chooseDataDir, dataLayout, locationFile, type DataDirChoice, type Host } from '../indexer/library/paths.js';
import { isS3Url } from '../indexer/store/remote/location.js';
import type { Settings } from '../indexer/library/settings.js';

/** The part of Electron's `app` the start uses. */
export interface AppLike {
  setPath(name: 'userData', value: string): void;
  requestSingleInstanceLock(): boolean;
  quit(): void;
  on(event: 'second-instance', listener: () => void): unknown;
}

/**
 * The library's data folder for the app: the same as the CLI's (`--data`/KHO_DATA
 * aside), with the old app folder moved there on first start of this version.
 * Electron's own per-user files (window place, page storage) go there too, so the
 * app keeps one folder. Call before `app.whenReady()` and before the instance lock.
 */
export function settleDataFolder(app: Pick<AppLike, 'setPath'>, host: Host, log: (line: string) => void = () => undefined): DataDirChoice {
  const choice = chooseDataDir(undefined, host, { move: true });
  if (choice.settingProblem) log(`kho: the library location setting ${locationFile(host)} cannot be used (${choice.settingProblem}); using ${choice.dataDir}`);
  if (choice.how === 'moved') log(`kho: moved the library from ${choice.legacy} to ${choice.dataDir}`);
  if (choice.how === 'adopted') log(`kho: using the library in ${choice.dataDir} (could not move it to the shared folder)`);
  if (choice.how === 'both') log(`kho: using ${choice.dataDir}; an older library is left untouched in ${choice.legacy}`);
  // A library on object storage: Electron's own files go to this user's local folder for it.
  app.setPath('userData', isS3Url(choice.dataDir) ? dataLayout(choice.dataDir).local : choice.dataDir);
  return choice;
}

/**
 * One instance at a time: a second start hands over to the first (which comes to
 * the front) and quits. Returns whether this process is the one that runs.
 */
export function claimSingleInstance(app: Omit<AppLike, 'setPath'>, focusFirst: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', focusFirst);
  return true;
}

/** The window, as far as coming to the front goes. */
export interface FocusableWindow {
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

export function bringToFront(window: FocusableWindow | null): void {
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

/** The sample corpus to offer: the installer's copy (resources/corpus) or, unpackaged, the repository's. */
export function bundledCorpusFolder(resourcesPath: string | null, development: string | null): string | null {
  const candidate = resourcesPath ? path.join(resourcesPath, 'corpus') : development;
  return candidate && existsSync(candidate) ? candidate : null;
}

/** Read and change settings.json (indexer/library/settings.ts's SettingsFile). */
export interface SettingsLike {
  read(): Promise<Settings>;
  update(change: Partial<Settings>): Promise<void>;
}

/**
 * Import each model folder the installer shipped, once: the ids imported are
 * recorded in settings.json (`bundledModels`), so a model the user removed or
 * replaced is not brought back at the next start. A failed import is reported
 * and tried again at the next start. Returns the ids imported now.
 */
export async function importBundledModels(
  folders: string[],
  settings: SettingsLike,
  library: Pick<KhoApi, 'importModel' | 'listModels'>,
  report: (error: Error) => void,
): Promise<string[]> {
  const done = new Set((await settings.read()).bundledModels ?? []);
  const installed = new Set((await library.listModels()).map((m) => m.id));
  const imported: string[] = [];
  for (const folder of folders) {
    const id = idFromFolder(folder); // `<org>/<name>` of …/models/<org>/<name>, as importModel names it
    if (done.has(id)) continue;
    if (!installed.has(id)) {
      try {
        await library.importModel({ folder });
        imported.push(id);
      } catch (error) {
        report(error as Error);
        continue;
      }
    }
    done.add(id);
    await settings.update({ bundledModels: [...done] });
  }
  return imported;
}
