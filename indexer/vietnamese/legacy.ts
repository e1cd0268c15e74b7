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
 *
 * The encodings' tables and decoders are in legacy-tables.ts, the syllable rules
 * in syllables.ts; this file decides, unit by unit, which reading to keep.
 */
import { decodeLegacy, fontEncoding, isUppercaseFont, type LegacyEncoding, type TextEncoding } from './legacy-tables.js';
import { isVietnameseSyllable, UNICODE_VIETNAMESE } from './syllables.js';

export { decodeCp1258, decodeLegacy, decodeTcvn3, decodeVni, fontEncoding, isUppercaseFont, type LegacyEncoding, type TextEncoding } from './legacy-tables.js';
export { isVietnameseSyllable, textQuality, type TextQuality } from './syllables.js';

// ---------------------------------------------------------------------------
// Detection
// ---------------------------------------------------------------------------

/** Windows-1252 0x80–0x9F, written out (Node 20's windows-1252 TextDecoder drops these bytes). */
const CP1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** Characters a legacy reading can change: Latin-1 upper half, Windows-1252's 0x80–0x9F, PDF stand-ins. */
const LEGACY_CHAR = /[\u0080-\u00ff\u03bc\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122\u2212\u2219]/;
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

/** Readings already made, by PDF-ness and encoding (a document repeats its words; each is read up to four ways). Cleared when full. */
const READINGS = [false, true].map(() => new Map<TextEncoding, Map<string, TokenReading>>());
const MAX_READINGS = 20_000;

