/**
 * Where the library keeps its data. Layered like an editor's settings: an
 * explicit `--data DIR` wins, then the KHO_DATA environment variable, then the
 * operating system's per-user application-data folder — the same folder for the
 * desktop app and the CLI:
 *
 *   Windows  %APPDATA%\Kho Tri Thuc
 *   macOS    ~/Library/Application Support/Kho Tri Thuc
 *   Linux    $XDG_DATA_HOME/kho-tri-thuc (~/.local/share/kho-tri-thuc)
 *
 * Desktop builds before 0.1 kept their library in Electron's default folder
 * (`kho-tri-thuc` under %APPDATA%, ~/Library/Application Support or ~/.config).
 * `chooseDataDir` finds such a folder: the app moves it to the shared place once
 * (when nothing is there yet); otherwise it is used where it is. Nothing is deleted.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserError } from '../api/errors.js';
import { writeJsonAtomic } from '../store/atomic.js';
import { isS3Url, lanceUri, parseS3Location, type S3Location } from '../store/remote/location.js';

export const APP_FOLDER = 'Kho Tri Thuc';
/** The folder name on Linux, and of the desktop app's data before it shared the CLI's. */
export const LEGACY_FOLDER = 'kho-tri-thuc';

/** Which machine: the platform, its environment and the user's home (parameters, so every OS can be tested anywhere). */
export interface Host {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  home: string;
}

