/**
 * Query → the question as asked (question.ts: abbreviations, soft quotes) →
 * keyword candidates (BM25, then the word-order and heading re-rank of
 * rerank.ts) and vector candidates → filters → fusion (fusion.ts) → the
 * articles the question names first (references-in-query.ts) → cited hits.
 * The stages can be switched off one by one for measuring (SearchStages;
 * scripts/eval-alqac-files.mjs prints the ablation).
 */
import path from 'node:path';
import type { DocumentMetadata, FacetCount, ParsedQuery, SearchFacets, SearchHit, SearchRequest, SearchResponse } from '../api/contract.js';
import { Catalogue } from '../store/catalogue.js';
import { documentIdOf } from '../store/ids.js';
import { citations } from '../cite/citation.js';
import { facetValues, matchesFilter, matchesValidity, referenceMatches } from './filters.js';
import type { PolicyView } from '../policy/policy.js';
import type { Embedder } from '../embed/embedder.js';
import { UserError } from '../api/errors.js';
import type { Message } from '../api/messages.js';
import type { DocumentRow, LanceStore, RankedId, StoredPassage, VectorTable } from '../store/lance.js';
import { hasAccents, normalizeText } from '../common/normalize.js';
import { filterValue, parseQuery } from '../vietnamese/query.js';
import { gramWeights, headingBonus, orderBonus, passageHeading, queryShape, titleShape, type TitleShape } from './rerank.js';
import { matchRanges, queryTerms, tokenizeText } from '../vietnamese/tokenize.js';
import { understandQuestion } from './question.js';
import { fuseQuestion, type Fused, type KeywordRanked } from './fusion.js';

export { fuse, fuseQuestion, RRF_K, UNACCENTED_VECTOR_WEIGHT } from './fusion.js';
import { queryReferences, referencedPassages } from './references-in-query.js';

/** Candidates taken from each list before fusion. */
export const CANDIDATES = 50;
/** With phrases, exclusions, prefixes or filters, more candidates are read, since some are dropped. */
export const FILTERED_CANDIDATES = 300;
export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 100;
export const MAX_QUERY_LENGTH = 1_000;
/** BM25 candidates re-ranked by word order (see vietnamese/rerank.ts). */
export const RERANK_DEPTH = 50;
/** Queries up to this many words prefer passages that contain all of them (unless OR was said). */
export const ALL_WORDS_MAX = 6;

export interface SearchContext {
  store: LanceStore;
  documents: { get(id: string): DocumentRow | undefined; metadataOf(doc: DocumentRow): DocumentMetadata | null; all?(): DocumentRow[] };
  /** Vector side, when a model is installed and the index has vectors. */
  vectors: { table: VectorTable; embedder: () => Promise<Embedder> } | null;
  notices: Message[];
  /** Validity and references across the library (relations). */
  policy: PolicyView;
}

/** Facet values listed per field. */
const FACET_LIMIT = 12;

/** Syllable sequences of a text, exact and folded, for phrase and word tests. */
interface Sequences {
  exact: string;
  folded: string;
  exactWords: string[];
  foldedWords: string[];
}

/**
 * A stored passage's sequences, worked out once per passage object: the
 * all-words/phrase test and the word-order re-rank both read every candidate,
 * and tokenising each twice was the larger part of a keyword query.
 */
const PASSAGE_SEQUENCES = new WeakMap<StoredPassage, Sequences>();

function passageSequences(passage: StoredPassage): Sequences {
  let s = PASSAGE_SEQUENCES.get(passage);
  if (!s) PASSAGE_SEQUENCES.set(passage, (s = sequences(passage.text)));
  return s;
}

function sequences(text: string): Sequences {
  const tokens = tokenizeText(text).filter((t) => !t.code);
  const exactWords = tokens.map((t) => t.exact);
  const foldedWords = tokens.map((t) => t.folded);
  return { exact: ` ${exactWords.join(' ')} `, folded: ` ${foldedWords.join(' ')} `, exactWords, foldedWords };
}

/** A phrase, exclusion or prefix of the query, tokenised once; accented ones match exactly. */
interface Needle {
  accented: boolean;
  joined: string;
  words: string[];
}

function needle(text: string): Needle {
  const s = sequences(text);
  const accented = hasAccents(text);
  return { accented, joined: accented ? s.exact : s.folded, words: accented ? s.exactWords : s.foldedWords };
}

/**
 * The query's tests on passage text — phrases, exclusions, prefixes, and (for
 * short queries without OR) "has every word" — prepared once per query, so
 * each candidate passage is tokenised once.
 */
