/**
 * A question read as officers type it, before keyword ranking: abbreviations
 * expanded (abbreviations.ts), and quotes inside a natural question read as a
 * soft phrase — 'Định nghĩa của "Người lao động"?' asks about the words, it
 * does not require the exact phrase (the word-order re-rank still rewards
 * passages holding it). Query syntax stays for short queries: '"chuyển giao
 * công nghệ"' or '"ma túy" cai nghiện' still require the phrase.
 */
import type { ParsedQuery } from '../api/contract.js';
import { expandAbbreviations } from './abbreviations.js';

/** Words outside quotes from which a quoted query reads as a question rather than as query syntax. */
export const QUESTION_MIN_WORDS = 4;

/** Whether the query is a sentence someone asked rather than query syntax. */
export function isNaturalQuestion(parsed: ParsedQuery): boolean {
  if (parsed.filters.length + parsed.excluded.length + parsed.prefixes.length > 0 || parsed.anyOf) return false;
  return /[?？]\s*$/u.test(parsed.raw) || parsed.words.length >= QUESTION_MIN_WORDS;
}

/** The query as searched: soft quotes in a question, abbreviations expanded. The user's query stays as parsed. */
export function understandQuestion(parsed: ParsedQuery): ParsedQuery {
  let { words, phrases } = parsed;
  if (phrases.length > 0 && isNaturalQuestion(parsed)) {
    // The question's words in the order typed, quotes dropped.
    words = parsed.raw.replace(/["“”]/gu, ' ').split(/\s+/u).filter(Boolean);
    phrases = [];
  }
  words = expandAbbreviations(words);
  const text = [...words, ...phrases, ...parsed.prefixes].join(' ').trim();
  return text === parsed.text && phrases === parsed.phrases ? parsed : { ...parsed, words, phrases, text };
}
