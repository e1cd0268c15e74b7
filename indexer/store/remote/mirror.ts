/**
 * A reader's local copy of a library on object storage (issue 18: "fast enough
 * from a desk"). A desktop that only reads keeps every object under the
 * library's prefix in a folder of its own and opens LanceDB and the side files
 * there, so a search costs what it costs on a local disk, and a desk whose
 * network drops keeps searching the last version it copied.
 *
 * Why a whole copy rather than a cache of byte ranges: LanceDB's files are
 * written once and never changed (data, indexes, deletion files, each
 * version's manifest), so copying what is new is exact and cheap, and a copy
 * is always a set of complete versions — a cache of ranges would still need
 * the network for whatever a query had not read before.
 *
 * One look (`sync`) lists the prefix (one request per 1,000 objects) and
 * downloads what the copy lacks, in an order that keeps the copy openable at
 * every moment: data and index files first, then each table's `_versions/`
 * manifests, so a manifest never names a file not yet copied. Objects that can
 * change under the same name (the side files, LanceDB's version hints) are
 * compared by etag; the others by name and size. A file is removed from the
 * copy only after two looks did not list it, REMOVE_GRACE_MS apart, and only by
 * a listing that holds the library's index.json (a proxy's error page never
 * empties the copy). Only what the library reads is copied (LanceDB's folder,
 * the side files); an object whose name this disk cannot hold is skipped and told.
 * Several processes on one desk (the app, `kho search`) share one copy: each
 * file is written to a temporary name, synced and renamed into place (atomic.ts).
 *
 * The copy is a cache: it holds only what the bucket holds, is never a source
 * of writes, and may be deleted at any time (the next look copies it again).
 */
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../../api/errors.js';
import { writeFileAtomic, writeJsonAtomic } from '../atomic.js';
import type { ObjectStore } from '../object-store.js';
import { KHO_FOLDER, keyIn } from './location.js';
import type { S3Client, S3ListEntry } from './s3-client.js';

/** The copy's own record (etags of changeable objects, when it was last complete). Never an object name. */
const RECORD_FILE = '.kho-mirror.json';
/** Downloads in flight at once: enough to hide a network's latency without flooding a desk's link. */
export const MIRROR_CONCURRENCY = 4;

/** What one look changed. */
export interface MirrorSyncResult {
  downloaded: number;
  bytes: number;
  removed: number;
}

interface MirrorRecord {
  url: string;
  /** When a look last changed the copy (ISO time); null until one completed. */
  syncedAt: string | null;
  /** The etag each changeable object had when copied, by name under the prefix. */
  etags: Record<string, string>;
}

/**
 * A copied file the bucket no longer lists is removed only after it has been
 * unlisted this long (and in two looks): LanceDB's clean-up can remove a version
 * seconds after it stopped being the newest, and a process on this desk that has
 * not looked since may still be reading it.
 */
export const REMOVE_GRACE_MS = 10 * 60 * 1000;

/**
 * What the library reads, and so what a copy takes: LanceDB's folder and the side
 * files at the top of the prefix (index.json, settings.json, the title index…).
 * Anything else someone put under the prefix (source documents, notes) stays in the bucket.
 */
function libraryObject(name: string): boolean {
  return name.startsWith('lancedb/') || (!name.includes('/') && name.endsWith('.json'));
}

/** Objects whose bytes may change under the same name: everything outside LanceDB, and LanceDB's JSON hints. */
function changeable(name: string): boolean {
  return !name.startsWith('lancedb/') || name.endsWith('.json');
}

/** A table's version manifests (and hints) go last, after the files they name. */
function isVersionFile(name: string): boolean {
  return /(^|\/)_versions\//.test(name);
}

/**
 * The object's name under the prefix as a safe relative path, or null for one
 * that must not be copied: the lease and probe (`_kho/`, live state read from
 * the bucket itself), "folders", and any name that would leave the copy's folder.
 */
