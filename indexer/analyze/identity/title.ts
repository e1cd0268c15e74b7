/**
 * The title lists and citations show: the one a person would give (issue 16).
 *
 * - an administrative document: its type, number and trích yếu ("Thông tư số
 *   13/2001/TT-BTC Hướng dẫn …"); a law: "Luật Hợp tác xã số 18/2003/QH11";
 * - a research report: its cover title;
 * - otherwise the author's own title property, the first heading or the first
 *   sentence, and the file name only when the text offers nothing better.
 *
 * Never a motto ("Độc lập - Tự do - Hạnh phúc"), the national name, a bare type
 * ("Thông tư"), a sheet range ("Sheet1 (A1:F68)"), a URL, unconverted TCVN3
 * ("Vô kinh tÕ C«ng nghiÖp"), a date stamp ("2019-05-31 (9)") or a file name:
 * `badTitle` names which, and test/titles-legacy.test.ts holds every real
 * legacy file to it.
 */
import type { DocumentMetadata } from '../../api/documents.js';
import type { Block } from '../../extract/types.js';
import { normalizeDocType } from '../../common/doc-types.js';
import { foldAccents, normalizeText } from '../../common/normalize.js';
import { textQuality } from '../../vietnamese/legacy.js';
import { collapse, isPlaceholder, isUpperText, MOTTO, NATIONAL_NAME } from './text.js';

/** Longest title kept; longer ones end in "…". */
export const MAX_TITLE_LENGTH = 240;
/** Blocks searched for a heading or first sentence. */
const LEADING_BLOCKS = 40;

export type BadTitleKind = 'motto' | 'bare-type' | 'sheet-range' | 'url' | 'mojibake' | 'file-name' | 'no-words';

/** Characters of TCVN3 (and VNI) bytes read as Windows-1252 that no Vietnamese word has. */
const LEGACY_LEFTOVER = /[«»¬µ¶·¸¹º¼½¾¿¡¢£¤¥¦§¨©ª®¯°±²³´ÆÇÌÎÏÑÐØÞßåæçëîïñðøþÿ×÷]/u;
/** A lower-case letter followed by an accented capital inside a word: "tÕ", "nghiÖp" (not "CTrTT", "QyĐ"). */
function mixedCaseWord(word: string): boolean {
  const chars = [...word];
  return chars.some((c, i) => i > 0 && /\p{Ll}/u.test(chars[i - 1]!) && /\p{Lu}/u.test(c) && /[^\x00-\x7F]/u.test(c) && c !== 'Đ');
}
const FILE_EXTENSION = /\.(docx?|xlsx?|pdf|rtf|pptx?|txt|md|html?|odt|jpe?g|png|tiff?|bmp)$/iu;

/** Why `title` is not one a person would give, or null when it is fine. */
export function badTitle(title: string, fileName = ''): BadTitleKind | null {
  const t = collapse(normalizeText(title));
  // Accents folded: OCR reads "HỘI" as "HỌI", "Tự do" as "Tư do".
  const folded = foldAccents(t).toLowerCase();
  if (NATIONAL_NAME.test(t) || MOTTO.test(t) || /cong\s*hoa\s*xa\s*hoi\s*chu\s*nghia|doc\s*lap\s*-?\s*tu\s*do|^doc\s*lap\b/u.test(folded)) return 'motto';
  if (/(?:^|\s)Sheet\d*\s*\(?[A-Z]+\d+:[A-Z]+\d+\)?|\(\$?[A-Z]{1,3}\$?\d+:\$?[A-Z]{1,3}\$?\d+\)\s*$/u.test(t)) return 'sheet-range';
  if (/(?:https?:\/\/|www\.)\S|\b[\w-]+\.(?:com|net|org|gov|edu)(?:\.vn)?\b/iu.test(t)) return 'url';
  if (LEGACY_LEFTOVER.test(t) || t.split(/\s+/).some(mixedCaseWord)) return 'mojibake';
  const base = fileName.split(/[\\/]/).pop() ?? '';
  if (FILE_EXTENSION.test(t) || (base && (t === base || t === base.replace(/\.[^.]+$/, '')))) return 'file-name';
  if (normalizeDocType(t.replace(/[\s.:;,]+$/u, '')) && t.split(/\s+/).length <= 4) return 'bare-type';
  const tokens = t.split(/\s+/);
  const words = t.split(/[\s\p{P}\p{S}\p{N}]+/u).filter((w) => [...w].length >= 2 && /\p{L}/u.test(w));
  // "c ủ a T h ủ t ư ớ n g": letters spaced out by a PDF's glyph positions.
  if (words.length < 2 || tokens.filter((w) => [...w].length === 1).length > tokens.length / 2) return 'no-words';
  const q = textQuality(t);
  if (q.words >= 3 && q.validShare < 0.5 && q.englishShare < 0.3) return 'mojibake';
  return null;
}