export class PassageTest {
  private readonly phrases: Needle[];
  private readonly excluded: Needle[];
  private readonly prefixes: Needle[];
  /** The query's words (accent-free) when the all-words preference applies, else null. */
  private readonly allWords: Set<string> | null;

  constructor(parsed: ParsedQuery, preferAllWords = true) {
    this.phrases = parsed.phrases.map(needle);
    this.excluded = parsed.excluded.map(needle);
    this.prefixes = parsed.prefixes.map(needle).filter((n) => n.words.length > 0);
    const words = new Set(sequences(parsed.words.join(' ')).foldedWords);
    this.allWords = !preferAllWords || parsed.anyOf || words.size === 0 || words.size > ALL_WORDS_MAX ? null : words;
  }

  /** True when there is anything to test on passage text. */
  get needsText(): boolean {
    return this.phrases.length + this.excluded.length + this.prefixes.length > 0 || this.allWords !== null;
  }

  /** Does the passage satisfy the phrases, exclusions and prefixes (and does it hold every word)? */
  check(passage: Sequences): { matches: boolean; allWords: boolean } {
    const contains = (n: Needle) => n.words.length > 0 && (n.accented ? passage.exact : passage.folded).includes(n.joined);
    const startsWith = (n: Needle) => {
      const words = n.accented ? passage.exactWords : passage.foldedWords;
      const last = n.words[n.words.length - 1]!;
      const before = n.words.slice(0, -1);
      return words.some((w, i) => w.startsWith(last) && before.every((b, j) => words[i - before.length + j] === b));
    };
    const matches = this.phrases.every(contains) && !this.excluded.some(contains) && this.prefixes.every(startsWith);
    const present = this.allWords && new Set(passage.foldedWords);
    return { matches, allWords: !present || [...this.allWords!].every((w) => present.has(w)) };
  }
}

/**
 * The ranking stages a search runs, for measuring each one's share (scripts/
 * eval-alqac-files.mjs prints the ablation). The product runs them all.
 */
export interface SearchStages {
  /** Word-order and heading re-rank of the BM25 candidates. */
  rerank: boolean;
  /** The all-words preference: short queries' passages with every word first, and their fusion list. */
  fusion: boolean;
  /** The question as officers ask it: abbreviations, soft quotes, explicit article references first. */
  understand: boolean;
}

export const ALL_STAGES: SearchStages = Object.freeze({ rerank: true, fusion: true, understand: true });

export interface RankOptions {
  /** Stages to run (default: all). */
  stages?: SearchStages;
  /** Keep only passages of documents this accepts (folder filters). */
  acceptDocument?: (docId: string) => boolean;
  /** Passage texts already fetched, shared with the caller. */
  texts?: Map<string, StoredPassage>;
  /** A document's title, so that a query naming it does not count as matching every heading in it. */
  titleOf?: (docId: string) => string | undefined;
}

/** Fetch the passages not yet in `texts`. */
async function fetchTexts(store: LanceStore, ids: string[], texts: Map<string, StoredPassage>): Promise<void> {
  const missing = ids.filter((id) => !texts.has(id));
  for (const p of await store.passagesByIds(missing)) texts.set(p.id, p);
}

/** Apply the query's passage and document filters to a ranked list. */
async function applyFilters(store: LanceStore, ranked: RankedId[], parsed: ParsedQuery, options: RankOptions): Promise<RankedId[]> {
  const kept = options.acceptDocument ? ranked.filter((r) => options.acceptDocument!(documentIdOf(r.id))) : ranked;
  const test = new PassageTest(parsed, options.stages?.fusion ?? true);
  if (!test.needsText) return kept;
  const texts = options.texts ?? new Map<string, StoredPassage>();
  await fetchTexts(store, kept.map((r) => r.id), texts);
  // Passages with every word of a short query first (unless OR was said), each group in its own order.
  const withAll: RankedId[] = [];
  const others: RankedId[] = [];
  for (const r of kept) {
    const passage = texts.get(r.id);
    if (!passage) continue;
    const result = test.check(passageSequences(passage));
    if (result.matches) (result.allWords ? withAll : others).push(r);
  }
  return [...withAll, ...others];
}

/** Keyword side: BM25 over our Vietnamese terms, then the query's filters. */
export async function rankKeyword(store: LanceStore, parsed: ParsedQuery, limit: number, options: RankOptions = {}): Promise<KeywordRanked[]> {
  const terms = queryTerms(parsed.text);
  if (terms.length === 0) return [];
  const filtered = parsed.phrases.length + parsed.excluded.length + parsed.prefixes.length > 0 || options.acceptDocument;
  const pool = Math.max(limit, filtered ? FILTERED_CANDIDATES : CANDIDATES);
  const first = await store.keywordSearch(terms, pool);
  const ranked = (options.stages?.rerank ?? true) ? await rerank(store, first, parsed, options) : first;
  return (await applyFilters(store, ranked, parsed, options)).slice(0, limit);
}

