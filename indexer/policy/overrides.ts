/**
 * A user's own decisions about document status ("this decision is no longer
 * applied here", "treat it as in force"), kept in one small JSON file in the data
 * folder and written atomically, so a crash leaves the old file or the new one.
 * `deriveStatus` (status.ts) gives an override precedence over everything the
 * text says. Keys are whatever the caller identifies documents by (their path).
 *
 * File shape: `{ "version": 1, "overrides": { "<key>": { "value", "note", "at" } } }`.
 */
import { readJson, readJsonOrSetAside, withFileLock, writeJsonAtomic } from '../store/atomic.js';
import { STATUS_VALUES, type StatusOverride, type StatusValue } from './status.js';

interface OverridesFile {
  version: 1;
  overrides: Record<string, StatusOverride>;
}

export class Overrides {
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    readonly file: string,
    private readonly entries: Map<string, StatusOverride>,
  ) {}

  /** Opens (or starts) the store at `file`; a missing or damaged file is an empty store. */
  static async open(file: string): Promise<Overrides> {
    // A damaged file reads as empty here and stays as it is; the first write moves it aside (kept), never over it.
    return new Overrides(file, await Overrides.read(file, false).catch(() => new Map<string, StatusOverride>()));
  }

  /** The file's entries; a missing file is empty. Before a write (`setAside`), a damaged file is moved to `*.corrupt-<time>`. */
  private static async read(file: string, setAside: boolean): Promise<Map<string, StatusOverride>> {
    const data = setAside
      ? await readJsonOrSetAside<Partial<OverridesFile> | null>(file, null, () => undefined)
      : await readJson<Partial<OverridesFile> | null>(file, null);
    const entries = new Map<string, StatusOverride>();
    for (const [key, value] of Object.entries(data?.overrides ?? {})) {
      if (value && (STATUS_VALUES as readonly string[]).includes(value.value)) {
        entries.set(key, { value: value.value, note: value.note ?? null, at: value.at });
      }
    }
    return entries;
  }

  get(key: string): StatusOverride | null {
    return this.entries.get(key) ?? null;
  }

  /** Every override, keyed as set. */
  all(): Record<string, StatusOverride> {
    return Object.fromEntries(this.entries);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Sets a document's status and saves; returns what was stored. */
  async set(key: string, value: StatusValue, note: string | null = null, now: Date = new Date()): Promise<StatusOverride> {
    if (!(STATUS_VALUES as readonly string[]).includes(value)) throw new Error(`unknown status "${value}" (expected one of ${STATUS_VALUES.join(', ')})`);
    const entry: StatusOverride = { value, note: note?.trim() || null, at: now.toISOString() };
    await this.save((entries) => entries.set(key, entry));
    return entry;
  }

  /** Removes a document's override and saves; false when there was none. */
  async clear(key: string): Promise<boolean> {
    if (!this.entries.has(key)) return false;
    await this.save((entries) => entries.delete(key));
    return true;
  }

  /** Moves an override when a document is renamed or moved. */
  async rename(from: string, to: string): Promise<boolean> {
    const entry = this.entries.get(from);
    if (!entry) return false;
    await this.save((entries) => {
      entries.delete(from);
      entries.set(to, entry);
    });
    return true;
  }

  /**
   * Writes are serialised, here and across processes (the file's lock): each
   * applies its change to a fresh read of the file, so another process's
   * overrides are kept, and the state in memory becomes the file's.
   */
  private save(change: (entries: Map<string, StatusOverride>) => void): Promise<void> {
    change(this.entries);
    const run = this.writing.then(() =>
      withFileLock(this.file, async () => {
        const entries = await Overrides.read(this.file, true);
        change(entries);
        const data: OverridesFile = { version: 1, overrides: Object.fromEntries([...entries].sort(([a], [b]) => a.localeCompare(b))) };
        await writeJsonAtomic(this.file, data);
        this.entries.clear();
        for (const [key, value] of entries) this.entries.set(key, value);
      }),
    );
    this.writing = run.catch(() => undefined);
    return run;
  }
}
