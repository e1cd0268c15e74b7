/**
 * One writer per data folder. Within the process, writes (the app, the
 * watcher, the web UI, `verify --repair`) wait their turn in a queue; across
 * processes (the app or `kho serve` and a `kho index` run), a lock file holds
 * the writer's pid: a second process is told who holds it (`index.busy`), and
 * a lock left by a process that died is taken over.
 *
 * Around each write: `acquired` runs once the lock is held (the writer first
 * catches up with what other processes committed), `releasing` just before
 * it is let go (the writer records the version it leaves).
 */
import { open, readFile, rm } from 'node:fs/promises';
import { UserError } from '../api/errors.js';
import { isAlive } from '../store/atomic.js';

export interface WriteLockHooks {
  acquired?: () => Promise<void>;
  releasing?: () => Promise<void>;
  /**
   * Wait for another live process's lock instead of refusing (the CLI's `kho index`
   * and `kho watch`): called once with the holder's pid when the wait starts. Without
   * it a second writer is refused at once with `index.busy` (the app and the web mode,
   * whose page says so).
   */
  waiting?: (pid: number) => void;
  /** While waiting: stop and refuse with `index.busy` once this says so (Ctrl+C). */
  stopWaiting?: () => boolean;
  /**
   * A library on object storage: the writer lease (store/remote/lease.ts) held for
   * the whole process takes the lock file's place. Checked before each write; it
   * throws when this process may not write (a reader, or a writer that lost the lease).
   */
  crossProcess?: { assertWriter(): void };
}

/** How often a waiting writer looks at the lock again. */
const WAIT_POLL_MS = 1_000;

export class WriteLock {
  private queue: Promise<unknown> = Promise.resolve();
  private active = 0;

  constructor(
    private readonly lockFile: string,
    private readonly dataDir: string,
    private readonly hooks: WriteLockHooks = {},
  ) {}

  /** A write of this process is queued or running. */
  get busy(): boolean {
    return this.active > 0;
  }

  /** Run `work` as the data folder's only writer. */
  run<T>(work: () => Promise<T>): Promise<T> {
    this.active++;
    const run = this.queue.then(() => this.withLockFile(work)).finally(() => this.active--);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The pid of another live process holding the lock, else null. */
  async holder(): Promise<number | null> {
    if (this.hooks.crossProcess) return null;
    const pid = Number((await readFile(this.lockFile, 'utf8').catch(() => '')).trim());
    return pid && pid !== process.pid && isAlive(pid) ? pid : null;
  }

  private async withLockFile<T>(work: () => Promise<T>): Promise<T> {
    if (this.hooks.crossProcess) {
      this.hooks.crossProcess.assertWriter();
      await this.hooks.acquired?.();
      const result = await work();
      await this.hooks.releasing?.();
      return result;
    }
    const lock = this.lockFile;
    let announced = false;
    for (let staleRemoved = 0; ; ) {
      try {
        const handle = await open(lock, 'wx');
        await handle.writeFile(String(process.pid));
        await handle.close();
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const pid = await this.holder();
        if (!pid) {
          if (++staleRemoved > 3) throw error;
          // A lock created this instant may not hold its pid yet: look once more before
          // taking it over as left by a process that died (the lock file only, never data).
          if (staleRemoved === 1) await new Promise((resolve) => setTimeout(resolve, 200));
          else await rm(lock, { force: true });
          continue;
        }
        const { waiting, stopWaiting } = this.hooks;
        if (!waiting || stopWaiting?.()) throw new UserError('index.busy', { pid, dataDir: this.dataDir });
        if (!announced) waiting(pid);
        announced = true;
        staleRemoved = 0;
        await new Promise((resolve) => setTimeout(resolve, WAIT_POLL_MS));
      }
    }
    try {
      await this.hooks.acquired?.();
      const result = await work();
      await this.hooks.releasing?.();
      return result;
    } finally {
      await rm(lock, { force: true }); // our own lock file
    }
  }
}
