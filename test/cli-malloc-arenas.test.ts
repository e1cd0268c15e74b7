/**
 * `kho` starts itself again with two glibc malloc arenas (bin/kho.js): the
 * same process, so a caller's process id, streams and signals still reach it,
 * and a user's own MALLOC_ARENA_MAX is kept. The memory it saves is measured
 * by the indexing bench (bench/REPORT.md §3b), not here.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './helpers.js';

const work = tempDir('arenas');
afterAll(() => work.cleanup());

/** `kho serve` on a new library: its environment as Linux sees it, then Ctrl+C. */
async function serveEnvironment(name: string, extraEnv: NodeJS.ProcessEnv): Promise<{ malloc: string | undefined; exitCode: number | null }> {
  const env = { ...process.env, ...extraEnv };
  if (!('MALLOC_ARENA_MAX' in extraEnv)) delete env.MALLOC_ARENA_MAX;
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'kho.js'), 'serve', '--data', path.join(work.dir, name), '--port', '0', '--json'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.resume();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await expect.poll(() => stdout).toMatch(/"url":"http:\/\/127\.0\.0\.1:\d+\//);
  // The pid we started is the one serving: read its environment from /proc.
  const environ = readFileSync(`/proc/${child.pid}/environ`, 'utf8').split('\0');
  const malloc = environ.find((e) => e.startsWith('MALLOC_ARENA_MAX='))?.slice('MALLOC_ARENA_MAX='.length);
  child.kill('SIGINT');
  return { malloc, exitCode: await exited };
}

describe.runIf(process.platform === 'linux' && typeof (process as { execve?: unknown }).execve === 'function')('kho on Linux', () => {
  it('runs with two malloc arenas as the process it was started as, and stops on Ctrl+C', async () => {
    expect(await serveEnvironment('own', {})).toEqual({ malloc: '2', exitCode: 0 });
  });

  it("keeps the user's own MALLOC_ARENA_MAX", async () => {
    expect(await serveEnvironment('user', { MALLOC_ARENA_MAX: '4' })).toEqual({ malloc: '4', exitCode: 0 });
  });
});
