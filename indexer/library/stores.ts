/**
 * Opening a data folder: check it can be written, start afresh when it was
 * built with another stored layout, open the LanceDB store and the catalogue,
 * and rebuild the title index when it is missing or does not match the
 * catalogue. The failures of earlier runs are read back too.
 */
import { failureKindMessage } from '../common/messages/format.js';
import { mkdir, open, rm } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../api/errors.js';
import type { FailureRecord } from '../ingest/ingest.js';
import { readJson } from '../store/atomic.js';
import { Catalogue } from '../store/catalogue.js';
import { LanceStore } from '../store/lance.js';
import { TitleIndex } from '../store/minisearch.js';
import type { DataLayout } from './paths.js';

/** What the index was built with (`index.json`). */
export interface IndexManifest {
  version: number;
  model: { id: string; dims: number } | null;
}

/** Bump when the stored layout changes: older data folders are then rebuilt. */
export const MANIFEST_VERSION = 6;

export interface Stores {
  store: LanceStore;
  titles: TitleIndex;
  catalogue: Catalogue;
  failures: Map<string, FailureRecord>;
}

export async function openStores(layout: DataLayout): Promise<Stores> {
  try {
    await mkdir(layout.dataDir, { recursive: true });
    const probe = await open(path.join(layout.dataDir, '.write-test'), 'w');
    await probe.close();
    await rm(path.join(layout.dataDir, '.write-test'), { force: true });
  } catch (error) {
    throw new UserError('data.unusable', { dataDir: layout.dataDir, problem: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
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
  const titles = await loadTitles(layout, store, catalogue);
  const failureList = await readJson<FailureRecord[]>(layout.failures, []);
  // Failures recorded before reasons had codes get the message of their kind.
  const failures = new Map(failureList.map((f) => [f.path, { ...f, message: f.message ?? failureKindMessage(f.kind) }]));
  return { store, titles, catalogue, failures };
}

async function loadTitles(layout: DataLayout, store: LanceStore, catalogue: Catalogue): Promise<TitleIndex> {
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
  await titles.save();
  return titles;
}
