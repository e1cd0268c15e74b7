/**
 * A question read as officers type it, before keyword ranking: abbreviations
 * expanded (abbreviations.ts); its own citation boilerplate — the date, year
 * and issuer of a document it cites (citation-words.ts) — and its quiz
 * wording ("nào sau đây", "đúng hay sai") left out; and quotes inside a
 * natural question read as a soft phrase — 'Định nghĩa của "Người lao
 * động"?' asks about the words, it does not require the exact phrase (the
 * word-order re-rank still rewards passages holding it). Query syntax stays
 * for short queries: '"chuyển giao công nghệ"' or '"ma túy" cai nghiện' still
 * require the phrase.
 */
import type { ParsedQuery } from '../api/contract.js';
import { expandAbbreviations } from './abbreviations.js';
import { foldAccents } from '../common/normalize.js';
import { withoutCitationBoilerplate, withoutMarked } from './citation-words.js';

/** Words outside quotes from which a quoted query reads as a question rather than as query syntax. */
export const QUESTION_MIN_WORDS = 4;

/** Whether the query is a sentence someone asked rather than query syntax. */
export function isNaturalQuestion(parsed: ParsedQuery): boolean {
  if (parsed.filters.length + parsed.excluded.length + parsed.prefixes.length > 0 || parsed.anyOf) return false;
  return /[?？]\s*$/u.test(parsed.raw) || parsed.words.length >= QUESTION_MIN_WORDS;
}

/**
 * The query as searched: soft quotes in a question, its citation boilerplate
 * and quiz wording left out, abbreviations expanded. The user's query stays
 * as parsed.
 */
export function understandQuestion(parsed: ParsedQuery): ParsedQuery {
  let { words, phrases } = parsed;
  const natural = isNaturalQuestion(parsed);
  if (phrases.length > 0 && natural) {
    // The question's words in the order typed, quotes dropped.
    words = parsed.raw.replace(/["“”]/gu, ' ').split(/\s+/u).filter(Boolean);
    phrases = [];
  }
  if (natural) words = withoutQuestionWording(withoutCitationBoilerplate(words));
  words = expandAbbreviations(words);
  const text = [...words, ...phrases, ...parsed.prefixes].join(' ').trim();
  return text === parsed.text && phrases === parsed.phrases ? parsed : { ...parsed, words, phrases, text };
}

/**
 * Words that shape a quiz or yes/no question and name nothing in the answer:
 * "Điều nào sau đây …", "… trong trường hợp sau đây?" (the options are not in
 * the library), "…, đúng hay sai?". As words they match every article listing
 * "các hành vi sau đây" or saying "sai". Chosen on the even half of ALQAC 2024
 * through files: R@1/MRR@10 0.883/0.924 → 0.891/0.928 accented, 0.879/0.921
 * → 0.883/0.924 accent-free, no question lower ("đúng hay sai" alone changes
 * nothing there; it goes for the same reason).
 */
export function withoutQuestionWording(words: string[]): string[] {
  const key = (w: string | undefined) => (w === undefined ? '' : foldAccents(w).toLowerCase().replace(/[^\p{L}\p{N}]/gu, ''));
  const keys = words.map(key);
  const drop = words.map(() => false);
  for (let i = 0; i < words.length; i++) {
    if (keys[i] === 'dung' && keys[i + 1] === 'hay' && keys[i + 2] === 'sai') drop[i] = drop[i + 1] = drop[i + 2] = true;
    // "… nào sau đây", "… dưới đây?": the options.
    if ((keys[i] === 'sau' || keys[i] === 'duoi') && keys[i + 1] === 'day' && (keys[i - 1] === 'nao' || i + 2 === words.length || /[?？]$/u.test(words[i + 1]!))) {
      drop[i] = drop[i + 1] = true;
    }
  }
  return withoutMarked(words, drop);
}
