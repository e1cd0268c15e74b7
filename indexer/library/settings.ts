/**
 * The user's settings file (`settings.json`): the chosen model and the library
 * folders. Each change re-reads the file and writes it whole, atomically, under
 * the file's lock (the app and a CLI may share a data folder). A damaged file is
 * an error naming it (kept as it is), never taken for an empty one.
 */
import { readJson, withFileLock, writeJsonAtomic } from '../store/atomic.js';

export interface Settings {
  /** The embedding model the user chose; null = the default model if installed. */
  model?: string | null;
  /** Library folders: rescanned at start and watched while the app runs. */
  folders?: string[];
  /** Model ids the desktop installer shipped and the app has imported (each once, never again). */
  bundledModels?: string[];
}

export class SettingsFile {
  constructor(private readonly file: string) {}

  read(): Promise<Settings> {
    return readJson<Settings>(this.file, {});
  }

  /** Under the file's lock: another process's change made in between is kept. */
  async update(change: Partial<Settings>): Promise<void> {
    await withFileLock(this.file, async () => writeJsonAtomic(this.file, { ...(await this.read()), ...change }));
  }
}
