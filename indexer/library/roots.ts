/**
 * Portable sources: library roots and this machine's mapping of them.
 *
 * Every indexed folder is a library ROOT. Its id comes from the folder as the
 * indexing machine recorded it (`/mnt/vanban`, `\\fileserver\vanban`), so every
 * process reading the library derives the same id without writing anything —
 * an older library needs no migration. A document belongs to the deepest root
 * holding its recorded path (a file indexed on its own: its folder), and its
 * place inside the root is a `/`-separated relative path.
 *
 * Desktops that mount the same share elsewhere (`S:\`, `/media/share/vanban`)
 * map the root id to their own folder in a per-user file that is never part of
 * the library (`rootMapFile`). Whatever opens a source file asks `localOf`:
 * the mapping, else the recorded path when it exists here, else
 * `root.notMapped` — a message, not a crash.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DocumentSource, LibraryRoot, MapRootRequest } from '../api/documents.js';
import { UserError } from '../api/errors.js';
import { pathRulesOf } from '../ingest/walk.js';
import { userSettingsDir } from './paths.js';
import { writeJsonAtomic } from '../store/atomic.js';

/** The environment variable naming the mapping file (tests; a machine-wide file set by an administrator). */
export const ROOT_MAP_ENV = 'KHO_ROOT_MAP';
const MAP_NAME = 'root-map.json';

/**
 * The per-user mapping file: `KHO_ROOT_MAP` when set, else the user's settings folder (paths.ts userSettingsDir) —
 * `%APPDATA%\Kho Tri Thuc`, `~/Library/Application Support/Kho Tri Thuc`, `$XDG_CONFIG_HOME/kho-tri-thuc`
 * (config, not data: the library itself may be shared, the mapping never is).
 */
export function rootMapFile(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = os.homedir()): string {
  if (env[ROOT_MAP_ENV]) return path.resolve(env[ROOT_MAP_ENV]!);
  return (platform === 'win32' ? path.win32 : path.posix).join(userSettingsDir({ platform, env, home }), MAP_NAME);
}

/** A recorded folder without trailing separators (a drive root keeps its own). */
function trimFolder(folder: string): string {
  const trimmed = folder.replace(/[\\/]+$/, '');
  return trimmed === '' || /^[A-Za-z]:$/.test(trimmed) ? folder : trimmed;
}

/** A root's id: the same on every machine, from the folder as recorded. */
export function rootIdOf(recordedFolder: string): string {
  return createHash('sha256').update(trimFolder(recordedFolder), 'utf8').digest('hex').slice(0, 10);
}

/** A root's display name: the folder's own name. */
export function rootNameOf(recordedFolder: string): string {
  const rules = pathRulesOf(recordedFolder);
  return rules.basename(trimFolder(recordedFolder)) || trimFolder(recordedFolder);
}

/** The `/`-separated path of `file` inside `folder` (both as recorded), or null when it is not inside. */
export function relativeInside(folder: string, file: string): string | null {
  const rules = pathRulesOf(folder);
  if (pathRulesOf(file) !== rules) return null;
  const rel = rules.relative(trimFolder(folder), file);
  if (rel === '') return '';
  if (rel.startsWith('..') || rules.isAbsolute(rel)) return null;
  return rel.split(rules.sep).join('/');
}

/** One root mapping on this machine. `recorded` lets a local path be turned back into the library's. */
interface MappedRoot {
  path: string;
  recorded: string;
  name: string;
}

interface MapFile {
  version: 1;
  roots: Record<string, MappedRoot>;
}

/** This user's root mappings, read again when the file changes (another process, `kho roots map`). */
export class RootMap {
  private cached: { mtimeMs: number; roots: Record<string, MappedRoot> } | null = null;

  constructor(readonly file: string = rootMapFile()) {}

  /** The mappings now; an unreadable or damaged file counts as none (it is only a convenience, rewritten by the next `map`). */
  all(): Record<string, MappedRoot> {
    let mtimeMs: number;
    try {
      mtimeMs = statSync(this.file).mtimeMs;
    } catch {
      return {};
    }
    if (this.cached?.mtimeMs !== mtimeMs) {
      let roots: Record<string, MappedRoot> = {};
      try {
        const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<MapFile>;
        if (parsed && typeof parsed.roots === 'object' && parsed.roots) roots = parsed.roots;
      } catch {
        roots = {};
      }
      this.cached = { mtimeMs, roots };
    }
    return this.cached.roots;
  }

  async set(id: string, entry: MappedRoot | null): Promise<void> {
    const roots = { ...this.all() };
    if (entry) roots[id] = entry;
    else delete roots[id];
    await writeJsonAtomic(this.file, { version: 1, roots } satisfies MapFile);
    this.cached = null;
  }
}

/** A recorded root folder with its id. */
interface Root {
  id: string;
  name: string;
  recorded: string;
}

/**
 * The library's roots as this process sees them: derived from the library folders
 * (kept fresh by `refresh`) and resolved through this user's RootMap.
 */
export class SourceRoots {
  /** The library folders as roots, with their ids worked out once per refresh (not once per document). */
  private known: Root[] = [];

  constructor(
    private readonly readFolders: () => Promise<string[]>,
    readonly map: RootMap = new RootMap(),
  ) {}

  /** Read the library folders again (before answering: another process may have added one). */
  async refresh(): Promise<this> {
    this.known = (await this.readFolders()).map((recorded) => ({ id: rootIdOf(recorded), name: rootNameOf(recorded), recorded }));
    return this;
  }

  private roots(): Root[] {
    return this.known;
  }