/** Re-rank the top BM25 candidates: relative BM25 score plus the word-order and heading bonuses. */
async function rerank(store: LanceStore, ranked: RankedId[], parsed: ParsedQuery, options: RankOptions): Promise<KeywordRanked[]> {
  const head = ranked.slice(0, RERANK_DEPTH);
  const top = head[0]?.score || 1;
  const shape = queryShape(parsed.text);
  if (shape.words.length < 2) return ranked;
  const texts = options.texts ?? (options.texts = new Map());
  await fetchTexts(store, head.map((r) => r.id), texts);
  const titles = new Map<string, TitleShape | undefined>();
  const titleOf = (docId: string) => {
    if (!titles.has(docId)) {
      const title = options.titleOf?.(docId);
      titles.set(docId, title ? titleShape(title) : undefined);
    }
    return titles.get(docId);
  };
  const wordsOf = (id: string) => {
    const passage = texts.get(id);
    return passage ? passageSequences(passage).foldedWords : [];
  };
  const weights = gramWeights(shape, head.map((r) => wordsOf(r.id)));
  const rescored = head
    .map((r) => {
      const passage = texts.get(r.id);
      const order = orderBonus(shape, wordsOf(r.id), weights);
      const heading = passage ? headingBonus(shape, passageHeading(passage.text, passage.section), titleOf(passage.docId)) : 0;
      return { id: r.id, score: r.score / top + order.bonus + heading, wholeQuery: order.wholeQuery, allWords: order.allWords, coverage: order.coverage };
    })
    .sort((a, b) => b.score - a.score);
  return [...rescored, ...ranked.slice(RERANK_DEPTH)];
}

export async function search(ctx: SearchContext, request: SearchRequest, stages: SearchStages = ALL_STAGES): Promise<SearchResponse> {
  const started = performance.now();
  const query = normalizeText(String(request?.query ?? '')).trim();
  if (!query) throw new UserError('query.empty');
  if (query.length > MAX_QUERY_LENGTH) throw new UserError('query.tooLong', { length: query.length, max: MAX_QUERY_LENGTH });
  const limit = clampLimit(request.limit);
  const parsed = parseQuery(query);
  // The parser's problems travel in `parsed.problems` only: a front end shows each once.
  const notices = [...ctx.notices];
  const mode = ctx.vectors ? 'hybrid' : 'keyword';
  const citing = parsed.filters.filter((f) => f.field === 'lienquan').map((f) => ctx.policy.referring((ref) => referenceMatches(ref, f.value)));
  const acceptDocument = parsed.filters.length
    ? (docId: string) => {
        const doc = ctx.documents.get(docId);
        if (!doc) return false;
        const meta = ctx.documents.metadataOf(doc);
        if (!citing.every((ids) => ids.has(docId))) return false;
        return parsed.filters.every((f) => {
          if (f.field === 'thumuc') return filterValue(doc.path.replace(/[\\/]/g, ' ')).includes(f.value);
          if (f.field === 'hieuluc') return matchesValidity(ctx.policy.status(doc.path), f.value);
          if (f.field === 'lienquan') return true; // checked above
          return matchesFilter(meta, f);
        });
      }
    : undefined;
  const noFacets: SearchFacets = { loai: [], coquan: [], nam: [], thumuc: [], hieuluc: [] };
  if (!parsed.text) {
    if (!parsed.problems.some((p) => p.code === 'query.empty')) notices.push({ code: 'search.filtersOnly', params: {} });
    return { query, parsed, mode, hits: [], facets: noFacets, notices, tookMs: Math.round(performance.now() - started) };
  }

  const texts = new Map<string, StoredPassage>();
  const options: RankOptions = { stages, acceptDocument, texts, titleOf: (docId) => ctx.documents.get(docId)?.title };
  const asked = stages.understand ? understandQuestion(parsed) : parsed;
  const keyword = await rankKeyword(ctx.store, asked, CANDIDATES, options);
  let vector: RankedId[] = [];
  if (ctx.vectors) {
    const embedder = await ctx.vectors.embedder();
    const raw = await ctx.vectors.table.search(await embedder.embedQuery(parsed.text), CANDIDATES);
    vector = await applyFilters(ctx.store, raw, { ...parsed, anyOf: true }, options);
  }
  let all = fuseQuestion(parsed.text, keyword, vector, stages.fusion);
  if (stages.understand) all = await referencesFirst(ctx, asked.text, all, acceptDocument);
  const facets = countFacets(ctx, all.map(([id]) => documentIdOf(id)));
  const fused = all.slice(0, limit);
  await fetchTexts(ctx.store, fused.map(([id]) => id), texts);

  const hits: SearchHit[] = [];
  for (const [id, rank] of fused) {
    const passage = texts.get(id);
    const doc = passage && ctx.documents.get(passage.docId);
    if (!passage || !doc) continue; // deleted while we searched
    const metadata = ctx.documents.metadataOf(doc);
    const cited = citations(metadata, { path: doc.path, page: passage.page, pageEnd: passage.pageEnd, section: passage.section, title: doc.title });
    hits.push({
      path: doc.path,
      otherPaths: Catalogue.aliasesOf(doc),
      title: doc.title,
      format: doc.format as SearchHit['format'],
      page: passage.page,
      pageEnd: passage.pageEnd,
      section: passage.section,
      text: passage.text,
      ocr: passage.ocr,
      highlights: matchRanges(passage.text, parsed.text),
      score: rank.score,
      keywordRank: rank.keywordRank,
      vectorRank: rank.vectorRank,
      citation: cited.best,
      citations: cited,
      metadata,
      status: ctx.policy.status(doc.path)?.value ?? 'unknown',
      documentId: doc.id,
      passageId: passage.id,
      start: passage.start,
      end: passage.end,
    });
  }
  return { query, parsed, mode, hits, facets, notices, tookMs: Math.round(performance.now() - started) };
}

