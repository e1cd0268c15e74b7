/**
 * Second-stage keyword ranking: BM25 finds candidates, then passages that
 * contain the query's word pairs, triples and longest runs in the same order
 * rise. Legal and administrative questions reuse the wording of the text they
 * ask about, so word order carries a lot of signal that bag-of-terms BM25 drops.
 *
 * Tuned on ALQAC 2024 (scripts/eval-alqac.mjs): recall@1 0.815 → 0.858,
 * MRR@10 0.866 → 0.896; the weights are robust to ±50 % (≥ 0.843 / 0.887).
 *
 * A passage's heading (the name of its article, "Điều 39. Mục đích của đánh
 * giá viên chức", or of its report section) summarises it, so a query that
 * repeats the heading's word pairs is most likely about that passage:
 * ALQAC recall@1 0.849 → 0.870, MRR@10 0.890 → 0.904 (weight chosen on the
 * even-numbered questions, confirmed on the odd ones; 0.5–0.75 all help).
 * Re-checked through files on the even half with the definition bonus and
 * the question as understood (question.ts): heading 0.45 or 0.8 and run
 * weight 1.5 or 2.5 all lose there, so the weights stay. A question rewords
 * a heading a little ("Điều kiện để giải quyết…" for "Điều kiện giải
 * quyết…"), so a heading pair counts a few words apart (HEADING_GAP).
 *
 * A definition question ("X là gì?", "X được hiểu như thế nào?") also lifts
 * the passage that defines X (definitions.ts, via `passageBonus`).
 */
import { hasAccents } from '../common/normalize.js';
import { tokenizeText, type TextToken } from '../vietnamese/tokenize.js';
import { NUMBER_SRC } from '../common/doc-numbers.js';
import { definitionAsk, definitionBonus, type DefinitionAsk } from './definitions.js';

/** Weight of the share of the query's adjacent word pairs found in the passage. */
export const BIGRAM_WEIGHT = 0.5;
/** Weight of the share of the query's word triples found in the passage. */
export const TRIGRAM_WEIGHT = 0.5;
/** Weight of the longest run of query words found in order, as a share of the query length. */
export const RUN_WEIGHT = 2;
/**
 * How far a pair or triple held by every candidate is damped (see gramWeights).
 * Chosen on the even half of ALQAC 2024 through files (full damping 1 and a
 * log-IDF form both lost there): R@1 0.868 → 0.872 accented, = unaccented;
 * confirmed on the odd half, 0.879 → 0.883 / 0.887, no question demoted.
 */
export const BOILERPLATE_DAMPING = 0.5;
/** Weight of the share of the passage heading's word pairs that the query holds. */
export const HEADING_WEIGHT = 0.6;
/**
 * A heading's word pair counts when the query holds its two words in order at
 * most this many words apart, and the heading's pairs skip its function
 * words: a question words a heading with a few words more or less
 * ("Điều kiện để giải quyết tranh chấp" for "Điều kiện giải quyết tranh
 * chấp"; "giải quyết tranh chấp" for "giải quyết các tranh chấp"). Chosen on
 * the even half of ALQAC 2024 through files (adjacent pairs only, as before:
 * R@1/MRR@10 0.887/0.924 accented, 0.879/0.921 accent-free; 1 apart over
 * content words 0.891/0.927, 0.891/0.928; 2 apart 0.891/0.928, 0.887/0.926;
 * 3 apart 0.894/0.930, 0.891/0.928; 4 the same as 3; heading weight 0.45 or
 * 0.8 with it lost); confirmed on the odd half: 0.879/0.909 → 0.887/0.915
 * accented, 0.883/0.911 → 0.887/0.915 accent-free.
 */
export const HEADING_GAP = 3;

/**
 * Very common function words. They still count as terms (BM25 weighs them
 * down by frequency); here a pair made only of them is no evidence of a match.
 */
export const FUNCTION_WORDS = new Set([
  'cua', 'va', 'cac', 'la', 'duoc', 'co', 'trong', 'cho', 'voi', 'nay', 'nhung', 'thi', 'khi', 'theo', 've', 'de',
  'mot', 'hoac', 'tai', 'do', 'nao', 'gi', 'khong', 'hay', 'nguoi',
  // the wording of questions: "đúng hay sai?", "bao nhiêu?"
  'dung', 'sai', 'bao', 'nhieu',
]);

