/**
 * The side files of a library on object storage (index.json, settings.json,
 * failures.json, overrides.json, the title index…) as objects under its
 * prefix: `<prefix>/index.json` where a local library has `<folder>/index.json`.
 *
 * Only the writer writes (it holds the lease, lease.ts); a reader's store is
 * read-only and refuses a write with `remote.readOnly`. Every put is
 * conditional on the version this process last saw — `If-Match` on its etag,
 * or `If-None-Match: *` when it saw none — so a write that would replace
 * another process's change (a writer that kept going after losing its lease)
 * fails with `remote.writeConflict` instead of losing that change silently.
 * The conditions are trusted only after the probe (probe.ts) passed.
 */
import { UserError } from '../../api/errors.js';
import type { ObjectStore } from '../object-store.js';
import { keyIn } from './location.js';
import { S3Error, toUserError, type S3Client } from './s3-client.js';

export interface S3ObjectStoreOptions {
  /** A reader: every write is refused. */
  readOnly: boolean;
  /** Called before each write: throws when this process may no longer write (WriterLease.assertHeld). */
  guard?: () => void;
}

export class S3ObjectStore implements ObjectStore {
  /** The etag of each object as this process last read or wrote it; null = seen missing. */
  private readonly etags = new Map<string, string | null>();

  constructor(
    private readonly client: S3Client,
    private readonly options: S3ObjectStoreOptions,
  ) {}

  get where(): string {
    return this.client.config.location.url;
  }

  async get(name: string): Promise<Buffer | null> {
    try {
      const object = await this.client.get(this.key(name));
      this.etags.set(name, object?.etag ?? null);
      return object?.body ?? null;
    } catch (error) {
      throw toUserError(error, this.where);
    }
  }

  async put(name: string, data: string | Uint8Array): Promise<void> {
    if (this.options.readOnly) throw new UserError('remote.readOnly', { url: this.where });
    this.options.guard?.();
    const body = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
    try {
      if (!this.etags.has(name)) this.etags.set(name, (await this.client.head(this.key(name)))?.etag ?? null);
      const seen = this.etags.get(name);
      const { etag } = await this.client.put(this.key(name), body, seen ? { ifMatch: seen } : { ifNoneMatch: true });
      this.etags.set(name, etag || null);
    } catch (error) {
      if (error instanceof S3Error && error.kind === 'precondition-failed') {
        // Sent twice after a network error: the first attempt may have been applied. Ours if the bytes are.
        const now = await this.client.get(this.key(name)).catch(() => null);
        if (error.retried && now && now.body.equals(body)) {
          this.etags.set(name, now.etag);
          return;
        }
        this.etags.delete(name);
        throw new UserError('remote.writeConflict', { url: this.where, name });
      }
      throw toUserError(error, this.where);
    }
  }

  async setAside(name: string, to: string): Promise<void> {
    const object = await this.client.get(this.key(name));
    if (!object) return;
    await this.put(to, object.body);
  }

  private key(name: string): string {
    return keyIn(this.client.config.location, name);
  }
}
