/**
 * Legacy Vietnamese encodings → Unicode NFC.
 *
 * Before Unicode, Vietnamese offices typed with 8-bit fonts: TCVN3/ABC (`.VnTime`,
 * `.VnArial`, uppercase variants `.VnTimeH`…), VNI-Windows (`VNI-Times`…), and
 * Windows-1258 (combining tone marks). A file stores the font's byte codes, so a
 * reader that ignores the font sees mojibake: "céng hoµ" for "cộng hoà",
 * "Ñoäc laäp" for "Độc lập". Extractors hand us that text as the Latin-1 /
 * Windows-1252 characters of those bytes (U+00B8 "¸" for TCVN3 0xB8), and this
 * module turns it back into Vietnamese.
 *
 * Detection works on small units — a font run, a cell, a line — because real
 * documents mix a TCVN3 letterhead with a Unicode body, and some (merged from
 * several machines) switch between TCVN3 and VNI mid-document. Evidence, strongest
 * first:
 *
 * 1. the font name, when the format gives one (`fontEncoding`);
 * 2. statistics of Vietnamese syllables: each candidate reading of the unit is
 *    tokenised and every token with a non-ASCII letter is checked against the
 *    syllable structure of Vietnamese (initial + vowel cluster + final + one tone).
 *    The reading with the most valid syllables wins; the text as it stands wins
 *    ties, so correct Unicode is never converted.
 *
 * Conversion is character-to-character (TCVN3, Windows-1258) or
 * pair-to-character (VNI), so it never crosses a word boundary and a token that
 * is already right can be left alone while its neighbours are converted.
 */

export type LegacyEncoding = 'tcvn3' | 'vni' | 'cp1258';
/** `unicode` means "the text is what it says": no conversion. */
export type TextEncoding = LegacyEncoding | 'unicode';

// ---------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------

/**
 * TCVN 5712:1993 "VN3" (the ABC keyboard's encoding), byte → letter. Bytes not
 * listed are the same as Windows-1252. TCVN3 has no uppercase toned vowels: upper
 * case is drawn by the `…H` fonts from the lowercase codes.
 */
const TCVN3_BYTES: Record<number, string> = {
  0xa1: 'Ă', 0xa2: 'Â', 0xa3: 'Ê', 0xa4: 'Ô', 0xa5: 'Ơ', 0xa6: 'Ư', 0xa7: 'Đ',
  0xa8: 'ă', 0xa9: 'â', 0xaa: 'ê', 0xab: 'ô', 0xac: 'ơ', 0xad: 'ư', 0xae: 'đ',
  0xb5: 'à', 0xb6: 'ả', 0xb7: 'ã', 0xb8: 'á', 0xb9: 'ạ',
  0xbb: 'ằ', 0xbc: 'ẳ', 0xbd: 'ẵ', 0xbe: 'ắ', 0xc6: 'ặ',
  0xc7: 'ầ', 0xc8: 'ẩ', 0xc9: 'ẫ', 0xca: 'ấ', 0xcb: 'ậ',
  0xcc: 'è', 0xce: 'ẻ', 0xcf: 'ẽ', 0xd0: 'é', 0xd1: 'ẹ',
  0xd2: 'ề', 0xd3: 'ể', 0xd4: 'ễ', 0xd5: 'ế', 0xd6: 'ệ',
  0xd7: 'ì', 0xd8: 'ỉ', 0xdc: 'ĩ', 0xdd: 'í', 0xde: 'ị',
  0xdf: 'ò', 0xe1: 'ỏ', 0xe2: 'õ', 0xe3: 'ó', 0xe4: 'ọ',
  0xe5: 'ồ', 0xe6: 'ổ', 0xe7: 'ỗ', 0xe8: 'ố', 0xe9: 'ộ',
  0xea: 'ờ', 0xeb: 'ở', 0xec: 'ỡ', 0xed: 'ớ', 0xee: 'ợ',
  0xef: 'ù', 0xf1: 'ủ', 0xf2: 'ũ', 0xf3: 'ú', 0xf4: 'ụ',
  0xf5: 'ừ', 0xf6: 'ử', 0xf7: 'ữ', 0xf8: 'ứ', 0xf9: 'ự',
  0xfa: 'ỳ', 0xfb: 'ỷ', 0xfc: 'ỹ', 0xfd: 'ý', 0xfe: 'ỵ',
};
const TCVN3 = new Map<string, string>(Object.entries(TCVN3_BYTES).map(([b, u]) => [String.fromCharCode(Number(b)), u]));
/**
 * What a PDF text layer puts out for two TCVN3 bytes: the `.VnTime` glyph names
 * for 0xAD (ư, the soft-hyphen slot) and 0xB7 (ã) resolve to MINUS SIGN and BULLET
 * OPERATOR. Only read as letters when they sit inside a word.
 */
