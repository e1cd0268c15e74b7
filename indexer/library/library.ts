/**
 * The library: one data folder with its stores, serving the KhoApi contract.
 * The CLI, the web server and the Electron main process each hold one.
 */
import { existsSync } from 'node:fs';
import { mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type {
  BasketExport, BasketHit, BasketItem, CitationStyle, IndexProgress, IndexRequest, IndexSummary, KhoApi, LibraryStatus,
  ModelInfo, SearchHit, SearchRequest, SearchResponse, SuggestRequest, Suggestion,
} from '../api/contract.js';
import { BasketApi } from '../cite/basket-api.js';
import { citations } from '../cite/citation.js';
import { Overrides } from '../policy/overrides.js';
import type {
  DocumentList, DocumentListRequest, DocumentReport, DocumentText, RelatedDocument, RelatedRequest, RemoveFolderResult, SetStatusRequest,
} from '../api/documents.js';
import { documentText, listDocuments, relatedDocuments, type DocumentsContext } from './documents.js';
import { PolicyView } from '../policy/policy.js';
import { STATUS_VALUES, type StatusValue } from '../analyze/references/relations.js';
import { openEmbedder, type Embedder } from '../embed/embedder.js';
import { DEFAULT_MODEL_ID, fetchModel, importModel, listModels, readManifest, type FetchOptions, type ModelManifest } from '../embed/models.js';
import { UserError } from '../api/errors.js';
import { embedMissing, ingest, removeUnder, type FailureRecord, type IngestContext } from '../ingest/ingest.js';
import { isAlive, JobLog, watchFolders } from '../ingest/jobs.js';
import { dataLayout, type DataLayout } from './paths.js';
import { search, type SearchContext } from '../search/search.js';
import { Catalogue } from '../store/catalogue.js';
import { LanceStore, type VectorTable } from '../store/lance.js';
import { TitleIndex } from '../store/minisearch.js';
import { readJson, writeJsonAtomic } from '../store/atomic.js';
import { normalizeText } from '../common/normalize.js';
import { verifyStores, type VerifyReport } from './verify.js';

export type { VerifyReport };

export interface LibraryOptions {
  dataDir: string;
  onProgress?: (progress: IndexProgress) => void;
  /** Embed in a worker thread while indexing (default true). */
  embedInWorker?: boolean;
  /** ONNX Runtime threads for embedding. */
  threads?: number;
}

interface Settings {
  /** The embedding model the user chose; null = the default model if installed. */
  model?: string | null;
  /** Library folders: rescanned at start and watched while the app runs. */
  folders?: string[];
}

/** What the index was built with. */
interface IndexManifest {
  version: number;
  model: { id: string; dims: number } | null;
}

/** Bump when the stored layout changes: older data folders are then rebuilt. */
const MANIFEST_VERSION = 6;


export class Library implements KhoApi {
  private embedder: Promise<Embedder> | null = null;
  private vectorTable: VectorTable | null = null;
  private cancelRequested = false;
  private readonly jobs: JobLog;
  private readonly baskets: BasketApi;
  private overridesFile: Promise<Overrides> | null = null;
  private policyCache: { version: number; view: Promise<PolicyView> } | null = null;
  private catalogueVersion = 0;
  /** Progress of the run in hand, for `status()`; null when idle. */
  private running: IndexProgress | null = null;
  /** Told when the library folders change (the watcher follows them). */
  private readonly folderListeners = new Set<() => void>();

  private constructor(
    private readonly options: LibraryOptions,
    readonly layout: DataLayout,
    private readonly store: LanceStore,
    private readonly titles: TitleIndex,
    private readonly catalogue: Catalogue,
    private readonly failures: Map<string, FailureRecord>,
  ) {
    this.jobs = new JobLog(path.join(layout.dataDir, 'job.json'));
    this.baskets = new BasketApi(layout.dataDir);
  }

  static async open(options: LibraryOptions): Promise<Library> {
    const layout = dataLayout(options.dataDir);
    try {
      await mkdir(layout.dataDir, { recursive: true });
      const probe = await open(path.join(layout.dataDir, '.write-test'), 'w');
      await probe.close();
      await rm(path.join(layout.dataDir, '.write-test'), { force: true });
    } catch (error) {
      throw new UserError(`the data folder ${layout.dataDir} cannot be used (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    const manifest = await readJson<IndexManifest | null>(layout.manifest, null);
    if (manifest && manifest.version !== MANIFEST_VERSION) {
      // Built by an older version with another layout: start afresh (sources are untouched; re-index).
      await rm(layout.lance, { recursive: true, force: true });
      await rm(layout.titles, { force: true });
      await rm(layout.manifest, { force: true });
    }
    const store = await LanceStore.open(layout.lance);
    const catalogue = await Catalogue.load(store);
    const documents = catalogue.all();
    let titles = await TitleIndex.load(layout.titles);
    if (!titles || titles.size !== documents.length || documents.some((d) => !titles!.has(d.id))) {
      // Missing or damaged: rebuild from the catalogue and the stored passages' sections.
      titles = TitleIndex.empty(layout.titles);
      const headings = new Map<string, Set<string>>();
      for await (const batch of store.passagesWhere(null, 1000)) {
        for (const p of batch) if (p.section) (headings.get(p.docId) ?? headings.set(p.docId, new Set()).get(p.docId)!).add(p.section);
      }
      for (const d of documents) {
        titles.upsert({ id: d.id, title: d.title, fileName: path.basename(d.path), headings: [...(headings.get(d.id) ?? [])].join('\n') });
      }
      await titles.save();
    }
    const failureList = await readJson<FailureRecord[]>(layout.failures, []);
    const failures = new Map(failureList.map((f) => [f.path, f]));
    return new Library(options, layout, store, titles, catalogue, failures);
  }

  async close(): Promise<void> {
    if (this.embedder) await (await this.embedder.catch(() => null))?.close();
    this.vectorTable?.close();
    this.store.close();
  }

  // ---- models ----

  private async settings(): Promise<Settings> {
    return readJson<Settings>(this.layout.settings, {});
  }

  /** The model in use: the user's choice, else the default model when it is installed. */
  async activeModel(): Promise<ModelManifest | null> {
    const chosen = (await this.settings()).model;
    if (chosen) return readManifest(this.layout.models, chosen);
    return readManifest(this.layout.models, DEFAULT_MODEL_ID);
  }

  async listModels(): Promise<ModelInfo[]> {
    return listModels(this.layout.models, (await this.activeModel())?.id ?? null);
  }

  /** Import a model folder, make it the active model, and embed the library with it. */
  async importModel(request: { folder: string; id?: string }): Promise<ModelInfo> {
    const folder = path.resolve(String(request?.folder ?? ''));
    if (!existsSync(folder)) throw new UserError(`model folder not found: ${folder}`);
    let manifest: ModelManifest;
    try {
      manifest = await importModel(this.layout.models, folder, request.id);
    } catch (error) {
      throw new UserError((error as Error).message);
    }
    return this.activate(manifest);
  }

  async fetchModel(id: string, options: FetchOptions = {}): Promise<ModelInfo> {
    let manifest: ModelManifest;
    try {
      manifest = await fetchModel(this.layout.models, id, options);
    } catch (error) {
      throw new UserError((error as Error).message);
    }
    return this.activate(manifest);
  }

  private async activate(manifest: ModelManifest): Promise<ModelInfo> {
    await writeJsonAtomic(this.layout.settings, { ...(await this.settings()), model: manifest.id });
    // Forget the previous model's table and embedder; the next use opens the new ones.
    if (this.embedder) await (await this.embedder.catch(() => null))?.close();
    this.vectorTable?.close();
    this.embedder = null;
    this.vectorTable = null;
    if (this.catalogue.size > 0) await this.withWriteLock(async () => embedMissing(await this.ingestContext()));
    const info = (await this.listModels()).find((m) => m.id === manifest.id);
    if (!info) throw new Error(`model ${manifest.id} was installed but is not listed`);
    return info;
  }

  /**
   * The vector side for the active model, opening (or creating) its table. When
   * the model changed since the index was built, the old vectors are dropped and
   * the manifest updated: the next embedding pass fills the new table.
   */
  private async vectorSide(forWrite: boolean): Promise<SearchContext['vectors']> {
    const model = await this.activeModel();
    if (!model) {
      if (forWrite) await writeJsonAtomic(this.layout.manifest, { version: MANIFEST_VERSION, model: null } satisfies IndexManifest);
      return null;
    }
    const name = vectorTableName(model);
    if (forWrite) {
      for (const old of await this.store.vectorTableNames()) if (old !== name) await this.store.dropVectors(old);
      await writeJsonAtomic(this.layout.manifest, { version: MANIFEST_VERSION, model: { id: model.id, dims: model.dims } } satisfies IndexManifest);
    } else if (!(await this.store.vectorTableNames()).includes(name)) {
      return null;
    }
    this.vectorTable ??= await this.store.openVectors(name, model.dims);
    const worker = this.options.embedInWorker ?? true;
    return {
      table: this.vectorTable,
      embedder: () => (this.embedder ??= openEmbedder(this.layout.models, model, { worker: forWrite && worker, threads: this.options.threads })),
    };
  }

  // ---- indexing ----

  private async ingestContext(): Promise<IngestContext> {
    return {
      store: this.store,
      titles: this.titles,
      catalogue: this.catalogue,
      failures: this.failures,
      vectors: await this.vectorSide(true),
      onProgress: (progress) => {
        this.running = progress.phase === 'done' ? null : { ...progress };
        this.jobs.progress(progress);
        this.options.onProgress?.(progress);
      },
      cancelled: () => this.cancelRequested,
    };
  }

  /** The library folders (rescanned at start, watched while the app runs). */
  async folders(): Promise<string[]> {
    return (await this.settings()).folders ?? [];
  }

  /**
   * Index files and folders. Folders become library folders. With no paths,
   * rescan the library folders — or resume an interrupted run's roots.
   */
  async index(request: IndexRequest): Promise<IndexSummary> {
    let paths = (request?.paths ?? []).map((p) => path.resolve(String(p)));
    if (paths.length === 0) {
      const interrupted = await this.jobs.interrupted();
      paths = interrupted?.roots ?? (await this.folders());
      if (paths.length === 0) throw new UserError('give at least one file or folder to index');
    }
    const folders: string[] = [];
    for (const p of paths) {
      try {
        if ((await stat(p)).isDirectory()) folders.push(p);
      } catch {
        throw new UserError(`no such file or folder: ${p}`);
      }
    }
    return this.withWriteLock(async () => {
      const known = await this.folders();
      const added = folders.filter((f) => !known.includes(f));
      if (added.length > 0) await this.saveFolders([...known, ...added]);
      this.cancelRequested = false;
      await this.jobs.start(paths);
      try {
        const summary = await ingest(await this.ingestContext(), paths);
        this.catalogueVersion++;
        await this.jobs.finish(summary.cancelled ? 'cancelled' : 'done');
        return summary;
      } catch (error) {
        await this.jobs.finish('failed', (error as Error).message);
        throw error;
      } finally {
        this.running = null;
        await writeJsonAtomic(this.layout.failures, [...this.failures.values()]);
      }
    });
  }

  private async saveFolders(folders: string[]): Promise<void> {
    await writeJsonAtomic(this.layout.settings, { ...(await this.settings()), folders });
    for (const listener of this.folderListeners) listener();
  }

  /** Take a folder out of the library: its documents leave every store (the files stay where they are). */
  async removeFolder(request: { folder: string }): Promise<RemoveFolderResult> {
    const folder = path.resolve(String(request?.folder ?? ''));
    return this.withWriteLock(async () => {
      const known = await this.folders();
      if (!known.includes(folder)) throw new UserError(`${folder} is not a library folder (the folders are: ${known.join(', ') || 'none'})`);
      const remaining = known.filter((f) => f !== folder);
      await this.saveFolders(remaining);
      const removed = await removeUnder(await this.ingestContext(), folder, remaining);
      await this.titles.save();
      await writeJsonAtomic(this.layout.failures, [...this.failures.values()]);
      this.catalogueVersion++;
      return { removed, folders: remaining };
    });
  }

  /** Stop the running index after the file in hand; what is done stays done. */
  async cancelIndex(): Promise<void> {
    this.cancelRequested = true;
  }

  /**
   * Rescan the library folders now and whenever files in them change, until
   * `close()` is called. Changes show in search within seconds.
   */
  async watch(onSummary: (summary: IndexSummary) => void, onError: (error: Error) => void): Promise<{ close(): void }> {
    const rescan = async () => {
      const folders = await this.folders();
      if (folders.length > 0) onSummary(await this.index({ paths: folders }));
    };
    let watcher = watchFolders(await this.folders(), rescan, onError);
    // Folders added or removed while the app runs are watched (or dropped) at once.
    const follow = () => {
      void this.folders().then((folders) => {
        if (!this.folderListeners.has(follow)) return;
        watcher.close();
        watcher = watchFolders(folders, rescan, onError);
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

  /** Writes from this process (the app, the watcher, the web UI) wait their turn. */
  private writeQueue: Promise<unknown> = Promise.resolve();

  /** One writer per data folder: in-process, a queue; across processes, a lock file holding the writer's pid. */
  private withWriteLock<T>(work: () => Promise<T>): Promise<T> {
    const run = this.writeQueue.then(() => this.withLockFile(work));
    this.writeQueue = run.catch(() => undefined);
    return run;
  }

  private async withLockFile<T>(work: () => Promise<T>): Promise<T> {
    const lock = this.layout.lock;
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const handle = await open(lock, 'wx');
        await handle.writeFile(String(process.pid));
        await handle.close();
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
        const pid = Number((await readFile(lock, 'utf8').catch(() => '')).trim());
        if (pid && pid !== process.pid && isAlive(pid)) throw new UserError(`another indexing run (process ${pid}) is writing to ${this.layout.dataDir}`);
        await rm(lock, { force: true }); // left by a process that died
      }
    }
    try {
      return await work();
    } finally {
      await rm(lock, { force: true });
    }
  }

  /** Whether a path is a document of the library (transports serve no other file). */
  hasDocument(filePath: string): boolean {
    return this.catalogue.has(filePath);
  }

  /** Check that the stores agree (see verify.ts). */
  async verify(): Promise<VerifyReport> {
    return verifyStores({ store: this.store, catalogue: this.catalogue, titles: this.titles, vectors: await this.vectorSide(false) });
  }

  // ---- policy memory ----

  /** References resolved across the library and each document's validity; rebuilt after indexing. */
  policy(): Promise<PolicyView> {
    if (!this.policyCache || this.policyCache.version !== this.catalogueVersion) {
      this.policyCache = { version: this.catalogueVersion, view: this.overrides().then((o) => new PolicyView(this.catalogue, o)) };
    }
    return this.policyCache.view;
  }

  /** The user's status decisions; one instance, so the policy view sees a change at once. */
  private overrides(): Promise<Overrides> {
    return (this.overridesFile ??= Overrides.open(path.join(this.layout.dataDir, 'overrides.json')));
  }

  /** A document's metadata, validity with evidence, and relations both ways (`kho doc`). */
  async document(request: { path: string }): Promise<DocumentReport> {
    const absolute = path.resolve(String(request?.path ?? ''));
    const primary = this.catalogue.byPath(absolute)?.path;
    const report = primary ? (await this.policy()).report(primary) : null;
    if (!report) throw new UserError(`${absolute} is not a document of the library (index it first)`);
    return report;
  }

  /** Record (or with value null, drop) the user's view of a document's validity. */
  async setStatus(request: SetStatusRequest): Promise<DocumentReport> {
    const absolute = path.resolve(String(request?.path ?? ''));
    const primary = this.catalogue.byPath(absolute)?.path;
    if (!primary) throw new UserError(`${absolute} is not a document of the library (index it first)`);
    const value = request?.value ?? null;
    if (value !== null && !(STATUS_VALUES as readonly string[]).includes(value)) {
      throw new UserError(`unknown status "${String(value)}" (expected one of ${STATUS_VALUES.join(', ')}, or null to clear)`);
    }
    const overrides = await this.overrides();
    // Kept by document id, which survives the file being moved or renamed (a path key would be lost).
    const id = this.catalogue.byPath(primary)!.id;
    await overrides.clear(primary); // an override of an older version, kept by path
    if (value === null) await overrides.clear(id);
    else await overrides.set(id, value as StatusValue, request.note ?? null);
    return this.document({ path: primary });
  }

  private async documentsContext(): Promise<DocumentsContext> {
    return { store: this.store, catalogue: this.catalogue, failures: this.failures, policy: await this.policy(), vectors: () => this.vectorSide(false) };
  }

  /** "More like this": nearest passages by meaning when embedded, shared distinctive terms otherwise. */
  async related(request: RelatedRequest): Promise<RelatedDocument[]> {
    return relatedDocuments(await this.documentsContext(), request);
  }

  async documents(request: DocumentListRequest): Promise<DocumentList> {
    return listDocuments(await this.documentsContext(), request ?? {});
  }

  async documentText(request: { path: string }): Promise<DocumentText> {
    return documentText(await this.documentsContext(), request?.path);
  }

  // ---- citation basket ----

  /** A stored passage as a basket hit, with its citations (for `kho basket add <passageId>`). */
  async passageHit(passageId: string): Promise<BasketHit> {
    const [passage] = await this.store.passagesByIds([passageId]);
    const doc = passage && this.catalogue.get(passage.docId);
    if (!passage || !doc) throw new UserError(`no passage ${passageId} in the library (copy a passageId from "kho search --json")`);
    const cited = citations(this.catalogue.metadataOf(doc), { path: doc.path, page: passage.page, pageEnd: passage.pageEnd, section: passage.section, title: doc.title });
    return {
      passageId, documentId: doc.id, path: doc.path, title: doc.title, page: passage.page, pageEnd: passage.pageEnd,
      section: passage.section, text: passage.text, citation: cited.best, citations: cited,
    };
  }

  basketList(): Promise<BasketItem[]> {
    return this.baskets.list();
  }

  basketAdd(request: { hit: BasketHit; note?: string; position?: number }): Promise<BasketItem> {
    return this.baskets.add(request);
  }

  basketRemove(request: { id: string }): Promise<BasketItem[]> {
    return this.baskets.remove(request);
  }

  basketReorder(request: { ids: string[] }): Promise<BasketItem[]> {
    return this.baskets.reorder(request);
  }

  basketSetNote(request: { id: string; note: string }): Promise<BasketItem> {
    return this.baskets.setNote(request);
  }

  basketClear(): Promise<void> {
    return this.baskets.clear();
  }

  basketExport(request: { format: 'markdown' | 'docx'; style?: CitationStyle; title?: string }): Promise<BasketExport> {
    return this.baskets.export(request);
  }

  // ---- searching ----

  async search(request: SearchRequest): Promise<SearchResponse> {
    const vectors = await this.vectorSide(false);
    const notices: string[] = [];
    if (!vectors) notices.push(await this.keywordOnlyNotice());
    else {
      const embedded = await vectors.table.count();
      const total = await this.store.countPassages();
      if (embedded < total) notices.push(`${total - embedded} of ${total} passages have no vector yet; run "kho index" to embed them`);
    }
    const response = await search({ store: this.store, documents: this.catalogue, vectors, notices, policy: await this.policy() }, request);
    if (request?.sort === 'date') response.hits = sortByDate(response.hits);
    else if (request?.sort !== undefined && request.sort !== 'relevance') throw new UserError('sort must be "relevance" or "date"');
    return response;
  }

  async suggest(request: SuggestRequest): Promise<Suggestion[]> {
    const prefix = normalizeText(String(request?.prefix ?? '')).trim();
    const limit = Math.min(Math.max(Number(request?.limit) || 8, 1), 50);
    return this.titles.suggest(prefix, limit);
  }

  private async keywordOnlyNotice(): Promise<string> {
    const model = await this.activeModel();
    return model
      ? `keyword search only: passages are not embedded with ${model.id} yet; run "kho index"`
      : `keyword search only: no embedding model installed (see "kho model import" / "kho model fetch")`;
  }

  async status(): Promise<LibraryStatus> {
    const manifest = await readJson<IndexManifest | null>(this.layout.manifest, null);
    const vectors = await this.vectorSide(false);
    const passages = await this.store.countPassages();
    const model = manifest?.model && vectors ? { ...manifest.model, embeddedPassages: await vectors.table.count() } : null;
    const notices = model ? [] : [await this.keywordOnlyNotice()];
    const interrupted = await this.jobs.interrupted();
    if (interrupted) {
      const p = interrupted.progress;
      const how = interrupted.state === 'cancelled' ? 'was cancelled' : 'was interrupted';
      notices.push(`an indexing run ${how}${p ? ` at ${p.filesDone}/${p.filesTotal} files` : ''}; "kho index" (or restarting the app) resumes it`);
    }
    return {
      dataDir: this.layout.dataDir,
      documents: this.catalogue.size,
      passages,
      mode: model ? 'hybrid' : 'keyword',
      model,
      failures: [...this.failures.values()].map(({ path: p, kind, reason, at }) => ({ path: p, kind, reason, at })),
      notices,
      folders: await this.folders(),
      running: this.running,
    };
  }
}

function vectorTableName(model: ModelManifest): string {
  return `vectors_${model.id.replace(/[^A-Za-z0-9]+/g, '_')}_${model.dims}`;
}

/**
 * The relevant hits, newest document first (issue date, else year); undated
 * documents last; relevance decides within a date (the sort is stable).
 */
function sortByDate(hits: SearchHit[]): SearchHit[] {
  const when = (h: SearchHit) => h.metadata?.date ?? (h.metadata?.year ? `${h.metadata.year}` : '');
  return [...hits].sort((a, b) => when(b).localeCompare(when(a)));
}