export function mirroredName(name: string): string | null {
  if (!name || name.endsWith('/') || name.startsWith(`${KHO_FOLDER}/`)) return null;
  const parts = name.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..' || p.includes('\\') || p === RECORD_FILE)) return null;
  return parts.join('/');
}

export class ReadMirror {
  private record: MirrorRecord | null = null;
  /**
   * Copied files the last look did not list, with when that look was: removed
   * when the next look does not list them either and the file is older than
   * that (a newer one was just copied by another process from a newer listing).
   */
  private unlistedOnce = new Map<string, number>();

  constructor(
    private readonly client: S3Client,
    /** The copy's folder (one per library location and user: layout.copy). */
    readonly dir: string,
    /** How long a file must stay unlisted before the copy lets it go (tests shorten it). */
    private readonly removeGraceMs = REMOVE_GRACE_MS,
  ) {}

  /** Objects of the last look that could not be copied (a name this disk cannot hold), with why. */
  skipped: { name: string; reason: string }[] = [];

  /** Where LanceDB's database is in the copy. */
  get lanceDir(): string {
    return path.join(this.dir, 'lancedb');
  }

  /** When a look last changed the copy, or null when no look ever completed (there is no copy to search). */
  async syncedAt(): Promise<string | null> {
    return (await this.loadRecord()).syncedAt;
  }