function readToken(token: string, encoding: TextEncoding, pdf: boolean): TokenReading {
  const byEncoding = READINGS[pdf ? 1 : 0]!;
  let cache = byEncoding.get(encoding);
  if (!cache) byEncoding.set(encoding, (cache = new Map()));
  const known = cache.get(token);
  if (known) return known;
  const text = decodeLegacy(token, encoding, { pdf });
  // Legacy readings recover letters but not case (TCVN3 has no toned capitals), so judge them case-blind.
  const valid = isVietnameseSyllable(text, { ignoreCase: encoding !== 'unicode' && encoding !== 'vni' });
  if (cache.size >= MAX_READINGS) cache.clear();
  const reading = { text, valid };
  cache.set(token, reading);
  return reading;
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
    const strongUnicode = UNICODE_VIETNAMESE.test(line);
    if (strongUnicode && !fontEnc) {
      const kept = this.unicodeLine(line, parts);
      if (kept !== null) return kept;
    }
    // Such a line keeps the Unicode reading whatever the scores: the others are read below, only for tokens that may need them.
    for (const encoding of strongUnicode && !fontEnc ? (['unicode'] as const) : candidates) {
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
    // Only a TCVN3 PDF line asks (below) whether its letters are spaced out: worked out then, once.
    let spaced: boolean | undefined;
    const letterSpaced = () => {
      if (spaced === undefined) {
        const words = parts.filter((p, i) => i % 2 === 0 && p);
        spaced = words.filter((w) => [...w].length === 1).length > words.length * 0.3;
      }
      return spaced;
    };
    const out: string[] = [];
    let evidence = false;
    parts.forEach((part, i) => {
      const mine = chosenReadings[i]!;
      if (i % 2 === 1 || !part || !LEGACY_CHAR.test(part)) {
        // A TCVN3 PDF line whose bare ư was dropped leaves consonant-only words ("t", "nh"): put it back.
        const next = parts[i + 1] ?? '';
        if (i % 2 === 0 && this.pdf && chosen === 'tcvn3' && !letterSpaced() && /^[bcdghklmnpqrstvx]{1,3}$/i.test(part) && part.slice(1) === part.slice(1).toLowerCase() && !/^[).]/.test(next)) {
          out.push(restoreLostU(part));
        } else out.push(part);
        return;
      }
      let text = mine.text;
      let encoding = chosen;
      if (!mine.valid && hasVowel(mine.text)) {
        // Token-level fallback for units that switch encoding mid-line. Vowel-less
        // tokens (ĐT, NĐ-CP: abbreviations) are never evidence either way.
        const readingOf = (e: TextEncoding) => readings.get(e)?.[i] ?? readToken(part, e, this.pdf);
        const alternative = candidates.find((e) => e !== chosen && (!strongUnicode || !UNICODE_VIETNAMESE.test(part)) && readingOf(e).valid);
        if (alternative) {
          text = readingOf(alternative).text;
          encoding = alternative;
        }
      }
      if (encoding === 'tcvn3' && this.pdf && !isVietnameseSyllable(text, { ignoreCase: true })) text = restoreLostU(text);
      if (encoding === 'tcvn3') text = this.tcvn3Case(part, text);
      if (text !== part) evidence = true;
      out.push(text);
    });
    // A reader that decoded the bytes as Latin-1 leaves Windows-1252 punctuation as C1 controls
    // (VNI "Độc lập \u0096 Tự do", "số \u0085 05 \u0085"): no Vietnamese letter lives there, so give them back.
    let result = out.join('').replace(/[\u0080-\u009f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80]!);
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

  /**
   * A line of Unicode Vietnamese with no font to say otherwise, every word of
   * which reads as Vietnamese (or has no vowel to judge): kept as it is, with
   * what the full path below would record. Null when a word needs a second
   * look (the full path then reads the line). Most lines of most documents
   * end here, so indexing does not build every reading of them.
   */
  private unicodeLine(line: string, parts: string[]): string | null {
    let score = 0;
    for (let i = 0; i < parts.length; i += 2) {
      const part = parts[i]!;
      if (!part || !LEGACY_CHAR.test(part)) continue;
      const reading = readToken(part, 'unicode', this.pdf);
      if (reading.valid) score += 1;
      else if (hasVowel(reading.text)) return null;
      else if (RESIDUE.test(reading.text)) score -= 1;
    }
    this.counts.unicode++;
    if (score > 0) this.last = 'unicode';
    return line.replace(/[\u0080-\u009f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80]!).normalize('NFC');
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
  // Written out for 0x80–0x9F: Node 20's windows-1252 TextDecoder drops those bytes.
  for (let b = 0x80; b <= 0x9f; b++) CP1252_BYTES.set(CP1252_C1[b - 0x80]!, b);
  for (let b = 0xa0; b <= 0xff; b++) CP1252_BYTES.set(String.fromCharCode(b), b);
  // Readers that decode as Latin-1 leave 0x80–0x9F as C1 controls.
  for (let b = 0x80; b <= 0x9f; b++) if (!CP1252_BYTES.has(String.fromCharCode(b))) CP1252_BYTES.set(String.fromCharCode(b), b);
}
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });
/**
 * Characters that stand for a UTF-8 continuation byte (0x80–0xBF). Every
 * repair needs one after its lead byte, so a line without any (most Unicode
 * Vietnamese: "ế" and "ộ" are not among them) is answered without decoding.
 */
const CONTINUATION_UNITS = new Set<number>();
for (const [char, byte] of CP1252_BYTES) if (byte <= 0xbf) CONTINUATION_UNITS.add(char.charCodeAt(0));

/**
 * UTF-8 text that went through a Windows-1252 reader ("Quyáº¿t Ä‘á»‹nh" for
 * "Quyết định"): every run that spells a valid UTF-8 sequence is decoded. Returns
 * null unless at least one run decodes to a letter beyond Latin-1 and none is broken.
 */
export function repairUtf8Mojibake(line: string): string | null {
  let continuation = false;
  for (let i = 0; i < line.length && !continuation; i++) continuation = CONTINUATION_UNITS.has(line.charCodeAt(i));
  if (!continuation) return null;
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

/** The converter's counts as extraction notes (only the encodings actually used). */
export function legacyNotes(converter: LegacyConverter): { legacyEncodings?: Partial<Record<LegacyEncoding | 'utf8', number>> } {
  const used = (['tcvn3', 'vni', 'cp1258', 'utf8'] as const).filter((e) => converter.counts[e] > 0);
  if (!used.length) return {};
  return { legacyEncodings: Object.fromEntries(used.map((e) => [e, converter.counts[e]])) };
}