const TCVN3_PDF = new Map<string, string>([
  ['\u2212', 'ư'],
  ['\u2219', 'ã'],
  ['\u03bc', 'à'], // pdf.js normalises MICRO SIGN (0xB5) to GREEK MU
]);

/** Windows-1258 bytes that differ from Windows-1252, as the 1252 character → the 1258 meaning. */
const CP1258 = new Map<string, string>([
  ['Ã', 'Ă'], ['ã', 'ă'], ['Ð', 'Đ'], ['ð', 'đ'], ['Õ', 'Ơ'], ['õ', 'ơ'], ['Ý', 'Ư'], ['ý', 'ư'], ['þ', '₫'],
  ['Ì', '\u0300'], ['ì', '\u0301'], ['Ò', '\u0309'], ['Þ', '\u0303'], ['ò', '\u0323'],
]);

/**
 * VNI-Windows: a vowel is an ASCII letter followed by a modifier character that
 * carries the quality mark (circumflex, breve) and/or the tone together.
 */
const ACUTE = '\u0301', GRAVE = '\u0300', HOOK = '\u0309', TILDE = '\u0303', DOT = '\u0323', CIRC = '\u0302', BREVE = '\u0306';
const VNI_MODIFIERS = new Map<string, [mark: string, tone: string]>([
  ['ù', ['', ACUTE]], ['ø', ['', GRAVE]], ['û', ['', HOOK]], ['õ', ['', TILDE]], ['ï', ['', DOT]],
  ['â', [CIRC, '']], ['á', [CIRC, ACUTE]], ['à', [CIRC, GRAVE]], ['å', [CIRC, HOOK]], ['ã', [CIRC, TILDE]], ['ä', [CIRC, DOT]],
  ['ê', [BREVE, '']], ['é', [BREVE, ACUTE]], ['è', [BREVE, GRAVE]], ['ú', [BREVE, HOOK]], ['ü', [BREVE, TILDE]], ['ë', [BREVE, DOT]],
]);
for (const [k, v] of [...VNI_MODIFIERS]) VNI_MODIFIERS.set(k.toUpperCase(), v);
/** Base letters a VNI modifier attaches to; ô/ö are VNI's ơ/ư and take tones themselves. */
const VNI_BASES = new Map<string, string>([...'aeiouyAEIOUY'].map((c) => [c, c]));
VNI_BASES.set('ô', 'ơ').set('Ô', 'Ơ').set('ö', 'ư').set('Ö', 'Ư');
/** Letters VNI encodes in one character. */
const VNI_SINGLE = new Map<string, string>([
  ['ñ', 'đ'], ['Ñ', 'Đ'], ['ò', 'ị'], ['Ò', 'Ị'], ['æ', 'ỉ'], ['Æ', 'Ỉ'], ['ó', 'ĩ'], ['Ó', 'Ĩ'], ['î', 'ỵ'], ['Î', 'Ỵ'],
  ['ô', 'ơ'], ['Ô', 'Ơ'], ['ö', 'ư'], ['Ö', 'Ư'],
]);

export function decodeTcvn3(text: string, options: { pdf?: boolean } = {}): string {
  let out = '';
  for (const ch of text) out += TCVN3.get(ch) ?? (options.pdf ? TCVN3_PDF.get(ch) : undefined) ?? ch;
  return out.normalize('NFC');
}

