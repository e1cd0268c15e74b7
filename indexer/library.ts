/**
 * The library: one data folder with its stores, serving the KhoApi contract.
 * The CLI, the web server and the Electron main process each hold one.
 */
import { existsSync } from 'node:fs';
import { mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type {
  IndexProgress, IndexRequest, IndexSummary, KhoApi, LibraryStatus, ModelInfo, SearchRequest, SearchResponse,
  SuggestRequest, Suggestion,
} from './api.js';
import { openEmbedder, type Embedder } from './embed/embedder.js';
import { DEFAULT_MODEL_ID, fetchModel, importModel, listModels, readManifest, type FetchOptions, type ModelManifest } from './embed/models.js';
import { UserError } from './errors.js';
import { embedMissing, ingest, type FailureRecord, type IngestContext } from './ingest.js';
import { dataLayout, type DataLayout } from './paths.js';
import { search, type SearchContext } from './search.js';
import { LanceStore, type DocumentRow, type VectorTable } from './store/lance.js';
import { TitleIndex } from './store/minisearch.js';
import { readJson, writeJsonAtomic } from './util/atomic.js';
import { normalizeText } from './vietnamese/normalize.js';

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
}

/** What the index was built with. */
interface IndexManifest {
  version: number;
  model: { id: string; dims: number } | null;
}

const MANIFEST_VERSION = 1;

export class Library implements KhoApi {
  private embedder: Promise<Embedder> | null = null;
  private vectorTable: VectorTable | null = null;

  private constructor(
    private readonly options: LibraryOptions,
    readonly layout: DataLayout,
    private readonly store: LanceStore,
    private readonly titles: TitleIndex,
    private readonly documents: Map<string, DocumentRow>,
    private readonly failures: Map<string, FailureRecord>,
  ) {}

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
    const store = await LanceStore.open(layout.lance);
    const documents = new Map((await store.allDocuments()).map((d) => [d.id, d]));
    let titles = await TitleIndex.load(layout.titles);
    if (!titles || titles.size !== documents.size || [...documents.keys()].some((id) => !titles!.has(id))) {
      // Missing or damaged: rebuild from the catalogue and the stored passages' sections.
      titles = TitleIndex.empty(layout.titles);
      const headings = new Map<string, Set<string>>();
      for await (const batch of store.passagesWhere(null, 1000)) {
        for (const p of batch) if (p.section) (headings.get(p.docId) ?? headings.set(p.docId, new Set()).get(p.docId)!).add(p.section);
      }
      for (const d of documents.values()) {
        titles.upsert({ id: d.id, title: d.title, fileName: path.basename(d.path), headings: [...(headings.get(d.id) ?? [])].join('\n') });
      }
      await titles.save();
    }
    const failureList = await readJson<FailureRecord[]>(layout.failures, []);
    const failures = new Map(failureList.map((f) => [f.path, f]));
    return new Library(options, layout, store, titles, documents, failures);
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
    if (this.documents.size > 0) await this.withWriteLock(async () => embedMissing(await this.ingestContext()));
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
    if (!model) return null;
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
      documents: this.documents,
      failures: this.failures,
      vectors: await this.vectorSide(true),
      onProgress: this.options.onProgress,
    };
  }

  async index(request: IndexRequest): Promise<IndexSummary> {
    const paths = (request?.paths ?? []).map((p) => path.resolve(String(p)));
    if (paths.length === 0) throw new UserError('give at least one file or folder to index');
    for (const p of paths) {
      try {
        await stat(p);
      } catch {
        throw new UserError(`no such file or folder: ${p}`);
      }
    }
    return this.withWriteLock(async () => {
      const summary = await ingest(await this.ingestContext(), paths);
      await writeJsonAtomic(this.layout.failures, [...this.failures.values()]);
      return summary;
    });
  }

  /** One writer per data folder: a lock file holding the writer's pid. */
  private async withWriteLock<T>(work: () => Promise<T>): Promise<T> {
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
    for (const doc of this.documents.values()) if (doc.path === filePath) return true;
    return false;
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
    return search({ store: this.store, documents: this.documents, vectors, notices }, request);
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
    return {
      dataDir: this.layout.dataDir,
      documents: this.documents.size,
      passages,
      mode: model ? 'hybrid' : 'keyword',
      model,
      failures: [...this.failures.values()].map(({ path: p, kind, reason, at }) => ({ path: p, kind, reason, at })),
      notices,
    };
  }
}

function vectorTableName(model: ModelManifest): string {
  return `vectors_${model.id.replace(/[^A-Za-z0-9]+/g, '_')}_${model.dims}`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
