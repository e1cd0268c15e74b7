/**
 * Whether a text layer is the printed text (issue 16). Scanned PDFs often carry
 * a text layer a scanner's software recognised — with an English model, so the
 * Vietnamese marks are gone ("bao dam TTATGT cho HS, SV trong dip nghi he"), or
 * with a poor one, so words are garbled ("thrc hin Thông báo sf3 496-TB/TIJ").
 * Such a layer is OCR whatever the PDF says: its values are judged as OCR'd
 * values are (confidence.ts), and a layer without marks states no name, issuer
 * or summary as the document prints it.
 *
 * Measured on the first 600 words of a document (acronyms left out): in printed
 * Vietnamese nearly every word is a syllable (0.90–1.00 on the 120 text files
 * of viparse and nd30-2020; 0.87 for a spreadsheet of foreign names) and most
 * carry a mark (0.79 and more); the two scanner layers of scans-danang measure
 * 0.88 syllables / 0.01 marked (1.pdf) and 0.79 / 0.38 (3.pdf).
 */
import { isSyllable } from './text.js';

/**
 * - `printed`: the text as printed (or too little text, or not Vietnamese, to tell);
 * - `unmarked`: Vietnamese without its marks — names and summaries are not as printed;
 * - `garbled`: Vietnamese with many words no syllable reads as — recognised, not printed.
 */
export type TextLayer = 'printed' | 'unmarked' | 'garbled';

/** Words looked at (the header, title and first paragraphs). */
const SAMPLE_WORDS = 600;
/** Fewer words than this: too little to tell. */
const MIN_WORDS = 40;
/** Below this share of syllables the text is not Vietnamese (an English paper): nothing to judge. */
const VIETNAMESE_SHARE = 0.6;
/** Share of marked words under which Vietnamese has lost its marks (printed text: about 0.5–0.9). */
const MARKED_SHARE = 0.12;
/** Share of syllables under which Vietnamese text is garbled (printed text: 0.95 and more; spreadsheets of names 0.87). */
const GARBLED_SHARE = 0.84;

/** How the text layer of `text` reads (see TextLayer). */
export function textLayer(text: string): TextLayer {
  // The first SAMPLE_WORDS words only: a long document's text is not split whole for this.
  const words: string[] = [];
  for (const [w] of text.matchAll(/\p{L}+/gu)) {
    if (w.length > 1 && !/^[\p{Lu}Đ]+$/u.test(w)) words.push(w); // acronyms (UBND, TTATGT) say nothing either way
    if (words.length === SAMPLE_WORDS) break;
  }
  if (words.length < MIN_WORDS) return 'printed';
  const syllables = words.filter((w) => isSyllable(w)).length / words.length;
  if (syllables < VIETNAMESE_SHARE) return 'printed';
  const marked = words.filter((w) => /[^\u0000-\u007F]/u.test(w)).length / words.length;
  if (marked < MARKED_SHARE) return 'unmarked';
  return syllables < GARBLED_SHARE ? 'garbled' : 'printed';
}
