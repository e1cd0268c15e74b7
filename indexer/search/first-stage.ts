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
 *
 * Speed (issue 14, 10,000 documents): the whole library's list for a word
 * list is read once and kept per catalogue version (MatchSource), and a
 * filtered match set — the query's, and each facet's without its own filter —
 * is cut from it in memory instead of one more store query with a long
 * document-id list each; rows stay UTF-8 bytes plus a document number until
 * a page needs their ids. Once a version's row table is read (in the
 * background, from its second search), lists are read as row addresses only
 * and mapped through it (row-table.ts): LanceDB then fetches no row's id.
 */
import type { ParsedQuery } from '../api/contract.js';
import type { LanceStore, RankedIdBytes, StoredPassage } from '../store/lance.js';
import type { DocIndex } from './doc-index.js';
import { tokenizeText } from '../vietnamese/tokenize.js';
import { ALL_WORDS_MAX, PassageTest, passageSequences } from './passage-test.js';
import { isNaturalQuestion } from './question.js';
import { foldAccents } from '../common/normalize.js';
import { MatchRows } from './match-rows.js';
import { RowTable } from './row-table.js';

export { MatchRows } from './match-rows.js';

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
  rows: MatchRows;
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

/** Unfiltered word lists kept per catalogue version (paging, facet clicks and a facet's own-filter counts repeat them). */
export const MATCH_MEMO = 4;
/**
 * How far a filtered search reads the whole library's list: well beyond
 * MATCH_CAP, so that its filtered match sets (and each facet's without its
 * own filter) are cut from one complete list. At 94,408 passages this beat
 * 5× and 1× MATCH_CAP (one more store query per facet, with a long id list,
 * whenever the list was cut): filtered queries' CPU mean 44 ms against 47
 * and 53, p95 102 against 117 and 128 (bench/tmp/worst-filtered.mjs). A
 * kept list of that length is ~5 MB, hence MATCH_MEMO.
 */
export const WHOLE_LIMIT = 10 * MATCH_CAP + 1;

interface Kept {
  version: number;
  lists: Map<string, Promise<{ rows: MatchRows; complete: boolean }>>;
  /** The row table, read in the background from the version's second search; used once read (a search never waits for it). */
  table: RowTable | null;
  searches: number;
}
const KEPT = new WeakMap<DocIndex, Kept>();

/**
 * Where a search reads its matching passages: LanceDB's full-text index,
 * through the passages of the whole library matching a word list, kept for
 * the catalogue version (DocIndex) and the passages table's version. A
 * filtered match is that list restricted to the allowed documents — the same
 * passages with the same BM25 scores as LanceDB filtering before matching
 * gives — when the list is complete (under its limit) or holds `limit` allowed
 * rows; otherwise, and when reading the whole list would not pay, LanceDB
 * filters (`where`).
 */
export class MatchSource {
  private constructor(
    private readonly store: LanceStore,
    private readonly index: DocIndex,
    private readonly kept: Kept,
    /** Read the whole library's list even for a filtered match (the query counts facets without its own filters). */
    private readonly preferWhole: boolean,
  ) {}

  static async of(store: LanceStore, index: DocIndex, preferWhole: boolean): Promise<MatchSource> {
    const version = await store.passagesVersion();
    let kept = KEPT.get(index);
    if (!kept || kept.version !== version) KEPT.set(index, (kept = { version, lists: new Map(), table: null, searches: 0 }));
    // Not for a version's first search: a process that searches once (`kho search`) would read it for nothing.
    if (++kept.searches === 2) {
      const reading = kept;
      RowTable.read(store, index, version).then((table) => (reading.table = table), () => null);
    }
    return new MatchSource(store, index, kept, preferWhole);
  }

  /** The passages matching `terms` (`all` or `any` of them), at most `limit`, of the documents `allowed` marks (null: all). */
  async rows(terms: string[], mode: 'all' | 'any', limit: number, allowed: Uint8Array | null, where: () => string | null): Promise<MatchRows> {
    const key = `${mode}\u0000${limit}\u0000${terms.join(' ')}`;
    let whole = this.kept.lists.get(key);
    if (!whole && (allowed === null || this.preferWhole)) whole = this.read(key, terms, mode, limit);
    if (whole) {
      const list = await whole;
      if (allowed === null) return list.rows.head(limit);
      const restricted = list.rows.restrict(allowed);
      // An incomplete list is the best part of the whole by BM25: the allowed rows in it are the best allowed ones.
      if (list.complete || restricted.length >= limit) return restricted.head(limit);
    }
    return (await this.fetch(terms, mode, limit, where())).rows;
  }

