/**
 * Query → keyword and vector candidates → reciprocal rank fusion → cited hits.
 */
import type { SearchHit, SearchRequest, SearchResponse } from './api.js';
import { citation } from './cite.js';
import type { Embedder } from './embed/embedder.js';
import type { DocumentRow, LanceStore, VectorTable } from './store/lance.js';
import type { TitleIndex } from './store/minisearch.js';
import { UserError } from './errors.js';
import { normalizeText } from './vietnamese/normalize.js';
import { matchRanges, queryTerms } from './vietnamese/tokenize.js';

/** Candidates taken from each list before fusion. */
export const CANDIDATES = 50;
/** The RRF constant: damps the difference between the first few ranks (60 is the literature's default). */
export const RRF_K = 60;
/** A title match counts this much of a list rank: enough to break ties, not to outvote the text. */
export const TITLE_WEIGHT = 0.5;
export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 100;
export const MAX_QUERY_LENGTH = 1_000;

export interface SearchContext {
  store: LanceStore;
  titles: TitleIndex;
  documents: Map<string, DocumentRow>;
  /** Vector side, when a model is installed and the index has vectors. */
  vectors: { table: VectorTable; embedder: () => Promise<Embedder> } | null;
  notices: string[];
}

export async function search(ctx: SearchContext, request: SearchRequest): Promise<SearchResponse> {
  const started = performance.now();
  const query = normalizeText(String(request?.query ?? '')).trim();
  if (!query) throw new UserError('the search query is empty');
  if (query.length > MAX_QUERY_LENGTH) throw new UserError(`the search query is too long (${query.length} characters; at most ${MAX_QUERY_LENGTH})`);
  const limit = clampLimit(request.limit);
  const notices = [...ctx.notices];
  const terms = queryTerms(query);
  if (terms.length === 0) {
    notices.push('the query has no words or numbers to search for');
    return { query, mode: ctx.vectors ? 'hybrid' : 'keyword', hits: [], notices, tookMs: performance.now() - started };
  }

  const keyword = await ctx.store.keywordSearch(terms, CANDIDATES);
  const vector = ctx.vectors ? await ctx.vectors.table.search(await (await ctx.vectors.embedder()).embedQuery(query), CANDIDATES) : [];
  const titleRank = new Map(ctx.titles.match(query, CANDIDATES).map((m, i) => [m.id, i + 1]));

  const fused = new Map<string, { score: number; keywordRank: number | null; vectorRank: number | null }>();
  const entry = (id: string) => fused.get(id) ?? fused.set(id, { score: 0, keywordRank: null, vectorRank: null }).get(id)!;
  keyword.forEach((k, i) => {
    const e = entry(k.id);
    e.keywordRank = i + 1;
    e.score += 1 / (RRF_K + i + 1);
  });
  vector.forEach((v, i) => {
    const e = entry(v.id);
    e.vectorRank = i + 1;
    e.score += 1 / (RRF_K + i + 1);
  });
  for (const [id, e] of fused) {
    const rank = titleRank.get(id.split('.')[0]!);
    if (rank) e.score += TITLE_WEIGHT / (RRF_K + rank);
  }

  const ranked = [...fused.entries()].sort((a, b) => b[1].score - a[1].score || a[0].localeCompare(b[0])).slice(0, limit);
  const passages = new Map((await ctx.store.passagesByIds(ranked.map(([id]) => id))).map((p) => [p.id, p]));
  const hits: SearchHit[] = [];
  for (const [id, rank] of ranked) {
    const passage = passages.get(id);
    const doc = passage && ctx.documents.get(passage.docId);
    if (!passage || !doc) continue; // deleted while we searched
    hits.push({
      path: doc.path,
      title: doc.title,
      format: doc.format as SearchHit['format'],
      page: passage.page,
      pageEnd: passage.pageEnd,
      section: passage.section,
      text: passage.text,
      highlights: matchRanges(passage.text, query),
      score: rank.score,
      keywordRank: rank.keywordRank,
      vectorRank: rank.vectorRank,
      citation: citation({ title: doc.title, path: doc.path, page: passage.page, pageEnd: passage.pageEnd, section: passage.section }),
      documentId: doc.id,
      passageId: passage.id,
      start: passage.start,
      end: passage.end,
    });
  }
  return { query, mode: ctx.vectors ? 'hybrid' : 'keyword', hits, notices, tookMs: Math.round(performance.now() - started) };
}

function clampLimit(limit: unknown): number {
  if (limit === undefined || limit === null) return DEFAULT_LIMIT;
  const n = Number(limit);
  if (!Number.isInteger(n) || n < 1) throw new UserError(`limit must be a whole number from 1 to ${MAX_LIMIT}`);
  return Math.min(n, MAX_LIMIT);
}