export function decodeCp1258(text: string): string {
  let out = '';
  for (const ch of text) out += CP1258.get(ch) ?? ch;
  return out.normalize('NFC');
}

export function decodeVni(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const base = VNI_BASES.get(ch);
    const modifier = base !== undefined ? VNI_MODIFIERS.get(text[i + 1] ?? '') : undefined;
    if (base !== undefined && modifier) {
      const [mark, tone] = modifier;
      const horned = base !== ch; // ơ/ư take a tone but no second quality mark
      // Some VNI keyboards type the quality mark and the tone as two characters ("EÂØ" for Ề).
      const second = !tone && mark ? VNI_MODIFIERS.get(text[i + 2] ?? '') : undefined;
      const extraTone = second && !second[0] ? second[1] : '';
      const composed = (base + (horned ? '' : mark) + (tone || extraTone)).normalize('NFC');
      if (composed.length === 1 && !(horned && mark)) {
        out += composed;
        i += extraTone ? 2 : 1;
        continue;
      }
    }
    out += VNI_SINGLE.get(ch) ?? ch;
  }
  return out.normalize('NFC');
}

const DECODERS: Record<LegacyEncoding, (text: string, pdf: boolean) => string> = {
  tcvn3: (t, pdf) => decodeTcvn3(t, { pdf }),
  vni: (t) => decodeVni(t),
  cp1258: (t) => decodeCp1258(t),
};

/** Convert text known to be in `encoding` (no detection). */
export function decodeLegacy(text: string, encoding: TextEncoding, options: { pdf?: boolean } = {}): string {
  if (encoding === 'unicode') return text.normalize('NFC');
  return DECODERS[encoding](text, options.pdf ?? false);
}

// ---------------------------------------------------------------------------
// Font names
// ---------------------------------------------------------------------------

/**
 * What a font name says about the bytes set in it: `.VnTime`, `.VnArialH`,
 * `VnTimes` → TCVN3; `VNI-Times`, `VNI-Helve` → VNI; other names → null (no
 * evidence: a Unicode font, or one we do not know).
 */
export function fontEncoding(fontName: string | null | undefined): LegacyEncoding | null {
  if (!fontName) return null;
  const name = fontName.replace(/^[A-Z]{6}\+/, '').trim().toLowerCase(); // PDF subset prefix "ABCDEF+"
  if (/^vni[-\s_]/.test(name) || name === 'vni') return 'vni';
  if (/^\.?vn[a-z]/.test(name) && !/^vni/.test(name)) return 'tcvn3';
  return null;
}

/** True for a TCVN3 uppercase font (`.VnTimeH`, `.VnArialH`): every letter is drawn as a capital. */
export function isUppercaseFont(fontName: string | null | undefined): boolean {
  if (!fontName || fontEncoding(fontName) !== 'tcvn3') return false;
  const name = fontName.replace(/^[A-Z]{6}\+/, '').replace(/[,-](bold|italic|bolditalic)$/i, '').trim();
  return /^\.?vn\w*h$/i.test(name.split(/[\s,]/)[0]!);
}

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
// Detection
// ---------------------------------------------------------------------------