/** The passages the question names ("khoản 2 Điều 45 Luật Viên chức") first, when the library has them. */
async function referencesFirst(ctx: SearchContext, text: string, ranked: Array<[string, Fused]>, accept?: (docId: string) => boolean): Promise<Array<[string, Fused]>> {
  const references = queryReferences(text);
  if (references.length === 0 || !ctx.documents.all) return ranked;
  const documents = ctx.documents.all().filter((d) => !accept || accept(d.id));
  const fallback = ranked[0] ? documentIdOf(ranked[0][0]) : null;
  const named = await referencedPassages(references, { documents, passagesOf: (docId) => ctx.store.passagesWhere({ docId }, 500) }, fallback);
  if (named.length === 0) return ranked;
  const byId = new Map(ranked);
  const top = ranked[0]?.[1].score ?? 0;
  const first = named.map((id, i): [string, Fused] => [id, { keywordRank: null, vectorRank: null, ...byId.get(id), score: top + (named.length - i) }]);
  return [...first, ...ranked.filter(([id]) => !named.includes(id))];
}

/** Count the matching documents (each once) by type, issuer and year. */
function countFacets(ctx: SearchContext, docIds: string[]): SearchFacets {
  const counts = {
    loai: new Map<string, FacetCount>(), coquan: new Map<string, FacetCount>(), nam: new Map<string, FacetCount>(),
    thumuc: new Map<string, FacetCount>(), hieuluc: new Map<string, FacetCount>(),
  };
  const bump = (map: Map<string, FacetCount>, value: string, label: string) => {
    const entry = map.get(value) ?? map.set(value, { value, label, count: 0 }).get(value)!;
    entry.count++;
  };
  for (const id of new Set(docIds)) {
    const doc = ctx.documents.get(id);
    if (!doc) continue;
    const folder = path.basename(path.dirname(doc.path));
    if (folder) bump(counts.thumuc, folder, folder);
    const validity = ctx.policy.status(doc.path);
    if (matchesValidity(validity, 'con')) bump(counts.hieuluc, 'con', 'còn hiệu lực');
    else if (matchesValidity(validity, 'het')) bump(counts.hieuluc, 'het', 'hết hiệu lực');
    const meta = ctx.documents.metadataOf(doc);
    if (!meta) continue;
    const v = facetValues(meta);
    if (v.loai) bump(counts.loai, v.loai.value, v.loai.label);
    if (v.coquan) bump(counts.coquan, v.coquan, v.coquan);
    if (v.nam) bump(counts.nam, String(v.nam), String(v.nam));
  }
  const top = (map: Map<string, FacetCount>) => [...map.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'vi')).slice(0, FACET_LIMIT);
  return { loai: top(counts.loai), coquan: top(counts.coquan), nam: top(counts.nam), thumuc: top(counts.thumuc), hieuluc: top(counts.hieuluc) };
}

function clampLimit(limit: unknown): number {
  if (limit === undefined || limit === null) return DEFAULT_LIMIT;
  const n = Number(limit);
  if (!Number.isInteger(n) || n < 1) throw new UserError('search.badLimit', { max: MAX_LIMIT });
  return Math.min(n, MAX_LIMIT);
}
