/**
 * Check the object storage before trusting it with more than one writer.
 *
 * The writer lease (lease.ts) and LanceDB's own commits (a new manifest is
 * written create-only) are safe only when the server honours conditional
 * writes. Some do not — an older gateway, a proxy that drops the headers: then
 * both of two writers are told "done" and one's work is silently lost (seen
 * with a proxy stripping `If-None-Match`: 420 of 700 rows kept). So at first
 * connect the writer runs, on a probe object of its own:
 *
 * - race: two create-only puts (`If-None-Match: *`) of the same new key at
 *   once — exactly one must succeed (PROBE_RACE_ROUNDS rounds; see
 *   PROBE_RACE_TOLERATED for a server that checks but not atomically);
 * - create-only: a third create-only put of the now existing key must fail;
 * - stale-etag: replace the object with `If-Match` on its etag (must succeed),
 *   then again with the now stale etag — that must fail.
 *
 * Where one check fails, `requireConditionalWrites` refuses with
 * `remote.noConditionalWrites` naming the check; the caller then allows no
 * second writer (or uses an external commit store where one is configured).
 * The probe objects are deleted afterwards (best effort; they are small and
 * named per process under `_kho/probe/`).
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { UserError } from '../../api/errors.js';
import type { ConditionalWriteCheck } from '../../api/messages.js';
import { KHO_FOLDER, keyIn } from './location.js';
import { S3Error, type S3Client } from './s3-client.js';

/**
 * Rounds of the two-writer race. A server that ignores the header lets both
 * win every round; five rounds also catch one that checks only now and then.
 */
export const PROBE_RACE_ROUNDS = 5;

/**
 * Rounds where both writers may win before the race check fails: one. A server
 * whose check is right but not atomic with the write lets both win only when
 * the two requests meet within microseconds — moto does (measured: 1 race in
 * 300) — and that is told apart from a server or proxy that ignores the header
 * (both win every round). The sequential checks must pass exactly.
 */
export const PROBE_RACE_TOLERATED = 1;

export type RaceOutcome = 'one-winner' | 'both-won' | 'none-won';

export interface ProbeResult {
  /** True when every check passed: conditional writes can be trusted. */
  honoured: boolean;
  /** The first check that failed, else null. */
  failed: ConditionalWriteCheck | null;
  /** What each race round gave. */
  race: RaceOutcome[];
  /** The create-only put of an existing key: refused as it must be, or accepted (overwrote it). */
  createOnly: 'refused' | 'accepted';
  /** The put with a stale If-Match: refused as it must be, or accepted. */
  staleEtag: 'refused' | 'accepted';
}

export interface ProbeOptions {
  rounds?: number;
}

/** Run the checks on the library's bucket. Errors other than a failed condition (access denied, offline) are thrown. */
export async function probeConditionalWrites(client: S3Client, options: ProbeOptions = {}): Promise<ProbeResult> {
  const rounds = options.rounds ?? PROBE_RACE_ROUNDS;
  const base = keyIn(client.config.location, KHO_FOLDER, 'probe', `${os.hostname().replace(/[^\w.-]/g, '_')}-${process.pid}-${randomBytes(6).toString('hex')}`);
  const keys: string[] = [];
  try {
    const race: RaceOutcome[] = [];
    for (let round = 0; round < rounds; round++) {
      const key = `${base}-race-${round}.json`;
      keys.push(key);
      const [a, b] = await Promise.all([attempt(() => client.put(key, body('first', round), { ifNoneMatch: true })), attempt(() => client.put(key, body('second', round), { ifNoneMatch: true }))]);
      race.push(a && b ? 'both-won' : a || b ? 'one-winner' : 'none-won');
    }
    const key = `${base}-etag.json`;
    keys.push(key);
    const created = await client.put(key, body('created', 0), { ifNoneMatch: true });
    const createOnly = (await attempt(() => client.put(key, body('overwrite', 0), { ifNoneMatch: true }))) ? 'accepted' : 'refused';
    // Whatever is there now, read its etag (the overwrite above may have changed it).
    const current = (await client.head(key))?.etag ?? created.etag;
    await client.put(key, body('replaced', 0), { ifMatch: current });
    const staleEtag = (await attempt(() => client.put(key, body('stale', 0), { ifMatch: current }))) ? 'accepted' : 'refused';
    const lostRaces = race.filter((r) => r === 'both-won').length;
    const raceFailed = lostRaces > PROBE_RACE_TOLERATED || race.includes('none-won');
    const failed: ConditionalWriteCheck | null = raceFailed ? 'race' : createOnly === 'accepted' ? 'create-only' : staleEtag === 'accepted' ? 'stale-etag' : null;
    return { honoured: failed === null, failed, race, createOnly, staleEtag };
  } finally {
    for (const key of keys) await client.delete(key).catch(() => undefined);
  }
}

/** Refuse (`remote.noConditionalWrites`) when the probe found the server does not honour conditional writes. */
export function requireConditionalWrites(result: ProbeResult, client: S3Client): void {
  if (result.honoured) return;
  throw new UserError('remote.noConditionalWrites', { url: client.config.location.url, endpoint: client.config.endpoint ?? 'AWS S3', check: result.failed ?? 'race' });
}

/** True when the put succeeded, false when its condition failed; anything else is thrown. */
async function attempt(put: () => Promise<unknown>): Promise<boolean> {
  try {
    await put();
    return true;
  } catch (error) {
    if (error instanceof S3Error && error.kind === 'precondition-failed') return false;
    throw error;
  }
}

const body = (who: string, round: number) => JSON.stringify({ probe: who, round, at: new Date().toISOString() });
