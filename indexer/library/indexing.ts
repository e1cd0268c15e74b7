/**
 * Indexing runs of a library: the library folders, a run over files and
 * folders (resuming an interrupted one), taking a folder out, cancelling, and
 * watching the folders while the app runs. Every write goes through the data
 * folder's write lock; progress is logged (job.json) so a run cut short is
 * resumed at the next start.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { IndexProgress, IndexRequest, IndexSummary } from '../api/contract.js';
import type { RemoveFolderResult } from '../api/documents.js';
import { UserError } from '../api/errors.js';
import { cleanOrphans, embedMissing, ingest, removeUnder, type IngestContext } from '../ingest/ingest.js';
import { JobLog, watchFolders, type JobRecord } from '../ingest/jobs.js';
import { writeJsonAtomic } from '../store/atomic.js';
import type { Models } from './models.js';
import type { DataLayout } from './paths.js';
import type { SettingsFile } from './settings.js';
import type { Stores } from './stores.js';
import { planRepair } from './verify.js';
import { SourceRoots } from './roots.js';
import type { WriteLock } from './write-lock.js';

export class Indexing {
  private cancelRequested = false;
  /** Progress of the run in hand, for `status()`; null when idle. */
  private progress: IndexProgress | null = null;
  /** Bumped whenever the catalogue changes, so views built from it know they are stale. */
  private version = 0;
  /** Told when the library folders change (the watcher follows them). */
  private readonly folderListeners = new Set<() => void>();
  private readonly jobs: JobLog;
  /** Library roots mapped to where this machine mounts them: a moved root is read there, its documents keep their paths. */
  private readonly roots = new SourceRoots(() => this.folders());

  constructor(
    private readonly layout: DataLayout,
    private readonly stores: Stores,
    private readonly settings: SettingsFile,
    private readonly models: Models,
    private readonly lock: WriteLock,
    private readonly onProgress?: (progress: IndexProgress) => void,
  ) {
    this.jobs = new JobLog(path.join(layout.dataDir, 'job.json'));
  }

  /** Changes each time a run or a removal changed the catalogue. */
  get catalogueVersion(): number {
    return this.version;
  }

  /** The catalogue was reloaded (another process wrote): views built from it are stale. */
  invalidate(): void {
    this.version++;
  }

  /** The run in hand, or null when idle. */
  get running(): IndexProgress | null {
    return this.progress;
  }

  /** The last run, when it did not finish (cancelled or cut short). */
  interrupted(): Promise<JobRecord | null> {
    return this.jobs.interrupted();
  }

  private async context(): Promise<IngestContext> {
    return {
      ...this.stores,
      vectors: await this.models.vectorSide(true),
      onProgress: (progress) => {
        this.progress = progress.phase === 'done' ? null : { ...progress };
        this.jobs.progress(progress);
        this.onProgress?.(progress);
      },
      cancelled: () => this.cancelRequested,
      localOf: (recorded) => this.roots.readPath(recorded),
    };
  }

  /** The library folders (rescanned at start, watched while the app runs). */
  async folders(): Promise<string[]> {
    return (await this.settings.read()).folders ?? [];
  }

  /**
   * Index files and folders. Folders become library folders. With no paths,
   * rescan the library folders — or resume an interrupted run's roots.
   */
  async index(request: IndexRequest): Promise<IndexSummary> {
    // A path under a mapped root's local mount is indexed as the library recorded it (roots.ts).
    let paths = (request?.paths ?? []).map((p) => this.roots.recordedOf(path.resolve(String(p))));
    if (paths.length === 0) {
      const interrupted = await this.jobs.interrupted();
      paths = interrupted?.roots ?? (await this.folders());
      if (paths.length === 0) throw new UserError('index.noPaths');
    }
    const folders: string[] = [];
    for (const p of paths) {
      try {
        if ((await stat(this.roots.readPath(p))).isDirectory()) folders.push(p);
      } catch {
        throw new UserError('folder.missing', { path: p });
      }
    }
    return this.lock.run(async () => {
      const known = await this.folders();
      const added = folders.filter((f) => !known.includes(f));
      if (added.length > 0) await this.saveFolders([...known, ...added]);
      this.cancelRequested = false;
      await this.jobs.start(paths);
      try {
        const summary = await ingest(await this.context(), paths);
        this.version++;
        await this.jobs.finish(summary.cancelled ? 'cancelled' : 'done');
        return summary;
      } catch (error) {
        await this.jobs.finish('failed', (error as Error).message);
        throw error;
      } finally {
        this.progress = null;
        await this.saveFailures();
      }
    });
  }

  /** Embed what the active model has no vector for (after a model change). */
  async embedMissing(): Promise<void> {
    if (this.stores.catalogue.size === 0) return;
    await this.lock.run(async () => {
      const ctx = await this.context();
      // After a model change: the pass is the whole job, shown like a run's embedding phase.
      try {
        await embedMissing(ctx, (embed) => ctx.onProgress?.({ phase: 'embed', filesDone: 0, filesTotal: 0, passages: embed.passagesDone, embed, etaSeconds: embed.etaSeconds }));
      } finally {
        ctx.onProgress?.({ phase: 'done', filesDone: 0, filesTotal: 0, passages: 0, etaSeconds: 0 });
      }
    });
  }

  private async saveFolders(folders: string[]): Promise<void> {
    await this.settings.update({ folders });
    for (const listener of this.folderListeners) listener();
  }

  private async saveFailures(): Promise<void> {
    await writeJsonAtomic(this.layout.failures, [...this.stores.failures.values()]);
  }

  /** Take a folder out of the library: its documents leave every store (the files stay where they are). */
  async removeFolder(request: { folder: string }): Promise<RemoveFolderResult> {
    const folder = this.roots.recordedOf(path.resolve(String(request?.folder ?? '')));
    return this.lock.run(async () => {
      const known = await this.folders();
      if (!known.includes(folder)) throw new UserError('folder.notInLibrary', { folder, folders: known });
      const remaining = known.filter((f) => f !== folder);
      await this.saveFolders(remaining);
      const removed = await removeUnder(await this.context(), folder, remaining);
      await this.stores.titles.save();
      await this.saveFailures();
      this.version++;
      return { removed, folders: remaining };
    });
  }

  /**
   * `kho verify --repair`, under the write lock: documents whose passages are
   * duplicated, missing or stray leave every store and are indexed again from
   * their files; vectors stored twice are dropped and embedded again; what an
   * interrupted run left (orphans) is cleaned away.
   */
  async repair(): Promise<{ duplicates: number; orphans: number; reindexed: string[] }> {
    const { reindexed, duplicates, orphans } = await this.lock.run(async () => {
      const ctx = await this.context();
      const plan = await planRepair({ ...this.stores, vectors: ctx.vectors });
      const paths = plan.documents.map((id) => this.stores.catalogue.get(id)!.path);
      await this.stores.catalogue.remove(plan.documents, await this.stores.store.vectorTableNames());
      for (const id of plan.documents) this.stores.titles.remove(id);
      if (ctx.vectors) await ctx.vectors.table.deleteIds(plan.duplicateVectors);
      const cleaned = await cleanOrphans(ctx);
      await this.stores.titles.save();
      this.version++;
      return { reindexed: paths, duplicates: plan.duplicatePassages + plan.duplicateVectors.length, orphans: cleaned };
    });
    const present: string[] = [];
    for (const p of reindexed) if (await stat(this.roots.readPath(p)).then(() => true, () => false)) present.push(p);
    if (present.length > 0) await this.index({ paths: present });
    else await this.embedMissing();
    return { duplicates, orphans, reindexed };
  }

  /** Stop the running index after the file in hand; what is done stays done. */
  cancel(): void {
    this.cancelRequested = true;
  }

  /**
   * Rescan the library folders whenever files in them change, until `close()`
   * is called. Changes show in search within seconds. Callers start it before
   * their run at start, so that nothing saved meanwhile is missed.
   */
  async watch(onSummary: (summary: IndexSummary) => void, onError: (error: Error) => void): Promise<{ close(): void }> {
    const rescan = async () => {
      const folders = await this.folders();
      if (folders.length > 0) onSummary(await this.index({ paths: folders }));
    };
    let watcher = watchFolders((await this.folders()).map((f) => this.roots.readPath(f)), rescan, onError);
    // Folders added or removed while the app runs are watched (or dropped) at once.
    const follow = () => {
      void this.folders().then((folders) => {
        if (!this.folderListeners.has(follow)) return;
        watcher.close();
        watcher = watchFolders(folders.map((f) => this.roots.readPath(f)), rescan, onError);
      });
    };
    this.folderListeners.add(follow);
    return {
      close: () => {
        this.folderListeners.delete(follow);
        watcher.close();
      },
    };
  }
}