function foldedWords(text: string): string[] {
  return tokenizeText(text).filter((t) => !t.code).map((t) => t.folded);
}

/**
 * The query's words without the digits and letters of a document number
 * ("24/2018/QH14" → not "24 2018 qh14"): the number picks its document through
 * the title, which every passage of it holds; in order it would only reward
 * passages that cite the document, or its header (citation-words.ts).
 */
function queryTokens(text: string): TextToken[] {
  const tokens = tokenizeText(text);
  const numbers = tokens.filter((t) => t.code && DOCUMENT_NUMBER.test(text.slice(t.start, t.end).toUpperCase()));
  return tokens.filter((t) => !t.code && !numbers.some((n) => t.start >= n.start && t.end <= n.end));
}

function ngrams(words: string[], n: number): string[] {
  const result: string[] = [];
  for (let i = n - 1; i < words.length; i++) result.push(words.slice(i - n + 1, i + 1).join(' '));
  return result;
}

/** Query side of the features, computed once per query. */
export interface QueryShape {
  words: string[];
  /** The same words with their accents, when the query was typed with accents (else null). */
  exactWords: string[] | null;
  /** Adjacent pairs, without those made only of function words. */
  pairs: string[];
  triples: string[];
  /** Every word, for testing a one-word heading against the query. */
  wordSet: Set<string>;
  /** The term whose meaning the question asks (definitions.ts), or null. */
  definition: DefinitionAsk | null;
}

const isContentPair = (pair: string) => !pair.split(' ').every((w) => FUNCTION_WORDS.has(w));

const DOCUMENT_NUMBER = new RegExp(`^${NUMBER_SRC}$`, 'u');

export function queryShape(query: string): QueryShape {
  const tokens = queryTokens(query);
  const words = tokens.map((t) => t.folded);
  const all = ngrams(words, 2);
  return {
    words, exactWords: hasAccents(query) ? tokens.map((t) => t.exact) : null, pairs: all.filter(isContentPair), triples: ngrams(words, 3),
    wordSet: new Set(words), definition: definitionAsk(query),
  };
}

/** "Điều 39. Mục đích của đánh giá viên chức" → "Mục đích của đánh giá viên chức". */
const ARTICLE_LINE = /^(?:Điều|ĐIỀU)\s+(\d+[a-zđ]?)\s*[.:]\s*(\S.*)$/u;
/** The article number a section path ends in: "Chương II › Điều 5 › khoản 2" → "5". */
const SECTION_ARTICLE = /(?:^|›)\s*Điều\s+(\d+[a-zđ]?)(?=\s*(?:›|$))/giu;
/** Lines read for the article's own heading line (a file's first passage opens with the document's title). */
const HEADING_LINES = 8;
/** Section labels that are only a numbering ("Chương II › Điều 5") name nothing. */
const NUMBERING_ONLY = /^(?:Phần|Chương|Mục|Điều)\s+\S+$/iu;
/** Clause labels a split article adds to its path ("Điều 5 › khoản 2–3 › điểm b"). */
const CLAUSE = /^(?:khoản|điểm)\s/u;

/** Words beyond which an article line is body text, not a name (the longest names run to about 30). */
const NAME_MAX_WORDS = 40;

/**
 * The name on an article's line; for an article without a name (the
 * Constitution's: "Điều 83. 1. Quốc hội họp công khai. Trong trường hợp…"),
 * its first sentence, which says what the article is about.
 */
function articleName(line: string): string {
  const body = /^(?:\d+[a-zđ]?\s*[.)]|[a-zđ]\))\s/u.test(line) || /[.;:!?]\s+\S/u.test(line);
  if (!body) return line;
  const lead = line.replace(/^(?:\d+[a-zđ]?\s*[.)]|[a-zđ]\))\s*/u, '').split(/[.;:!?](?:\s|$)/u, 1)[0]!;
  return lead.split(/\s+/u).slice(0, NAME_MAX_WORDS).join(' ');
}

/**
 * The heading words of a passage: the article name on its first line (later
 * parts of a split article repeat it there), else the innermost section label
 * when it is words rather than a bare number.
 */
