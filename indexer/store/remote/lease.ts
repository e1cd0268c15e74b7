/**
 * One writer per shared library: a lease object in the bucket,
 * `<prefix>/_kho/writer-lease.json`, naming its holder (user@host, pid) and
 * when it runs out. What a local data folder does with its `write.lock` file,
 * for machines that share nothing but the bucket.
 *
 * - acquire: create it with a create-only put (`If-None-Match: *`); of two
 *   processes starting at once, exactly one wins;
 * - renew: before it runs out, replace it only if unchanged (`If-Match` on its
 *   etag); a holder whose renewal fails the condition has been taken over and
 *   stops writing;
 * - take over: a lease that ran out (its holder was killed, its machine lost the
 *   network) is replaced with `If-Match` on the lapsed lease's etag, so of two
 *   takers only one wins;
 * - release: on stop, deleted (only if it is still ours);
 * - a second writer is refused with `remote.leaseHeld`, naming the holder and
 *   the lease's end.
 *
 * Times are the server's clock as seen in its `Date` headers (S3Client.serverNow),
 * so a desktop whose clock is wrong neither takes a live lease nor keeps a dead
 * one. All of this is only as safe as the server's conditional writes: the
 * caller runs the probe (probe.ts) before trusting it.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { UserError } from '../../api/errors.js';
import type { Message } from '../../api/messages.js';
import { KHO_FOLDER, keyIn } from './location.js';
import { S3Error, type S3Client } from './s3-client.js';

/** The lease object's name under `_kho/`. */
export const LEASE_FILE = 'writer-lease.json';

/**
 * How long a lease lasts unless renewed: 60 s. This is the longest a killed
 * writer keeps the next one waiting; shorter would make a slow network look
 * like a dead writer.
 */
export const LEASE_DURATION_MS = 60_000;

/** How often the holder renews: every 15 s, so a few failed renewals (a network blip) are ridden out. */
export const LEASE_RENEW_EVERY_MS = 15_000;

/**
 * A holder that could not renew stops writing this long before its lease runs
 * out, so a commit it has in flight ends before anyone may take over.
 */
export const LEASE_SAFETY_MS = 10_000;

/**
 * A lapsed lease is taken over only this long after its end: the server's
 * `Date` header has one-second resolution, and requests take time in transit.
 */
export const LEASE_TAKEOVER_GRACE_MS = 5_000;

/** Conditional writes lost to another process before acquire gives up and reports the holder. */
const ACQUIRE_ATTEMPTS = 4;

/** The lease as stored (JSON). */
export interface LeaseRecord {
  format: 1;
  /** For people: `user@host (pid N)`. */
  holder: string;
  user: string;
  host: string;
  pid: number;
  /** Random for each acquisition: how a holder knows its own write after an ambiguous retry. */
  token: string;
  acquiredAt: string;
  renewedAt: string;
  expiresAt: string;
  renewals: number;
  /** The holder whose lapsed lease this one replaced. */
  takenOverFrom?: string;
}

/** The lease as read by anyone (`kho status`, a process about to acquire). */
export interface LeaseState {
  /** Null when the object is not a lease we can read (it then lapses a duration after it was written). */
  record: LeaseRecord | null;
  etag: string;
  holder: string;
  /** Server time, ms. */
  expiresAt: number;
  /** Ran out (with the grace): anyone may take it over. */
  lapsed: boolean;
}

export interface LeaseOptions {
  durationMs?: number;
  renewEveryMs?: number;
  /** Default: LEASE_SAFETY_MS, or a third of a shorter duration. */
  safetyMs?: number;
  graceMs?: number;
  /** The clock, ms (default: the server's, S3Client.serverNow); tests inject one. */
  now?: () => number;
  /** Who this process is (default: the OS user, host name and pid); tests name two writers. */
  identity?: { user: string; host: string; pid: number };
  /** Renew on a timer (default true); tests renew by hand. */
  autoRenew?: boolean;
  /** Told when a lapsed lease was taken over (`remote.leaseTakenOver`). */
  onNotice?: (message: Message) => void;
  /** Told once when the lease is lost: the caller stops writing (`remote.leaseLost`). */
  onLost?: (error: UserError<'remote.leaseLost'>) => void;
}

