/**
 * The keyword side of ranking: BM25 candidates over our Vietnamese terms
 * (filtered by document before ranking when the query has filters), the
 * word-order and heading re-rank of rerank.ts, then the query's tests on
 * passage text (phrases, exclusions, prefixes; passages holding every word of
 * a short query first).
 */
import type { ParsedQuery } from '../api/contract.js';
import { documentIdOf } from '../store/ids.js';
import type { LanceStore, RankedId, StoredPassage } from '../store/lance.js';
import { gramWeights, orderBonus, passageBonus, queryShape, titleShape, wordPositions, type TitleShape } from './rerank.js';
import { BIGRAM_JOINER, queryTerms, tokenizeText } from '../vietnamese/tokenize.js';
import { hasAccents, normalizeText } from '../common/normalize.js';
import { RESTORE_DEPTH, restoreAccents } from './restore-accents.js';
import type { KeywordRanked } from './fusion.js';
import { ALL_WORDS_MAX, PassageTest, passageSequences } from './passage-test.js';

/** Candidates taken from each list before fusion. */
export const CANDIDATES = 50;
/** With phrases, exclusions or prefixes, more candidates are read, since some are dropped. */
export const FILTERED_CANDIDATES = 300;
/** BM25 candidates re-ranked by word order (see vietnamese/rerank.ts). */
export const RERANK_DEPTH = 50;

/**
 * The ranking stages a search runs, for measuring each one's share (scripts/
 * eval-alqac-files.mjs prints the ablation). The product runs them all.
 */
export interface SearchStages {
  /** Word-order and heading re-rank of the BM25 candidates. */
  rerank: boolean;
  /** The all-words preference: short queries' passages with every word first, and their fusion list. */
  fusion: boolean;
  /**
   * The question as officers ask it: abbreviations, soft quotes, explicit
   * article references first, and an accent-free question read with the
   * library's accents (restore-accents.ts).
   */
  understand: boolean;
}

export const ALL_STAGES: SearchStages = Object.freeze({ rerank: true, fusion: true, understand: true });

export interface RankOptions {
  /** Stages to run (default: all). */
  stages?: SearchStages;
  /** Keep only passages of documents this accepts (after ranking; prefer `where`). */
  acceptDocument?: (docId: string) => boolean;
  /** Filter on documents applied before ranking (sql.ts `docIdFilter`). */
  where?: string | null;
  /** Passage texts already fetched, shared with the caller. */
  texts?: Map<string, StoredPassage>;
  /** A document's title, so that a query naming it does not count as matching every heading in it. */
  titleOf?: (docId: string) => string | undefined;
}

/** Fetch the passages not yet in `texts`. */
export async function fetchTexts(store: LanceStore, ids: string[], texts: Map<string, StoredPassage>): Promise<void> {
  const missing = ids.filter((id) => !texts.has(id));
  for (const p of await store.passagesByIds(missing)) texts.set(p.id, p);
}

