/**
 * Query → the query's filters as a set of documents, from memory
 * (doc-index.ts) → the first stage: every matching passage of those documents
 * (first-stage.ts, filtered before matching) → ranking of its best part:
 * keyword candidates (BM25, then the word-order and heading re-rank of
 * rerank.ts; keyword.ts) and vector candidates, both filtered before ranking
 * → fusion (fusion.ts) → the articles the question names first
 * (references-in-query.ts) → the rest of the match set, by BM25 → the asked
 * order → one hit per article (collapse.ts) → the page, with totals and
 * facets over the whole match set (facets.ts) and honest highlights
 * (highlight.ts). A query of filters alone lists the documents (browse.ts).
 * The ranking stages can be switched off one by one for measuring
 * (SearchStages; scripts/eval-alqac-files.mjs prints the ablation).
 */
import type { DocumentMetadata, ParsedQuery, SearchFacets, SearchHit, SearchRequest, SearchResponse, SearchSort } from '../api/contract.js';
import { documentIdOf } from '../store/ids.js';
import type { PolicyView } from '../policy/policy.js';
import type { Embedder } from '../embed/embedder.js';
import { UserError } from '../api/errors.js';
import type { Message } from '../api/messages.js';
import type { DocumentRow, LanceStore, RankedId, StoredPassage, VectorTable } from '../store/lance.js';
import { docIdFilter } from '../store/sql.js';
import { normalizeText } from '../common/normalize.js';
import { parseQuery } from '../vietnamese/query.js';
import { understandQuestion } from './question.js';
import { fuseQuestion, type Fused } from './fusion.js';
import { queryReferences, referencedPassages } from './references-in-query.js';
import { ALL_STAGES, applyFilters, CANDIDATES, fetchTexts, rankKeyword, type RankOptions, type SearchStages } from './keyword.js';
import { DocIndex, FACET_FIELDS, type FacetField } from './doc-index.js';
import { matchSet, MatchRows, MatchSource, type MatchSet } from './first-stage.js';
import { collapse, type CollapseMode, type Ranking } from './collapse.js';
import { countFacets, emptyFacets } from './facets.js';
import { listDocuments, orderByDocument, type DocumentSort } from './browse.js';
import { Highlighter } from './highlight.js';
import { groupHit, hitOf } from './hits.js';

export { fuse, fuseQuestion, RRF_K, UNACCENTED_VECTOR_WEIGHT } from './fusion.js';
export { ALL_STAGES, CANDIDATES, FILTERED_CANDIDATES, RERANK_DEPTH, rankKeyword, type RankOptions, type SearchStages } from './keyword.js';
export { ALL_WORDS_MAX, PassageTest } from './passage-test.js';
export { MATCH_CAP, PARTIAL_CAP, TEXT_CHECK_CAP } from './first-stage.js';

export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 100;
export const MAX_QUERY_LENGTH = 1_000;
const SORTS: readonly SearchSort[] = ['relevance', 'date', 'number', 'title'];

export interface SearchContext {
  store: LanceStore;
  documents: { get(id: string): DocumentRow | undefined; metadataOf(doc: DocumentRow): DocumentMetadata | null; all(): DocumentRow[] };
  /** Vector side, when a model is installed and the index has vectors. */
  vectors: { table: VectorTable; embedder: () => Promise<Embedder> } | null;
  notices: Message[];
  /** Validity and references across the library (relations); one per catalogue version. */
  policy: PolicyView;
}

interface Paging {
  limit: number;
  offset: number;
  sort: SearchSort;
  collapse: CollapseMode;
}