export function passageHeading(text: string, section: string | null): string {
  const lines = text.trimStart().split('\n', HEADING_LINES).map((l) => l.trim());
  const number = [...(section ?? '').matchAll(SECTION_ARTICLE)].pop()?.[1];
  // The line naming the section's own article ("Điều 108. Tội phản bội Tổ quốc"), wherever the passage's first line is.
  const own = number ? lines.map((l) => ARTICLE_LINE.exec(l)).find((m) => m?.[1] === number) : null;
  if (own) return articleName(own[2]!);
  const article = ARTICLE_LINE.exec(lines[0] ?? '');
  if (article) return articleName(article[2]!);
  const labels = (section ?? '').split('›').map((l) => l.trim()).filter((l) => l && !CLAUSE.test(l));
  const label = labels[labels.length - 1] ?? '';
  return NUMBERING_ONLY.test(label) ? '' : label;
}

/** The words and word pairs of a document title, computed once per document. */
export interface TitleShape {
  words: Set<string>;
  pairs: Set<string>;
}

/**
 * Titles and headings recur from search to search (the same documents and
 * articles come back as candidates): their words are tokenised once, kept up
 * to MEMO_SIZE strings, then started afresh. Read-only values.
 */
const MEMO_SIZE = 20_000;

function memo<T>(make: (text: string) => T): (text: string) => T {
  const kept = new Map<string, T>();
  return (text) => {
    let value = kept.get(text);
    if (value === undefined) {
      if (kept.size >= MEMO_SIZE) kept.clear();
      value = make(text);
      kept.set(text, value);
    }
    return value;
  };
}

export const titleShape = memo((title: string): TitleShape => {
  const words = foldedWords(title);
  return { words: new Set(words), pairs: new Set(ngrams(words, 2)) };
});

const headingTokens = memo((heading: string): TextToken[] => tokenizeText(heading).filter((t) => !t.code));

const NO_TITLE: TitleShape = { words: new Set(), pairs: new Set() };

/**
 * Share of the heading's word pairs — adjacent words once its function words
 * are left out; not pairs of the document title, which a query naming the law
 * repeats for every article — found in the query, in order and at most
 * HEADING_GAP words apart; a one-word heading counts when the query has it.
 */
export function headingBonus(shape: QueryShape, heading: string, title: TitleShape = NO_TITLE): number {
  const tokens = headingTokens(heading);
  if (tokens.length === 0) return 0;
  const content = tokens.filter((t) => !FUNCTION_WORDS.has(t.folded));
  const sequence = content.length >= 2 ? content : tokens;
  const kept: Array<[TextToken, TextToken]> = [];
  for (let i = 1; i < sequence.length; i++) {
    const pair = `${sequence[i - 1]!.folded} ${sequence[i]!.folded}`;
    if (isContentPair(pair) && !title.pairs.has(pair)) kept.push([sequence[i - 1]!, sequence[i]!]);
  }
  if (kept.length > 0) return HEADING_WEIGHT * (kept.reduce((sum, pair) => sum + pairCredit(shape, pair), 0) / kept.length);
  const words = tokens.map((t) => t.folded);
  const alone = words.every((w) => shape.wordSet.has(w)) && !words.every((w) => title.words.has(w));
  return alone ? HEADING_WEIGHT : 0;
}

/**
 * 1 when the query holds the heading pair's words in order within HEADING_GAP
 * words; an accented query gives 1 to a pair with the same accents and 0.5 to
 * one that matches only without them (exact above folded); else 0.
 */
function pairCredit(shape: QueryShape, [a, b]: [TextToken, TextToken]): number {
  const { words, exactWords } = shape;
  let best = 0;
  for (let j = 0; j < words.length && best < 1; j++) {
    if (words[j] !== a.folded) continue;
    for (let k = j + 1; k < words.length && k - j <= HEADING_GAP; k++) {
      if (words[k] !== b.folded) continue;
      best = Math.max(best, !exactWords || (exactWords[j] === a.exact && exactWords[k] === b.exact) ? 1 : 0.5);
    }
  }
  return best;
}

/**
 * What a passage itself adds to its re-rank score, beyond its words in order:
 * its heading's match with the query, and whether it defines the term a
 * definition question asks about (definitions.ts).
 */
export function passageBonus(shape: QueryShape, passage: { text: string; section: string | null }, title?: TitleShape): number {
  return headingBonus(shape, passageHeading(passage.text, passage.section), title) + definitionBonus(shape.definition, passage.text);
}