export function leaseKey(client: S3Client): string {
  return keyIn(client.config.location, KHO_FOLDER, LEASE_FILE);
}

/** The current lease, or null when no writer holds one. */
export async function readLease(client: S3Client, options: Pick<LeaseOptions, 'now' | 'durationMs' | 'graceMs'> = {}): Promise<LeaseState | null> {
  const object = await client.get(leaseKey(client));
  if (!object) return null;
  const now = (options.now ?? (() => client.serverNow()))();
  const record = parseRecord(object.body.toString('utf8'));
  const expiresAt = record ? Date.parse(record.expiresAt) : (object.lastModified?.getTime() ?? 0) + (options.durationMs ?? LEASE_DURATION_MS);
  return {
    record,
    etag: object.etag,
    holder: record?.holder ?? 'unknown',
    expiresAt,
    lapsed: now > expiresAt + (options.graceMs ?? LEASE_TAKEOVER_GRACE_MS),
  };
}

export class WriterLease {
  private timer: NodeJS.Timeout | null = null;
  private renewing: Promise<void> | null = null;
  private lost = false;
  private released = false;

  private constructor(
    private readonly client: S3Client,
    private current: LeaseRecord,
    private etag: string,
    private readonly options: LeaseOptions,
  ) {}

  /**
   * Become the library's writer, or be refused with `remote.leaseHeld` naming
   * the holder. A lapsed lease is taken over (told as `remote.leaseTakenOver`).
   */
  static async acquire(client: S3Client, options: LeaseOptions = {}): Promise<WriterLease> {
    const now = options.now ?? (() => client.serverNow());
    const me = options.identity ?? thisProcess();
    const key = leaseKey(client);
    let state: LeaseState | null = null;
    for (let attempt = 0; attempt < ACQUIRE_ATTEMPTS; attempt++) {
      state = await readLease(client, options);
      if (state && !state.lapsed) break;
      const record = newRecord(me, now(), options.durationMs ?? LEASE_DURATION_MS, state?.holder);
      try {
        const { etag } = await client.put(key, JSON.stringify(record, null, 2), state ? { ifMatch: state.etag, contentType: 'application/json' } : { ifNoneMatch: true, contentType: 'application/json' });
        return WriterLease.started(client, record, etag, options, state);
      } catch (error) {
        if (!(error instanceof S3Error) || error.kind !== 'precondition-failed') throw error;
        // Sent twice after a network error: the first may have won. Ours if it carries our token.
        const mine = error.retried ? await readLease(client, options) : null;
        if (mine?.record?.token === record.token) return WriterLease.started(client, record, mine.etag, options, state);
        // Another process wrote first: read again (it now holds the lease, or it lapsed again).
      }
    }
    if (!state) state = await readLease(client, options);
    throw new UserError('remote.leaseHeld', { url: client.config.location.url, holder: state?.holder ?? 'unknown', expiresAt: new Date(state?.expiresAt ?? now()).toISOString() });
  }

  private static started(client: S3Client, record: LeaseRecord, etag: string, options: LeaseOptions, previous: LeaseState | null): WriterLease {
    const lease = new WriterLease(client, record, etag, options);
    if (previous) options.onNotice?.({ code: 'remote.leaseTakenOver', params: { url: client.config.location.url, previous: previous.holder, expiredAt: new Date(previous.expiresAt).toISOString() } });
    if (options.autoRenew ?? true) {
      lease.timer = setInterval(() => void lease.renew().catch(() => undefined), options.renewEveryMs ?? LEASE_RENEW_EVERY_MS);
      lease.timer.unref();
    }
    return lease;
  }

  /** The lease as last written by this process. */
  get record(): LeaseRecord {
    return this.current;
  }

  /** Still the writer: not lost, not released, and far enough from the lease's end. */
  get held(): boolean {
    const safety = this.options.safetyMs ?? Math.min(LEASE_SAFETY_MS, (this.options.durationMs ?? LEASE_DURATION_MS) / 3);
    return !this.lost && !this.released && this.now() < Date.parse(this.current.expiresAt) - safety;
  }

