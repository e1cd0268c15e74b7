/**
 * Opening a data folder: refuse what this version must not touch (a newer
 * layout, a URL, a folder holding no library when only reading), migrate an
 * older layout after a backup, check the folder can be written, open the
 * LanceDB store and the catalogue, and rebuild the title index when it is
 * missing or does not match the catalogue. The failures of earlier runs are
 * read back too. What was repaired or migrated is told in `notices`.
 */
import { failureKindMessage } from '../common/messages/format.js';
import { mkdir, open, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../api/errors.js';
import type { Message } from '../api/messages.js';
import type { FailureRecord } from '../ingest/ingest.js';
import { readJson, readJsonOrSetAside, renameWithRetry } from '../store/atomic.js';
import { Catalogue } from '../store/catalogue.js';
import { LanceStore } from '../store/lance.js';
import { TitleIndex } from '../store/minisearch.js';
import { isS3Url } from '../store/remote/location.js';
import type { DataLayout } from './paths.js';

/** What the index was built with (`index.json`). */
export interface IndexManifest {
  version: number;
  model: { id: string; dims: number } | null;
}

/** Bump when the stored layout changes: older data folders are then migrated (after a backup), newer ones refused. */
export const MANIFEST_VERSION = 6;

export interface Stores {
  store: LanceStore;
  titles: TitleIndex;
  catalogue: Catalogue;
  failures: Map<string, FailureRecord>;
  /** What opening repaired, migrated or set aside, for the user. */
  notices: Message[];
  /** The catalogue table version the in-memory catalogue and title index were built from. */
  loadedVersion: number;
}

export interface OpenStoresOptions {
  /**
   * Whether this command may create (or migrate) a library: true for `index`,
   * `watch`, `serve`, `model import` and the app; false for commands that only
   * read, which then change no byte of the data folder.
   */
  create?: boolean;
  /** `kho verify --repair`: a table with no readable version is moved to `_quarantine/` and started afresh. */
  repair?: boolean;
  /** A library on object storage (layout.remote): LanceDB's storage options (library/remote.ts). */
  storageOptions?: Record<string, string>;
  /** A library on object storage read from a local copy (store/remote/mirror.ts): the copy's LanceDB folder. */
  lance?: string;
}

/** A data "folder" given as a URL other than `s3://` (https://…, ftp://…): not supported. */
export function isUrlLike(dataDir: string): boolean {
  return /^[a-z][a-z0-9+.-]+:\/\//i.test(dataDir) && !isS3Url(dataDir);
}

/** The layout version of a data folder, or null when it has no `index.json`. Refuses a newer one. */
export async function checkLayout(layout: DataLayout): Promise<IndexManifest | null> {
  const manifest = await readJson<IndexManifest | null>(layout.manifest, null);
  if (manifest === null) return null;
  if (typeof manifest !== 'object' || !Number.isInteger(manifest.version)) {
    throw new UserError('data.fileCorrupt', { file: layout.manifest, problem: 'no layout version' });
  }
  if (manifest.version > MANIFEST_VERSION) {
    throw new UserError('data.newerLayout', { dataDir: layout.dataDir, found: manifest.version, supported: MANIFEST_VERSION });
  }
  return manifest;
}

export async function openStores(layout: DataLayout, options: OpenStoresOptions = {}): Promise<Stores> {
  const create = options.create ?? true;
  if (isUrlLike(layout.dataDir)) throw new UserError('data.urlUnsupported', { dataDir: layout.dataDir });
  if (layout.remote) return openRemoteStores(layout, create, options);
  const folder = await stat(layout.dataDir).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? null : Promise.reject(new UserError('data.unusable', { dataDir: layout.dataDir, problem: error.code ?? error.message }))));
  if (folder && !folder.isDirectory()) throw new UserError('data.unusable', { dataDir: layout.dataDir, problem: 'ENOTDIR' });
  const manifest = await checkLayout(layout);
  if (!create && manifest === null && !(await exists(layout.lance))) throw new UserError('data.noLibrary', { dataDir: layout.dataDir });
  const notices: Message[] = [];
  if (create) {
    if (manifest === null && !(await exists(layout.lance))) notices.push({ code: 'data.created', params: { dataDir: layout.dataDir } });
    await probeWritable(layout.dataDir);
    if (manifest && manifest.version < MANIFEST_VERSION) notices.push(await migrate(layout, manifest.version));
  } else if (manifest && manifest.version < MANIFEST_VERSION) {
    throw new UserError('data.olderLayout', { dataDir: layout.dataDir, found: manifest.version, supported: MANIFEST_VERSION });
  }
  const store = await LanceStore.open(layout.lance, { create, repair: options.repair, onNotice: (m) => notices.push(m) });
  return loadStores(layout, store, create, notices);
}

/**
 * A library on object storage: no folder to check or migrate. An older layout
 * is refused (rebuild it into a new prefix); the side files are objects
 * (the object store was mounted by library/remote.ts).
 */
