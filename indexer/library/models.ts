/**
 * The embedding model side of a library: which model is active, installing
 * one (import from a folder, fetch), and the vector table and embedder for the
 * active model — opened on first use, and replaced when the model changes.
 */
import type { Message } from '../api/messages.js';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ModelInfo } from '../api/contract.js';
import { UserError } from '../api/errors.js';
import { openEmbedder, type Embedder } from '../embed/embedder.js';
import { DEFAULT_MODEL_ID, fetchModel, importModel, listModels, readManifest, type FetchOptions, type ModelManifest } from '../embed/models.js';
import type { SearchContext } from '../search/search.js';
import { writeJsonAtomic } from '../store/atomic.js';
import type { LanceStore, VectorTable } from '../store/lance.js';
import type { DataLayout } from './paths.js';
import type { SettingsFile } from './settings.js';
import { MANIFEST_VERSION, type IndexManifest } from './stores.js';

export interface ModelOptions {
  /** Embed in a worker thread while indexing (default true). */
  embedInWorker?: boolean;
  /** ONNX Runtime threads for embedding. */
  threads?: number;
}

export class Models {
  private embedder: Promise<Embedder> | null = null;
  private vectorTable: VectorTable | null = null;

  constructor(
    private readonly layout: DataLayout,
    private readonly settings: SettingsFile,
    private readonly store: LanceStore,
    private readonly options: ModelOptions,
  ) {}

  /** The model in use: the user's choice, else the default model when it is installed. */
  async active(): Promise<ModelManifest | null> {
    const chosen = (await this.settings.read()).model;
    if (chosen) return readManifest(this.layout.models, chosen);
    return readManifest(this.layout.models, DEFAULT_MODEL_ID);
  }

  async list(): Promise<ModelInfo[]> {
    return listModels(this.layout.models, (await this.active())?.id ?? null);
  }

  /** Install a model from a folder (not yet active: see `activate`). */
  async import(request: { folder: string; id?: string }): Promise<ModelManifest> {
    const folder = path.resolve(String(request?.folder ?? ''));
    if (!existsSync(folder)) throw new UserError('model.folderMissing', { folder });
    try {
      return await importModel(this.layout.models, folder, request.id);
    } catch (error) {
      throw error instanceof UserError ? error : new UserError('model.doesNotLoad', { detail: (error as Error).message });
    }
  }

  async fetch(id: string, options: FetchOptions = {}): Promise<ModelManifest> {
    try {
      return await fetchModel(this.layout.models, id, options);
    } catch (error) {
      throw error instanceof UserError ? error : new UserError('model.doesNotLoad', { detail: (error as Error).message });
    }
  }

  /** Make an installed model the active one; the next use opens its table and embedder. */
  async activate(manifest: ModelManifest): Promise<void> {
    await this.settings.update({ model: manifest.id });
    await this.close();
    this.embedder = null;
    this.vectorTable = null;
  }

  /** The installed model's listing, once it is active. */
  async info(id: string): Promise<ModelInfo> {
    const info = (await this.list()).find((m) => m.id === id);
    if (!info) throw new Error(`model ${id} was installed but is not listed`);
    return info;
  }

  /**
   * The vector side for the active model, opening (or creating) its table. When
   * the model changed since the index was built, the old vectors are dropped and
   * the manifest updated: the next embedding pass fills the new table.
   */
  async vectorSide(forWrite: boolean): Promise<SearchContext['vectors']> {
    const model = await this.active();
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

  /** Why search is keyword-only (no model, or passages not embedded with it yet). */
  async keywordOnlyNotice(): Promise<Message> {
    return { code: 'search.keywordOnly', params: { model: (await this.active())?.id ?? null } };
  }

  async close(): Promise<void> {
    if (this.embedder) await (await this.embedder.catch(() => null))?.close();
    this.vectorTable?.close();
  }
}

function vectorTableName(model: ModelManifest): string {
  return `vectors_${model.id.replace(/[^A-Za-z0-9]+/g, '_')}_${model.dims}`;
}
