/**
 * `kho verify`: do the stores agree? Every passage belongs to the committed
 * version of a catalogued document, no passage is stored twice, every document
 * has its passages, the vector table holds exactly the passages (once
 * embedding has run), and the title index knows every document.
 */
import type { Catalogue } from '../store/catalogue.js';
import { versionKeyOf } from '../store/ids.js';
import type { SearchContext } from '../search/search.js';
import type { LanceStore } from '../store/lance.js';
import type { TitleIndex } from '../store/minisearch.js';

export interface VerifyReport {
  ok: boolean;
  documents: number;
  passages: number;
  /** Stored vectors, or null in keyword-only mode. */
  vectors: number | null;
  /** Passages not embedded yet (normal while a run is under way; 0 after one completes). */
  missingVectors: number;
  problems: string[];
}

export interface VerifyContext {
  store: LanceStore;
  catalogue: Catalogue;
  titles: TitleIndex;
  vectors: SearchContext['vectors'];
}

export async function verifyStores(ctx: VerifyContext): Promise<VerifyReport> {
  const problems: string[] = [];
  const seen = new Set<string>();
  const perDoc = new Map<string, number>();
  let passages = 0;
  for await (const batch of ctx.store.passagesWhere(null, 2000)) {
    for (const p of batch) {
      passages++;
      if (seen.has(p.id)) problems.push(`passage ${p.id} is stored more than once`);
      seen.add(p.id);
      const doc = ctx.catalogue.get(p.docId);
      if (!doc) problems.push(`passage ${p.id} belongs to no catalogued document`);
      else if (versionKeyOf(p.id) !== doc.key) problems.push(`passage ${p.id} is from an old version of ${doc.path}`);
      perDoc.set(p.docId, (perDoc.get(p.docId) ?? 0) + 1);
    }
  }
  for (const doc of ctx.catalogue.all()) {
    const count = perDoc.get(doc.id) ?? 0;
    if (count !== doc.passages) problems.push(`${doc.path}: ${count} passages stored, ${doc.passages} expected`);
    if (!ctx.titles.has(doc.id)) problems.push(`${doc.path}: missing from the title index`);
  }
  let vectors: number | null = null;
  let missingVectors = 0;
  const side = ctx.vectors;
  if (side) {
    const ids = await side.table.ids();
    vectors = await side.table.count();
    if (vectors !== ids.size) problems.push(`${vectors - ids.size} vectors are stored more than once`);
    for (const id of ids) if (!seen.has(id)) problems.push(`vector ${id} has no passage`);
    for (const id of seen) if (!ids.has(id)) missingVectors++;
  }
  return { ok: problems.length === 0, documents: ctx.catalogue.size, passages, vectors, missingVectors, problems: problems.slice(0, 100) };
}

/** What `kho verify --repair` found to fix: documents to take out and re-index, vectors to drop and embed again. */
export interface RepairPlan {
  /** Documents with duplicated, missing or stray passages, or missing from the title index. */
  documents: string[];
  /** Vector ids stored more than once. */
  duplicateVectors: string[];
  /** Passages stored more than once. */
  duplicatePassages: number;
}

/** Find what `verify` would report, as a plan of repairs that lose nothing the sources cannot give back. */
export async function planRepair(ctx: VerifyContext): Promise<RepairPlan> {
  const seen = new Set<string>();
  const perDoc = new Map<string, number>();
  const bad = new Set<string>();
  let duplicatePassages = 0;
  for await (const batch of ctx.store.passagesWhere(null, 2000)) {
    for (const p of batch) {
      if (seen.has(p.id)) {
        duplicatePassages++;
        bad.add(p.docId);
      }
      seen.add(p.id);
      perDoc.set(p.docId, (perDoc.get(p.docId) ?? 0) + 1);
    }
  }
  for (const doc of ctx.catalogue.all()) {
    if ((perDoc.get(doc.id) ?? 0) !== doc.passages || !ctx.titles.has(doc.id)) bad.add(doc.id);
  }
  const documents = [...bad].filter((id) => ctx.catalogue.get(id));
  const duplicateVectors = ctx.vectors ? await ctx.vectors.table.duplicateIds() : [];
  return { documents, duplicateVectors, duplicatePassages };
}
