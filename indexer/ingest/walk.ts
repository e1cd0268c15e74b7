/**
 * Finds the files to index under the paths a user gave: folders recursively,
 * hidden files and Office lock files skipped, symlink loops cut by real path.
 */
import type { Message } from '../api/messages.js';
import type { Stats } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { isCandidate } from '../extract/formats.js';

export interface FoundFile {
  /** As the library records it (and reports it). */
  path: string;
  /** Where this machine reads it: `path` itself unless its root is mapped (see `walk`). */
  local: string;
  size: number;
  mtimeMs: number;
}

export interface WalkResult {
  files: FoundFile[];
  /** Folders walked (absolute); documents under them that were not found are gone. */
  folders: string[];
  /** Entries that could not be read, with the reason (English, for logs) and its message. */
  problems: Array<{ path: string; reason: string; message: Message }>;
}

/** Files of a folder whose size and time are asked for at once. */
const STATS_AT_ONCE = 64;

/** Temporary and lock files that office suites leave beside documents. */
function isJunk(name: string): boolean {
  return name.startsWith('.') || name.startsWith('~$') || name.endsWith('~') || name === 'Thumbs.db';
}

/** Path rules of the machine that recorded a path: Windows for `C:\…` and `\\server\share`, POSIX otherwise. */
export function pathRulesOf(recorded: string): typeof path.posix {
  return /^[A-Za-z]:[\\/]/.test(recorded) || /^[\\/]{2}[^\\/]/.test(recorded) ? path.win32 : path.posix;
}

/**
 * `localOf` (portable sources, library/roots.ts): where this machine reads a root
 * the library recorded elsewhere (a share mounted at another place, a moved
 * folder). Files are then found there but reported under the recorded root, so
 * documents keep their paths and ids. Default: every root is read where it is.
 */
export async function walk(roots: string[], localOf?: (recorded: string) => string): Promise<WalkResult> {
  const result: WalkResult = { files: [], folders: [], problems: [] };
  /** The root in hand, as read here and as recorded; files are reported as recorded. */
  let here = { local: '', recorded: '' };
  const recordedOf = (file: string) => {
    if (here.local === here.recorded) return file;
    // Joined by the rules of the system that recorded the root (a Windows share read from Linux stays `\\server\share\…`).
    return pathRulesOf(here.recorded).join(here.recorded, ...path.relative(here.local, file).split(path.sep));
  };
  const seenDirs = new Set<string>();
  const seenFiles = new Set<string>();

  const visitFile = (file: string, size: number, mtimeMs: number) => {
    const recorded = recordedOf(file);
    if (seenFiles.has(recorded)) return;
    seenFiles.add(recorded);
    result.files.push({ path: recorded, local: file, size, mtimeMs });
  };

  const visitDir = async (dir: string): Promise<void> => {
    let real: string;
    try {
      real = await realpath(dir);
    } catch (error) {
      const problem = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      result.problems.push({ path: recordedOf(dir), reason: (error as Error).message, message: { code: 'failure.unreadable', params: { problem } } });
      return;
    }
    if (seenDirs.has(real)) return; // a symlink loop, or the same folder twice
    seenDirs.add(real);
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      const problem = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      result.problems.push({ path: recordedOf(dir), reason: `folder cannot be read (${problem})`, message: { code: 'failure.unreadable', params: { problem } } });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    // A plain file that is no document needs no closer look; a link may lead to a folder.
    entries = entries.filter((entry) => !isJunk(entry.name) && (entry.isDirectory() || (entry.isFile() && isCandidate(entry.name)) || entry.isSymbolicLink()));
    // The folder's files are looked at several at a time (one after another, a folder of
    // 10,000 small files waits on 10,000 round trips), then taken in name order as before.
    const looks: Array<Stats | Error | null> = [];
    for (let from = 0; from < entries.length; from += STATS_AT_ONCE) {
      const batch = entries.slice(from, from + STATS_AT_ONCE);
      looks.push(...(await Promise.all(batch.map((entry) => (entry.isDirectory() ? null : stat(path.join(dir, entry.name)).catch((error: Error) => error))))));
    }
    for (const [i, entry] of entries.entries()) {
      const full = path.join(dir, entry.name);
      const info = looks[i];
      if (!info) await visitDir(full);
      else if (info instanceof Error) {
        if (isCandidate(full)) result.problems.push({ path: recordedOf(full), ...statProblem(info) });
      } else if (info.isDirectory()) await visitDir(full);
      else if (info.isFile() && isCandidate(full)) visitFile(full, info.size, info.mtimeMs);
    }
  };

  for (const root of roots) {
    const local = localOf?.(root) ?? root;
    here = { local, recorded: root };
    const info = await stat(local);
    if (info.isDirectory()) {
      result.folders.push(root);
      await visitDir(local);
    } else if (info.isFile()) {
      // A file named explicitly is tried even with an unknown extension: the user asked for it.
      visitFile(local, info.size, info.mtimeMs);
    } else {
      // Reading a pipe or a device would wait forever (or forever produce bytes).
      result.problems.push({ path: root, reason: 'not a regular file (a pipe, socket or device); not read', message: { code: 'failure.notRegular', params: {} } });
    }
  }
  return result;
}

/** Why an entry could not be looked at, in words. */
function statProblem(error: unknown): { reason: string; message: Message } {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ELOOP') return { reason: 'a symbolic link that points back to itself (a link loop); not followed', message: { code: 'failure.linkLoop', params: {} } };
  if (code === 'ENOENT') return { reason: 'a broken link: its target is missing', message: { code: 'failure.brokenLink', params: {} } };
  if (code === 'EACCES' || code === 'EPERM') return { reason: 'permission denied: the file cannot be read', message: { code: 'failure.denied', params: {} } };
  const problem = code ?? (error as Error).message;
  return { reason: `cannot be read (${problem})`, message: { code: 'failure.unreadable', params: { problem } } };
}
