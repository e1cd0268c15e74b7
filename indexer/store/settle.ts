/**
 * The end of an indexing run for one LanceDB table: make its newest version
 * durable, then drop every older version, keeping one rollback point.
 *
 * LanceDB keeps every version a run commits (each batch added, each delete,
 * the compaction, each index build): 10,000 documents left ~830 MB of
 * passages on disk where the newest version needs a fraction of it. Dropping
 * them is safe only once the newest version cannot be lost, and LanceDB's
 * local writer does not fsync — so, in this order:
 * 1. fsync every file and folder of the table. Local folders only: on object
 *    storage nothing is settled (LanceDB's hour of versions stays, for the
 *    desks that read the bucket). Files of earlier runs are already clean,
 *    so this costs about the run's own writes, which the kernel would write
 *    back anyway.
 * 2. drop every version but the newest (LanceDB also deletes the data and
 *    index files only those versions used; files no manifest names are left
 *    alone — they may be another writer's, open-table.ts never deletes).
 * 3. commit an identical copy of the newest version (`restore`): a few KB that
 *    share every data file, so a torn newest manifest (a power cut while the
 *    next run writes) still has a whole version to roll back to
 *    (open-table.ts), and loses nothing.
 * 4. fsync the copy.
 * A table with no version since its last settling (an unchanged re-run) is
 * only synced: no new commit, so readers keep their views.
 */
import { open, readdir } from 'node:fs/promises';
import path from 'node:path';
import type * as lancedb from '@lancedb/lancedb';

/** Versions a settled table keeps: the newest and its identical rollback copy. */
export const SETTLED_VERSIONS = 2;

/** Files fsynced at once (a few: the machine's disk is shared). */
const SYNC_PARALLEL = 8;

/** The table's local folder, or null on object storage (`s3://…`) or when LanceDB does not say. */
export function localTableDir(table: lancedb.Table): string | null {
  // LanceDB names its table's location only in its description: "NativeTable(name, uri=/path/x.lance, …)".
  const uri = /uri=([^,)]+)/.exec(table.display())?.[1]?.trim();
  if (!uri || /^[a-z][a-z0-9+.-]*:\/\//i.test(uri)) return null;
  return path.isAbsolute(uri) ? uri : null;
}

/**
 * Make the newest version durable and drop the older ones (see the top of
 * this file). A file that cannot be synced leaves every version in place
 * (the next run tries again): losing disk space beats losing the index.
 */
export async function settleTable(table: lancedb.Table): Promise<void> {
  const dir = localTableDir(table);
  // Object storage keeps LanceDB's hour of versions: desks reading the bucket directly may be
  // mid-query on an older one, and their copies let files go only after a grace (mirror.ts).
  if (!dir) return;
  if (!(await syncTree(dir))) return;
  if ((await table.listVersions()).length <= SETTLED_VERSIONS) return;
  // A zero age keeps only the newest version (LanceDB always keeps the latest).
  await table.optimize({ cleanupOlderThan: new Date() });
  await table.checkout(await table.version());
  await table.restore();
  await table.checkoutLatest();
  await syncTree(path.join(dir, '_versions'));
}

/** fsync every file under `dir`, then the folders (so new names are durable too); false when a file could not be synced. */
export async function syncTree(dir: string): Promise<boolean> {
  const files: string[] = [];
  const folders: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    folders.push(folder);
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '_quarantine') await walk(full);
      } else if (entry.isFile()) files.push(full);
    }
  };
  try {
    await walk(dir);
  } catch {
    return false;
  }
  let ok = true;
  for (let i = 0; i < files.length; i += SYNC_PARALLEL) {
    await Promise.all(files.slice(i, i + SYNC_PARALLEL).map(async (file) => {
      if (!(await syncOne(file, false))) ok = false;
    }));
  }
  // Deepest first: a folder's entry in its parent is synced after its own contents.
  for (const folder of folders.reverse()) await syncOne(folder, true);
  return ok;
}

/** fsync one file or folder. A file gone meanwhile is fine; a folder that refuses (Windows cannot open one) is skipped. */
async function syncOne(file: string, folder: boolean): Promise<boolean> {
  try {
    const handle = await open(file, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    return folder || (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}