/** This machine as a Host (its platform, this environment, the user's home). */
export const thisHost = (env: NodeJS.ProcessEnv = process.env): Host => ({ platform: process.platform, env, home: os.homedir() });
const pathsOf = (platform: NodeJS.Platform) => (platform === 'win32' ? path.win32 : path.posix);

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = os.homedir()): string {
  const p = pathsOf(platform);
  if (platform === 'win32') return p.join(env.APPDATA || p.join(home, 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return p.join(home, 'Library', 'Application Support', APP_FOLDER);
  return p.join(env.XDG_DATA_HOME || p.join(home, '.local', 'share'), LEGACY_FOLDER);
}

/** Where Electron kept the desktop app's data when package.json had no productName: `<appData>/kho-tri-thuc`. */
export function legacyAppDataDir(host: Host): string {
  const p = pathsOf(host.platform);
  if (host.platform === 'win32') return p.join(host.env.APPDATA || p.join(host.home, 'AppData', 'Roaming'), LEGACY_FOLDER);
  if (host.platform === 'darwin') return p.join(host.home, 'Library', 'Application Support', LEGACY_FOLDER);
  return p.join(host.env.XDG_CONFIG_HOME || p.join(host.home, '.config'), LEGACY_FOLDER);
}

/** A folder holds a library when it has the index, the settings or the vector store. */
export function holdsLibrary(dir: string): boolean {
  return ['settings.json', 'index.json', 'lancedb', 'titles.minisearch.json'].some((name) => existsSync(path.join(dir, name)));
}

export interface DataDirChoice {
  dataDir: string;
  /**
   * `given`: --data or KHO_DATA; `default`: the shared folder; `moved`: the old app folder was moved
   * there; `adopted`: the old app folder is used where it is (the shared one could not take it);
   * `both`: both hold a library — the shared one is used, the old one left as it is.
   */
  how: 'given' | 'configured' | 'default' | 'moved' | 'adopted' | 'both';
  /** The old app folder, when one was found. */
  legacy?: string;
  /** The user's location setting is there but cannot be used (why): the default folder is used instead. */
  settingProblem?: string;
}

/**
 * The data folder to use, and what was done to get there. `move: true` (the desktop
 * app, at start, before anything is open) moves the old app folder to the shared
 * place when the shared place is missing or empty; `move: false` (the CLI) only
 * adopts it, so a command never moves a folder a running app may be using.
 */
export function chooseDataDir(explicit: string | undefined, host: Host, options: { move?: boolean } = {}): DataDirChoice {
  const given = explicit || host.env.KHO_DATA;
  // A library on object storage is named by its canonical s3:// location, never resolved as a path.
  if (given) return { dataDir: isS3Url(given) ? parseS3Location(given).url : path.resolve(given), how: 'given' };
  const setting = readLocationSetting(host);
  if (setting.location) return { dataDir: setting.location, how: 'configured' };
  const choice = chooseDefaultDir(host, options);
  return setting.problem ? { ...choice, settingProblem: setting.problem } : choice;
}

/** The shared default folder, or the old app folder (moved there when `move`; see chooseDataDir). */
function chooseDefaultDir(host: Host, options: { move?: boolean }): DataDirChoice {
  const shared = defaultDataDir(host.env, host.platform, host.home);
  const legacy = legacyAppDataDir(host);
  if (legacy === shared || !holdsLibrary(legacy)) return { dataDir: shared, how: 'default' };
  if (holdsLibrary(shared)) return { dataDir: shared, how: 'both', legacy };
  if (options.move && isMissingOrEmpty(shared)) {
    try {
      mkdirSync(path.dirname(shared), { recursive: true });
      if (existsSync(shared)) rmdirSync(shared); // empty, checked above; rmdir refuses anything else
      renameSync(legacy, shared);
      return { dataDir: shared, how: 'moved', legacy };
    } catch {
      // Another disk, a file in use (Windows), a second instance that moved it first: fall through.
      if (holdsLibrary(shared)) return { dataDir: shared, how: 'moved', legacy };
    }
  }
  return { dataDir: legacy, how: 'adopted', legacy };
}

function isMissingOrEmpty(dir: string): boolean {
  try {
    return readdirSync(dir).length === 0;
  } catch {
    return !existsSync(dir);
  }
}

/**
 * The user's settings folder — `%APPDATA%\Kho Tri Thuc`, `~/Library/Application Support/Kho Tri Thuc`,
 * `$XDG_CONFIG_HOME/kho-tri-thuc` — for what belongs to this user and machine and never to a
 * library (which may be shared): the root mapping, where the library lives.
 */
export function userSettingsDir(host: Host = thisHost()): string {
  // Windows and macOS keep settings beside the default data folder; elsewhere in the config folder.
  return host.platform === 'win32' || host.platform === 'darwin' ? defaultDataDir(host.env, host.platform, host.home) : legacyAppDataDir(host);
}

/** The per-user setting naming where the library lives (`kho location`, the app's library page). */
export const LOCATION_FILE = 'library-location.json';

export function locationFile(host: Host = thisHost()): string {
  return pathsOf(host.platform).join(userSettingsDir(host), LOCATION_FILE);
}

/**
 * A library location as the user typed it, in canonical form: `s3://bucket/prefix`
 * (parsed, so a bad bucket name is told now) or an absolute folder. Anything
 * else (a relative folder, another URL) is refused with `location.invalid`.
 */
export function canonicalLocation(value: string, platform: NodeJS.Platform = process.platform): string {
  const trimmed = value.trim();
  if (isS3Url(trimmed)) return parseS3Location(trimmed).url;
  const p = pathsOf(platform);
  if (!trimmed || /^[a-z][a-z0-9+.-]+:\/\//i.test(trimmed) || !p.isAbsolute(trimmed)) throw new UserError('location.invalid', { value: trimmed });
  return p.normalize(trimmed);
}

/**
 * The user's location setting, read once: where the library lives (null: none
 * set, or unusable), and why a file that is there cannot be used — not JSON, or
 * no valid location — or null. An unusable setting leaves the default folder;
 * the CLI and the app say so, naming the file (chooseDataDir's `settingProblem`).
 */
function readLocationSetting(host: Host): { location: string | null; problem: string | null } {
  let text: string;
  try {
    text = readFileSync(locationFile(host), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { location: null, problem: code === 'ENOENT' ? null : (code ?? String(error)) };
  }
  try {
    const saved = JSON.parse(text) as { location?: unknown } | null;
    if (saved?.location === null || saved?.location === undefined) return { location: null, problem: null };
    if (typeof saved.location !== 'string') return { location: null, problem: 'no location named' };
    return { location: canonicalLocation(saved.location, host.platform), problem: null };
  } catch (error) {
    return { location: null, problem: error instanceof UserError ? `"${(error.params as { value: string }).value}" is not a folder or s3:// location` : 'not JSON' };
  }
}

/** Where the user set the library to live, or null (none set, or a file this version cannot use: the default then applies). */
export function configuredLocation(host: Host = thisHost()): string | null {
  return readLocationSetting(host).location;
}

/** Set (or with null, clear) where the library lives for this user; returns the canonical form. Takes effect at the next start. */
export async function setConfiguredLocation(value: string | null, host: Host = thisHost()): Promise<string | null> {
  const location = value === null ? null : canonicalLocation(value, host.platform);
  await writeJsonAtomic(locationFile(host), { location });
  return location;
}

export function resolveDataDir(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return chooseDataDir(explicit, thisHost(env)).dataDir;
}

/** The files and folders inside a data folder (or, for `s3://bucket/prefix`, the objects under the prefix). */
export function dataLayout(dataDir: string) {
  if (isS3Url(dataDir)) return remoteLayout(parseS3Location(dataDir));
  return {
    dataDir,
    lance: path.join(dataDir, 'lancedb'),
    titles: path.join(dataDir, 'titles.minisearch.json'),
    settings: path.join(dataDir, 'settings.json'),
    manifest: path.join(dataDir, 'index.json'),
    failures: path.join(dataDir, 'failures.json'),
    lock: path.join(dataDir, 'write.lock'),
    /** Models live beside the index unless KHO_MODELS points elsewhere (e.g. a shared read-only folder). */
    models: process.env.KHO_MODELS ? path.resolve(process.env.KHO_MODELS) : path.join(dataDir, 'models'),
    /** Per-user things (the citation basket): the data folder itself. */
    local: dataDir,
    /** A reader's copy of a library on object storage; unused for a local folder. */
    copy: null as string | null,
    /** Where the library lives on object storage; null for a local folder. */
    remote: null as S3Location | null,
  };
}

/**
 * A library on object storage: the side files are objects under the prefix
 * (`s3://bucket/prefix/index.json`, read and written through the mounted
 * object store, see store/object-store.ts), LanceDB at `…/lancedb`. What
 * belongs to this user and machine — the basket, the embedding models — stays
 * in a local folder per location: `<default data folder>/remote/<bucket>/<prefix>`.
 */
function remoteLayout(location: S3Location) {
  const local = path.join(defaultDataDir(), 'remote', location.bucket, ...location.prefix.split('/').filter(Boolean));
  const at = (name: string) => `${location.url}/${name}`;
  return {
    dataDir: location.url,
    lance: lanceUri(location),
    titles: at('titles.minisearch.json'),
    settings: at('settings.json'),
    manifest: at('index.json'),
    failures: at('failures.json'),
    /** Unused: the writer lease (store/remote/lease.ts) takes the lock file's place. */
    lock: path.join(local, 'write.lock'),
    models: process.env.KHO_MODELS ? path.resolve(process.env.KHO_MODELS) : path.join(local, 'models'),
    local,
    /**
     * A reader's copy of the library (store/remote/mirror.ts): one folder per location, named by a
     * hash of it, so no prefix's folder can land inside another's copy (`s3://b/p` and `s3://b/p/mirror`).
     */
    copy: path.join(defaultDataDir(), 'remote-copies', `${location.bucket}-${createHash('sha256').update(location.url).digest('hex').slice(0, 12)}`),
    remote: location as S3Location | null,
  };
}

export type DataLayout = ReturnType<typeof dataLayout>;