  /** The deepest root holding a recorded document path (a file indexed on its own: its folder). */
  rootOf(docPath: string): Root & { rel: string } {
    let best: (Root & { rel: string }) | null = null;
    for (const root of this.roots()) {
      const rel = relativeInside(root.recorded, docPath);
      if (rel !== null && (!best || root.recorded.length > best.recorded.length)) best = { ...root, rel };
    }
    if (best) return best;
    const rules = pathRulesOf(docPath);
    const folder = rules.dirname(docPath);
    return { id: rootIdOf(folder), name: rootNameOf(folder), recorded: folder, rel: rules.basename(docPath) };
  }

  /** The mapping on this machine of the deepest mapped root holding `docPath`, with the path inside it. */
  private mappedOf(docPath: string): { entry: MappedRoot; rel: string } | null {
    let best: { entry: MappedRoot; rel: string } | null = null;
    for (const entry of Object.values(this.map.all())) {
      const rel = relativeInside(entry.recorded, docPath);
      if (rel !== null && (!best || entry.recorded.length > best.entry.recorded.length)) best = { entry, rel };
    }
    return best;
  }

  /** A recorded path through this machine's mapping, or null when no mapped root holds it. */
  private mappedPath(recorded: string): string | null {
    const mapped = this.mappedOf(recorded);
    if (!mapped) return null;
    return mapped.rel === '' ? mapped.entry.path : path.join(mapped.entry.path, ...mapped.rel.split('/'));
  }

  /** Where to read a recorded file or folder here: through the mapping, else where it was recorded (indexing: a moved root). */
  readPath(recorded: string): string {
    return this.mappedPath(recorded) ?? recorded;
  }

  /** Where this machine finds a document's file, or null (root not mapped, recorded path not here). */
  localOrNull(docPath: string): string | null {
    return this.mappedPath(docPath) ?? (existsSync(docPath) ? docPath : null);
  }

  /** Where this machine finds a document's file; `root.notMapped` when nowhere. */
  localOf(docPath: string): string {
    const local = this.localOrNull(docPath);
    if (local !== null) return local;
    const root = this.rootOf(docPath);
    throw new UserError('root.notMapped', { path: docPath, root: root.id, name: root.name, folder: root.recorded });
  }

  /** A document's machine-independent place. */
  sourceOf(docPath: string): DocumentSource {
    const root = this.rootOf(docPath);
    return { rootId: root.id, rootName: root.name, relativePath: root.rel, localPath: this.localOrNull(docPath) };
  }

  /**
   * A path given by a user or a transport, as the library records it: a path under a
   * mapped root's local folder (`S:\vanban\a.pdf`) becomes the recorded one
   * (`\\fileserver\vanban\a.pdf`); anything else is returned as it is.
   */
  recordedOf(given: string): string {
    let best: { entry: MappedRoot; rel: string } | null = null;
    for (const entry of Object.values(this.map.all())) {
      const rel = relativeInside(entry.path, given);
      if (rel !== null && (!best || entry.path.length > best.entry.path.length)) best = { entry, rel };
    }
    if (!best) return given;
    if (best.rel === '') return best.entry.recorded;
    const rules = pathRulesOf(best.entry.recorded);
    return rules.join(trimFolder(best.entry.recorded), ...best.rel.split('/'));
  }

  /** Every root with its mapping here and its document count. */
  list(documentPaths: string[]): LibraryRoot[] {
    const mapped = this.map.all();
    const roots = new Map(this.roots().map((r) => [r.id, r]));
    // Files indexed on their own (not under a library folder) have their folder as root.
    const counts = new Map<string, number>();
    for (const p of documentPaths) {
      const root = this.rootOf(p);
      if (!roots.has(root.id)) roots.set(root.id, root);
      counts.set(root.id, (counts.get(root.id) ?? 0) + 1);
    }
    return [...roots.values()].map((r) => {
      const mine = mapped[r.id]?.path ?? null;
      const local = mine ?? (existsSync(r.recorded) ? r.recorded : null);
      return { id: r.id, name: r.name, recorded: r.recorded, mapped: mine, local, documents: counts.get(r.id) ?? 0 };
    });
  }

  /** Find a root by id, unique name or recorded folder. */
  find(key: string, documentPaths: string[]): LibraryRoot {
    const all = this.list(documentPaths);
    const byId = all.find((r) => r.id === key || r.recorded === key || trimFolder(r.recorded) === trimFolder(key));
    if (byId) return byId;
    const named = all.filter((r) => r.name === key);
    if (named.length === 1) return named[0]!;
    if (named.length > 1) throw new UserError('root.ambiguous', { root: key, ids: named.map((r) => r.id) });
    throw new UserError('root.unknown', { root: key, roots: all.map((r) => `${r.id} ${r.name} (${r.recorded})`) });
  }

  /** Map a root to a folder on this machine (an existing folder), or with `path: null` drop the mapping. */
  async mapRoot(request: MapRootRequest, documentPaths: string[]): Promise<LibraryRoot[]> {
    const root = this.find(String(request?.root ?? ''), documentPaths);
    if (request.path === null || request.path === undefined) {
      await this.map.set(root.id, null);
    } else {
      const local = path.resolve(String(request.path));
      let isFolder = false;
      try {
        isFolder = statSync(local).isDirectory();
      } catch {
        isFolder = false;
      }
      if (!isFolder) throw new UserError('folder.missing', { path: local });
      await this.map.set(root.id, { path: local, recorded: root.recorded, name: root.name });
    }
    return this.list(documentPaths);
  }
}
