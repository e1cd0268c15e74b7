/**
 * The library's side files (index.json, settings.json, failures.json, job.json,
 * overrides.json, titles.minisearch.json) as named objects of one small store.
 *
 * A library in a local folder keeps them as files written atomically (a
 * temporary file renamed over the old one: atomic.ts, unchanged). A library
 * on object storage (`s3://bucket/prefix`) keeps them as objects under the
 * prefix, written with conditional puts (remote/object-store.ts). Callers keep
 * naming side files by path: `atomic.ts` sends a path under a mounted
 * `s3://…` location here, so every reader and writer of a side file works on
 * both kinds of library without knowing which it has.
 */

/** One store of side files, named relative to the library. */
export interface ObjectStore {
  /** Where it lives, for messages: a folder or `s3://bucket/prefix`. */
  readonly where: string;
  /** The object's bytes, or null when there is none. */
  get(name: string): Promise<Buffer | null>;
  /** Write the object whole: a reader sees the old version or the new one, never half. */
  put(name: string, data: string | Uint8Array): Promise<void>;
  /** Keep a damaged object under another name (never deleted). */
  setAside(name: string, to: string): Promise<void>;
}

const mounted = new Map<string, ObjectStore>();

/**
 * Make paths under `url` (`s3://bucket/prefix`, as `dataLayout` builds them)
 * go to `store`; returns the unmount. A second mount of the same url replaces
 * the first (one library per location in a process).
 */
export function mountObjectStore(url: string, store: ObjectStore): () => void {
  const key = url.replace(/\/+$/, '');
  mounted.set(key, store);
  return () => {
    if (mounted.get(key) === store) mounted.delete(key);
  };
}

/**
 * True for a path naming object storage: `s3://…`, also as `path.join` leaves
 * it — `s3:/…` on POSIX, `.\\s3:\\…` on Windows (where `s3:` looks like a relative name).
 */
export function isObjectPath(file: string): boolean {
  return /^(\.[\\/])?s3:[\\/]/i.test(file);
}

/**
 * The mounted store and the object name for a path under a mounted location,
 * else null (a local file). A path naming object storage that is not mounted is
 * a programming error, refused rather than written to a local folder named `s3:`.
 */
export function objectFor(file: string): { store: ObjectStore; name: string } | null {
  if (!isObjectPath(file)) return null;
  const url = `s3://${file.replace(/\\/g, '/').replace(/^(\.\/)?s3:\/+/i, '')}`;
  let best: string | null = null;
  for (const key of mounted.keys()) {
    if (url.startsWith(`${key}/`) && (best === null || key.length > best.length)) best = key;
  }
  if (best === null) throw new Error(`no object store is open for ${url}`);
  return { store: mounted.get(best)!, name: url.slice(best.length + 1) };
}
