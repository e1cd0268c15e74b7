/**
 * The library's documents as the app's library and document pages see them:
 * the paged document list with status and extraction notes, a document's text
 * for the in-app viewer, and "more like this" — nearest passages by meaning
 * when the library is embedded, shared distinctive terms otherwise.
 */
import path from 'node:path';
import type { DocumentFormat, ValidityStatus } from '../api/contract.js';
import type {
  DocumentList, DocumentListRequest, DocumentSummary, DocumentText, RelatedDocument, RelatedRequest,
} from '../api/documents.js';
import { Catalogue } from '../store/catalogue.js';
import { UserError } from '../api/errors.js';
import type { FailureRecord } from '../ingest/ingest.js';
import type { PolicyView } from '../policy/policy.js';
import { relatedInIndex, TermIndex } from '../search/related.js';
import type { SearchContext } from '../search/search.js';
import { isPassageOf, ordinalOf } from '../store/ids.js';
import { notesColumn } from '../store/json-columns.js';
import type { DocumentRow, LanceStore, VectorTable } from '../store/lance.js';
import { foldText } from '../common/fold.js';
import type { SourceRoots } from './roots.js';

/** Documents per page of the list when the caller does not say. */
export const DEFAULT_LIST_LIMIT = 100;
export const MAX_LIST_LIMIT = 1000;
/** Related documents returned when the caller does not say. */
export const DEFAULT_RELATED_LIMIT = 10;
/** Nearest passages looked at per source passage when ranking neighbours by embedding. */
const NEIGHBOURS_PER_PASSAGE = 40;
/** Source passages used for a whole document (its first ones: title, summary, opening articles). */
const MAX_SOURCE_PASSAGES = 24;
/**
 * Mean best-match similarity of the source's passages above which another
 * document counts as a near-duplicate (the same text saved again, a .doc and
 * its .docx): every passage has a virtual twin. A new version that replaces the
 * source differs in a few passages and stays listed — it is what a user wants.
 */
export const NEAR_DUPLICATE_COVERAGE = 0.99;

export interface DocumentsContext {
  store: LanceStore;
  catalogue: Catalogue;
  failures: Map<string, FailureRecord>;
  policy: PolicyView;
  /** The vector side, opened only by what needs it ("more like this"). */
  vectors(): Promise<SearchContext['vectors']>;
  /** The library's term vectors for "more like this" without a model, cached per catalogue version; default: built for this call. */
  terms?(): Promise<TermIndex>;
  /** Library roots (portable sources): each document's root and relative path, and where it is on this machine. */
  roots?: SourceRoots;
  /** A given path as the catalogue records it (a local path under a mapped root included); default: made absolute. */
  libraryPath?(given: string): string | undefined;
}

const under = (p: string, folder: string) => p === folder || p.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep);
const fold = foldText;

function summaryOf(ctx: DocumentsContext, doc: DocumentRow): DocumentSummary {
  return {
    documentId: doc.id, path: doc.path, otherPaths: Catalogue.aliasesOf(doc), title: doc.title, format: doc.format as DocumentFormat,
    pages: doc.pageCount, passages: doc.passages, sizeBytes: doc.size, indexedAt: doc.indexedAt,
    metadata: ctx.catalogue.metadataOf(doc), status: (ctx.policy.status(doc.path)?.value ?? 'unknown') as ValidityStatus,
    notes: notesColumn.decode(doc.notes),
    ...(ctx.roots ? { source: ctx.roots.sourceOf(doc.path) } : {}),
  };
}

