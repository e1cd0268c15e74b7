/**
 * Where a shared library lives on object storage: `s3://bucket/prefix`, and how
 * to reach it — region, endpoint (AWS, or a department's MinIO / Ceph RGW /
 * provincial cloud) and credentials — taken from the usual AWS variables or a
 * profile in ~/.aws/credentials and ~/.aws/config. Credentials are read, held
 * in memory and handed to LanceDB and our own S3 client; they are never written
 * into the library or any file of ours.
 *
 * Precedence (as the AWS tools): keys in the environment, then the profile
 * (AWS_PROFILE, else `default`). Region: AWS_REGION, AWS_DEFAULT_REGION, the
 * profile's `region`, else us-east-1. Endpoint: AWS_ENDPOINT_URL_S3,
 * AWS_ENDPOINT_URL, the profile's `s3 = endpoint_url` / `services` section or
 * `endpoint_url`, else AWS itself (unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS).
 * Single sign-on, `credential_process` and instance roles are not read: a
 * department gives the writer and the desktops plain keys.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserError } from '../../api/errors.js';
import type { S3LocationProblem } from '../../api/messages.js';

/** A parsed `s3://bucket/prefix`. */
export interface S3Location {
  bucket: string;
  /** Key prefix without leading or trailing slash; '' for the bucket's root. */
  prefix: string;
  /** The location written back canonically: `s3://bucket/prefix` (no trailing slash). */
  url: string;
}

export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** Temporary credentials (STS) carry a session token. */
  sessionToken?: string;
}

/** Everything needed to talk to the library's bucket. Holds secrets: never serialise it. */
export interface S3Config {
  location: S3Location;
  region: string;
  /** A custom endpoint (MinIO, Ceph RGW, a provincial cloud, moto), e.g. `http://127.0.0.1:9000`; null = AWS. */
  endpoint: string | null;
  credentials: S3Credentials;
  /** Where the credentials came from, for `kho status` (never the secret): `environment` or `profile NAME`. */
  credentialSource: string;
}

/** The region when none is configured (what the AWS tools assume; MinIO and moto accept any). */
export const DEFAULT_REGION = 'us-east-1';

/**
 * The longest prefix taken. S3 keys are at most 1,024 bytes; the library's own
 * keys under the prefix (LanceDB's data files, `_kho/…`) need the rest.
 */
export const MAX_PREFIX_BYTES = 512;

/** Where kho keeps its own objects (lease, probe, later settings and the title index) under the prefix. */
export const KHO_FOLDER = '_kho';

/** True when `--data` names object storage (`s3://…`), as opposed to a folder. */
export function isS3Url(value: string): boolean {
  return /^s3:\/\//i.test(value);
}

/**
 * Parse `s3://bucket/prefix`. Bucket names follow S3's rules (3–63 characters:
 * lower-case letters, digits, dots and hyphens; a letter or digit at each end;
 * not an IP address). The prefix may not hold empty, `.` or `..` segments, a
 * backslash, control characters, a query or a fragment.
 */