export async function search(ctx: SearchContext, request: SearchRequest, stages: SearchStages = ALL_STAGES): Promise<SearchResponse> {
  const started = performance.now();
  const query = normalizeText(String(request?.query ?? '')).trim();
  if (!query) throw new UserError('query.empty');
  if (query.length > MAX_QUERY_LENGTH) throw new UserError('query.tooLong', { length: query.length, max: MAX_QUERY_LENGTH });
  const paging = pagingOf(request);
  const parsed = parseQuery(query);
  // The parser's problems travel in `parsed.problems` only: a front end shows each once.
  const notices = [...ctx.notices];
  const mode = ctx.vectors ? 'hybrid' : 'keyword';
  const index = DocIndex.of(ctx.policy, ctx.documents.all(), (doc) => ctx.documents.metadataOf(doc));
  const allowed = index.filter(parsed.filters, ctx.policy);
  // With a facet field among the filters, the facet's own counts need other filters' match sets: read the whole library's once.
  const source = await MatchSource.of(ctx.store, index, filteredFacets(parsed).length > 0);
  const base = { query, parsed, mode, notices, offset: paging.offset, partial: false, browse: false } as const;
  const none = (browse: boolean): SearchResponse => ({
    ...base, browse, hits: [], facets: emptyFacets(), total: { passages: 0, documents: 0, exact: true }, tookMs: Math.round(performance.now() - started),
  });
  if (!parsed.text) {
    if (parsed.filters.length === 0) return none(false);
    return browse(ctx, index, allowed!, paging, { ...base, browse: true }, started);
  }
  if (allowed?.size === 0) {
    const empty = none(false);
    await countWithoutOwnFilter(ctx, index, source, parsed, empty.facets);
    return empty;
  }
  const where = whereOf(allowed, index);
  const mask = index.maskOf(allowed);

  const texts = new Map<string, StoredPassage>();
  const options: RankOptions = { stages, where, texts, titleOf: (docId) => index.get(docId)?.row.title };
  const asked = stages.understand ? understandQuestion(parsed) : parsed;
  // The same candidates whatever the page, so pages never overlap: beyond them the match set continues by BM25.
  const pool = CANDIDATES;
  const [keyword, match] = await Promise.all([rankKeyword(ctx.store, asked, pool, options), matchSet(source, ctx.store, parsed, mask, () => where, texts)]);
  let vector: RankedId[] = [];
  if (ctx.vectors) {
    const embedder = await ctx.vectors.embedder();
    const raw = await ctx.vectors.table.search(await embedder.embedQuery(parsed.text), pool, where);
    vector = await applyFilters(ctx.store, raw, { ...parsed, anyOf: true }, options);
  }
  let fused = fuseQuestion(parsed.text, keyword, vector, stages.fusion);
  let named = new Set<string>();
  if (stages.understand) ({ ranked: fused, named } = await referencesFirst(ctx, asked.text, fused, allowed));
  let order = withMatchSet(fused, match, named, index);
  const matched = docMask(index, order.docs);
  if (paging.sort !== 'relevance') order = order.sorted(paging.sort, index);

  const total = { passages: order.length, documents: matched.count, exact: match.mode !== 'ranked' && match.exact };
  const facets = countFacets(index, ctx.policy, matched.mask);
  // A facet's own counts (a store query each when the whole list was too long) and the page's texts, side by side.
  const [groups] = await Promise.all([
    collapse(order, { mode: paging.collapse, need: paging.offset + paging.limit, texts, entry: (id) => index.get(id), fetch: (ids) => order.fetch(ctx.store, ids, texts) }),
    match.mode !== 'ranked' ? countWithoutOwnFilter(ctx, index, source, parsed, facets) : null,
  ]);
  const highlighter = new Highlighter(parsed, match.folded);
  const hits = groups.slice(paging.offset, paging.offset + paging.limit)
    .map((g) => groupHit(g, index, ctx.policy, highlighter))
    .filter((h): h is SearchHit => h !== null);
  if (match.partial) notices.push({ code: 'search.partial', params: {} });
  return { ...base, partial: match.partial, hits, facets, total, tookMs: Math.round(performance.now() - started) };
}

/**
 * The ranked candidates, then the rest of the match set by BM25. When every
 * word is wanted and some passage holds them all, candidates lacking a word
 * (keyword passages with some words, vector neighbours) are left out, so the
 * hits are the match set that `total` counts; the passages a question names
 * by article stay. Passages of documents no longer in the catalogue go.
 */