function shorten(text: string, max = MAX_TITLE_LENGTH): string {
  const t = collapse(text);
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

/** "Luật Hợp tác xã số 18/2003/QH11", "Quyết định số 12/QĐ-UBND Về việc …" — null without a summary or number. */
function identityTitle(meta: DocumentMetadata | null): string | null {
  if (!meta || meta.kind !== 'administrative' || !meta.typeName) return null;
  // An appendix's or a regulation's number is the decision's it was issued with (partOf), not its own.
  const number = meta.number && !meta.unsure?.number && !meta.partOf ? meta.number : null;
  // A summary the identity is unsure of (a scanner's layer without marks, garbled OCR) is no title.
  const summary = meta.summary && !meta.unsure?.summary && !badTitle(meta.summary) ? collapse(meta.summary) : null;
  if (meta.type === 'hien-phap') return meta.typeName;
  if (meta.type === 'luat' || meta.type === 'bo-luat' || meta.type === 'phap-lenh') {
    if (!summary) return null;
    const name = `${meta.typeName} ${summary.charAt(0).toLocaleUpperCase('vi')}${summary.slice(1)}`;
    return shorten(number ? `${name} số ${number}` : name);
  }
  // An appendix without a heading of its own: by the decision it was issued with (its subject left out).
  if (!summary && meta.partOf && !meta.unsure?.partOf) {
    const decision = meta.partOf.split(/\s+(?:về việc|về|v\/v)\s/iu)[0]!.replace(/(?<!\p{L})số\s*:\s*/u, 'số ');
    return shorten(`${meta.typeName} kèm theo ${decision}`);
  }
  if (!summary && !number) return null;
  if (!summary && meta.sources.number === 'filename') return null;
  return shorten([meta.typeName, number && `số ${number}`, summary].filter(Boolean).join(' '));
}

/** The first heading, else the first block that reads as a title or sentence, skipping header furniture. */
function firstGoodLine(blocks: Block[], fileName: string): string | null {
  const head = blocks.slice(0, LEADING_BLOCKS).map((b) => ({ ...b, text: collapse(normalizeText(b.text.replace(/\t+/g, ' '))) }));
  const usable = (text: string, raw: string, relaxed = false) =>
    text.length >= 8 &&
    !badTitle(text, fileName) &&
    !isPlaceholder(text) &&
    (raw.match(/\t/g) ?? []).length < 3 && // a table row of a sheet
    !/^(?:Số|SỐ|Kính gửi|Nơi nhận|Căn cứ|STT|TT|Mẫu|MẪU)\b/u.test(text) &&
    !/^.{0,40}ngày\s*[\d.…]*\s*,?\s*(?:\d+\s*)?tháng/iu.test(text) &&
    !/:\s*$|^\s*[-–+*•]/u.test(text) &&
    (relaxed || !/^\d+[.)]\s|^[IVX]+[.)-]?\s|^[A-Z][.)]\s/u.test(text)) &&
    !/^(?:[a-zđ]|\W)\)\s/u.test(text) && // an item "b) …" (or an OCR'd "©) …") of a list that began above
    (text.match(/\d+/g) ?? []).join('').length <= text.length / 4 &&
    !/^(?:PHẦN|Phần|CHƯƠNG|Chương|Mục|MỤC|Điều)\s+\S+\s*:?$/u.test(text);
  // Header furniture: the issuing body or a place in capitals ("THÀNH PHỐ HỒ CHÍ MINH", "TỈNH AN GIANG").
  const furniture = (text: string) => isUpperText(text) && /^(?:UBND|ỦY BAN|UỶ BAN|SỞ|BỘ|CHÍNH PHỦ|TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|XÃ|CÔNG TY|TỔNG CỤC|CỤC|BAN)\b/u.test(text);
  const rows = head.map((b, i) => ({ text: b.text, raw: blocks[i]!.text, heading: b.kind === 'heading' }));
  // A page that begins with its page number ("2") carries on a document whose first page is elsewhere (a
  // scanned letter kept one image per page): its sentences are mid-letter, so the first section caption
  // names it, with the page.
  const pageNumber = /^\d{1,3}$/u.exec(rows[0]?.text ?? '')?.[0];
  if (pageNumber) {
    const caption = rows.find((r) => /^(?:\d+|[IVX]+)[.)]\s+\p{Lu}/u.test(r.text) && r.text.length <= 120 && usable(r.text, r.raw, true));
    if (caption) return shorten(`Trang ${pageNumber}: ${caption.text.replace(/^(?:\d+|[IVX]+)[.)]\s+/u, '')}`);
  }
  const heading = rows.find((b) => b.heading && usable(b.text, b.raw) && !furniture(b.text));
  if (heading) return shorten(heading.text);
  for (const b of [...rows.filter((r) => !furniture(r.text)), ...rows.filter((r) => furniture(r.text))]) {
    if (!usable(b.text, b.raw)) continue;
    // A long paragraph gives its first sentence.
    const sentence = b.text.length > 200 ? (/^.{20,200}?[.!?](?=\s|$)/u.exec(b.text)?.[0] ?? b.text) : b.text;
    return shorten(sentence);
  }
  // Last, a numbered caption ("1. Một số chỉ tiêu tổng hợp") without its number.
  const numbered = rows.find((r) => usable(r.text, r.raw, true));
  return numbered ? shorten(numbered.text.replace(/^(?:\d+|[IVX]+|[A-Z])[.)-]?\s+/u, '')) : null;
}

/** The file name as words: "Ke hoach 2005 _QH lan 6 25-10_.doc" → "Ke hoach 2005 QH lan 6 25-10". */
function fileNameTitle(fileName: string): string {
  const base = (fileName.split(/[\\/]/).pop() ?? fileName).replace(/\.[^.]+$/, '');
  return collapse(base.replace(/[_]+/g, ' ')) || base;
}

/**
 * The title to store and show for a document. `formatTitle` is the author's
 * own (DOCX/PDF properties, HTML <title>); it wins unless it is of a bad kind
 * or a bare type, or the text gives the document's full identity.
 */
export function documentTitle(blocks: Block[], formatTitle: string | null, meta: DocumentMetadata | null, fileName: string): string {
  const identity = identityTitle(meta);
  if (identity && meta?.summary && !meta.unsure?.summary) return identity;
  if (meta?.kind === 'research' && meta.title && !badTitle(meta.title)) return shorten(meta.title);
  const own = formatTitle ? collapse(normalizeText(formatTitle)) : '';
  if (own.length >= 12 && !badTitle(own, fileName)) return shorten(own);
  if (identity) return identity;
  return firstGoodLine(blocks, fileName) ?? fileNameTitle(fileName);
}
