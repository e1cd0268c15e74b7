/**
 * Vietnamese syllable structure (initial + vowel cluster + final + one tone),
 * orthography rather than a dictionary: the evidence legacy-encoding detection
 * counts, and the measure of how Vietnamese a PDF text layer looks.
 */
import { ACUTE, DOT, GRAVE, HOOK, TILDE } from './legacy-tables.js';

/** Vietnamese letters no legacy reading can produce from Latin-1: proof of Unicode text. */
export const UNICODE_VIETNAMESE = /[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9\u0300\u0301\u0303\u0309\u0323]/;

// ---------------------------------------------------------------------------
// Vietnamese syllables
// ---------------------------------------------------------------------------

const INITIALS = ['ngh', 'ng', 'nh', 'ch', 'gh', 'gi', 'kh', 'ph', 'qu', 'th', 'tr', 'b', 'c', 'd', 'đ', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'x', ''];
const FINALS = ['ng', 'nh', 'ch', 'c', 'm', 'n', 'p', 't', ''];
/** Vowel clusters that can end a syllable. */
const OPEN_RIMES = new Set([
  'a', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y',
  'ai', 'ao', 'au', 'ay', 'âu', 'ây', 'eo', 'êu', 'ia', 'iu', 'oa', 'oe', 'oi', 'ôi', 'ơi', 'ua', 'uê', 'ui', 'uơ', 'uy', 'ưa', 'ưi', 'ưu', 'ya',
  'iêu', 'yêu', 'oai', 'oao', 'oay', 'oeo', 'uây', 'uôi', 'uya', 'uyu', 'ươi', 'ươu', 'uai', 'uao', 'uay', 'uau', 'ueo',
]);
/** Vowel clusters that take a final consonant, with the finals each takes. */
const CLOSED_RIMES = new Map<string, string[]>(
  Object.entries({
    a: 'c ch m n ng nh p t', ă: 'c m n ng p t', â: 'c m n ng p t', e: 'c m n ng p t', ê: 'ch m n nh p t',
    i: 'ch m n nh p t', o: 'c m n ng p t', ô: 'c m n ng p t', ơ: 'm n p t', u: 'c m n ng p t', ư: 'c m n ng t',
    iê: 'c m n ng p t', yê: 'c m n ng p t', oa: 'c ch m n ng nh p t', oă: 'c m n ng t', oe: 'n t', oo: 'c ng',
    uâ: 'n ng t', uê: 'ch nh', uô: 'c m n ng t', ươ: 'c m n ng p t', uy: 'ch n nh p t', uyê: 'n t',
  }).map(([cluster, finals]) => [cluster, finals.split(' ')]),
);
const TONES = new Set([ACUTE, GRAVE, HOOK, TILDE, DOT]);
const STOP_FINALS = new Set(['c', 'ch', 'p', 't']);

function validRime(rime: string, tone: string): boolean {
  for (const final of FINALS) {
    if (!rime.endsWith(final)) continue;
    const cluster = rime.slice(0, rime.length - final.length);
    if (!cluster) continue;
    if (final === '' ? !OPEN_RIMES.has(cluster) : !CLOSED_RIMES.get(cluster)?.includes(final)) continue;
    if (STOP_FINALS.has(final) && tone !== ACUTE && tone !== DOT) continue;
    return true;
  }
  return false;
}

/**
 * True when `word` is a well-formed Vietnamese syllable: an initial consonant, a
 * vowel cluster, an optional final, at most one tone (and only sắc/nặng before
 * c/ch/p/t). Case: lower, Capitalised or UPPER. Orthography, not a dictionary.
 */
export function isVietnameseSyllable(word: string, options: { ignoreCase?: boolean } = {}): boolean {
  const key = options.ignoreCase ? `i${word}` : `c${word}`;
  let known = SYLLABLE_VERDICTS.get(key);
  if (known === undefined) {
    known = judgeSyllable(word, options.ignoreCase === true);
    if (SYLLABLE_VERDICTS.size >= MAX_SYLLABLE_VERDICTS) SYLLABLE_VERDICTS.clear();
    SYLLABLE_VERDICTS.set(key, known);
  }
  return known;
}

/**
 * Verdicts remembered: conversion asks about every word of every line, and a
 * document repeats the same few thousand (Unicode NFD, tone and rime rules per
 * word were a third of a TCVN3 PDF's extraction time).
 */
const SYLLABLE_VERDICTS = new Map<string, boolean>();
const MAX_SYLLABLE_VERDICTS = 200_000;

function judgeSyllable(word: string, ignoreCase: boolean): boolean {
  if (!ignoreCase && word.length > 1) {
    const rest = word.slice(1);
    if (rest !== rest.toLowerCase() && rest !== rest.toUpperCase()) return false;
    if (word[0] === word[0]!.toLowerCase() && rest !== rest.toLowerCase()) return false;
  }
  const decomposed = word.toLowerCase().normalize('NFD');
  let tone = '';
  let bare = '';
  for (const ch of decomposed) {
    if (TONES.has(ch)) {
      if (tone) return false;
      tone = ch;
    } else bare += ch;
  }
  bare = bare.normalize('NFC');
  if (!/^[a-zđăâêôơư]+$/.test(bare) || bare.length > 7) return false;
  for (const initial of INITIALS) {
    if (!bare.startsWith(initial)) continue;
    const rime = bare.slice(initial.length);
    if (!rime) continue;
    if (initial === 'gi' && validRime('i' + rime, tone)) return true; // "giếng" = gi + ếng, also g + iếng
    if (initial === 'qu' && /^[uư]/.test(rime)) continue;
    if (validRime(rime, tone)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------
// Text-layer quality
// ---------------------------------------------------------------------------

export interface TextQuality {
  /** Tokens of two letters or more. */
  words: number;
  /** Share of those that are well-formed Vietnamese syllables (accented or not). */
  validShare: number;
  /** Share of words carrying a Vietnamese diacritic (low in a text layer that lost its accents). */
  accentedShare: number;
  /** Share of words that are common English words (an English page is not judged as Vietnamese). */
  englishShare: number;
  /** Share of characters that are replacement characters, private-use or C0 controls. */
  junkShare: number;
}

const ENGLISH = new Set(
  'the of and to in is for that with on as by this be are from at or an it which not have was were will can has its their all also been more other into than such these use used may any each'.split(' '),
);

/**
 * How Vietnamese a text looks: used to tell a good PDF text layer from a garbage
 * one (mojibake, an OCR layer that lost its accents, glyph ids without a map).
 * One-letter tokens are left out (letter-spaced headings, list markers).
 */
export function textQuality(text: string): TextQuality {
  const tokens = text
    .normalize('NFC')
    .split(/[\s\p{P}\p{S}\p{N}]+/u)
    .filter((t) => /\p{L}/u.test(t) && [...t].length > 1);
  let valid = 0;
  let accented = 0;
  let english = 0;
  for (const token of tokens) {
    if (isVietnameseSyllable(token)) valid++;
    if (UNICODE_VIETNAMESE.test(token) || /[àáâãèéêìíòóôõùúý]/i.test(token)) accented++;
    if (ENGLISH.has(token.toLowerCase())) english++;
  }
  const junk = (text.match(/[\ufffd\ue000-\uf8ff\u0000-\u0008\u000e-\u001f]/g) ?? []).length;
  const words = tokens.length;
  return {
    words,
    validShare: words ? valid / words : 0,
    accentedShare: words ? accented / words : 0,
    englishShare: words ? english / words : 0,
    junkShare: text.length ? junk / text.length : 0,
  };
}
