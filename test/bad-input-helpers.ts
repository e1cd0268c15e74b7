/** Helpers for the bad-input suites (test/bad-input*.test.ts): guarded CLI runs, source hashes, big folders. */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, lstatSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './helpers.js';

/** A failure as `kho index --json` and `kho status --json` list it. */
export interface Failure {
  path: string;
  kind: string;
  reason: string;
  at: string;
}

/**
 * Signs that a process crashed rather than naming a failure: the CLI's internal-error line
 * (indexer/common/messages: English and Vietnamese), V8's and the OS's, a stack trace.
 */
export const CRASH = /kho: unexpected error|lỗi ngoài dự kiến|FATAL ERROR|heap out of memory|Segmentation fault|core dumped|Unhandled|^\s+at .+:\d+:\d+\)?$/m;

export interface TimedRun {
  /** Exit code, or null when the process was killed (see `signal`, `stalled`). */
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Killed by the hang guard: it printed nothing for `stallMs`. */
  stalled: boolean;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * How long a `kho` process may print nothing (no progress line, no result) before
 * it is taken for hung and killed. A hang guard, not a time budget: an index run
 * prints progress every few seconds, and a slow or busy machine only makes the run
 * longer, never silent for this long.
 */
export const HANG_GUARD_MS = 20 * 60_000;

export interface RunOptions {
  /** Kill the process (SIGKILL) after this long without output (default HANG_GUARD_MS). */
  stallMs?: number;
  /** Called with each chunk of stderr (progress lines) while the run goes on. */
  onStderr?: (chunk: string, pid: number) => void;
}

/** Run the built `kho` CLI like a user, killing it only when it hangs (see HANG_GUARD_MS). */
export function khoTimed(args: string[], options: RunOptions = {}): Promise<TimedRun> {
  return new Promise((resolve) => {
    const env = { ...process.env };
    delete env.KHO_DATA;
    delete env.KHO_MODELS;
    const started = Date.now();
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'kho.js'), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let stalled = false;
    const stallMs = options.stallMs ?? HANG_GUARD_MS;
    let timer: NodeJS.Timeout | undefined;
    const watch = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        stalled = true;
        child.kill('SIGKILL');
      }, stallMs);
    };
    watch();
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      watch();
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      watch();
      options.onStderr?.(d, child.pid!);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stalled, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** One line saying how a run ended, for assertion messages. */
export function describeRun(run: TimedRun): string {
  const how = run.stalled ? `was killed after ${run.ms} ms, silent for the hang guard's time` : run.signal ? `died of ${run.signal}` : `exited ${run.code}`;
  return `kho ${how}; stderr tail:\n${run.stderr.slice(-3000)}`;
}

/** The exit code an `index --json` run must end with: 2 when its summary lists failed files, else 0. */
export function indexExit(run: TimedRun): number {
  try {
    return (JSON.parse(run.stdout) as { failed?: unknown[] }).failed?.length ? 2 : 0;
  } catch {
    return 0;
  }
}

/** Parse the one JSON object a --json run prints; throws with the run's story when it cannot. */
export function parseJson<T = any>(run: TimedRun): T {
  try {
    return JSON.parse(run.stdout) as T;
  } catch {
    throw new Error(`no JSON on stdout: ${describeRun(run)}`);
  }
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export interface FileFingerprint {
  type: 'file' | 'dir' | 'link' | 'other';
  mode: number;
  size: number;
  mtimeMs: number;
  /** sha256 of regular files this process can read, except those in `noHash` (compared by size and mtime). */
  sha256?: string;
}

/**
 * Fingerprints of everything under `dir`, without following links, keyed by path
 * relative to `dir`. Named pipes and unreadable files are not opened.
 */
export async function fingerprint(dir: string, noHash: Set<string>): Promise<Map<string, FileFingerprint>> {
  const result = new Map<string, FileFingerprint>();
  const visit = async (rel: string) => {
    const full = path.join(dir, rel);
    const info = lstatSync(full);
    const type = info.isFile() ? 'file' : info.isDirectory() ? 'dir' : info.isSymbolicLink() ? 'link' : 'other';
    const print: FileFingerprint = { type, mode: info.mode, size: info.size, mtimeMs: info.mtimeMs };
    if (type === 'file' && !noHash.has(rel)) {
      try {
        print.sha256 = await sha256(full);
      } catch {
        // unreadable for this user: mode, size and mtime still compared
      }
    }
    result.set(rel, print);
    if (type === 'dir') {
      let names: string[] = [];
      try {
        names = readdirSync(full);
      } catch {
        return;
      }
      for (const name of names.sort()) await visit(rel ? path.join(rel, name) : name);
    }
  };
  await visit('');
  return result;
}

// `count` small Vietnamese text files in folders of 100, each with its own marker word
// `zqtep<n>`: the bench's files/s figure (bench/lib/indexing.mjs) indexes the same folder.
export { makeSmallFiles } from '../bench/lib/small-files.mjs';
