/**
 * Crash-safe file writes: write a temporary file beside the target, fsync it,
 * rename it over the target, then fsync the folder so the rename itself is
 * durable. A reader sees the old file or the new one, never half of either.
 *
 * Reads tell a missing file (the default applies) from a damaged or unreadable
 * one (reported with a message code; the file is kept).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../api/errors.js';
import { isObjectPath, objectFor } from './object-store.js';

/** Errors a rename meets on Windows while another process (antivirus, backup, search indexer) holds the target open. */
const BUSY = new Set(['EPERM', 'EBUSY', 'EACCES']);
const RENAME_BACKOFF_MS = [20, 50, 100, 200, 400, 800, 1500];

/** Rename, retried with back-off while the target is held open by another process. */
export async function renameWithRetry(from: string, to: string, backoffMs: number[] = RENAME_BACKOFF_MS): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await rename(from, to);
    } catch (error) {
      if (!BUSY.has((error as NodeJS.ErrnoException).code ?? '') || attempt >= backoffMs.length) throw error;
      await new Promise((resolve) => setTimeout(resolve, backoffMs[attempt]));
    }
  }
}

export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  // A library on object storage: one put of the whole object is the atomic write there.
  const remote = objectFor(file);
  if (remote) return remote.store.put(remote.name, data);
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await renameWithRetry(temp, file);
  } catch (error) {
    await rm(temp, { force: true }); // our own temporary file, never the target
    throw error;
  }
  await syncDir(dir);
}

async function syncDir(dir: string): Promise<void> {
  // Directories cannot be opened for fsync on Windows; the rename is still atomic there.
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Read a JSON file, or return `fallback` when it does not exist. A file that
 * exists but cannot be read, or is not JSON, is a `data.fileCorrupt` user
 * error: it is kept as it is, never taken for a missing one.
 */
export async function readJson<T>(file: string, fallback: T): Promise<T> {
  let text: string | null;
  try {
    text = await readTextOrNull(file);
  } catch (error) {
    // Object storage's own failures (offline, access denied) are told as they are, not as a damaged file.
    if (error instanceof UserError || isObjectPath(file)) throw error;
    throw new UserError('data.fileCorrupt', { file, problem: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
  }
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new UserError('data.fileCorrupt', { file, problem: (error as Error).message.split('\n')[0]! });
  }
}

/**
 * For a file the caller is about to write anew (a log, a cache): read it, and
 * when it is damaged move it aside to `<file>.corrupt-<time>` (kept, and
 * named through `onSetAside`) and return `fallback`. A file that cannot be
 * read now (permissions, a drive gone) is still an error.
 */
export async function readJsonOrSetAside<T>(file: string, fallback: T, onSetAside: (movedTo: string) => void): Promise<T> {
  try {
    return await readJson(file, fallback);
  } catch (error) {
    if (!(error instanceof UserError) || error.code !== 'data.fileCorrupt' || !(await isReadable(file))) throw error;
    const movedTo = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    const remote = objectFor(file);
    if (remote) await remote.store.setAside(remote.name, `${remote.name}${movedTo.slice(file.length)}`);
    else await renameWithRetry(file, movedTo);
    onSetAside(movedTo);
    return fallback;
  }
}

async function isReadable(file: string): Promise<boolean> {
  try {
    const remote = objectFor(file);
    if (remote) return (await remote.store.get(remote.name)) !== null;
    await readFile(file);
    return true;
  } catch {
    return false;
  }
}

/** A file's bytes, or null when it does not exist (a side file of either kind of library). */
export async function readBytesOrNull(file: string): Promise<Buffer | null> {
  const remote = objectFor(file);
  if (remote) return (await remote.store.get(remote.name)) ?? null;
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** A file's text, or null when it does not exist (a side file of either kind of library). */
export async function readTextOrNull(file: string): Promise<string | null> {
  return (await readBytesOrNull(file))?.toString('utf8') ?? null;
}

export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  await writeFileAtomic(file, JSON.stringify(value, null, 2) + '\n');
}

/**
 * Run a short read-modify-write of a small file (basket, overrides) as the
 * only writer across processes: a `<file>.lock` holds the writer's pid; a
 * second process waits its turn (these writes take milliseconds) and takes
 * over a lock whose process died.
 */
export async function withFileLock<T>(file: string, work: () => Promise<T>, waitMs = 10_000): Promise<T> {
  // On object storage the writer lease makes this process the only writer (and its puts are conditional).
  if (objectFor(file)) return work();
  const lock = `${file}.lock`;
  await mkdir(path.dirname(lock), { recursive: true });
  const started = Date.now();
  for (let pause = 10; ; pause = Math.min(pause * 2, 200)) {
    try {
      const handle = await open(lock, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number((await readFile(lock, 'utf8').catch(() => '')).trim());
      if (pid && !isAlive(pid)) {
        await rm(lock, { force: true }); // left by a process that died (the lock file only)
        continue;
      }
      if (Date.now() - started > waitMs) throw new UserError('index.busy', { pid, dataDir: path.dirname(file) });
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lock, { force: true }); // our own lock file
  }
}

/** Whether a process with this pid exists (EPERM: it does, owned by another user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
