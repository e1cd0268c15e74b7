/**
 * Document numbers ("số và ký hiệu", Decree 30/2020 Appendix I): the serial, the
 * year for normative documents, and the symbol — the type code and the issuer's
 * abbreviation: "1234/QĐ-UBND", "30/2020/NĐ-CP", "29-NQ/TW", old "08 TC/TCT".
 * One grammar for the header's "Số:" box and for numbers cited in running text,
 * and one key for matching them. Pure code, no Node imports.
 */
import { REFERENCE_CODES, docTypeOfCode } from './doc-types.js';
import { compactKey } from './fold.js';
import { foldAccents } from './normalize.js';

// ---------------------------------------------------------------------------
// The grammar, as regular-expression sources to compose ("u" flag, no "i":
// case tells a symbol from a word)
// ---------------------------------------------------------------------------

/** One symbol segment: "NĐ", "CP", "QĐ", "TTg", "CTr", "QH13", "GDCTHSSV", "SGDĐT", old "CT.UB" (capitals, digits, one lower-case letter at most). */
export const SEGMENT_SRC = String.raw`\p{Lu}[\p{Lu}\p{N}&]*(?:[a-z][\p{Lu}\p{N}]*)?(?:\.\p{Lu}[\p{Lu}\p{N}&]*)*(?![\p{L}\p{N}])`;
/** A separator: "/" or "-", with a stray space on one side at most ("NQ- HĐND", "834 /UBND"). */
const SEP = String.raw`(?:[/-]\s?|\s[/-])`;
/** Number and symbol: "30/2020/NĐ-CP", "29-NQ/TW", "1234/QĐ-UBND", "178/CP", "27/2015/TTLT-BKHCN-BTC". */
export const NUMBER_SRC = String.raw`\d{1,5}[A-Z]?(?:${SEP}(?:19|20)\d{2}(?![\p{N}]))?(?:${SEP}${SEGMENT_SRC})+`;
/** Old style "08 TC/TCT" (a space between number and symbol), only after "số". */
export const OLD_NUMBER_SRC = String.raw`\d{1,5}[A-Z]?\s(?:${SEGMENT_SRC})(?:[/-]${SEGMENT_SRC})+`;
/** "số", "Số:", and OCR's "sô", "sỐ". */
export const SO_SRC = String.raw`(?:[sS][ốôỐÔóo]\s*:?\s*)`;

/** As printed, spaces around separators removed: "29- NQ/TW" → "29-NQ/TW"; "08 TC/TCT" kept. */
export function tidyNumber(raw: string): string {
  return raw.replace(/\s*([/-])\s*/g, '$1').replace(/\s+/g, ' ').trim();
}

const NUMBER_AT_START = new RegExp(String.raw`^\s*:?\s*(${NUMBER_SRC})`, 'u');

/**
 * The number that opens `text` — what follows "Số" in a header or "số" in a title:
 * ": 1234/ QĐ-UBND, ngày …" → { number: "1234/QĐ-UBND", length: 15 }; null when none.
 * `length` is how much of `text` it took, colon and spaces included.
 */
export function numberAtStart(text: string): { number: string; length: number } | null {
  const m = NUMBER_AT_START.exec(text);
  return m ? { number: tidyNumber(m[1]!), length: m[0].length } : null;
}

// ---------------------------------------------------------------------------
// Keys
// ---------------------------------------------------------------------------

/** Filter key of a number: "30/2020/NĐ-CP", "30/2020/nd cp", "30-2020-ND-CP" → "302020ndcp". */
export function numberKey(value: string): string {
  return compactKey(value);
}

/**
 * Key of a document number for matching: case, accents, Đ/D, spaces, "/" and "-" ignored,
 * leading zeros of the serial dropped: "08/2014/NĐ-CP", "8/2014/ND-CP" → "82014ndcp".
 */
export function referenceNumberKey(number: string): string {
  return numberKey(number).replace(/^0+(?=\d)/, '');
}

/** The same key without a four-digit year segment: "1234/2024/QĐ-UBND" and "1234/QĐ-UBND" → "1234qdubnd". */
export function looseNumberKey(number: string): string {
  const withoutYear = number.replace(/^(\s*\d+)\s*[/-]\s*(?:19|20)\d{2}(?=\s*[/-])/, '$1');
  return referenceNumberKey(withoutYear);
}

/** The year a number carries ("30/2020/NĐ-CP" → 2020), or null. */
export function yearOfNumber(number: string): number | null {
  const m = /[/-]((?:19|20)\d{2})(?=[/-])/.exec(number);
  return m ? Number(m[1]) : null;
}

// ---------------------------------------------------------------------------
// The symbol
// ---------------------------------------------------------------------------

/** "1234/QĐ-UBND" → "QĐ-UBND"; "15/2021/NQ-HĐND" → "NQ-HĐND"; a number without a symbol → null. */
export function symbolOf(number: string): string | null {
  const parts = number.split('/');
  const rest = parts.slice(1).filter((p) => !/^\d{4}$/.test(p));
  return rest.length ? rest.join('/') : null;
}

/** The symbol's segments, folded to lower case, the year left out: "30/2020/NĐ-CP" → ["nd", "cp"]; "08 TC/TCT" → ["tc", "tct"]. */
function symbolSegments(number: string): string[] {
  const parts = number.replace(/^(\d+[A-Z]?)\s/, '$1/').split(/[/-]/).map((p) => foldAccents(p.trim()).toLowerCase());
  return parts.slice(1).filter((p) => !/^\d{4}$/.test(p));
}

/** The type code a number's symbol opens with, folded: "30/2020/NĐ-CP" → "nd", old "15/CT.UB" → "ct". */
export function typeCodeOf(number: string): string {
  return (symbolSegments(number)[0] ?? '').split('.')[0]!;
}

/** Does the symbol open with a code that names a kind ("NĐ", "QĐ", "KL", "QH13"…), not only an issuer? */
export function hasKnownTypeCode(number: string): boolean {
  const code = typeCodeOf(number);
  return REFERENCE_CODES.has(code) || /^qh\d*$/.test(code);
}

/**
 * The type a number's symbol names: a Decree 30/2020 code as printed ("QĐ-UBND" →
 * quyet-dinh, "HĐ" → hop-dong, "HD" → huong-dan), else a common code with its Đ lost
 * ("QD-UBND" → quyet-dinh, party "KL/TW" → ket-luan), "QH13" → luat, and a symbol of
 * issuer and unit without a type code ("UBND-SGDĐT", "SKHCN-QLCN": a công văn) → cong-van.
 */
export function kindOfNumber(number: string): string | null {
  const printed = number.replace(/^(\d+[A-Z]?)\s/, '$1/').split(/[/-]/).slice(1).filter((p) => !/^\d{4}$/.test(p.trim()));
  const exact = printed[0] ? docTypeOfCode(printed[0].trim()) : null;
  if (exact) return exact;
  const segments = symbolSegments(number);
  const code = (segments[0] ?? '').split('.')[0]!;
  if (REFERENCE_CODES.has(code)) return REFERENCE_CODES.get(code)!;
  if (/^qh\d*$/.test(code)) return 'luat';
  if (/^(ubnd|ubtvqh\d*|vpcp|sgd|bgd)/.test(code) || (segments.length >= 2 && code.length >= 3)) return 'cong-van';
  return null;
}
