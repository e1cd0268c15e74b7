/**
 * The tables of the legacy Vietnamese encodings — TCVN3/ABC, VNI-Windows and
 * Windows-1258 — as the characters an extractor hands over (the Windows-1252
 * reading of the font's bytes) → Unicode, with the plain decoders that apply one
 * encoding to a whole string and the font names that tell which encoding a run
 * uses. Detection (which encoding, if any, a piece of text is in) is legacy.ts's.
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
export const ACUTE = '\u0301', GRAVE = '\u0300', HOOK = '\u0309', TILDE = '\u0303', DOT = '\u0323', CIRC = '\u0302', BREVE = '\u0306';
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
