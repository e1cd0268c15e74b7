/**
 * The first stage: which passages match the whole query, over the whole
 * library (or the documents its filters keep, filtered before ranking). This
 * set is what search counts (`total`), pages through and counts facets over;
 * the ranking stages (rerank, vectors, fusion) only order its best part.
 *
 * - A short query (up to ALL_WORDS_MAX words, no OR) matches the passages
 *   holding every word: a word typed with accents in that spelling, a word
 *   typed without accents in any ("doi moi" finds "đổi mới"). When none holds
 *   every accented word as typed, accents are ignored; when none holds every
 *   word, the passages holding any word match and the response says `partial`.
 * - Phrases, exclusions and prefixes are then checked on the passages' text.
 * - A longer question (or an OR query) matches passages holding any of its
 *   words — nearly the whole library, so it is answered by relevance: the
 *   ranked candidates are the match set and the total is a lower bound.
 */
import type { ParsedQuery } from '../api/contract.js';
import type { LanceStore, RankedId, StoredPassage } from '../store/lance.js';
import { tokenizeText } from '../vietnamese/tokenize.js';
import { ALL_WORDS_MAX, PassageTest, passageSequences } from './passage-test.js';
import { isNaturalQuestion } from './question.js';
import { foldAccents } from '../common/normalize.js';

/**
 * Words that only make a sentence a question ("… là gì?", "… như thế nào?", "có
 * phải … không?"): the passage that answers holds none of them, so a question
 * does not require them (its ranking still reads them). Exact and accent-free
 * spellings, since questions are typed both ways.
 */
const QUESTION_ONLY_WORDS = new Set(
  ['gì', 'nào', 'ai', 'đâu', 'sao', 'bao', 'nhiêu', 'giờ', 'thế', 'như', 'không', 'là', 'có', 'phải', 'hay'].flatMap((w) => [w, foldAccents(w)]),
);

/**
 * Passages counted for a query whose passages hold every word: beyond it the
 * totals read "more than" (`total.exact: false`) and facets count the first
 * MATCH_CAP passages by relevance. At 100,000 passages reading 10,000 matches
 * took ~20 ms (bench/REPORT.md).
 */
export const MATCH_CAP = 10_000;
/** Passages counted when no passage holds every word (partial matches): the best of them by relevance. */
export const PARTIAL_CAP = 1_000;
/** Passages whose text is read to check phrases, exclusions and prefixes; beyond it the count is "more than". */
export const TEXT_CHECK_CAP = 2_000;

/** `all`: every word; `any`: some word (partial); `ranked`: a question answered by relevance only. */
export type MatchMode = 'all' | 'any' | 'ranked';

export interface MatchSet {
  /** Matching passages, best first by BM25 over the query's words. */
  ids: RankedId[];
  mode: MatchMode;
  /** False when counting stopped at a cap. */
  exact: boolean;
  /** No passage holds every word: these hold some. */
  partial: boolean;
  /** Words matched accent-free (the query had none, or none matched as typed): highlighting folds too. */
  folded: boolean;
}

/** One query word: its exact form, its accent-free form, and whether it was typed with accents. */
export interface QueryWord {
  exact: string;
  folded: string;
  accented: boolean;
}

/** The distinct words of the query's words and phrases (document numbers are matched by their syllables). */
export function queryWords(parsed: Pick<ParsedQuery, 'words' | 'phrases'>): QueryWord[] {
  const seen = new Map<string, QueryWord>();
  for (const t of tokenizeText([...parsed.words, ...parsed.phrases].join(' '))) {
    if (t.code || seen.has(t.exact)) continue;
    seen.set(t.exact, { exact: t.exact, folded: t.folded, accented: t.exact !== t.folded });
  }
  return [...seen.values()];
}

/** The words a passage must hold: a question's own interrogative words are not among them. */
export function requiredWords(parsed: ParsedQuery): QueryWord[] {
  const words = queryWords(parsed);
  if (!isNaturalQuestion(parsed)) return words;
  const content = words.filter((w) => !QUESTION_ONLY_WORDS.has(w.exact.toLowerCase()));
  return content.length > 0 ? content : words;
}

/** Whether the query is short enough that its passages should hold every word. */
export function wantsAllWords(parsed: ParsedQuery, words: QueryWord[]): boolean {
  return !parsed.anyOf && words.length > 0 && words.length <= ALL_WORDS_MAX;
}

/**
 * The match set of a query. `where` filters documents before matching;
 * `texts` collects passage texts read for checking (shared with the caller).
 */
export async function matchSet(store: LanceStore, parsed: ParsedQuery, where: string | null, texts: Map<string, StoredPassage>): Promise<MatchSet> {
  const words = requiredWords(parsed);
  let folded = !words.some((w) => w.accented);
  if (!wantsAllWords(parsed, words)) return { ids: [], mode: 'ranked', exact: false, partial: false, folded: true };
  let ids = await store.matchTerms(words.map((w) => (w.accented ? w.exact : w.folded)), 'all', MATCH_CAP + 1, where);
  if (ids.length === 0 && !folded) {
    folded = true;
    ids = await store.matchTerms(words.map((w) => w.folded), 'all', MATCH_CAP + 1, where);
  }
  let cap = MATCH_CAP;
  let mode: MatchMode = 'all';
  if (ids.length === 0) {
    mode = 'any';
    cap = PARTIAL_CAP;
    ids = await store.matchTerms([...new Set(words.map((w) => w.folded))], 'any', PARTIAL_CAP + 1, where);
  }
  let exact = ids.length <= cap;
  ids = ids.slice(0, cap);
  const test = new PassageTest(parsed, false);
  if (test.constrains && ids.length > 0) {
    if (ids.length > TEXT_CHECK_CAP) {
      exact = false;
      ids = ids.slice(0, TEXT_CHECK_CAP);
    }
    const missing = ids.map((r) => r.id).filter((id) => !texts.has(id));
    for (const p of await store.passagesByIds(missing)) texts.set(p.id, p);
    ids = ids.filter((r) => {
      const passage = texts.get(r.id);
      return passage !== undefined && test.check(passageSequences(passage)).matches;
    });
  }
  return { ids, mode, exact, partial: mode === 'any' && ids.length > 0, folded };
}
