/**
 * The keyword tokenizer shared by indexing and querying.
 *
 * Vietnamese words are mostly two or more syllables written with spaces
 * ("đổi mới", "khoa học"), so syllables alone match scattered text. We index:
 * - every syllable, lower case with unified tone placement ("đổi");
 * - every adjacent-syllable bigram within a phrase ("đổi_mới"), which acts as
 *   a cheap word segmenter (measured on ALQAC: recall@1 0.65 → 0.81);
 * - document numbers and codes kept whole ("30/2020/nđ-cp", "57-nq/tw");
 * and for each of them the accent-folded form ("doi", "doi_moi"), so a query
 * typed without accents finds accented text. An accented query matches both
 * forms of a matching word, so exact matches score above folded ones.
 */
import { exactForm, foldedForm, normalizeText } from '../common/normalize.js';

/** A syllable or code in running text, with its position for highlighting. */
export interface TextToken {
  /** Exact matching form: lower case, canonical tone placement. */
  exact: string;
  /** Accent-free form. */
  folded: string;
  start: number;
  end: number;
  /** Index of the phrase (run of text without punctuation breaks) it belongs to. */
  phrase: number;
  /** True for whole document numbers and codes such as "1234/QĐ-UBND". */
  code: boolean;
}

/** Joins the syllables of a bigram token. Never produced by the syllable splitter. */
export const BIGRAM_JOINER = '_';

/**
 * Letters and digits make words; anything else separates them. Sentence
 * punctuation (and line breaks between blocks) also ends a phrase so that
 * bigrams never bridge "…hết. Điều 5" or a table cell boundary.
 */
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const PHRASE_BREAK = /[.,;:!?()[\]{}"“”«»\n\r\t|…–—]/u;
/** Document numbers/codes: digits and letters joined by "/" or "-" with at least one "/" (1234/QĐ-UBND, 57-NQ/TW, 30/2020/NĐ-CP). */
const CODE = /[\p{L}\p{N}]+(?:[/-][\p{L}\p{N}]+)*\/[\p{L}\p{N}]+(?:[/-][\p{L}\p{N}]+)*/gu;

/**
 * A word's exact and folded forms, remembered: the vocabulary of a library is
 * small (Vietnamese has some 7,000 syllables) while every search re-reads its
 * candidates' text, so normalising each occurrence again (NFD, tone rules)
 * was most of a keyword query's time. Bounded: cleared when full.
 */
const FORMS = new Map<string, readonly [string, string]>();
const MAX_REMEMBERED_FORMS = 200_000;

function formsOf(word: string): readonly [string, string] {
  let forms = FORMS.get(word);
  if (!forms) {
    const exact = exactForm(word);
    forms = [exact, foldedForm(exact)];
    if (FORMS.size >= MAX_REMEMBERED_FORMS) FORMS.clear();
    FORMS.set(word, forms);
  }
  return forms;
}

/**
 * PHRASE_BREAK as a table by UTF-16 code unit (every character it names is
 * below U+2030): the gap between two words is checked without cutting it out
 * of the text. Indexing runs this for every word of every passage.
 */
const BREAK_UNITS = new Uint8Array(0x2030);
for (let unit = 0; unit < BREAK_UNITS.length; unit++) if (PHRASE_BREAK.test(String.fromCharCode(unit))) BREAK_UNITS[unit] = 1;

function breaksPhrase(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (BREAK_UNITS[text.charCodeAt(i)] === 1) return true;
  return false;
}

/** Split text into syllable tokens (and whole codes) with offsets into `text`. */
export function tokenizeText(text: string): TextToken[] {
  const tokens: TextToken[] = [];
  let phrase = 0;
  let lastEnd = 0;
  // exec on the shared pattern rather than matchAll (which copies it for every text): this runs to completion, never re-entered.
  WORD.lastIndex = 0;
  for (let match = WORD.exec(text); match; match = WORD.exec(text)) {
    const start = match.index;
    if (start > lastEnd && breaksPhrase(text, lastEnd, start)) phrase++;
    const word = match[0];
    const [exact, folded] = formsOf(word);
    tokens.push({ exact, folded, start, end: start + word.length, phrase, code: false });
    lastEnd = start + word.length;
  }
  // Every code holds a "/": a text without one has none (most passages), and the second pass is skipped.
  if (!text.includes('/')) return tokens;
  CODE.lastIndex = 0;
  for (let match = CODE.exec(text); match; match = CODE.exec(text)) {
    if (!/\p{N}/u.test(match[0])) continue; // "và/hoặc" is not a code
    const exact = match[0].normalize('NFC').toLowerCase();
    tokens.push({ exact, folded: foldedForm(exact), start: match.index, end: match.index + match[0].length, phrase: -1, code: true });
  }
  return tokens;
}

/** "25/11/2025", "25-11-2025", "25.11.2025". */
const NUMERIC_DATE = /(?<![\p{N}/.-])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?![\p{N}/.-])/gu;
/** "ngày 25 tháng 11 năm 2025" (accents optional). */
const WRITTEN_DATE = /ng[aà]y\s+(\d{1,2})\s+th[aá]ng\s+(\d{1,2})\s+n[aă]m\s+(\d{4})/giu;

