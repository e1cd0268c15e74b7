/**
 * The indexing job record and the folder watcher.
 *
 * The record (job.json in the data folder) says what the current or last run
 * was doing, so a run cut short by a crash or a closed laptop is reported and
 * resumed: a new run over the same roots skips every committed file.
 */
import { watch, type FSWatcher } from 'node:fs';
import type { IndexProgress } from '../api/contract.js';
import { UserError } from '../api/errors.js';
import { isAlive, readJsonOrSetAside, writeJsonAtomic } from '../store/atomic.js';

export interface JobRecord {
  state: 'running' | 'done' | 'cancelled' | 'failed';
  roots: string[];
  pid: number;
  startedAt: string;
  updatedAt: string;
  progress: IndexProgress | null;
  error?: string;
}

/** Progress is written at most this often: enough to resume, cheap to keep. */
const RECORD_INTERVAL_MS = 2_000;

export class JobLog {
  private record: JobRecord | null = null;
  private lastWrite = 0;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly file: string) {}

  async read(): Promise<JobRecord | null> {
    // A damaged log is moved aside (kept): the next run writes a new one.
    return readJsonOrSetAside<JobRecord | null>(this.file, null, () => undefined);
  }

  /** A run that did not finish: cancelled by the user, or 'running' in a process that no longer exists. */
  async interrupted(): Promise<JobRecord | null> {
    const record = await this.read();
    if (record?.state === 'cancelled') return record;
    return record?.state === 'running' && record.pid !== process.pid && !isAlive(record.pid) ? record : null;
  }

  async start(roots: string[]): Promise<void> {
    const now = new Date().toISOString();
    this.record = { state: 'running', roots, pid: process.pid, startedAt: now, updatedAt: now, progress: null };
    await this.write(true);
  }

  progress(progress: IndexProgress): void {
    if (!this.record) return;
    this.record.progress = { ...progress };
    void this.write(false).catch(() => {});
  }

  async finish(state: JobRecord['state'], error?: string): Promise<void> {
    if (!this.record) return;
    this.record.state = state;
    if (error) this.record.error = error;
    await this.write(true);
    this.record = null;
  }

  /**
   * Writes run one after another: a progress write still in flight (slow disk, busy
   * machine) must not land after the final state and turn "cancelled" back into "running".
   */
  private write(force: boolean): Promise<void> {
    if (!this.record || (!force && Date.now() - this.lastWrite < RECORD_INTERVAL_MS)) return this.writing;
    this.lastWrite = Date.now();
    this.record.updatedAt = new Date().toISOString();
    const snapshot = JSON.parse(JSON.stringify(this.record)) as JobRecord;
    const next = this.writing.catch(() => {}).then(() => writeJsonAtomic(this.file, snapshot));
    this.writing = next;
    return next;
  }
}

/** How long the folders must be quiet before a rescan: editors save in bursts. */
export const WATCH_DEBOUNCE_MS = 1_000;

/**
 * Watch folders recursively and call `rescan` once changes settle. Rescans
 * never overlap: changes during a rescan trigger one more afterwards.
 */
export function watchFolders(folders: string[], rescan: () => Promise<void>, onError: (error: Error) => void): { close(): void } {
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let again = false;
  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        await rescan();
      } while (again);
    } catch (error) {
      onError(error as Error);
    } finally {
      running = false;
    }
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void run(), WATCH_DEBOUNCE_MS);
  };
  const watchers: FSWatcher[] = [];
  for (const folder of folders) {
    try {
      const watcher = watch(folder, { recursive: true }, schedule);
      watcher.on('error', (error) => onError(error));
      watchers.push(watcher);
    } catch (error) {
      onError(new UserError('folder.cannotWatch', { folder, problem: (error as NodeJS.ErrnoException).code ?? (error as Error).message }));
    }
  }
  return {
    close() {
      if (timer) clearTimeout(timer);
      for (const w of watchers) w.close();
    },
  };
}