/** The library's documents, sorted by folder then name, optionally under one folder or matching a text. */
export function listDocuments(ctx: DocumentsContext, request: DocumentListRequest): DocumentList {
  const given = request?.folder ? path.resolve(String(request.folder)) : null;
  // A folder under a mapped root's local mount is looked for as the library recorded it.
  const folder = given && ctx.roots ? ctx.roots.recordedOf(given) : given;
  const needle = request?.text ? fold(String(request.text)).trim() : '';
  const offset = Math.max(0, Math.floor(Number(request?.offset) || 0));
  const limit = Math.min(Math.max(Math.floor(Number(request?.limit) || DEFAULT_LIST_LIMIT), 1), MAX_LIST_LIMIT);
  const matches = (p: string, title = '') => (!folder || under(p, folder)) && (!needle || fold(`${title}\n${p}`).includes(needle));
  const docs = ctx.catalogue
    .all()
    .filter((d) => [d.path, ...Catalogue.aliasesOf(d)].some((p) => matches(p, d.title)))
    .sort((a, b) => a.path.localeCompare(b.path, 'vi'));
  const failures = [...ctx.failures.values()]
    .filter((f) => matches(f.path))
    .map(({ path: p, kind, reason, message, at }) => ({ path: p, kind, reason, message, at }));
  return { total: docs.length, items: docs.slice(offset, offset + limit).map((d) => summaryOf(ctx, d)), failures };
}

function documentAt(ctx: DocumentsContext, filePath: string): DocumentRow {
  const absolute = path.resolve(String(filePath ?? ''));
  const recorded = ctx.libraryPath?.(String(filePath ?? ''));
  const doc = ctx.catalogue.byPath(recorded ?? absolute);
  if (!doc) throw new UserError('document.notInLibrary', { path: absolute });
  return doc;
}

/** A document's passages in reading order, for the viewer. */
export async function documentText(ctx: DocumentsContext, filePath: string): Promise<DocumentText> {
  const doc = documentAt(ctx, filePath);
  const passages = [];
  for await (const batch of ctx.store.passagesWhere({ docId: doc.id }, 1000)) passages.push(...batch);
  passages.sort((a, b) => a.ordinal - b.ordinal);
  return {
    path: doc.path, title: doc.title, format: doc.format as DocumentFormat, pages: doc.pageCount,
    passages: passages.map((p) => ({ passageId: p.id, page: p.page, pageEnd: p.pageEnd, section: p.section, text: p.text, start: p.start, end: p.end, ocr: p.ocr })),
    ...(ctx.roots ? { source: ctx.roots.sourceOf(doc.path) } : {}),
  };
}

/** "More like this" for a document or one of its passages. */
export async function relatedDocuments(ctx: DocumentsContext, request: RelatedRequest): Promise<RelatedDocument[]> {
  const doc = documentAt(ctx, request?.path);
  const limit = Math.min(Math.max(Math.floor(Number(request?.limit) || DEFAULT_RELATED_LIMIT), 1), 100);
  const passageId = request?.passageId ? String(request.passageId) : null;
  if (passageId && !isPassageOf(passageId, doc.id)) throw new UserError('passage.notInDocument', { passageId, path: doc.path });
  const vectors = await ctx.vectors();
  if (vectors && (await vectors.table.count()) > 0) {
    const byMeaning = await relatedByEmbedding(ctx, vectors.table, doc, passageId, limit);
    if (byMeaning) return byMeaning;
  }
  return relatedByText(ctx, doc, passageId, limit);
}

async function relatedByText(ctx: DocumentsContext, doc: DocumentRow, passageId: string | null, limit: number): Promise<RelatedDocument[]> {
  const index = await (ctx.terms?.() ?? buildTermIndex(ctx));
  let text: string | undefined;
  if (passageId) {
    text = '';
    for await (const batch of ctx.store.passagesWhere({ docId: doc.id }, 1000)) text += batch.filter((p) => p.id === passageId).map((p) => p.text).join('\n');
  }
  const head = { id: doc.id, path: doc.path, metadata: ctx.catalogue.metadataOf(doc) };
  return relatedInIndex(index, head, text, { limit }).map((r) => ({ ...r, title: ctx.catalogue.byPath(r.path)?.title, via: 'terms' as const }));
}