export function parseS3Location(value: string): S3Location {
  const bad = (problem: S3LocationProblem) => new UserError('remote.badLocation', { url: value, problem });
  const match = /^s3:\/\/([^/?#]*)(\/[^?#]*)?$/i.exec(value.trim());
  if (!match) throw bad(/[?#]/.test(value) ? 'query' : 'scheme');
  const bucket = match[1]!;
  if (!isBucketName(bucket)) throw bad('bucket');
  const prefix = (match[2] ?? '').replace(/^\/+/, '').replace(/\/+$/, '');
  if (prefix) {
    const segments = prefix.split('/');
    // eslint-disable-next-line no-control-regex
    if (segments.some((s) => s === '' || s === '.' || s === '..') || /[\\\u0000-\u001f\u007f]/.test(prefix)) throw bad('prefix');
    if (Buffer.byteLength(prefix, 'utf8') > MAX_PREFIX_BYTES) throw bad('prefix');
  }
  return { bucket, prefix, url: `s3://${bucket}${prefix ? `/${prefix}` : ''}` };
}

function isBucketName(name: string): boolean {
  return /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) && !name.includes('..') && !/^\d+\.\d+\.\d+\.\d+$/.test(name) && !name.startsWith('xn--');
}

/** The key of a kho object under the library's prefix: `keyIn(loc, '_kho', 'writer-lease.json')`. */
export function keyIn(location: S3Location, ...parts: string[]): string {
  return [location.prefix, ...parts].filter(Boolean).join('/');
}

/** The LanceDB database of the library: `s3://bucket/prefix/lancedb` (the local layout's `lancedb` folder). */
export function lanceUri(location: S3Location): string {
  return `s3://${location.bucket}/${keyIn(location, 'lancedb')}`;
}

/** Where to look: the environment and the home folder (parameters, so tests use a temporary HOME). */
export interface ResolveOptions {
  env?: NodeJS.ProcessEnv;
  home?: string;
}

/** The region, endpoint and credentials for a location, from the environment and the AWS files. */
export function resolveS3Config(location: S3Location, options: ResolveOptions = {}): S3Config {
  const env = options.env ?? process.env;
  const home = options.home ?? os.homedir();
  const profileName = env.AWS_PROFILE || env.AWS_DEFAULT_PROFILE || 'default';
  const explicitProfile = !!(env.AWS_PROFILE || env.AWS_DEFAULT_PROFILE);
  const credentialsFile = env.AWS_SHARED_CREDENTIALS_FILE || path.join(home, '.aws', 'credentials');
  const configFile = env.AWS_CONFIG_FILE || path.join(home, '.aws', 'config');
  const credentialsIni = readIni(credentialsFile);
  const configIni = readIni(configFile);
  // ~/.aws/credentials names sections `[name]`; ~/.aws/config `[profile name]` (and `[default]`).
  const fromCredentials = credentialsIni.get(profileName);
  const fromConfig = configIni.get(profileName === 'default' ? 'default' : `profile ${profileName}`) ?? (profileName === 'default' ? configIni.get('profile default') : undefined);
  if (explicitProfile && !fromCredentials && !fromConfig && !env.AWS_ACCESS_KEY_ID) {
    throw new UserError('remote.badProfile', { profile: profileName, file: credentialsFile });
  }
  const profile = new Map([...(fromConfig ?? []), ...(fromCredentials ?? [])]);

  let credentials: S3Credentials | null = null;
  let credentialSource = '';
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    credentials = { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) };
    credentialSource = 'environment';
  } else if (profile.get('aws_access_key_id') && profile.get('aws_secret_access_key')) {
    const token = profile.get('aws_session_token') || profile.get('aws_security_token');
    credentials = { accessKeyId: profile.get('aws_access_key_id')!, secretAccessKey: profile.get('aws_secret_access_key')!, ...(token ? { sessionToken: token } : {}) };
    credentialSource = `profile ${profileName}`;
  }
  if (!credentials) throw new UserError('remote.noCredentials', { url: location.url, profile: explicitProfile ? profileName : null });

  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION || profile.get('region') || DEFAULT_REGION;
  const ignoreConfigured = /^true$/i.test(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? '');
  const servicesSection = profile.get('services') ? configIni.get(`services ${profile.get('services')}`) : undefined;
  const rawEndpoint = ignoreConfigured
    ? null
    : env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL || servicesSection?.get('s3.endpoint_url') || profile.get('s3.endpoint_url') || profile.get('endpoint_url') || null;
  return { location, region, endpoint: rawEndpoint ? normaliseEndpoint(rawEndpoint) : null, credentials, credentialSource };
}

/** `http(s)://host[:port][/path]` without a trailing slash; anything else is refused by name. */
export function normaliseEndpoint(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new UserError('remote.badEndpoint', { value });
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash || url.username || url.password) {
    throw new UserError('remote.badEndpoint', { value });
  }
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * LanceDB's `storageOptions` for `lancedb.connect(lanceUri(location), { storageOptions })`
 * (keys of the object_store crate that @lancedb/lancedb 0.31 embeds). A custom
 * endpoint is addressed path-style (`endpoint/bucket/key`, what MinIO and moto
 * expect); plain http is allowed only when the endpoint says http.
 */
export function lanceStorageOptions(config: S3Config): Record<string, string> {
  const options: Record<string, string> = {
    aws_access_key_id: config.credentials.accessKeyId,
    aws_secret_access_key: config.credentials.secretAccessKey,
    aws_region: config.region,
  };
  if (config.credentials.sessionToken) options.aws_session_token = config.credentials.sessionToken;
  if (config.endpoint) {
    options.aws_endpoint = config.endpoint;
    options.aws_virtual_hosted_style_request = 'false';
    if (config.endpoint.startsWith('http:')) options.allow_http = 'true';
  }
  return options;
}

/** The location and how it is reached, for `kho status` and logs: no secret, not even the key id. */
export function describeS3Config(config: S3Config): { url: string; region: string; endpoint: string; credentials: string } {
  return { url: config.location.url, region: config.region, endpoint: config.endpoint ?? 'AWS S3', credentials: config.credentialSource };
}

type Ini = Map<string, Map<string, string>>;

/**
 * The AWS INI dialect: `[section]`, `key = value`, `#`/`;` comments, and
 * indented sub-keys under `parent =` (read as `parent.key`, e.g. `s3.endpoint_url`).
 * A file that is missing or cannot be read counts as empty.
 */
export function parseIni(text: string): Ini {
  const sections: Ini = new Map();
  let current: Map<string, string> | null = null;
  let parent: string | null = null;
  for (const raw of text.split(/\r?\n/)) {
    if (/^\s*([#;].*)?$/.test(raw)) continue;
    const section = /^\s*\[\s*([^\]]+?)\s*\]\s*$/.exec(raw);
    if (section) {
      const name = section[1]!.replace(/\s+/g, ' ');
      current = sections.get(name) ?? new Map();
      sections.set(name, current);
      parent = null;
      continue;
    }
    const pair = /^(\s*)([^=\s][^=]*?)\s*=\s*(.*?)\s*$/.exec(raw);
    if (!pair || !current) continue;
    const [, indent, key, value] = pair;
    if (indent && parent) {
      current.set(`${parent}.${key!.toLowerCase()}`, value!);
    } else {
      parent = value ? null : key!.toLowerCase();
      if (value) current.set(key!.toLowerCase(), value);
    }
  }
  return sections;
}

function readIni(file: string): Ini {
  try {
    return parseIni(readFileSync(file, 'utf8'));
  } catch {
    return new Map();
  }
}
