/**
 * Opening a library on object storage (`--data s3://bucket/prefix`): reach the
 * bucket with the AWS keys of this machine, decide this process's role, and
 * mount the side files (store/object-store.ts) so the rest of the library
 * reads and writes them as objects.
 *
 * Roles. The writer (`kho index`/`kho watch`, or `kho serve` on the writer
 * machine) first checks that the server honours conditional writes (probe.ts;
 * refused with `remote.noConditionalWrites` when it does not), then takes the
 * writer lease (lease.ts; a second writer is refused with `remote.leaseHeld`
 * naming the holder; a lapsed lease is taken over). Every other process is a
 * reader: it opens read-only and never writes a byte to the bucket. A process
 * that may be either (`kho serve`, the app) becomes a reader when another
 * writer holds the lease, and says so.
 */
import { UserError } from '../api/errors.js';
import type { LibraryStatus } from '../api/contract.js';
import type { Message } from '../api/messages.js';
import { mountObjectStore, type ObjectStore } from '../store/object-store.js';
import { firstLine } from '../store/open-table.js';
import { WriterLease, readLease, LEASE_DURATION_MS } from '../store/remote/lease.js';
import { describeS3Config, KHO_FOLDER, keyIn, lanceStorageOptions, resolveS3Config, type S3Config, type S3Location } from '../store/remote/location.js';
import { MirrorObjectStore, ReadMirror } from '../store/remote/mirror.js';
import { S3ObjectStore } from '../store/remote/object-store.js';
import { probeConditionalWrites, requireConditionalWrites, type ProbeResult } from '../store/remote/probe.js';
import { S3Client, toUserError } from '../store/remote/s3-client.js';

/**
 * What the process wants to be: `writer` (`kho index`, `kho watch`, `kho model`:
 * refused when another writer holds the lease), `reader` (commands that only
 * read), `writer-or-reader` (`kho serve`, the app: the writer when no one else is).
 */
export type RemoteRole = 'writer' | 'reader' | 'writer-or-reader';

/**
 * The writer lease's length, in ms, from KHO_S3_LEASE_MS (default
 * LEASE_DURATION_MS, 60 s): how long a killed writer keeps the next one waiting.
 * Shorten it only on a fast, reliable network (tests use a few seconds).
 */
export function leaseDurationMs(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.KHO_S3_LEASE_MS);
  return Number.isFinite(value) && value >= 1_000 ? value : LEASE_DURATION_MS;
}

/** What the writer's probe found, kept at `<prefix>/_kho/probe.json` for `kho status`. */
interface ProbeRecord {
  honoured: boolean;
  failed: ProbeResult['failed'];
  endpoint: string;
  checkedAt: string;
}

const PROBE_FILE = 'probe.json';

/**
 * A reader looks for a newer committed version at most this often (each look
 * costs a few requests); between looks it answers from what it loaded.
 */
export const REMOTE_REFRESH_MS = 3_000;

/** While offline, a reader looks for the storage at most this often (each failed look delays one answer). */
export const OFFLINE_LOOK_MS = 15_000;

/**
 * A reader's retries of its own requests: short, so a desk with no network is
 * told so in about a second and keeps answering from what it loaded. The
 * writer keeps S3_BACKOFF_MS (about 7 s), riding out a blip before a write fails.
 */
const READER_BACKOFF_MS = [200, 500];

/** LanceDB's own retries on a reader (lance's `client_max_retries`, `client_retry_timeout` in s). */
const READER_LANCE_RETRIES = { client_max_retries: '1', client_retry_timeout: '5' };

/**
 * LanceDB's retries on the writer: ten, with back-off doubling from 0.1 s (about
 * 50 s in all, within the lease), so a network cut of that length delays a
 * commit instead of failing it.
 */
const WRITER_LANCE_RETRIES = { client_max_retries: '10', client_retry_timeout: '120' };

/**
 * Whether a reader keeps a local copy of the library (store/remote/mirror.ts):
 * yes unless KHO_S3_CACHE is `off` (then every query reads the bucket — for a
 * desk short of disk space, at the network's speed and with no offline search).
 */
export function readCacheEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return !/^(off|0|false|no)$/i.test(env.KHO_S3_CACHE ?? '');
}

export interface RemoteOpenOptions {
  /** Where a reader keeps its copy of the library (layout.copy); null: none, read the bucket. */
  mirrorDir?: string | null;
}

/** Why a process that may be either (`writer-or-reader`) becomes a reader instead of failing. */
const READER_FALLBACK = new Set(['remote.leaseHeld', 'remote.accessDenied', 'remote.noConditionalWrites']);

export class RemoteSession {
  private unmount: () => void = () => undefined;
  /** A reader: when it last looked for a newer version; since when (and why) the storage is out of reach. */
  private lastLook = 0;
  private offline: { detail: string; since: string } | null = null;
  private lastStatus: LibraryStatus | null = null;
  /** Told in every status once the writer lost its lease (it then writes nothing more). */
  private lost: Message | null = null;

