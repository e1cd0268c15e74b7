/**
 * The library: one data folder with its stores, serving the KhoApi contract.
 * The CLI, the web server and the Electron main process each hold one.
 *
 * This class is the facade: it opens the stores (stores.ts) and hands each
 * request to the service that owns it — indexing runs and folders
 * (indexing.ts, under the write lock of write-lock.ts), embedding models and
 * the vector side (models.ts), documents and validity (document-views.ts),
 * search (searching.ts) and the citation basket (cite/basket-api.ts).
 */
import type { Message } from '../api/messages.js';
import type {
  BasketExport, BasketHit, BasketItem, CitationStyle, IndexProgress, IndexRequest, IndexSummary, KhoApi, LibraryStatus,
  ModelInfo, PageMarks, PageMarksRequest, SearchRequest, SearchResponse, SuggestRequest, Suggestion,
} from '../api/contract.js';
import type {
  DocumentList, DocumentListRequest, DocumentReport, DocumentText, LibraryLocation, LibraryRoot, MapRootRequest, RelatedDocument, RelatedRequest, RemoveFolderResult,
  SetStatusRequest,
} from '../api/documents.js';
import { UserError } from '../api/errors.js';
import { BasketApi } from '../cite/basket-api.js';
import type { FetchOptions, ModelManifest } from '../embed/models.js';
import type { PolicyView } from '../policy/policy.js';
import { readJson } from '../store/atomic.js';
import { DocumentViews } from './document-views.js';
import { PageMarker } from './page-marks.js';
import { Indexing } from './indexing.js';
import { Models } from './models.js';
import { configuredLocation, dataLayout, setConfiguredLocation, type DataLayout } from './paths.js';
import { Searching } from './searching.js';
import { SettingsFile } from './settings.js';
import { isUrlLike, markFresh, openStores, refreshStores, type IndexManifest, type Stores } from './stores.js';
import { readCacheEnabled, RemoteSession, type RemoteRole } from './remote.js';
import { verifyStores, type VerifyReport } from './verify.js';
import { WriteLock } from './write-lock.js';

export type { VerifyReport };

export interface LibraryOptions {
  dataDir: string;
  onProgress?: (progress: IndexProgress) => void;
  /** Embed in a worker thread while indexing (default true). */
  embedInWorker?: boolean;
  /** ONNX Runtime threads for embedding. */
  threads?: number;
  /** Whether opening may create (or migrate) the library; false for commands that only read (see stores.ts). Default true. */
  create?: boolean;
  /** `kho verify --repair`: move a table with no readable version aside and start it afresh. */
  repair?: boolean;
  /**
   * Wait while another process writes to the library (told once, with its pid), rather than
   * refusing with `index.busy`: for the CLI's `kho index`/`kho watch`. Cancelling stops the wait.
   */
  waitForWriter?: (pid: number) => void;
  /**
   * A library on object storage (`s3://…`): what this process wants to be (library/remote.ts).
   * Default: `writer-or-reader` when it may create, else `reader`.
   */
  remoteRole?: RemoteRole;
}


export class Library implements KhoApi {
  private readonly models: Models;
  private readonly indexing: Indexing;
  private readonly views: DocumentViews;
  private readonly marker = new PageMarker();
  private readonly searching: Searching;
  private readonly baskets: BasketApi;
  private readonly lock: WriteLock;
  /** The user asked to stop (cancelIndex) since the last index call. */
  private cancelled = false;

  private constructor(
    options: LibraryOptions,
    readonly layout: DataLayout,
    private readonly stores: Stores,
    /** The connection of a library on object storage; null for a local folder. */
    private readonly remote: RemoteSession | null = null,
  ) {
    const settings = new SettingsFile(layout.settings);
    this.models = new Models(layout, settings, stores.store, options);
    // A writer first catches up with what other processes committed, and records the version it leaves.
    const lock = new WriteLock(layout.lock, layout.dataDir, {
      acquired: () => this.catchUp(),
      releasing: () => markFresh(stores),
      waiting: options.waitForWriter,
      stopWaiting: () => this.cancelled,
      ...(remote ? { crossProcess: remote } : {}),
    });
    this.lock = lock;
    this.indexing = new Indexing(layout, stores, settings, this.models, lock, options.onProgress);
    this.views = new DocumentViews(layout, stores, this.models, () => this.indexing.catalogueVersion, () => this.indexing.folders());
    this.searching = new Searching(stores, this.models, () => this.views.policy());
    this.baskets = new BasketApi(layout.local);
  }