/** Characters a legacy reading can change: Latin-1 upper half, Windows-1252's 0x80–0x9F, PDF stand-ins. */
const LEGACY_CHAR = /[\u0080-\u00ff\u03bc\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122\u2212\u2219]/;
/** Vietnamese letters no legacy reading can produce from Latin-1: proof of Unicode text. */
const UNICODE_VIETNAMESE = /[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9\u0300\u0301\u0303\u0309\u0323]/;
/** Token boundaries: whitespace, ASCII punctuation and digits (never a legacy letter byte). */
const SEPARATORS = /([\s!-/0-9:-@[-`{-~\u2013\u2014\u2018\u2019\u201c\u201d\u2026]+)/;

interface TokenReading {
  text: string;
  valid: boolean;
}

/** Symbols left inside a word by a wrong reading ("Q§", "Hµ"): legacy letters read as Latin-1 punctuation. */
const RESIDUE = /[\u00a1-\u00bf\u00d7\u00f7\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2020-\u2022\u2030\u2039\u203a\u20ac\u2122\u2212\u2219\u03bc]/;
const VOWEL = /[aeiouyàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;
function hasVowel(text: string): boolean {
  return VOWEL.test(text);
}

function readToken(token: string, encoding: TextEncoding, pdf: boolean): TokenReading {
  const text = decodeLegacy(token, encoding, { pdf });
  // Legacy readings recover letters but not case (TCVN3 has no toned capitals), so judge them case-blind.
  const valid = isVietnameseSyllable(text, { ignoreCase: encoding !== 'unicode' && encoding !== 'vni' });
  return { text, valid };
}

export interface LegacyOptions {
  /** Text comes from a PDF text layer (MINUS SIGN / BULLET OPERATOR stand in for TCVN3 letters). */
  pdf?: boolean;
  /**
   * Draw runs in TCVN3 uppercase fonts (`.VnTimeH`) in capitals, as the font shows
   * them. Default false: letters keep the case the bytes encode ("as typed"), which
   * is what the viparse transcripts record; search folds case either way.
   */
  uppercaseFonts?: boolean;
  /** Encodings to consider. Default all three. */
  encodings?: LegacyEncoding[];
}

export interface ConvertHint {
  /** Font name of the run, when the format records it. */
  font?: string | null;
}

/**
 * Converts the text units of one document, carrying what it learns from unit to
 * unit: an undecidable unit ("quý", one byte that reads the same either way) takes
 * the encoding of the last decided one, since a document changes encoding at a
 * section boundary, not mid-sentence.
 */
export class LegacyConverter {
  /** Units converted per encoding (unicode = left alone although it had non-ASCII text). */
  readonly counts: Record<TextEncoding | 'utf8', number> = { unicode: 0, tcvn3: 0, vni: 0, cp1258: 0, utf8: 0 };
  private last: TextEncoding | null = null;
  private readonly pdf: boolean;
  private readonly uppercaseFonts: boolean;
  private readonly encodings: LegacyEncoding[];

  constructor(options: LegacyOptions = {}) {
    this.pdf = options.pdf ?? false;
    this.uppercaseFonts = options.uppercaseFonts ?? false;
    this.encodings = options.encodings ?? ['tcvn3', 'vni', 'cp1258'];
  }

  /** True when at least one unit was converted from a legacy encoding. */
  get converted(): boolean {
    return this.counts.tcvn3 + this.counts.vni + this.counts.cp1258 + this.counts.utf8 > 0;
  }

  /** The legacy encoding used most, or null. */
  get dominant(): LegacyEncoding | null {
    const ranked = this.encodings.filter((e) => this.counts[e] > 0).sort((a, b) => this.counts[b] - this.counts[a]);
    return ranked[0] ?? null;
  }

  /** Convert one unit (a run, a cell, a paragraph); lines inside it are judged one by one. */
  convert(text: string, hint: ConvertHint = {}): string {
    if (!LEGACY_CHAR.test(text)) return text.normalize('NFC');
    return text
      .split('\n')
      .map((line) => this.convertLine(line, hint))
      .join('\n');
  }

  private convertLine(line: string, hint: ConvertHint): string {
    if (!LEGACY_CHAR.test(line)) return line.normalize('NFC');
    const repaired = repairUtf8Mojibake(line);
    if (repaired !== null) {
      this.counts.utf8++;
      line = repaired;
      if (!LEGACY_CHAR.test(line)) return line.normalize('NFC');
    }
    const fontEnc = fontEncoding(hint.font);
    const parts = line.split(SEPARATORS);
    // Odd indexes are separators; even indexes are tokens (possibly empty).
    const candidates: TextEncoding[] = ['unicode', ...this.encodings];
    const readings = new Map<TextEncoding, TokenReading[]>();
    const scores = new Map<TextEncoding, number>();
    for (const encoding of candidates) {
      let score = 0;
      const list: TokenReading[] = [];
      parts.forEach((part, i) => {
        if (i % 2 === 1 || !part || !LEGACY_CHAR.test(part)) {
          list.push({ text: part, valid: true });
          return;
        }
        const reading = readToken(part, encoding, this.pdf);
        list.push(reading);
        if (reading.valid) score += 1;
        else if (hasVowel(reading.text) || RESIDUE.test(reading.text)) score -= 1;
      });
      readings.set(encoding, list);
      scores.set(encoding, score);
    }

    const strongUnicode = UNICODE_VIETNAMESE.test(line);
    let chosen: TextEncoding;
    if (strongUnicode && !fontEnc) {
      chosen = 'unicode';
    } else {
      const best = Math.max(...scores.values());
      // Ties: the font's word first; then the text as it stands (a Unicode word such as
      // "chú" also reads as TCVN3 "chỳ", and must stay); then the last decided encoding.
      const order: TextEncoding[] = [];
      if (fontEnc) order.push(fontEnc);
      order.push('unicode');
      if (this.last) order.push(this.last);
      order.push(...this.encodings);
      chosen = order.find((e) => scores.get(e) === best)!;
      // A legacy font is strong evidence: keep it unless another reading is clearly better.
      if (fontEnc && chosen !== fontEnc && scores.get(fontEnc)! >= best - 1 && !strongUnicode) chosen = fontEnc;
    }

    const chosenReadings = readings.get(chosen)!;
    const words = parts.filter((p, i) => i % 2 === 0 && p);
    const letterSpaced = words.filter((w) => [...w].length === 1).length > words.length * 0.3;
    const out: string[] = [];
    let evidence = false;
    parts.forEach((part, i) => {
      const mine = chosenReadings[i]!;
      if (i % 2 === 1 || !part || !LEGACY_CHAR.test(part)) {
        // A TCVN3 PDF line whose bare ư was dropped leaves consonant-only words ("t", "nh"): put it back.
        const next = parts[i + 1] ?? '';
        if (i % 2 === 0 && this.pdf && chosen === 'tcvn3' && !letterSpaced && /^[bcdghklmnpqrstvx]{1,3}$/i.test(part) && part.slice(1) === part.slice(1).toLowerCase() && !/^[).]/.test(next)) {
          out.push(restoreLostU(part));
        } else out.push(part);
        return;
      }
      let text = mine.text;
      let encoding = chosen;
      if (!mine.valid && hasVowel(mine.text)) {
        // Token-level fallback for units that switch encoding mid-line. Vowel-less
        // tokens (ĐT, NĐ-CP: abbreviations) are never evidence either way.
        const alternative = candidates.find((e) => e !== chosen && readings.get(e)![i]!.valid && (!strongUnicode || !UNICODE_VIETNAMESE.test(part)));
        if (alternative) {
          text = readings.get(alternative)![i]!.text;
          encoding = alternative;
        }
      }
      if (encoding === 'tcvn3' && this.pdf && !isVietnameseSyllable(text, { ignoreCase: true })) text = restoreLostU(text);
      if (encoding === 'tcvn3') text = this.tcvn3Case(part, text);
      if (text !== part) evidence = true;
      out.push(text);
    });
    let result = out.join('');
    if (chosen === 'tcvn3') {
      const ascii = line.match(/[A-Za-z]/g) ?? [];
      const allCaps = ascii.length >= 3 && ascii.every((c) => c >= 'A' && c <= 'Z');
      if (allCaps || (this.uppercaseFonts && isUppercaseFont(hint.font))) result = result.toUpperCase();
    }
    if (chosen !== 'unicode' || evidence) this.counts[chosen]++;
    else this.counts.unicode++;
    if (scores.get(chosen)! > 0 || fontEnc) this.last = chosen;
    return result.normalize('NFC');
  }

  /** TCVN3 words typed in capitals ("QUYÕT") get capital toned letters, which TCVN3 itself cannot encode. */
  private tcvn3Case(source: string, converted: string): string {
    const ascii = source.match(/[A-Za-z]/g) ?? [];
    if (ascii.length >= 2 && ascii.every((c) => c >= 'A' && c <= 'Z')) return converted.toUpperCase();
    return converted;
  }
}

/**
 * pdf.js drops U+00AD SOFT HYPHEN from text content, and TCVN3 puts the bare
 * letter ư there: "trưởng" arrives as "trởng", "được" as "đợc", "tư" as "t".
 * Put it back where exactly one insertion turns an impossible syllable into a
 * well-formed one. ("chưa" → "cha" is a real word too and cannot be repaired.)
 */
export function restoreLostU(word: string): string {
  const u = word.length > 1 && word === word.toUpperCase() ? 'Ư' : 'ư';
  const candidates: string[] = [];
  for (let i = 1; i <= word.length; i++) {
    const candidate = word.slice(0, i) + u + word.slice(i);
    if (isVietnameseSyllable(candidate, { ignoreCase: true })) candidates.push(candidate);
  }
  if (candidates.length === 1) return candidates[0]!;
  // Prefer the ươ cluster: "ngờng" could be ngường or ngừờng only in theory.
  const uo = candidates.filter((c) => /ư[ơờớởỡợ]/i.test(c));
  if (uo.length === 1) return uo[0]!;
  return word;
}

/** Windows-1252 character → its byte, for the upper half. */
const CP1252_BYTES = new Map<string, number>();
{
  const decoder = new TextDecoder('windows-1252');
  for (let b = 0x80; b <= 0xff; b++) CP1252_BYTES.set(decoder.decode(Uint8Array.of(b)), b);
  // Readers that decode as Latin-1 leave 0x80–0x9F as C1 controls.
  for (let b = 0x80; b <= 0x9f; b++) if (!CP1252_BYTES.has(String.fromCharCode(b))) CP1252_BYTES.set(String.fromCharCode(b), b);
}
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * UTF-8 text that went through a Windows-1252 reader ("Quyáº¿t Ä‘á»‹nh" for
 * "Quyết định"): every run that spells a valid UTF-8 sequence is decoded. Returns
 * null unless at least one run decodes to a letter beyond Latin-1 and none is broken.
 */
export function repairUtf8Mojibake(line: string): string | null {
  const chars = [...line];
  let out = '';
  let repaired = false;
  for (let i = 0; i < chars.length; i++) {
    const lead = CP1252_BYTES.get(chars[i]!);
    const length = lead === undefined ? 0 : lead >= 0xf0 && lead <= 0xf4 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 && lead <= 0xdf ? 2 : 0;
    if (length) {
      const bytes = [lead!];
      for (let k = 1; k < length; k++) {
        const b = CP1252_BYTES.get(chars[i + k] ?? '');
        if (b === undefined || b > 0xbf) break;
        bytes.push(b);
      }
      if (bytes.length === length) {
        try {
          const decoded = STRICT_UTF8.decode(Uint8Array.from(bytes));
          if (decoded.codePointAt(0)! > 0xff) repaired = true;
          out += decoded;
          i += length - 1;
          continue;
        } catch {
          return null;
        }
      }
    }
    out += chars[i];
  }
  return repaired ? out.normalize('NFC') : null;
}

/** Convert one string with fresh state (detection on this text alone). */
export function convertLegacyText(text: string, options: LegacyOptions & ConvertHint = {}): string {
  return new LegacyConverter(options).convert(text, { font: options.font });
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

/** The converter's counts as extraction notes (only the encodings actually used). */
export function legacyNotes(converter: LegacyConverter): { legacyEncodings?: Partial<Record<LegacyEncoding | 'utf8', number>> } {
  const used = (['tcvn3', 'vni', 'cp1258', 'utf8'] as const).filter((e) => converter.counts[e] > 0);
  if (!used.length) return {};
  return { legacyEncodings: Object.fromEntries(used.map((e) => [e, converter.counts[e]])) };
}