/** Apply the query's passage and document filters to a ranked list. */
export async function applyFilters(store: LanceStore, ranked: RankedId[], parsed: ParsedQuery, options: RankOptions): Promise<RankedId[]> {
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

/**
 * Words from which a question typed with accents finds its BM25 candidates
 * by its words as typed: the accent-free forms of its accented words and
 * word pairs are left out of that search (they stay in the re-rank, which
 * reads the passages' words). At 94,408 passages LanceDB's search for a
 * 30-word question cost 32 ms of CPU with them and 17 without (about 100
 * terms against 52; the commonest accent-free syllables, "ve", "dinh",
 * "hop", are in nearly every passage). It ranks no worse: ALQAC 2024
 * accented R@1/MRR@10 0.883/0.923 → 0.891/0.926 on the even half,
 * 0.879/0.909 → 0.883/0.911 on the odd half (accent-free questions are
 * unchanged; leaving out only the accent-free single words, keeping the
 * pairs, ranked worse: 0.879/0.921 and 0.879/0.908). A library whose
 * passages lack the accents still finds its candidates: with fewer than
 * asked, all the terms are searched again (as a short query's words match
 * as typed, then without accents, first-stage.ts). In a large library a
 * passage written without accents is then a candidate of such a question
 * only through the vector side.
 */
export const EXACT_CANDIDATES_MIN_WORDS = ALL_WORDS_MAX + 1;

/** The terms a question's BM25 candidates are found by (see EXACT_CANDIDATES_MIN_WORDS). */
export function firstStageTerms(text: string, terms: string[]): string[] {
  if (!hasAccents(text)) return terms;
  const tokens = tokenizeText(normalizeText(text));
  if (tokens.filter((t) => !t.code).length < EXACT_CANDIDATES_MIN_WORDS) return terms;
  const keep = new Set<string>();
  const drop = new Set<string>();
  const mark = (exact: string, folded: string) => (exact !== folded ? drop : keep).add(folded);
  let previous: (typeof tokens)[number] | undefined;
  for (const t of tokens) {
    mark(t.exact, t.folded);
    if (t.code) continue;
    if (previous && previous.phrase === t.phrase) mark(previous.exact + BIGRAM_JOINER + t.exact, previous.folded + BIGRAM_JOINER + t.folded);
    previous = t;
  }
  return terms.filter((x) => !drop.has(x) || keep.has(x));
}

/** Keyword side: BM25 over our Vietnamese terms, then the query's filters. */
export async function rankKeyword(store: LanceStore, parsed: ParsedQuery, limit: number, options: RankOptions = {}): Promise<KeywordRanked[]> {
  const terms = queryTerms(parsed.text);
  if (terms.length === 0) return [];
  const filtered = parsed.phrases.length + parsed.excluded.length + parsed.prefixes.length > 0 || options.acceptDocument;
  const pool = Math.max(limit, filtered ? FILTERED_CANDIDATES : CANDIDATES);
  const narrowed = firstStageTerms(parsed.text, terms);
  // The candidates come with their texts: the re-rank and the query's tests read them next.
  const texts = options.texts ?? (options.texts = new Map());
  let first = await store.keywordSearch(narrowed, pool, options.where, texts);
  if (narrowed.length < terms.length && first.length < pool) first = await store.keywordSearch(terms, pool, options.where, texts);
  let asked = parsed;
  if ((options.stages?.understand ?? true) && !hasAccents(parsed.text) && first.length > 0) {
    // Typed without accents: ranked again with the accents the best candidates write it with (restore-accents.ts).
    const head = first.slice(0, RESTORE_DEPTH).map((r) => r.id);
    await fetchTexts(store, head, texts);
    const restored = restoreAccents(parsed.text, head.map((id) => texts.get(id)?.text ?? ''));
    if (restored !== parsed.text) {
      asked = { ...parsed, text: restored };
      first = await store.keywordSearch(queryTerms(restored), pool, options.where, texts);
    }
  }
  const ranked = (options.stages?.rerank ?? true) ? await rerank(store, first, asked, options) : first;
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
  // Each candidate's word positions worked out once, for the pair weights and its own bonus.
  const words = head.map((r) => wordsOf(r.id));
  const positions = words.map(wordPositions);
  const weights = gramWeights(shape, words, positions);
  const rescored = head
    .map((r, i) => {
      const passage = texts.get(r.id);
      const order = orderBonus(shape, words[i]!, weights, positions[i]);
      const heading = passage ? passageBonus(shape, passage, titleOf(passage.docId)) : 0;
      return { id: r.id, score: r.score / top + order.bonus + heading, wholeQuery: order.wholeQuery, allWords: order.allWords, coverage: order.coverage };
    })
    .sort((a, b) => b.score - a.score);
  return [...rescored, ...ranked.slice(RERANK_DEPTH)];
}

