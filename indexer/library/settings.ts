/**
 * The user's settings file (`settings.json`): the chosen model and the library
 * folders. Each change re-reads the file and writes it whole, atomically.
 */
import { readJson, writeJsonAtomic } from '../store/atomic.js';

export interface Settings {
  /** The embedding model the user chose; null = the default model if installed. */
  model?: string | null;
  /** Library folders: rescanned at start and watched while the app runs. */
  folders?: string[];
}

export class SettingsFile {
  constructor(private readonly file: string) {}

  read(): Promise<Settings> {
    return readJson<Settings>(this.file, {});
  }

  async update(change: Partial<Settings>): Promise<void> {
    await writeJsonAtomic(this.file, { ...(await this.read()), ...change });
  }
}