  /** A side file's bytes from the copy (`index.json`, `settings.json`…), or null when the library has none. */
  async read(name: string): Promise<Buffer | null> {
    const safe = mirroredName(name);
    if (safe === null) return null;
    try {
      return await readFile(this.localPath(safe));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  /** Bring the copy up to the bucket's current state. Throws (S3Error) when the bucket cannot be reached; the copy is then as it was. */
  async sync(): Promise<MirrorSyncResult> {
    const record = await this.loadRecord();
    this.skipped = [];
    const prefix = keyIn(this.client.config.location);
    const start = prefix ? `${prefix}/` : '';
    const listed = new Map<string, S3ListEntry>();
    const lookedAt = Date.now();
    for (const entry of await this.client.list(start)) {
      const name = mirroredName(entry.key.slice(start.length));
      if (name !== null && libraryObject(name)) listed.set(name, entry);
    }
    // Whatever the server said, a listing without the library's own index is not one to remove by.
    const trusted = listed.has('index.json');
    const wanted: [string, S3ListEntry][] = [];
    for (const [name, entry] of listed) if (await this.lacks(name, entry, record)) wanted.push([name, entry]);
    const result: MirrorSyncResult = { downloaded: 0, bytes: 0, removed: 0 };
    // Data and indexes first, then the manifests that name them.
    await this.download(wanted.filter(([name]) => !isVersionFile(name)), record, result);
    await this.download(wanted.filter(([name]) => isVersionFile(name)), record, result);
    result.removed = trusted ? await this.removeUnlisted(listed, record, lookedAt) : 0;
    // Written when something changed (a look that found nothing new writes nothing to the disk).
    if (result.downloaded > 0 || result.removed > 0 || record.syncedAt === null) {
      record.syncedAt = new Date().toISOString();
      await this.saveRecord(record);
    }
    return result;
  }

  private async lacks(name: string, entry: S3ListEntry, record: MirrorRecord): Promise<boolean> {
    const size = await stat(this.localPath(name)).then((s) => s.size, () => -1);
    if (size !== entry.size) return true;
    return changeable(name) && record.etags[name] !== entry.etag;
  }

  private async download(items: [string, S3ListEntry][], record: MirrorRecord, result: MirrorSyncResult): Promise<void> {
    let next = 0;
    let failed = false;
    const worker = async () => {
      while (next < items.length && !failed) {
        const [name, entry] = items[next++]!;
        const object = await this.client.get(entry.key).catch((error: unknown) => {
          failed = true;
          throw error;
        });
        // Gone since the listing (the writer cleaned that version up): nothing to copy.
        if (!object) continue;
        try {
          // Durable before it counts: a copied file is later judged by its size alone.
          await writeFileAtomic(this.localPath(name), object.body);
        } catch (error) {
          // A name this disk cannot hold (too long, a file where a folder is): skipped and told, the rest goes on.
          this.skipped.push({ name, reason: (error as NodeJS.ErrnoException).code ?? String(error) });
          continue;
        }
        if (changeable(name)) record.etags[name] = object.etag || entry.etag;
        result.downloaded++;
        result.bytes += object.body.length;
      }
    };
    await Promise.all(Array.from({ length: Math.min(MIRROR_CONCURRENCY, items.length) }, worker));
  }

  /** Remove copied files unlisted two looks in a row (a killed process's half-written temporary file too). */
  private async removeUnlisted(listed: Map<string, S3ListEntry>, record: MirrorRecord, lookedAt: number): Promise<number> {
    const unlisted = new Map<string, number>();
    const now = Date.now();
    let removed = 0;
    for (const name of await this.copiedFiles()) {
      if (listed.has(name)) continue;
      const modified = await stat(this.localPath(name)).then((s) => s.mtimeMs, () => null);
      if (modified === null) continue;
      const firstUnlisted = this.unlistedOnce.get(name);
      if (firstUnlisted !== undefined && modified < firstUnlisted && now - firstUnlisted >= this.removeGraceMs) {
        await rm(this.localPath(name), { force: true });
        delete record.etags[name];
        removed++;
      } else {
        // Still within its grace: keep when it was first seen unlisted (unless copied again since).
        unlisted.set(name, firstUnlisted !== undefined && modified < firstUnlisted ? firstUnlisted : lookedAt);
      }
    }
    this.unlistedOnce = unlisted;
    return removed;
  }

  /** Every file in the copy, as names under the prefix (the copy's own record left out). */
  private async copiedFiles(): Promise<string[]> {
    const entries = await readdir(this.dir, { recursive: true, withFileTypes: true }).catch(() => []);
    return entries
      .filter((e) => e.isFile() && !(e.parentPath === this.dir && e.name === RECORD_FILE))
      .map((e) => path.relative(this.dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
  }

  private localPath(name: string): string {
    return path.join(this.dir, ...name.split('/'));
  }

  private async loadRecord(): Promise<MirrorRecord> {
    if (this.record) return this.record;
    const url = this.client.config.location.url;
    let record: MirrorRecord = { url, syncedAt: null, etags: {} };
    try {
      const saved = JSON.parse(await readFile(path.join(this.dir, RECORD_FILE), 'utf8')) as Partial<MirrorRecord>;
      // A record of another location (a folder reused by hand) vouches for nothing.
      if (saved.url === url && saved.etags && typeof saved.etags === 'object') record = { url, syncedAt: saved.syncedAt ?? null, etags: { ...saved.etags } };
    } catch {
      // No record (a new copy) or a damaged one: every changeable object is copied again.
    }
    this.record = record;
    return record;
  }

  private async saveRecord(record: MirrorRecord): Promise<void> {
    await writeJsonAtomic(path.join(this.dir, RECORD_FILE), record);
  }
}

/**
 * The side files of a reader with a copy: read from the copy (so they answer
 * offline too); a write is refused like any reader's (`remote.readOnly`).
 */
export class MirrorObjectStore implements ObjectStore {
  constructor(
    private readonly mirror: ReadMirror,
    readonly where: string,
  ) {}

  get(name: string): Promise<Buffer | null> {
    return this.mirror.read(name);
  }

  put(): Promise<void> {
    return Promise.reject(new UserError('remote.readOnly', { url: this.where }));
  }

  setAside(): Promise<void> {
    return Promise.reject(new UserError('remote.readOnly', { url: this.where }));
  }
}
