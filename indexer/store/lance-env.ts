/**
 * Runs before LanceDB loads (lance.ts imports it first). LanceDB sizes its
 * CPU thread pool to the core count; on a 2-core office PC its full-text
 * index builder then waits on itself forever (seen with 2,943 passages: the
 * build never finishes with 2 threads and takes 1.4 s with 4). Four threads
 * at least; a user's own setting wins.
 */
import os from 'node:os';

export const LANCE_MIN_CPU_THREADS = 4;

process.env.LANCE_CPU_THREADS ??= String(Math.max(LANCE_MIN_CPU_THREADS, os.availableParallelism?.() ?? os.cpus().length));