function withMatchSet(fused: Array<[string, Fused]>, match: MatchSet, named: Set<string>, index: DocIndex): Ordered {
  const { rows } = match;
  // The candidates' documents: only a row of one of them can be a candidate, so only those rows' ids are made.
  const candidateDocs = new Set<number>();
  for (const [id] of fused) candidateDocs.add(index.noOfPassage(id));
  const candidates = new Map(fused);
  const inMatch = new Set<string>();
  const rest: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const doc = rows.docs[i]!;
    if (doc < 0) continue;
    if (candidateDocs.has(doc)) {
      const id = rows.idAt(i);
      if (candidates.has(id)) {
        inMatch.add(id);
        continue;
      }
    }
    rest.push(i);
  }
  const head = match.mode === 'all' ? fused.filter(([id]) => inMatch.has(id) || named.has(id)) : fused;
  const kept: Array<[string, Fused]> = [];
  const headDocs: number[] = [];
  for (const item of head) {
    const doc = index.noOfPassage(item[0]);
    if (doc < 0) continue;
    kept.push(item);
    headDocs.push(doc);
  }
  const floor = head.length ? Math.min(...head.map(([, f]) => f.score)) : 1;
  const tail = rows.pick(rest);
  const docs = new Int32Array(kept.length + tail.length);
  docs.set(headDocs);
  docs.set(tail.docs, kept.length);
  return new Ordered(kept, tail, floor, docs);
}

/**
 * The hits' order: the ranked candidates, then the rest of the match set (its
 * passage ids made only when read), optionally reordered by document.
 */
class Ordered implements Ranking {
  constructor(
    private readonly head: Array<[string, Fused]>,
    private readonly rest: MatchRows,
    private readonly floor: number,
    /** Each position's document number. */
    readonly docs: Int32Array,
    private readonly permutation: Int32Array | null = null,
  ) {}

  get length(): number {
    return this.docs.length;
  }

  /** Row addresses of the match-set rows handed out (the page's texts are then taken by address). */
  private readonly addresses = new Map<string, number>();

  at(position: number): [string, Fused] {
    const i = this.permutation ? this.permutation[position]! : position;
    if (i < this.head.length) return this.head[i]!;
    const k = i - this.head.length;
    const id = this.rest.idAt(k);
    const address = this.rest.addressAt(k);
    if (address >= 0) this.addresses.set(id, address);
    // Below every candidate, in BM25 order.
    return [id, { score: this.floor * (1 - (k + 1) / (this.rest.length + 2)) * 0.5, keywordRank: null, vectorRank: null }];
  }

  /** The texts of these passages not yet in `texts`. */
  fetch(store: LanceStore, ids: string[], texts: Map<string, StoredPassage>): Promise<void> {
    const known = ids.filter((id) => !texts.has(id) && this.addresses.has(id));
    if (known.length > 0) store.rememberRowIds(this.rest.version, known, known.map((id) => this.addresses.get(id)!));
    return fetchTexts(store, ids, texts);
  }

  /** The documents in the asked order, each document's passages in rank order. */
  sorted(sort: DocumentSort, index: DocIndex): Ordered {
    const positions = Array.from({ length: this.length }, (_, i) => i);
    const order = orderByDocument(positions, (i) => index.list[this.docs[i]!], sort);
    return new Ordered(this.head, this.rest, this.floor, Int32Array.from(order, (i) => this.docs[i]!), Int32Array.from(order));
  }
}

/** The documents of a list of document numbers: one byte per document (1: present) and how many. */
function docMask(index: DocIndex, docs: Int32Array): { mask: Uint8Array; count: number } {
  const mask = new Uint8Array(index.list.length);
  let count = 0;
  for (let i = 0; i < docs.length; i++) {
    const d = docs[i]!;
    if (d >= 0 && mask[d] === 0) {
      mask[d] = 1;
      count++;
    }
  }
  return { mask, count };
}

