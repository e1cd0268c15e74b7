/**
 * Opening LanceDB tables without ever losing one, and the version clean-up
 * that keeps a rollback point. Table contents are rows.ts; queries are
 * lance.ts and vectors.ts.
 *
 * Three cases are told apart when a table does not open:
 * - not there: its folder does not exist — created empty (only when the
 *   caller may create: a writer, or a new library);
 * - could not read now (permissions, a drive gone, a file held open, a full
 *   disk): retried with back-off, then reported as `store.unreadable`;
 *   nothing is changed;
 * - damaged: the newest manifest is torn (a power cut: LanceDB's local writer
 *   does not fsync). Torn newest manifests are moved aside to `_quarantine/`
 *   until an older version opens (the documented automatic rollback; the next
 *   index run restores what they held). A table with no good version left is
 *   reported as `store.damaged`, and only `kho verify --repair` moves it aside
 *   (`<data>/_quarantine/`) and starts it afresh.
 * No path here deletes a table or a file (old versions go in settle.ts,
 * through LanceDB, once the newest is durable).
 */
import { mkdir, open, readdir, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import type * as lancedb from '@lancedb/lancedb';
import type { Schema } from 'apache-arrow';
import type { Message } from '../api/messages.js';
import { UserError } from '../api/errors.js';

export interface OpenTableOptions {
  /** Create the table when it is not there (default true). */
  create?: boolean;
  /** Move a table with no readable version aside and start it afresh (`kho verify --repair`). */
  repair?: boolean;
  /** Told what was repaired (a rollback, a table moved aside), for the user. */
  onNotice?: (message: Message) => void;
  /** Waits between retries of a read error, in ms (tests shorten them). */
  backoffMs?: number[];
  /**
   * The store is on object storage (`s3://…`): LanceDB's `storageOptions`
   * (store/remote/location.ts, lanceStorageOptions). Set only there.
   */
  storageOptions?: Record<string, string>;
}

/** Back-off between attempts when a table cannot be read now: about 3 s in all. */
const BACKOFF_MS = [100, 300, 900, 1800];

/** Versions a damaged table may be rolled back, at most. */
const MAX_ROLLBACK = 20;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function openTable(db: lancedb.Connection, dir: string, name: string, schema: Schema, options: OpenTableOptions = {}): Promise<lancedb.Table> {
  if (options.storageOptions) return openRemoteTable(db, dir, name, schema, options);
  const tableDir = path.join(dir, `${name}.lance`);
  const backoff = options.backoffMs ?? BACKOFF_MS;
  const dataDir = path.dirname(dir);
  const unreadable = (error: unknown) =>
    new UserError('store.unreadable', { table: name, dataDir, detail: (error as NodeJS.ErrnoException).code ?? firstLine(error) });
  if (!(await exists(tableDir, unreadable))) {
    if (options.create === false) throw new UserError('data.noLibrary', { dataDir });
    return db.createEmptyTable(name, schema);
  }
  let rolledBack = 0;
  let lastError: unknown = null;
  for (let attempt = 0; attempt <= backoff.length; ) {
    try {
      const table = await db.openTable(name);
      await table.countRows();
      if (rolledBack > 0) options.onNotice?.({ code: 'store.rolledBack', params: { table: name, versions: rolledBack, quarantine: path.join(tableDir, '_quarantine') } });
      return table;
    } catch (error) {
      lastError = error;
    }
    const state = await newestManifestState(tableDir);
    if (state === 'torn' && rolledBack < MAX_ROLLBACK) {
      // Damage, not a read error: roll back one version (kept in _quarantine/) and try again.
      if (await quarantineNewestVersion(tableDir)) {
        rolledBack++;
        continue;
      }
    }
    if (state === 'torn' || state === 'none') {
      if (!options.repair) throw new UserError('store.damaged', { table: name, dataDir });
      return moveAsideAndRecreate(db, dir, name, schema, options);
    }
    // Readable manifests (or none readable now): a passing fault. Wait and retry; never change a byte.
    if (attempt === backoff.length) break;
    await sleep(backoff[attempt]!);
    attempt++;
  }
  throw unreadable(lastError);
}

/**
 * A table on object storage. Each version's manifest is one object written
 * whole (no torn manifest to roll back), so only "not there" and "cannot read
 * now" are told apart: the first is created (when allowed), the second retried
 * and then reported as `store.unreadable`. Nothing is moved or deleted.
 */
async function openRemoteTable(db: lancedb.Connection, dir: string, name: string, schema: Schema, options: OpenTableOptions): Promise<lancedb.Table> {
  const backoff = options.backoffMs ?? BACKOFF_MS;
  const dataDir = dir.replace(/\/lancedb$/, '');
  let lastError: unknown = null;
  for (let attempt = 0; attempt <= backoff.length; attempt++) {
    try {
      if (!(await db.tableNames()).includes(name)) {
        if (options.create === false) throw new UserError('data.noLibrary', { dataDir });
        return await db.createEmptyTable(name, schema, { existOk: true });
      }
      const table = await db.openTable(name);
      await table.countRows();
      return table;
    } catch (error) {
      if (error instanceof UserError) throw error;
      lastError = error;
    }
    if (attempt < backoff.length) await sleep(backoff[attempt]!);
  }
  throw new UserError('store.unreadable', { table: name, dataDir, detail: firstLine(lastError) });
}

/** An error's first line, at most 200 characters: enough to say why, short enough for a message. */
export function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0]!.slice(0, 200);
}