  /** Call before each commit: throws `remote.leaseLost` when this process may no longer write. */
  assertHeld(): void {
    if (this.held) return;
    if (!this.lost && !this.released) this.markLost(null);
    throw new UserError('remote.leaseLost', { url: this.client.config.location.url, holder: null });
  }

  /**
   * Push the lease's end a duration further, if it is still ours (If-Match). A
   * failed condition means another process took it: lost. A network failure is
   * tried again at the next tick until the lease is too close to its end.
   */
  renew(): Promise<void> {
    if (this.lost || this.released) return Promise.resolve();
    this.renewing ??= this.renewOnce().finally(() => {
      this.renewing = null;
    });
    return this.renewing;
  }

  private async renewOnce(): Promise<void> {
    const at = this.now();
    // The server's clock is read to the second from its Date header: a renewal never shortens the lease.
    const until = Math.max(at + (this.options.durationMs ?? LEASE_DURATION_MS), Date.parse(this.current.expiresAt));
    const next: LeaseRecord = { ...this.current, renewedAt: iso(at), expiresAt: iso(until), renewals: this.current.renewals + 1 };
    try {
      const { etag } = await this.client.put(leaseKey(this.client), JSON.stringify(next, null, 2), { ifMatch: this.etag, contentType: 'application/json' });
      this.current = next;
      this.etag = etag;
    } catch (error) {
      if (error instanceof S3Error && (error.kind === 'precondition-failed' || error.kind === 'not-found')) {
        const state = await readLease(this.client, this.options).catch(() => null);
        if (state?.record?.token === this.current.token && state.record.renewals === next.renewals) {
          // Our renewal was applied by an earlier attempt of a retried request.
          this.current = next;
          this.etag = state.etag;
          return;
        }
        this.markLost(state?.holder ?? null);
        throw new UserError('remote.leaseLost', { url: this.client.config.location.url, holder: state?.holder ?? null });
      }
      // Network or server trouble: keep the lease while there is time; held turns false near its end.
      if (!this.held) this.markLost(null);
      throw error;
    }
  }

  /** Stop renewing and delete the lease if it is still ours. Safe to call twice. */
  async release(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.released) return;
    this.released = true;
    await this.renewing?.catch(() => undefined);
    if (this.lost) return;
    const state = await readLease(this.client, this.options).catch(() => null);
    if (state?.record?.token !== this.current.token) return;
    await this.client.delete(leaseKey(this.client), { ifMatch: state.etag }).catch((error: unknown) => {
      // Someone replaced it in between, or it is gone: not ours to delete.
      if (!(error instanceof S3Error) || (error.kind !== 'precondition-failed' && error.kind !== 'not-found')) throw error;
    });
  }

  private now(): number {
    return (this.options.now ?? (() => this.client.serverNow()))();
  }

  private markLost(holder: string | null): void {
    if (this.lost) return;
    this.lost = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.options.onLost?.(new UserError('remote.leaseLost', { url: this.client.config.location.url, holder }));
  }
}

function newRecord(me: { user: string; host: string; pid: number }, now: number, durationMs: number, previous: string | undefined): LeaseRecord {
  return {
    format: 1,
    holder: `${me.user}@${me.host} (pid ${me.pid})`,
    ...me,
    token: randomBytes(12).toString('hex'),
    acquiredAt: iso(now),
    renewedAt: iso(now),
    expiresAt: iso(now + durationMs),
    renewals: 0,
    ...(previous ? { takenOverFrom: previous } : {}),
  };
}

function parseRecord(text: string): LeaseRecord | null {
  try {
    const value = JSON.parse(text) as LeaseRecord;
    const ok = value && value.format === 1 && typeof value.holder === 'string' && typeof value.token === 'string' && Number.isFinite(Date.parse(value.expiresAt));
    return ok ? value : null;
  } catch {
    return null;
  }
}

function thisProcess(): { user: string; host: string; pid: number } {
  let user: string;
  try {
    user = os.userInfo().username;
  } catch {
    user = process.env.USER || process.env.USERNAME || 'unknown';
  }
  return { user, host: os.hostname(), pid: process.pid };
}

const iso = (ms: number) => new Date(ms).toISOString();
