/**
 * Finds the files to index under the paths a user gave: folders recursively,
 * hidden files and Office lock files skipped, symlink loops cut by real path.
 */
import type { Message } from '../api/messages.js';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { isCandidate } from '../extract/index.js';

export interface FoundFile {
  path: string;
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

/** Temporary and lock files that office suites leave beside documents. */
function isJunk(name: string): boolean {
  return name.startsWith('.') || name.startsWith('~$') || name.endsWith('~') || name === 'Thumbs.db';
}

export async function walk(roots: string[]): Promise<WalkResult> {
  const result: WalkResult = { files: [], folders: [], problems: [] };
  const seenDirs = new Set<string>();
  const seenFiles = new Set<string>();

  const visitFile = (file: string, size: number, mtimeMs: number) => {
    if (seenFiles.has(file)) return;
    seenFiles.add(file);
    result.files.push({ path: file, size, mtimeMs });
  };

  const visitDir = async (dir: string): Promise<void> => {
    let real: string;
    try {
      real = await realpath(dir);
    } catch (error) {
      const problem = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      result.problems.push({ path: dir, reason: (error as Error).message, message: { code: 'failure.unreadable', params: { problem } } });
      return;
    }
    if (seenDirs.has(real)) return; // a symlink loop, or the same folder twice
    seenDirs.add(real);
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      const problem = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      result.problems.push({ path: dir, reason: `folder cannot be read (${problem})`, message: { code: 'failure.unreadable', params: { problem } } });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (isJunk(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        await visitDir(full);
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        let info;
        try {
          info = await stat(full);
        } catch (error) {
          if (isCandidate(full)) result.problems.push({ path: full, ...statProblem(error) });
          continue;
        }
        if (info.isDirectory()) await visitDir(full);
        else if (info.isFile() && isCandidate(full)) visitFile(full, info.size, info.mtimeMs);
      }
    }
  };

  for (const root of roots) {
    const info = await stat(root);
    if (info.isDirectory()) {
      result.folders.push(root);
      await visitDir(root);
    } else if (info.isFile()) {
      // A file named explicitly is tried even with an unknown extension: the user asked for it.
      visitFile(root, info.size, info.mtimeMs);
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