  static async open(options: LibraryOptions): Promise<Library> {
    if (isUrlLike(options.dataDir)) throw new UserError('data.urlUnsupported', { dataDir: options.dataDir });
    const layout = dataLayout(options.dataDir);
    if (!layout.remote) return new Library(options, layout, await openStores(layout, { create: options.create, repair: options.repair }));
    const notices: Message[] = [];
    const role = options.remoteRole ?? (options.create === false ? 'reader' : 'writer-or-reader');
    const mirrorDir = readCacheEnabled() ? layout.copy : null;
    const remote = await RemoteSession.open(layout.remote, role, (m) => notices.push(m), { mirrorDir });
    try {
      const stores = await openStores(layout, { create: remote.role === 'writer', storageOptions: remote.storageOptions, lance: remote.lanceDir(layout.lance) });
      stores.notices.unshift(...notices);
      return new Library(options, layout, stores, remote);
    } catch (error) {
      await remote.close();
      throw error;
    }
  }

  /**
   * Before answering: when another process (a `kho index` beside the server
   * or the app) committed since the views were built, reload them. Skipped
   * while this process writes — its own views are then the newest.
   */
  private async fresh(): Promise<void> {
    if (this.lock.busy) return;
    // Object storage: a reader looks for a newer version every few seconds (remote.ts).
    return this.remote ? this.remote.refresh(() => this.catchUp()) : this.catchUp();
  }

  private async catchUp(): Promise<void> {
    if (await refreshStores(this.layout, this.stores)) this.indexing.invalidate();
  }

  /** What opening repaired, migrated or set aside (a rollback, a backup): for the user to read. */
  get openNotices(): Message[] {
    return this.stores.notices;
  }

  async close(): Promise<void> {
    await this.marker.close();
    await this.models.close();
    this.stores.store.close();
    await this.remote?.close();
  }

  // ---- models ----

  /** The model in use: the user's choice, else the default model when it is installed. */
  activeModel(): Promise<ModelManifest | null> {
    return this.models.active();
  }

  listModels(): Promise<ModelInfo[]> {
    return this.models.list();
  }

  /** Import a model folder, make it the active model, and embed the library with it. */
  async importModel(request: { folder: string; id?: string }): Promise<ModelInfo> {
    return this.activate(await this.models.import(request));
  }

  async fetchModel(id: string, options: FetchOptions = {}): Promise<ModelInfo> {
    return this.activate(await this.models.fetch(id, options));
  }

  private async activate(manifest: ModelManifest): Promise<ModelInfo> {
    await this.models.activate(manifest);
    await this.indexing.embedMissing();
    return this.models.info(manifest.id);
  }

  // ---- indexing ----

  /** The library folders (rescanned at start, watched while the app runs). */
  folders(): Promise<string[]> {
    return this.indexing.folders();
  }

  /**
   * Index files and folders. Folders become library folders. With no paths,
   * rescan the library folders — or resume an interrupted run's roots.
   */
  index(request: IndexRequest): Promise<IndexSummary> {
    this.cancelled = false;
    return this.indexing.index(request);
  }

  /** Take a folder out of the library: its documents leave every store (the files stay where they are). */
  removeFolder(request: { folder: string }): Promise<RemoveFolderResult> {
    return this.indexing.removeFolder(request);
  }

  /** Stop the running index after the file in hand; what is done stays done. */
  async cancelIndex(): Promise<void> {
    this.cancelled = true; // also ends a wait for another process's write (waitForWriter)
    this.indexing.cancel();
  }

  /** Rescan the library folders now and whenever files in them change, until `close()` is called. */
  watch(onSummary: (summary: IndexSummary) => void, onError: (error: Error) => void): Promise<{ close(): void }> {
    // A reader of a shared library does not follow folders: the writer machine does, and this process refreshes.
    if (this.remote?.role === 'reader') return Promise.resolve({ close: () => undefined });
    return this.indexing.watch(onSummary, onError);
  }

  /**
   * `kho verify --repair`: fix duplicates and orphans from the stores themselves
   * (documents affected are indexed again from their files), then verify.
   */
  async repair(): Promise<VerifyReport & { repaired: { duplicates: number; orphans: number; reindexed: string[] } }> {
    const repaired = await this.indexing.repair();
    return { ...(await this.verify()), repaired };
  }

  /** Check that the stores agree (see verify.ts). */
  async verify(): Promise<VerifyReport> {
    await this.fresh();
    const { store, catalogue, titles } = this.stores;
    return verifyStores({ store, catalogue, titles, vectors: await this.models.vectorSide(false) });
  }

  // ---- documents and validity ----

  /** Whether a path is a document of the library (transports serve no other file). */
  hasDocument(filePath: string): boolean {
    return this.views.has(filePath);
  }

  /** References resolved across the library and each document's validity; rebuilt after indexing. */
  async policy(): Promise<PolicyView> {
    await this.fresh();
    return this.views.policy();
  }

  /** A document's metadata, validity with evidence, and relations both ways (`kho doc`). */
  async document(request: { path: string }): Promise<DocumentReport> {
    await this.fresh();
    return this.views.document(request);
  }