  private constructor(
    readonly config: S3Config,
    readonly client: S3Client,
    readonly role: 'writer' | 'reader',
    readonly lease: WriterLease | null,
    /** A reader's local copy: LanceDB and the side files are read there (null: read from the bucket). */
    readonly mirror: ReadMirror | null = null,
  ) {}

  /** Connect, check and take the role; `onNotice` hears a take-over or a fallback to reading. */
  static async open(location: S3Location, wanted: RemoteRole, onNotice: (message: Message) => void, options: RemoteOpenOptions = {}): Promise<RemoteSession> {
    const config = resolveS3Config(location);
    const client = new S3Client(config, wanted === 'reader' ? { backoffMs: READER_BACKOFF_MS } : {});
    // A reader's requests (also of a `kho serve` that turns out a reader) give up fast: a desk with no network is told so in about a second.
    const readerClient = wanted === 'reader' ? client : new S3Client(config, { backoffMs: READER_BACKOFF_MS });
    const mirror = options.mirrorDir && wanted !== 'writer' ? new ReadMirror(readerClient, options.mirrorDir) : null;
    // Reach the bucket now, so wrong keys, a missing bucket or no network are told before anything else.
    try {
      await client.head(keyIn(location, 'index.json'));
    } catch (error) {
      const failure = toUserError(error, location.url);
      // A desk with a copy and no network: search the copy and say so.
      if (!mirror || !(failure instanceof UserError) || failure.code !== 'remote.offline' || !(await mirror.syncedAt())) throw failure;
      const offline = new RemoteSession(config, readerClient, 'reader', null, mirror);
      offline.markOffline(failure);
      offline.mount();
      onNotice(offline.keptNotice()!);
      return offline;
    }
    let lease: WriterLease | null = null;
    let session: RemoteSession | null = null;
    if (wanted !== 'reader') {
      const durationMs = leaseDurationMs();
      try {
        // `kho serve` or the app while another writer holds the lease: a reader, before the probe writes anything.
        const held = wanted === 'writer-or-reader' ? await readLease(client, { durationMs }) : null;
        if (held && !held.lapsed) throw new UserError('remote.leaseHeld', { url: location.url, holder: held.holder, expiresAt: new Date(held.expiresAt).toISOString() });
        await RemoteSession.probe(client);
        lease = await WriterLease.acquire(client, {
          durationMs,
          renewEveryMs: Math.max(250, Math.floor(durationMs / 4)),
          onNotice,
          onLost: (error) => {
            onNotice(error.toMessage());
            if (session) session.lost = error.toMessage();
          },
        });
      } catch (error) {
        // `kho serve` or the app on a desktop: another writer, read-only keys, or a server that cannot
        // keep two writers apart leave it a reader (told why); `kho index` is refused.
        const failure = toUserError(error, location.url);
        if (wanted === 'writer' || !(failure instanceof UserError) || !READER_FALLBACK.has(failure.code)) throw failure;
        onNotice(failure.toMessage());
      }
    }
    session = new RemoteSession(config, lease ? client : readerClient, lease ? 'writer' : 'reader', lease, lease ? null : mirror);
    if (session.mirror) await session.firstCopy();
    session.mount();
    return session;
  }

  /** A reader's first look: bring the copy up to date, or keep an older one (offline) when the bucket went out of reach meanwhile. */
  private async firstCopy(): Promise<void> {
    this.lastLook = Date.now();
    try {
      await this.mirror!.sync();
    } catch (error) {
      if (!(await this.mirror!.syncedAt())) throw toUserError(error, this.config.location.url);
      this.markOffline(error);
    }
  }

  /** Make the side files' paths under this location go to the copy (a reader with one) or to the bucket. */
  private mount(): void {
    const url = this.config.location.url;
    const store: ObjectStore = this.mirror
      ? new MirrorObjectStore(this.mirror, url)
      : new S3ObjectStore(this.client, { readOnly: !this.lease, guard: () => this.lease?.assertHeld() });
    this.unmount = mountObjectStore(url, store);
  }

  /** Where LanceDB opens the library: the reader's copy, else the bucket (lanceUri). */
  lanceDir(bucketUri: string): string {
    return this.mirror ? this.mirror.lanceDir : bucketUri;
  }

  /** At the writer's first connect: refuse a server that does not honour conditional writes, and say why. */
  private static async probe(client: S3Client): Promise<void> {
    const result = await probeConditionalWrites(client).catch((error: unknown) => Promise.reject(toUserError(error, client.config.location.url)));
    const record: ProbeRecord = { honoured: result.honoured, failed: result.failed, endpoint: client.config.endpoint ?? 'AWS S3', checkedAt: new Date(client.serverNow()).toISOString() };
    // Kept for `kho status` (best effort: the refusal below matters more than the record).
    await client.put(keyIn(client.config.location, KHO_FOLDER, PROBE_FILE), JSON.stringify(record, null, 2), { contentType: 'application/json' }).catch(() => undefined);
    requireConditionalWrites(result, client);
  }