/**
 * Dates in either Vietnamese form, as one ISO term ("2025-11-25"), so
 * "25/11/2025" finds "ngày 25 tháng 11 năm 2025" and the other way round.
 */
export function dateTerms(text: string): string[] {
  const terms: string[] = [];
  for (const pattern of [NUMERIC_DATE, WRITTEN_DATE]) {
    for (const m of text.matchAll(pattern)) {
      const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
      if (day >= 1 && day <= 31 && month >= 1 && month <= 12) terms.push(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
    }
  }
  return terms;
}

/**
 * The keyword terms of a text for the index: syllables, bigrams, codes and
 * dates, in exact and folded forms (a folded form equal to its exact form is
 * emitted once).
 */
export function indexTerms(text: string): string[] {
  const normalized = normalizeText(text);
  const tokens = tokenizeText(normalized);
  const terms: string[] = dateTerms(normalized);
  let previous: TextToken | undefined;
  for (const token of tokens) {
    pushForms(terms, token.exact, token.folded);
    if (token.code) continue;
    if (previous && previous.phrase === token.phrase) {
      pushForms(
        terms,
        previous.exact + BIGRAM_JOINER + token.exact,
        previous.folded + BIGRAM_JOINER + token.folded,
      );
    }
    previous = token;
  }
  return terms;
}

function pushForms(terms: string[], exact: string, folded: string): void {
  terms.push(exact);
  if (folded !== exact) terms.push(folded);
}

/**
 * Query terms: the same scheme as `indexTerms`, except that a query typed
 * without accents contributes only folded forms (which is what it is), and an
 * accented query contributes both forms so exact matches outrank folded ones.
 */
export function queryTerms(query: string): string[] {
  return indexTerms(query);
}

/**
 * Character ranges in `text` whose syllables match a query syllable, exactly or
 * folded. Used for highlighting, also when the query had no accents.
 */
export function matchRanges(text: string, query: string): Array<[number, number]> {
  const wanted = new Set<string>();
  for (const token of tokenizeText(normalizeText(query))) {
    if (!token.code) wanted.add(token.folded);
  }
  if (wanted.size === 0) return [];
  const ranges: Array<[number, number]> = [];
  for (const token of tokenizeText(text)) {
    if (token.code) continue;
    if (wanted.has(token.folded)) {
      const last = ranges[ranges.length - 1];
      // Merge adjacent words ("đổi mới") into one highlighted range.
      if (last && /^\s*$/u.test(text.slice(last[1], token.start))) last[1] = token.end;
      else ranges.push([token.start, token.end]);
    }
  }
  return ranges;
}
