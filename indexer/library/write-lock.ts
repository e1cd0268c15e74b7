/**
 * One writer per data folder. Within the process, writes (the app, the
 * watcher, the web UI) wait their turn in a queue; across processes (the app
 * and a `kho index` run), a lock file holds the writer's pid, and a lock left
 * by a process that died is taken over.
 */
import { open, readFile, rm } from 'node:fs/promises';
import { UserError } from '../api/errors.js';
import { isAlive } from '../ingest/jobs.js';

export class WriteLock {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly lockFile: string,
    private readonly dataDir: string,
  ) {}

  /** Run `work` as the data folder's only writer. */
  run<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(() => this.withLockFile(work));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async withLockFile<T>(work: () => Promise<T>): Promise<T> {
    const lock = this.lockFile;
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const handle = await open(lock, 'wx');
        await handle.writeFile(String(process.pid));
        await handle.close();
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
        const pid = Number((await readFile(lock, 'utf8').catch(() => '')).trim());
        if (pid && pid !== process.pid && isAlive(pid)) throw new UserError('index.busy', { pid, dataDir: this.dataDir });
        await rm(lock, { force: true }); // left by a process that died
      }
    }
    try {
      return await work();
    } finally {
      await rm(lock, { force: true });
    }
  }
}
