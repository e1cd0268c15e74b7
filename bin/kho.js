#!/usr/bin/env node
// Entry point of the `kho` command: runs the compiled CLI (npm install builds dist/).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * glibc gives each thread that allocates its own malloc arena (up to eight per
 * core), and LanceDB's native threads keep theirs: a 10,000-document `kho index`
 * peaked at 1,537–1,685 MB resident with glibc's default and at 1,184–1,258 MB
 * with two arenas (three runs each), in the same time (bench/REPORT.md §3b).
 * glibc reads the limit only as a process starts, so the command starts itself
 * again with it set, as the same process (same id, streams and signals). A
 * user's own MALLOC_ARENA_MAX wins; a Node without process.execve (before
 * 22.15) runs with glibc's default.
 */
const MALLOC_ARENAS = '2';
if (process.platform === 'linux' && process.env.MALLOC_ARENA_MAX === undefined && typeof process.execve === 'function') {
  try {
    process.execve(process.execPath, [process.execPath, ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { ...process.env, MALLOC_ARENA_MAX: MALLOC_ARENAS });
  } catch {
    /* not replaced: run as we are */
  }
}

const cli = new URL('../dist/indexer/transports/cli/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  console.error('kho: the program is not built yet; run `npm install` (or `npm run build`) in the project folder first.');
  process.exit(1);
}
// `kho search … | head`: a closed pipe is not an error worth a stack trace.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const { main } = await import(cli.href);
process.exitCode = await main(process.argv.slice(2));
