/**
 * A cheap "has anyone committed?" check for a local LanceDB folder, so a
 * reader need not ask LanceDB for the newest version of every table before
 * every search (two or three `checkoutLatest` calls, 1–16 ms on a busy
 * machine, against a few microseconds for these `stat`s).
 *
 * Every LanceDB commit writes a new manifest into the table's `_versions/`
 * folder, which changes that folder's modification time. A stamp (the
 * folders' times) is trusted only once it has settled — taken when the newest
 * change is already SETTLE_MS old — because a file system with coarse times
 * (FAT: 2 s; some network shares: 1 s) can give two commits within one tick
 * the same time. An unsettled stamp, or any difference, means: ask LanceDB.
 * Object storage has no folder times; it is refreshed on its own schedule
 * (library/remote.ts) and never uses this.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';

/** How old the newest change must be before its time can vouch for "nothing since". */
export const SETTLE_MS = 3_000;

export class VersionStamp {
  private trusted: string | null = null;

  constructor(
    private readonly dir: string,
    private readonly tables: () => string[],
  ) {}

  /** The folders' times now, and whether they have settled; null when one cannot be read (then ask LanceDB). */
  private async read(): Promise<{ key: string; settled: boolean } | null> {
    try {
      const times = await Promise.all(this.tables().map((name) => stat(path.join(this.dir, `${name}.lance`, '_versions'), { bigint: true })));
      const newestMs = Math.max(...times.map((t) => Number(t.mtimeNs / 1_000_000n)));
      return { key: times.map((t) => `${t.mtimeNs}:${t.ino}`).join('|'), settled: Date.now() - newestMs > SETTLE_MS };
    } catch {
      return null;
    }
  }

  /** True when nothing can have been committed since a stamp was kept. */
  async unchanged(): Promise<boolean> {
    if (this.trusted === null) return false;
    const now = await this.read();
    return now !== null && now.key === this.trusted;
  }

  /** Before asking LanceDB: the stamp as it is (compared again after, by `keep`). */
  async take(): Promise<string | null> {
    const now = await this.read();
    return now?.settled ? now.key : null;
  }

  /** After asking LanceDB: keep the stamp taken before as a witness only if it has not moved meanwhile. */
  async keep(before: string | null): Promise<void> {
    const now = before === null ? null : await this.read();
    this.trusted = now !== null && now.settled && now.key === before ? before : null;
  }

  /** This process wrote or a table was added: the next check asks LanceDB. */
  forget(): void {
    this.trusted = null;
  }
}
