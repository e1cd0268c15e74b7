/**
 * A small S3 client for kho's own objects in a shared library's bucket (the
 * writer lease, the conditional-write probe, later the settings and the title
 * index): get, put, delete, head and list, signed with AWS Signature V4 over
 * Node's fetch — no SDK. LanceDB reaches its tables with its own client.
 *
 * Conditional puts are what make one writer safe: `ifNoneMatch: true` sends
 * `If-None-Match: *` (create only; fails when the key exists) and `ifMatch`
 * sends `If-Match: <etag>` (replace only the version that was read). A failed
 * condition is an `S3Error` of kind `precondition-failed`, never retried.
 *
 * Transient failures (network errors, 5xx, throttling, a conditional write in
 * flight elsewhere) are retried with back-off. A conditional put retried after
 * a network error may have been applied the first time: the error then says
 * `retried`, and the caller re-reads to see whether its own write is there.
 *
 * Custom endpoints (MinIO, Ceph RGW, moto) are addressed path-style
 * (`endpoint/bucket/key`); AWS virtual-hosted style (`bucket.s3.region…`).
 * Only `host` and the `x-amz-*` headers are signed, so a proxy that drops
 * `If-Match` leaves a valid request: the probe (probe.ts) is what catches it.
 */
import { createHash, createHmac } from 'node:crypto';
import { UserError } from '../../api/errors.js';
import type { S3Config, S3Credentials } from './location.js';
import { decodeXmlText } from '../../common/xml-text.js';

/** What went wrong, for the caller to decide (the lease and the probe act on `precondition-failed`). */
export type S3ErrorKind = 'precondition-failed' | 'not-found' | 'no-bucket' | 'access-denied' | 'offline' | 'server' | 'bad-request';

export class S3Error extends Error {
  constructor(
    readonly kind: S3ErrorKind,
    /** HTTP status (0 when no answer came). */
    readonly status: number,
    /** The S3 error code (`PreconditionFailed`, `AccessDenied`…) or the network error's code. */
    readonly detail: string,
    /** True when the request was sent more than once: a conditional put may have been applied by an earlier attempt. */
    readonly retried: boolean,
  ) {
    super(`S3 ${kind} (${status || 'no answer'}: ${detail})`);
    this.name = 'S3Error';
  }
}

/**
 * The user-facing error for a failure that is the user's to fix (keys, bucket,
 * network), else the error itself: `throw toUserError(error, location.url)`.
 */
export function toUserError(error: unknown, url: string): unknown {
  if (!(error instanceof S3Error)) return error;
  if (error.kind === 'access-denied') return new UserError('remote.accessDenied', { url, detail: error.detail });
  if (error.kind === 'no-bucket') return new UserError('remote.noBucket', { url });
  if (error.kind === 'offline') return new UserError('remote.offline', { url, detail: error.detail });
  return error;
}

export interface S3Object {
  body: Buffer;
  etag: string;
  lastModified: Date | null;
}

export interface S3Head {
  etag: string;
  size: number;
  lastModified: Date | null;
}

export interface S3ListEntry {
  key: string;
  etag: string;
  size: number;
  lastModified: Date | null;
}

export interface PutOptions {
  /** `If-None-Match: *`: create only, fail with `precondition-failed` when the key exists. */
  ifNoneMatch?: boolean;
  /** `If-Match: <etag>`: replace only this version, fail with `precondition-failed` otherwise. */
  ifMatch?: string;
  contentType?: string;
}

/**
 * Waits between attempts of a transient failure: about 7 s in all, so a short
 * network blip or a restarting server is ridden out, and a dead one is reported.
 */
export const S3_BACKOFF_MS = [200, 500, 1_000, 2_000, 3_500];

/**
 * Hang guard for one request (not a budget): a request with no answer after
 * this long is aborted and counts as a network failure (and is retried).
 */
export const S3_REQUEST_TIMEOUT_MS = 60_000;

export interface S3ClientOptions {
  /** Waits between retries (tests shorten them; `[]` = no retry). */
  backoffMs?: number[];
  requestTimeoutMs?: number;
  /** The fetch to use (tests may wrap it to count requests). */
  fetch?: typeof fetch;
}

/** S3 error codes that mean "try again" even when the status is not 5xx. */
/** RequestTimeTooSkewed: the local clock is off; the retry is signed with the server's time (from the refusal's Date header). */
const TRANSIENT_CODES = new Set(['SlowDown', 'RequestTimeout', 'InternalError', 'ServiceUnavailable', 'ConditionalRequestConflict', 'OperationAborted', 'RequestTimeTooSkewed']);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