  /** LanceDB's storage options for this location (credentials in memory only); none for a reader's local copy. */
  get storageOptions(): Record<string, string> | undefined {
    if (this.mirror) return undefined;
    return { ...lanceStorageOptions(this.config), ...(this.role === 'reader' ? READER_LANCE_RETRIES : WRITER_LANCE_RETRIES) };
  }

  /**
   * Before answering: a reader runs `catchUp` (reload a newer committed version)
   * at most every REMOTE_REFRESH_MS; when the storage cannot be reached it keeps
   * what it loaded and is marked offline until a look succeeds. The writer is
   * the only process committing: it never needs to.
   */
  async refresh(catchUp: () => Promise<void>): Promise<void> {
    // Offline, a look costs a failed request before the answer: look less often until one succeeds.
    const every = this.offline ? OFFLINE_LOOK_MS : REMOTE_REFRESH_MS;
    if (this.role === 'writer' || Date.now() - this.lastLook < every) return;
    this.lastLook = Date.now();
    let looked = false;
    try {
      // A copy first takes what the writer committed, then the tables move to it (locally).
      await this.mirror?.sync();
      looked = true;
    } catch (error) {
      this.markOffline(error);
    }
    try {
      // Also after a failed look (a copy's: without one, nothing before can fail): another process on this desk may have copied newer versions.
      await catchUp();
      if (looked) this.offline = null;
    } catch (error) {
      this.markOffline(error);
    }
  }

  /** Run a request that needs the storage; a failure while offline is told as `remote.offline`. */
  async offlineAware<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!this.offline || error instanceof UserError) throw error;
      throw new UserError('remote.offline', { url: this.config.location.url, detail: this.offline.detail });
    }
  }

  /**
   * The library's status with this process's role, the lease and the probe in
   * front; out of reach, the last status taken, with the documents loaded and
   * `remote.offlineKept` (never an error while something was loaded).
   */
  async status(build: () => Promise<LibraryStatus>, documents: number): Promise<LibraryStatus> {
    if (!this.offline || !this.lastStatus) {
      try {
        const status = await build();
        status.notices.unshift(await this.describe());
        if (this.lost) status.notices.push(this.lost);
        const skipped = this.mirror?.skipped ?? [];
        if (skipped.length > 0) status.notices.push({ code: 'remote.notCopied', params: { url: this.config.location.url, count: skipped.length, name: skipped[0]!.name, reason: skipped[0]!.reason } });
        this.lastStatus = status;
        if (!this.offline) return status;
      } catch (error) {
        if (!this.lastStatus || (error instanceof UserError && error.code !== 'remote.offline')) throw error;
        this.markOffline(error);
      }
    }
    const kept = this.keptNotice()!;
    return { ...this.lastStatus, documents, notices: [...this.lastStatus.notices.filter((n) => n.code !== 'remote.offlineKept'), kept] };
  }

  /** While the storage is out of reach: `remote.offlineKept` (answers come from the version loaded), else null. */
  keptNotice(): Message | null {
    return this.offline ? { code: 'remote.offlineKept', params: { url: this.config.location.url, ...this.offline } } : null;
  }

  private markOffline(error: unknown): void {
    const detail = error instanceof UserError ? (((error.params as { detail?: string }).detail ?? error.code) as string) : firstLine(error);
    this.offline ??= { detail, since: new Date().toISOString() };
  }

  /** Throws unless this process is the writer and still holds the lease. */
  assertWriter(): void {
    if (!this.lease) throw new UserError('remote.readOnly', { url: this.config.location.url });
    this.lease.assertHeld();
  }

  /** For `kho status`: where the library lives, this process's role, the lease and the last probe. */
  async describe(): Promise<Message> {
    const where = describeS3Config(this.config);
    const lease = await readLease(this.client).catch(() => null);
    const probe = await this.client
      .get(keyIn(this.config.location, KHO_FOLDER, PROBE_FILE))
      .then((o) => (o ? (JSON.parse(o.body.toString('utf8')) as ProbeRecord) : null))
      .catch(() => null);
    const live = lease && !lease.lapsed;
    return {
      code: 'remote.where',
      params: {
        url: where.url,
        endpoint: where.endpoint,
        credentials: where.credentials,
        role: this.role,
        holder: live ? lease.holder : null,
        expiresAt: live ? new Date(lease.expiresAt).toISOString() : null,
        probe: probe ? (probe.honoured ? 'honoured' : (probe.failed ?? 'race')) : null,
        probedAt: probe?.checkedAt ?? null,
      },
    };
  }

  /** Give the lease back (if held) and unmount the side files. */
  async close(): Promise<void> {
    try {
      await this.lease?.release().catch(() => undefined);
    } finally {
      this.unmount();
    }
  }
}
