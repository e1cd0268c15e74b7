/**
 * What a command-line tool owes its users beyond its commands: `--version`, paths
 * pasted with their quotes, colour only where it is wanted, and export files named
 * so that two of them do not overwrite each other.
 *
 * Exit codes (written in `kho --help`): 0 done; 1 an error, said in one line on
 * stderr (a user mistake or something that stopped the command); 2 done, but some
 * files could not be indexed (they are listed) or `verify` found problems;
 * 130 stopped with Ctrl+C.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const EXIT = { done: 0, error: 1, partly: 2, interrupted: 130 } as const;

const here = path.dirname(fileURLToPath(import.meta.url));

/** The program's version, from package.json (source: indexer/transports/cli/, build: dist/indexer/transports/cli/). */
export function programVersion(): string {
  for (const up of [['..', '..', '..'], ['..', '..', '..', '..']]) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(here, ...up, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'kho-tri-thuc' && pkg.version) return pkg.version;
    } catch {
      // not this level
    }
  }
  return 'unknown';
}

/**
 * A path as pasted: Windows "Copy as path" gives `"C:\Báo cáo\a.pdf"`, and inside
 * another pair of quotes (or from a script) the quotes reach us as part of the
 * argument. One surrounding pair of matching quotes is dropped; nothing else changes.
 */
export function unquotePath(value: string): string {
  const trimmed = value.trim();
  if (trimmed.length >= 2) {
    const first = trimmed[0];
    const last = trimmed[trimmed.length - 1];
    if ((first === '"' && last === '"') || (first === "'" && last === "'") || (first === '“' && last === '”')) return trimmed.slice(1, -1);
  }
  return value;
}

/**
 * Whether to mark text with terminal escape codes on a stream: only on a terminal,
 * never when NO_COLOR is set to anything non-empty (no-color.org) or TERM=dumb.
 */
export function useEscapes(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

/**
 * Where `kho basket export` writes: `--out` when it names a file; inside `--out`
 * when it is an existing folder (or ends with a separator); else the current folder.
 * In the last two cases the library's name for the export is used (title and date).
 */
export function exportTarget(out: string | undefined, suggested: string, cwd: string = process.cwd()): string {
  if (!out) return path.join(cwd, suggested);
  const resolved = path.resolve(cwd, out);
  if (/[\\/]$/.test(out) || isFolder(resolved)) return path.join(resolved, suggested);
  return resolved;
}

function isFolder(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