export class S3Client {
  private readonly backoff: number[];
  private readonly timeoutMs: number;
  private readonly fetchFn: typeof fetch;
  /** Server time minus local time, from the `Date` header of the last answer (0 until one came). */
  private skewMs = 0;

  constructor(
    readonly config: S3Config,
    options: S3ClientOptions = {},
  ) {
    this.backoff = options.backoffMs ?? S3_BACKOFF_MS;
    this.timeoutMs = options.requestTimeoutMs ?? S3_REQUEST_TIMEOUT_MS;
    this.fetchFn = options.fetch ?? fetch;
  }

  get bucket(): string {
    return this.config.location.bucket;
  }

  /**
   * The server's clock as best known (local clock + the offset seen in the last
   * answer's `Date` header, to the second). Every machine judging a lease by the
   * same clock keeps a fast or slow desktop clock from taking a live lease.
   */
  serverNow(): number {
    return Date.now() + this.skewMs;
  }

  /** The object, or null when the key does not exist. */
  async get(key: string): Promise<S3Object | null> {
    try {
      const response = await this.request('GET', key);
      return { body: Buffer.from(await response.arrayBuffer()), etag: response.headers.get('etag') ?? '', lastModified: dateOf(response.headers.get('last-modified')) };
    } catch (error) {
      if (error instanceof S3Error && error.kind === 'not-found') return null;
      throw error;
    }
  }

  /** Size, etag and time of an object, or null when it does not exist. */
  async head(key: string): Promise<S3Head | null> {
    try {
      const response = await this.request('HEAD', key);
      return { etag: response.headers.get('etag') ?? '', size: Number(response.headers.get('content-length') ?? 0), lastModified: dateOf(response.headers.get('last-modified')) };
    } catch (error) {
      if (error instanceof S3Error && error.kind === 'not-found') return null;
      throw error;
    }
  }

  /** Store an object; returns its new etag. Conditions: see PutOptions. */
  async put(key: string, body: string | Uint8Array, options: PutOptions = {}): Promise<{ etag: string }> {
    const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/octet-stream' };
    if (options.ifNoneMatch) headers['if-none-match'] = '*';
    if (options.ifMatch) headers['if-match'] = options.ifMatch;
    const response = await this.request('PUT', key, { body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body, headers });
    await response.arrayBuffer();
    return { etag: response.headers.get('etag') ?? '' };
  }

  /** Delete an object (no error when it is not there). `ifMatch`: only this version. */
  async delete(key: string, options: { ifMatch?: string } = {}): Promise<void> {
    const headers: Record<string, string> = options.ifMatch ? { 'if-match': options.ifMatch } : {};
    try {
      await (await this.request('DELETE', key, { headers })).arrayBuffer();
    } catch (error) {
      if (error instanceof S3Error && error.kind === 'not-found' && !options.ifMatch) return;
      throw error;
    }
  }

  /** Every object whose key starts with `prefix` (ListObjectsV2, all pages). */
  async list(prefix: string): Promise<S3ListEntry[]> {
    const entries: S3ListEntry[] = [];
    let token: string | null = null;
    do {
      const query: Record<string, string> = { 'list-type': '2', prefix };
      if (token) query['continuation-token'] = token;
      const xml = await (await this.request('GET', '', { query })).text();
      // A proxy's login page or any other 200 that is not a listing must never read as "no objects".
      if (!xml.includes('<ListBucketResult')) throw new S3Error('server', 200, 'the answer to a listing was not a listing', false);
      for (const block of xml.match(/<Contents>[\s\S]*?<\/Contents>/g) ?? []) {
        entries.push({
          key: xmlText(block, 'Key') ?? '',
          etag: xmlText(block, 'ETag') ?? '',
          size: Number(xmlText(block, 'Size') ?? 0),
          lastModified: dateOf(xmlText(block, 'LastModified')),
        });
      }
      const truncated = xmlText(xml, 'IsTruncated') === 'true';
      token = truncated ? xmlText(xml, 'NextContinuationToken') : null;
      if (truncated && !token) throw new S3Error('server', 200, 'a listing said it was cut short but gave no way to go on', false);
    } while (token);
    return entries;
  }