  private read(key: string, terms: string[], mode: 'all' | 'any', limit: number): Promise<{ rows: MatchRows; complete: boolean }> {
    const { lists } = this.kept;
    // A filtered search reads further, so that the whole list is complete for all but the commonest words.
    // (Not for a partial match: some of the words is in nearly every passage, so no list of it would be complete.
    // Reading it whole anyway at 94,408 passages — 57,085 rows, ~31 ms, for "dung hay sai" — saved the two
    // partial queries of the 60 filtered benchmark ones 17 ms of CPU together, but moved no percentile.)
    const deeper = this.preferWhole && mode === 'all' ? Math.max(limit, WHOLE_LIMIT) : limit;
    const list = this.fetch(terms, mode, deeper, null).then(({ rows, read }) => ({ rows, complete: read < deeper }));
    if (lists.size >= MATCH_MEMO) lists.delete(lists.keys().next().value!);
    lists.set(key, list);
    list.catch(() => lists.get(key) === list && lists.delete(key));
    return list;
  }

  /** The rows LanceDB matches (`read` of them, before any no longer in the catalogue's row table is left out). */
  private async fetch(terms: string[], mode: 'all' | 'any', limit: number, where: string | null): Promise<{ rows: MatchRows; read: number }> {
    const { table } = this.kept;
    if (table) {
      const addresses = await this.store.matchRowIds(terms, mode, limit, where, this.kept.version);
      if (addresses) return { rows: table.rows(addresses), read: addresses.length };
    }
    const rows = this.rowsOf(await this.store.matchTerms(terms, mode, limit, where));
    return { rows, read: rows.length };
  }

  private rowsOf(r: RankedIdBytes): MatchRows {
    const docs = new Int32Array(r.starts.length);
    for (let i = 0; i < docs.length; i++) docs[i] = this.index.noOfIdBytes(r.bytes, r.starts[i]!, r.ends[i]!);
    return new MatchRows(r.bytes, r.starts, r.ends, docs);
  }
}

/**
 * The match set of a query among the documents `allowed` marks (null: all;
 * `where` the same as a store filter). `texts` collects passage texts read
 * for checking (shared with the caller).
 */
export async function matchSet(source: MatchSource, store: LanceStore, parsed: ParsedQuery, allowed: Uint8Array | null, where: () => string | null, texts: Map<string, StoredPassage>): Promise<MatchSet> {
  const words = requiredWords(parsed);
  let folded = !words.some((w) => w.accented);
  if (!wantsAllWords(parsed, words)) return { rows: MatchRows.EMPTY, mode: 'ranked', exact: false, partial: false, folded: true };
  let rows = await source.rows(words.map((w) => (w.accented ? w.exact : w.folded)), 'all', MATCH_CAP + 1, allowed, where);
  if (rows.length === 0 && !folded) {
    folded = true;
    rows = await source.rows(words.map((w) => w.folded), 'all', MATCH_CAP + 1, allowed, where);
  }
  let cap = MATCH_CAP;
  let mode: MatchMode = 'all';
  if (rows.length === 0) {
    mode = 'any';
    cap = PARTIAL_CAP;
    rows = await source.rows([...new Set(words.map((w) => w.folded))], 'any', PARTIAL_CAP + 1, allowed, where);
  }
  let exact = rows.length <= cap;
  rows = rows.head(cap);
  const test = new PassageTest(parsed, false);
  if (test.constrains && rows.length > 0) {
    if (rows.length > TEXT_CHECK_CAP) {
      exact = false;
      rows = rows.head(TEXT_CHECK_CAP);
    }
    const ids = Array.from({ length: rows.length }, (_, i) => rows.idAt(i));
    const missing = ids.filter((id) => !texts.has(id));
    for (const p of await store.passagesByIds(missing)) texts.set(p.id, p);
    const keep: number[] = [];
    ids.forEach((id, i) => {
      const passage = texts.get(id);
      if (passage !== undefined && test.check(passageSequences(passage)).matches) keep.push(i);
    });
    rows = rows.pick(keep);
  }
  return { rows, mode, exact, partial: mode === 'any' && rows.length > 0, folded };
}