/**
 * The order-aware bonus of a passage (its accent-free words, tokenised once by
 * the caller) for a query: 0 when nothing lines up; whether it holds the whole
 * query in order, and whether it holds every query word at all.
 */
export function orderBonus(shape: QueryShape, words: string[], weights?: GramWeights, positions: Map<string, number[]> = wordPositions(words)): { bonus: number; wholeQuery: boolean; allWords: boolean; coverage: number } {
  if (shape.words.length < 2) return { bonus: 0, wholeQuery: false, allWords: false, coverage: 1 };
  const found = (gram: string) => hasGram(gram, words, positions);
  const weight = (gram: string) => weights?.get(gram) ?? 1;
  const share = (items: string[]) => (items.length ? items.filter(found).reduce((sum, g) => sum + weight(g), 0) / items.length : 0);
  const run = longestRun(shape.words, words, positions, weights);
  return {
    bonus: BIGRAM_WEIGHT * share(shape.pairs) + TRIGRAM_WEIGHT * share(shape.triples) + RUN_WEIGHT * (run.value / shape.words.length),
    wholeQuery: run.length === shape.words.length,
    allWords: shape.words.every((w) => positions.has(w)),
    coverage: [...shape.wordSet].filter((w) => positions.has(w)).length / shape.wordSet.size,
  };
}

/** Where each word stands: the query's few pairs and triples are looked up, not the passage's many built. */
export function wordPositions(words: string[]): Map<string, number[]> {
  const positions = new Map<string, number[]>();
  words.forEach((w, i) => (positions.get(w) ?? positions.set(w, []).get(w)!).push(i));
  return positions;
}

/** Grams split into words, kept: the same few dozen are tested against every candidate. */
const gramWords = memo((gram) => gram.split(' '));

function hasGram(gram: string, words: string[], positions: Map<string, number[]>): boolean {
  const seq = gramWords(gram);
  const at = positions.get(seq[0]!);
  if (!at) return false;
  for (const j of at) {
    let k = 1;
    while (k < seq.length && words[j + k] === seq[k]) k++;
    if (k === seq.length) return true;
  }
  return false;
}

/** Weight of each query pair and triple (1 when absent from the map). */
export type GramWeights = Map<string, number>;

/**
 * Boilerplate runs ("theo quy định của pháp luật", "sự đồng ý của") sit in a
 * large share of the candidate passages of any question that uses them, so
 * finding them says little about which candidate the question is about. Each
 * query pair and triple weighs by how rare it is among the candidates: 1 when
 * at most one candidate holds it, falling linearly to 1 − BOILERPLATE_DAMPING
 * as the share holding it rises towards all of them (document frequency, not
 * a word list).
 */
export function gramWeights(shape: QueryShape, candidates: string[][], positions?: Array<Map<string, number[]>>): GramWeights {
  const weights: GramWeights = new Map();
  const n = candidates.length;
  if (n < 2) return weights;
  const grams = [...new Set([...ngrams(shape.words, 2), ...shape.triples])];
  const indexed = candidates.map((words, i) => ({ words, positions: positions?.[i] ?? wordPositions(words) }));
  for (const gram of grams) {
    const df = indexed.filter((c) => hasGram(gram, c.words, c.positions)).length;
    weights.set(gram, df <= 1 ? 1 : 1 - BOILERPLATE_DAMPING * ((df - 1) / (n - 1)));
  }
  return weights;
}

/**
 * The best run of consecutive query words found consecutively in the passage:
 * its length in words, and its value — one for its first word plus the weight
 * of each pair it spans (its length when nothing is damped).
 */
function longestRun(query: string[], passage: string[], positions: Map<string, number[]>, weights?: GramWeights): { length: number; value: number } {
  let length = 0;
  let value = 0;
  for (let i = 0; i < query.length; i++) {
    for (const j of positions.get(query[i]!) ?? []) {
      let k = 0;
      let v = 1;
      while (i + k < query.length && j + k < passage.length && query[i + k] === passage[j + k]) {
        if (k > 0) v += weights?.get(`${query[i + k - 1]} ${query[i + k]}`) ?? 1;
        k++;
      }
      if (k > length) length = k;
      if (v > value) value = v;
    }
  }
  return { length, value: Math.min(value, length) };
}