  /** One signed request, retried with back-off on transient failures. */
  private async request(method: string, key: string, options: { body?: Uint8Array; headers?: Record<string, string>; query?: Record<string, string> } = {}): Promise<Response> {
    let sent = 0;
    for (let attempt = 0; ; attempt++) {
      let failure: S3Error;
      try {
        const url = this.urlOf(key, options.query ?? {});
        const headers = signRequest(method, url, options.headers ?? {}, options.body ?? new Uint8Array(0), this.config.credentials, this.config.region, new Date(this.serverNow()));
        sent++;
        const response = await this.fetchFn(url, {
          method,
          headers,
          // A copy typed as a plain ArrayBuffer view (what fetch's BodyInit takes in both the Node and the DOM typings).
          body: options.body && options.body.length > 0 ? new Uint8Array(options.body) : method === 'PUT' ? new Uint8Array(0) : undefined,
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        this.noteServerTime(response.headers.get('date'));
        if (response.ok) return response;
        failure = await errorOf(response, sent > 1);
      } catch (error) {
        if (error instanceof S3Error) throw error;
        failure = new S3Error('offline', 0, networkDetail(error), sent > 1);
      }
      const transient = failure.kind === 'offline' || failure.kind === 'server' || TRANSIENT_CODES.has(failure.detail);
      if (!transient || attempt >= this.backoff.length) {
        // A write in flight elsewhere that never settled is, for the caller, a failed condition.
        if (failure.detail === 'ConditionalRequestConflict') throw new S3Error('precondition-failed', failure.status, failure.detail, failure.retried);
        throw failure;
      }
      await sleep(this.backoff[attempt]! * (0.75 + Math.random() * 0.5));
    }
  }

  private urlOf(key: string, query: Record<string, string>): URL {
    const path = key ? `/${encodeKey(key)}` : '';
    const { endpoint, region } = this.config;
    let url: URL;
    if (endpoint) url = new URL(`${endpoint}/${this.bucket}${path || '/'}`);
    else if (this.bucket.includes('.')) url = new URL(`https://s3.${region}.amazonaws.com/${this.bucket}${path || '/'}`);
    else url = new URL(`https://${this.bucket}.s3.${region}.amazonaws.com${path || '/'}`);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    return url;
  }

  private noteServerTime(date: string | null): void {
    const server = date ? Date.parse(date) : NaN;
    if (Number.isFinite(server)) this.skewMs = server - Date.now();
  }
}

/** AWS Signature V4 headers for one request (exported for tests against AWS's published examples). */
export function signRequest(method: string, url: URL, headers: Record<string, string>, body: Uint8Array, credentials: S3Credentials, region: string, now: Date): Record<string, string> {
  const amzDate = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const payloadHash = sha256(body);
  const signed: Record<string, string> = { host: url.host, 'x-amz-content-sha256': payloadHash, 'x-amz-date': amzDate };
  if (credentials.sessionToken) signed['x-amz-security-token'] = credentials.sessionToken;
  const names = Object.keys(signed).sort();
  const canonicalQuery = [...url.searchParams.entries()]
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  // The path is already encoded once by encodeKey (S3 does not double-encode).
  const canonical = [method, url.pathname, canonicalQuery, names.map((n) => `${n}:${signed[n]!.trim()}\n`).join(''), names.join(';'), payloadHash].join('\n');
  const scope = `${day}/${region}/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, day), region), 's3'), 'aws4_request');
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  const { host: _host, ...sent } = signed;
  return {
    ...headers,
    ...sent,
    authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
  };
}

/** RFC 3986 encoding as SigV4 wants it: everything but A–Z a–z 0–9 - _ . ~ */
function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function encodeKey(key: string): string {
  return key.split('/').map(uriEncode).join('/');
}

async function errorOf(response: Response, retried: boolean): Promise<S3Error> {
  const text = await response.text().catch(() => '');
  const code = xmlText(text, 'Code') ?? '';
  const status = response.status;
  if (status === 412 || code === 'PreconditionFailed') return new S3Error('precondition-failed', status, code || 'PreconditionFailed', retried);
  if (code === 'NoSuchBucket') return new S3Error('no-bucket', status, code, retried);
  if (status === 404) return new S3Error('not-found', status, code || 'NotFound', retried);
  if (status === 401 || status === 403) return new S3Error('access-denied', status, code || 'AccessDenied', retried);
  if (status === 409 && code === 'ConditionalRequestConflict') return new S3Error('server', status, code, retried);
  if (status >= 500 || status === 429) return new S3Error('server', status, code || `HTTP ${status}`, retried);
  return new S3Error('bad-request', status, code || `HTTP ${status}`, retried);
}

/** The code of a network failure (`ECONNREFUSED`, `ENOTFOUND`, `TimeoutError`…), for the user. */
function networkDetail(error: unknown): string {
  const cause = (error as { cause?: { code?: string; name?: string } })?.cause;
  return cause?.code ?? (error as Error)?.name ?? String(error);
}

function xmlText(xml: string, tag: string): string | null {
  const match = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(xml);
  return match ? decodeXmlText(match[1]!) : null;
}

function dateOf(value: string | null): Date | null {
  const time = value ? Date.parse(value) : NaN;
  return Number.isFinite(time) ? new Date(time) : null;
}