  /** Record (or with value null, drop) the user's view of a document's validity. */
  async setStatus(request: SetStatusRequest): Promise<DocumentReport> {
    await this.fresh();
    return this.views.setStatus(request);
  }

  /** "More like this": nearest passages by meaning when embedded, shared distinctive terms otherwise. */
  async related(request: RelatedRequest): Promise<RelatedDocument[]> {
    await this.fresh();
    return this.views.related(request);
  }

  async documents(request: DocumentListRequest): Promise<DocumentList> {
    await this.fresh();
    return this.views.list(request);
  }

  async documentText(request: { path: string }): Promise<DocumentText> {
    await this.fresh();
    return this.views.text(request);
  }

  /** Where a passage is on a scanned or TCVN3-font page (page-marks.ts). */
  async pageMarks(request: PageMarksRequest): Promise<PageMarks> {
    await this.fresh();
    return this.marker.marks(this.stores.catalogue, request, this.views);
  }

  // ---- portable sources (library/roots.ts) ----

  /** Where this machine reads a document's file, through the root mapping; `root.notMapped` when nowhere (transports serve this path). */
  async sourceOf(filePath: string): Promise<string> {
    await this.fresh();
    return this.views.sourceOf(filePath);
  }

  /** The library roots and where this machine finds each one's files. */
  async roots(): Promise<LibraryRoot[]> {
    await this.fresh();
    return this.views.rootList();
  }

  /** Map a root to a folder on this machine (per user, never in the library). */
  async mapRoot(request: MapRootRequest): Promise<LibraryRoot[]> {
    await this.fresh();
    return this.views.mapRoot(request);
  }

  // ---- where the library lives (a per-user setting: paths.ts) ----

  async libraryLocation(): Promise<LibraryLocation> {
    return { current: this.layout.dataDir, kind: this.layout.remote ? 's3' : 'folder', configured: configuredLocation() };
  }

  /** Set where the library lives from the next start; this process keeps the library it opened. */
  async setLibraryLocation(request: { location: string | null }): Promise<LibraryLocation> {
    const location = await setConfiguredLocation(request.location);
    return { ...(await this.libraryLocation()), notice: { code: 'location.set', params: { location, current: this.layout.dataDir } } };
  }

  // ---- citation basket ----

  /** A stored passage as a basket hit, with its citations (for `kho basket add <passageId>`). */
  async passageHit(passageId: string): Promise<BasketHit> {
    await this.fresh();
    return this.views.passageHit(passageId);
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
    await this.fresh();
    if (!this.remote) return this.searchSettled(request);
    const response = await this.remote.offlineAware(() => this.searchSettled(request));
    // A reader searching its copy with the storage out of reach: say how old the answer may be.
    const kept = this.remote.keptNotice();
    return kept ? { ...response, notices: [...response.notices, kept] } : response;
  }

  /**
   * A search that read a version another process's run had just cleaned up (the
   * end of a run keeps only the newest version and its rollback copy: store/settle.ts)
   * moves to the newest version and is answered again, once.
   */
  private async searchSettled(request: SearchRequest): Promise<SearchResponse> {
    try {
      return await this.searching.search(request);
    } catch (error) {
      if (error instanceof UserError || this.lock.busy || !/not found|no such file/i.test(String((error as Error)?.message ?? error))) throw error;
      await this.catchUp();
      return this.searching.search(request);
    }
  }

  async suggest(request: SuggestRequest): Promise<Suggestion[]> {
    await this.fresh();
    return this.searching.suggest(request);
  }

  async status(): Promise<LibraryStatus> {
    await this.fresh();
    // On object storage: with the storage out of reach, the last status with what is loaded, marked offline.
    return this.remote ? this.remote.status(() => this.statusNow(), this.stores.catalogue.size) : this.statusNow();
  }

  private async statusNow(): Promise<LibraryStatus> {
    const manifest = await readJson<IndexManifest | null>(this.layout.manifest, null);
    const vectors = await this.models.vectorSide(false);
    const passages = await this.stores.store.countPassages();
    const model = manifest?.model && vectors ? { ...manifest.model, embeddedPassages: await vectors.table.count() } : null;
    const notices: Message[] = model ? [] : [await this.models.keywordOnlyNotice()];
    const interrupted = await this.indexing.interrupted();
    if (interrupted) {
      const p = interrupted.progress;
      notices.push({ code: 'index.interrupted', params: { cancelled: interrupted.state === 'cancelled', done: p?.filesDone ?? null, total: p?.filesTotal ?? null } });
    }
    return {
      dataDir: this.layout.dataDir,
      documents: this.stores.catalogue.size,
      passages,
      mode: model ? 'hybrid' : 'keyword',
      model,
      failures: [...this.stores.failures.values()].map(({ path: p, kind, reason, message, at }) => ({ path: p, kind, reason, message, at })),
      notices,
      folders: await this.folders(),
      running: this.indexing.running,
    };
  }
}