async function exists(file: string, unreadable: (error: unknown) => Error): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw unreadable(error);
  }
}

/** The newest version file of a table, in LanceDB's naming (counting down from u64::MAX; older LanceDB: up from 1). */
async function manifestsNewestFirst(tableDir: string): Promise<string[]> {
  const manifests = (await readdir(path.join(tableDir, '_versions'))).filter((f) => /^\d+\.manifest$/.test(f));
  const byVersion = manifests.map((f) => BigInt(f.replace('.manifest', ''))).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const descending = byVersion.length > 0 && byVersion[0]! > 1n << 62n;
  if (!descending) byVersion.reverse();
  return byVersion.map((v) => `${v}.manifest`);
}

/**
 * What the newest manifest looks like on disk: 'torn' (empty or cut short: no
 * `LANC` magic at its end — the mark of a write a power cut interrupted),
 * 'none' (the table has no manifest at all), 'ok' (whole), or 'unreadable'
 * (the file system refused: a passing fault, not damage).
 */
export async function newestManifestState(tableDir: string): Promise<'ok' | 'torn' | 'none' | 'unreadable'> {
  let newest: string | undefined;
  try {
    newest = (await manifestsNewestFirst(tableDir))[0];
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'none' : 'unreadable';
  }
  if (!newest) return 'none';
  try {
    const handle = await open(path.join(tableDir, '_versions', newest), 'r');
    try {
      const { size } = await handle.stat();
      if (size < 16) return 'torn';
      const tail = Buffer.alloc(4);
      await handle.read(tail, 0, 4, size - 4);
      return tail.toString('latin1') === 'LANC' ? 'ok' : 'torn';
    } finally {
      await handle.close();
    }
  } catch {
    return 'unreadable';
  }
}

/** Move the newest version's manifest aside; false when it is the only one left. */
async function quarantineNewestVersion(tableDir: string): Promise<boolean> {
  const versions = path.join(tableDir, '_versions');
  const manifests = await manifestsNewestFirst(tableDir).catch(() => []);
  if (manifests.length <= 1) return false;
  const quarantine = path.join(tableDir, '_quarantine');
  await mkdir(quarantine, { recursive: true });
  const stamp = Date.now();
  await rename(path.join(versions, manifests[0]!), path.join(quarantine, `${manifests[0]}.${stamp}`));
  // The hint names the version just moved aside: it goes too (kept), LanceDB then lists the versions.
  await rename(path.join(versions, 'latest_version_hint.json'), path.join(quarantine, `latest_version_hint.json.${stamp}`)).catch(() => undefined);
  return true;
}

/** `kho verify --repair` on a table with no readable version: move its folder to `<data>/_quarantine/` and start afresh. */
async function moveAsideAndRecreate(db: lancedb.Connection, dir: string, name: string, schema: Schema, options: OpenTableOptions): Promise<lancedb.Table> {
  const quarantine = path.join(path.dirname(dir), '_quarantine');
  await mkdir(quarantine, { recursive: true });
  const target = path.join(quarantine, `${name}.lance.${Date.now()}`);
  await rename(path.join(dir, `${name}.lance`), target);
  options.onNotice?.({ code: 'store.repaired', params: { table: name, quarantine: target } });
  return db.createEmptyTable(name, schema);
}

/**
 * Table versions older than this may go while a run compacts, before its new
 * version is durable: only versions a crash could not need. The run's own
 * older versions go once its newest is synced (settle.ts), which leaves the
 * newest and an identical rollback copy.
 */
export const KEEP_VERSIONS_MS = 60 * 60 * 1000;

export function cleanupOptions(): { cleanupOlderThan: Date } {
  return { cleanupOlderThan: new Date(Date.now() - KEEP_VERSIONS_MS) };
}