async function openRemoteStores(layout: DataLayout, create: boolean, options: OpenStoresOptions): Promise<Stores> {
  const manifest = await checkLayout(layout);
  if (manifest && manifest.version < MANIFEST_VERSION) throw new UserError('data.olderLayout', { dataDir: layout.dataDir, found: manifest.version, supported: MANIFEST_VERSION });
  const notices: Message[] = [];
  const store = await LanceStore.open(options.lance ?? layout.lance, { create, storageOptions: options.storageOptions, onNotice: (m) => notices.push(m) }).catch((error: unknown) => {
    // A copy with no tables yet: the library named is the bucket's, not the copy's folder.
    if (error instanceof UserError && error.code === 'data.noLibrary') throw new UserError('data.noLibrary', { dataDir: layout.dataDir });
    throw error;
  });
  if (create && manifest === null) notices.push({ code: 'data.created', params: { dataDir: layout.dataDir } });
  return loadStores(layout, store, create, notices);
}

async function loadStores(layout: DataLayout, store: LanceStore, create: boolean, notices: Message[]): Promise<Stores> {
  const catalogue = await Catalogue.load(store);
  const titles = await loadTitles(layout, store, catalogue, create);
  const failureList = create
    ? await readJsonOrSetAside<FailureRecord[]>(layout.failures, [], (movedTo) => notices.push({ code: 'data.fileSetAside', params: { file: layout.failures, movedTo } }))
    : await readJson<FailureRecord[]>(layout.failures, []).catch((error) => {
        if (!(error instanceof UserError)) throw error;
        notices.push(error.toMessage());
        return [];
      });
  // Failures recorded before reasons had codes get the message of their kind.
  const failures = new Map(failureList.map((f) => [f.path, { ...f, message: f.message ?? failureKindMessage(f.kind) }]));
  return { store, titles, catalogue, failures, notices, loadedVersion: await store.catalogueVersion() };
}

/**
 * Another process committed since the in-memory catalogue was built: move the
 * tables to their newest version and rebuild the catalogue, the title index
 * and the failures from disk. True when something was reloaded.
 */
export async function refreshStores(layout: DataLayout, stores: Stores): Promise<boolean> {
  const latest = await stores.store.refreshToLatest();
  if (latest === stores.loadedVersion) return false;
  const catalogue = await Catalogue.load(stores.store);
  stores.titles = await loadTitles(layout, stores.store, catalogue, false);
  stores.catalogue = catalogue;
  const failures = await readJson<FailureRecord[]>(layout.failures, []).catch(() => null);
  if (failures) stores.failures = new Map(failures.map((f) => [f.path, { ...f, message: f.message ?? failureKindMessage(f.kind) }]));
  stores.loadedVersion = latest;
  return true;
}

/** After this process wrote (holding the write lock): its in-memory views are the newest. */
export async function markFresh(stores: Stores): Promise<void> {
  stores.loadedVersion = await stores.store.catalogueVersion();
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new UserError('data.unusable', { dataDir: path.dirname(file), problem: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
  }
}

async function probeWritable(dataDir: string): Promise<void> {
  try {
    await mkdir(dataDir, { recursive: true });
    const probe = await open(path.join(dataDir, '.write-test'), 'w');
    await probe.close();
    await rm(path.join(dataDir, '.write-test'), { force: true }); // our own probe file
  } catch (error) {
    throw new UserError('data.unusable', { dataDir, problem: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
  }
}

/**
 * An older layout: its stores cannot be read by this version, so they are
 * rebuilt from the sources. What was there (the LanceDB folder, the title
 * index, index.json and failures.json) is first moved into
 * `backup-layout-<version>-<time>/` in the data folder — kept, and named in
 * the notice. Settings (library folders, model), basket and overrides stay.
 */
async function migrate(layout: DataLayout, from: number): Promise<Message> {
  const backup = path.join(layout.dataDir, `backup-layout-${from}-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  await mkdir(backup, { recursive: true });
  // index.json last: a crash part-way leaves the old version named, and the next start finishes the move.
  for (const file of [layout.lance, layout.titles, layout.failures, layout.manifest]) {
    if (await exists(file)) await renameWithRetry(file, path.join(backup, path.basename(file)));
  }
  return { code: 'data.migrated', params: { dataDir: layout.dataDir, found: from, supported: MANIFEST_VERSION, backup } };
}

async function loadTitles(layout: DataLayout, store: LanceStore, catalogue: Catalogue, save: boolean): Promise<TitleIndex> {
  const documents = catalogue.all();
  const saved = await TitleIndex.load(layout.titles);
  if (saved && saved.size === documents.length && documents.every((d) => saved.has(d.id))) return saved;
  // Missing or damaged: rebuild from the catalogue and the stored passages' sections.
  const titles = TitleIndex.empty(layout.titles);
  const headings = new Map<string, Set<string>>();
  for await (const batch of store.passagesWhere(null, 1000)) {
    for (const p of batch) if (p.section) (headings.get(p.docId) ?? headings.set(p.docId, new Set()).get(p.docId)!).add(p.section);
  }
  for (const d of documents) {
    titles.upsert({ id: d.id, title: d.title, fileName: path.basename(d.path), headings: [...(headings.get(d.id) ?? [])].join('\n') });
  }
  // A command that only reads keeps the rebuilt index in memory; the next writer saves it.
  if (save) await titles.save();
  return titles;
}