/** Every document's passages joined, as term vectors: one pass over the store. */
export async function buildTermIndex(ctx: Pick<DocumentsContext, 'store' | 'catalogue'>): Promise<TermIndex> {
  const texts = new Map<string, string[]>();
  for await (const batch of ctx.store.passagesWhere(null, 2000)) {
    for (const p of batch) (texts.get(p.docId) ?? texts.set(p.docId, []).get(p.docId)!).push(p.text);
  }
  return TermIndex.build(ctx.catalogue.all().map((d) => ({ id: d.id, path: d.path, metadata: ctx.catalogue.metadataOf(d), text: (texts.get(d.id) ?? []).join('\n') })));
}

/**
 * Neighbours by meaning: each source passage's nearest passages in other
 * documents; a document scores by its best matches (mean of its top three
 * similarities, so one lucky passage does not outrank a document that agrees
 * throughout). Documents whose best match is a near-copy of the source are
 * left out: they are versions of the same text, not related reading.
 */
async function relatedByEmbedding(
  ctx: DocumentsContext, table: VectorTable, doc: DocumentRow, passageId: string | null, limit: number,
): Promise<RelatedDocument[] | null> {
  let sources = await table.vectorsOfDocument(doc.id);
  if (passageId) sources = sources.filter((s) => s.id === passageId);
  if (sources.length === 0) return null; // not embedded yet
  sources = sources.sort((a, b) => ordinalOf(a.id) - ordinalOf(b.id)).slice(0, MAX_SOURCE_PASSAGES);
  const perDoc = new Map<string, Array<{ id: string; score: number }>>();
  /** Per other document, the sum over source passages of that passage's best similarity to it. */
  const coverage = new Map<string, number>();
  for (const source of sources) {
    const bestHere = new Map<string, number>();
    for (const hit of await table.searchWithDocs(source.vector, NEIGHBOURS_PER_PASSAGE)) {
      if (hit.docId === doc.id) continue;
      (perDoc.get(hit.docId) ?? perDoc.set(hit.docId, []).get(hit.docId)!).push(hit);
      bestHere.set(hit.docId, Math.max(bestHere.get(hit.docId) ?? 0, hit.score));
    }
    for (const [docId, score] of bestHere) coverage.set(docId, (coverage.get(docId) ?? 0) + score);
  }
  const sourceType = ctx.catalogue.metadataOf(doc)?.type ?? null;
  const scored = [];
  for (const [docId, hits] of perDoc) {
    const other = ctx.catalogue.get(docId);
    if (!other) continue;
    hits.sort((a, b) => b.score - a.score);
    const nearCopy = (coverage.get(docId) ?? 0) / sources.length >= NEAR_DUPLICATE_COVERAGE && Math.abs(other.passages - doc.passages) <= 1;
    if (!passageId && nearCopy) continue;
    const top = hits.slice(0, 3);
    scored.push({ other, best: hits[0]!, score: top.reduce((s, h) => s + h.score, 0) / 3 });
  }
  scored.sort((a, b) => b.score - a.score);
  const chosen = scored.slice(0, limit);
  const bestPassages = await ctx.store.passagesByIds(chosen.map((c) => c.best.id));
  const passageById = new Map(bestPassages.map((p) => [p.id, p]));
  return chosen.map(({ other, best, score }) => {
    const metadata = ctx.catalogue.metadataOf(other);
    const type = metadata?.type ?? null;
    const passage = passageById.get(best.id);
    const where = passage?.section ?? (passage?.page ? `tr. ${passage.page}` : null);
    return {
      path: other.path, documentId: other.id, title: other.title, type, typeName: metadata?.typeName ?? null,
      crossType: Boolean(type && sourceType && type !== sourceType), score: Number(score.toFixed(4)), via: 'embedding' as const,
      sharedTerms: [], sharedReferences: [],
      reason: `Gần nghĩa${where ? ` (${where})` : ''}: ${(passage?.text ?? '').replace(/\s+/g, ' ').slice(0, 140)}`,
      passage: passage ? { passageId: passage.id, text: passage.text, page: passage.page, section: passage.section } : null,
    };
  });
}
