/**
 * Opening LanceDB tables so that a power cut cannot lock the user out of the
 * library, and the version clean-up that keeps a rollback point. Table
 * contents are rows.ts; queries are lance.ts and vectors.ts.
 */
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type * as lancedb from '@lancedb/lancedb';
import type { Schema } from 'apache-arrow';

/**
 * Open a table, creating it when missing. LanceDB's local writer does not
 * fsync, so a power cut can leave the newest version's manifest empty or torn
 * and the table unopenable. Then the damaged newest manifests are moved aside
 * (to `_quarantine/`) until an older version opens: the table rolls back to
 * its last good version, and the library's orphan clean-up and the next index
 * run restore what the lost versions held. A table with no good version left
 * is recreated empty.
 */
export async function openTable(db: lancedb.Connection, dir: string, name: string, schema: Schema): Promise<lancedb.Table> {
  for (let attempt = 0; ; attempt++) {
    const names = new Set(await db.tableNames());
    if (!names.has(name)) return db.createEmptyTable(name, schema);
    try {
      const table = await db.openTable(name);
      await table.countRows();
      return table;
    } catch (error) {
      if (attempt >= MAX_REPAIR_STEPS || !(await quarantineNewestVersion(path.join(dir, `${name}.lance`)))) {
        await db.dropTable(name).catch(() => rm(path.join(dir, `${name}.lance`), { recursive: true, force: true }));
        if (attempt >= MAX_REPAIR_STEPS + 1) throw error;
      }
    }
  }
}

/** Versions a damaged table may be rolled back, at most. */
const MAX_REPAIR_STEPS = 20;

/** Move the newest version's manifest aside; false when there is none left. */
async function quarantineNewestVersion(tableDir: string): Promise<boolean> {
  const versions = path.join(tableDir, '_versions');
  let manifests: string[];
  try {
    manifests = (await readdir(versions)).filter((f) => f.endsWith('.manifest'));
  } catch {
    return false;
  }
  if (manifests.length <= 1) return false;
  // File names count down from u64::MAX (older LanceDB: up from 1); the newest is the one furthest along.
  const byVersion = manifests.map((f) => BigInt(f.replace('.manifest', ''))).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const descending = byVersion[0]! > 1n << 62n;
  const newest = `${descending ? byVersion[0] : byVersion[byVersion.length - 1]}.manifest`;
  const quarantine = path.join(tableDir, '_quarantine');
  await mkdir(quarantine, { recursive: true });
  await rename(path.join(versions, newest), path.join(quarantine, `${newest}.${Date.now()}`));
  await rm(path.join(versions, 'latest_version_hint.json'), { force: true });
  return true;
}

/**
 * Table versions older than this are deleted when a run optimises (LanceDB
 * keeps every version, doubling the disk used). Versions of the last hour
 * stay: a torn newest manifest rolls back to one of them.
 */
export const KEEP_VERSIONS_MS = 60 * 60 * 1000;

export function cleanupOptions(): { cleanupOlderThan: Date } {
  return { cleanupOlderThan: new Date(Date.now() - KEEP_VERSIONS_MS) };
}