/** A query of filters alone: the matching documents, one hit each (its first passage), in the asked order. */
async function browse(ctx: SearchContext, index: DocIndex, allowed: Set<string>, paging: Paging, base: Omit<SearchResponse, 'hits' | 'facets' | 'total' | 'tookMs'>, started: number): Promise<SearchResponse> {
  const entries = [...allowed].map((id) => index.get(id)!);
  const listed = listDocuments(entries, paging.sort);
  const page = listed.slice(paging.offset, paging.offset + paging.limit);
  const first = new Map((await ctx.store.firstPassages(page.map((e) => e.id))).map((p) => [p.docId, p]));
  const hits: SearchHit[] = [];
  page.forEach((entry, i) => {
    const passage = first.get(entry.id);
    if (passage) hits.push(hitOf(entry, passage, { score: listed.length - paging.offset - i, keywordRank: null, vectorRank: null }, [], ctx.policy));
  });
  const total = { passages: entries.reduce((n, e) => n + e.row.passages, 0), documents: entries.length, exact: true };
  const facets = countFacets(index, ctx.policy, index.maskOf(allowed)!);
  for (const field of filteredFacets(base.parsed)) {
    facets[field] = countFacets(index, ctx.policy, index.maskOf(index.filter(base.parsed.filters, ctx.policy, field)) ?? new Uint8Array(index.size).fill(1))[field];
  }
  return { ...base, hits, facets, total, tookMs: Math.round(performance.now() - started) } as SearchResponse;
}

/** The passages the question names ("khoản 2 Điều 45 Luật Viên chức") first, when the library has them. */
async function referencesFirst(ctx: SearchContext, text: string, ranked: Array<[string, Fused]>, allowed: Set<string> | null): Promise<{ ranked: Array<[string, Fused]>; named: Set<string> }> {
  const references = queryReferences(text);
  if (references.length === 0) return { ranked, named: new Set() };
  const documents = ctx.documents.all().filter((d) => !allowed || allowed.has(d.id));
  const fallback = ranked[0] ? documentIdOf(ranked[0][0]) : null;
  const named = await referencedPassages(references, { documents, passagesOf: (docId) => ctx.store.passagesWhere({ docId }, 500) }, fallback);
  if (named.length === 0) return { ranked, named: new Set() };
  const byId = new Map(ranked);
  const top = ranked[0]?.[1].score ?? 0;
  const first = named.map((id, i): [string, Fused] => [id, { keywordRank: null, vectorRank: null, ...byId.get(id), score: top + (named.length - i) }]);
  return { ranked: [...first, ...ranked.filter(([id]) => !named.includes(id))], named: new Set(named) };
}

/**
 * A field the query filters on is counted with every filter but its own, so
 * its other values stay on offer (`thumuc:bao-cao` still shows ke-hoach 400).
 */
async function countWithoutOwnFilter(ctx: SearchContext, index: DocIndex, source: MatchSource, parsed: ParsedQuery, facets: SearchFacets): Promise<void> {
  await Promise.all(filteredFacets(parsed).map(async (field) => {
    const others = index.filter(parsed.filters, ctx.policy, field);
    if (others?.size === 0) return;
    const match = await matchSet(source, ctx.store, parsed, index.maskOf(others), () => whereOf(others, index), new Map());
    if (match.mode !== 'ranked') facets[field] = countFacets(index, ctx.policy, docMask(index, match.rows.docs).mask)[field];
  }));
}

/** Store filters of the document sets DocIndex keeps per catalogue version (paging and facet clicks repeat them). */
const WHERE = new WeakMap<Set<string>, string | null>();

function whereOf(allowed: Set<string> | null, index: DocIndex): string | null {
  if (allowed === null) return null;
  if (!WHERE.has(allowed)) WHERE.set(allowed, docIdFilter(allowed, index.ids()));
  return WHERE.get(allowed)!;
}

/** The facet fields the query filters on: each is counted without its own filter. */
function filteredFacets(parsed: ParsedQuery): FacetField[] {
  return FACET_FIELDS.filter((field) => parsed.filters.some((f) => f.field === field));
}

function pagingOf(request: SearchRequest): Paging {
  const offset = request.offset ?? 0;
  if (!Number.isInteger(offset) || offset < 0) throw new UserError('search.badOffset');
  const sort = request.sort ?? 'relevance';
  if (!SORTS.includes(sort)) throw new UserError('search.badSort');
  const collapse = request.collapse ?? 'article';
  if (collapse !== 'article' && collapse !== 'passage') throw new UserError('search.badSort');
  return { limit: clampLimit(request.limit), offset, sort, collapse };
}

function clampLimit(limit: unknown): number {
  if (limit === undefined || limit === null) return DEFAULT_LIMIT;
  const n = Number(limit);
  if (!Number.isInteger(n) || n < 1) throw new UserError('search.badLimit', { max: MAX_LIMIT });
  return Math.min(n, MAX_LIMIT);
}
