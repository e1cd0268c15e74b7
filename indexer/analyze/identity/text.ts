/**
 * Text helpers shared by the readers of a document's identity: case tests for
 * headers printed in capitals, template placeholders, and the "lines" a header
 * is read from (table cells of the first blocks, whatever the extractor).
 */
import type { Block } from '../../extract/types.js';
import { canonicalSyllable, foldAccents, normalizeText } from '../../common/normalize.js';

/** Lower case (Vietnamese has no locale-specific case rules, so the plain mapping is the same, at a fraction of the cost: this runs on every letter the identity rules read). */
export const lower = (s: string) => s.toLowerCase();
export const upper = (s: string) => s.toUpperCase();
export const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/** True when the letters of `s` are (nearly) all capitals. */
export function isUpperText(s: string): boolean {
  const letters = s.match(/\p{L}/gu) ?? [];
  if (letters.length < 2) return false;
  const caps = letters.filter((c) => c !== lower(c)).length;
  return caps / letters.length >= 0.9;
}

/** A Vietnamese-looking syllable (orthography only): "KỸ", "trường" yes; "UBND", "CNC", "VT" no. */
export function isSyllable(word: string): boolean {
  return /^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(ng|nh|ch|[cmnpt])?$/u.test(foldAccents(lower(word)));
}

export function capitalize(word: string): string {
  return word ? upper(word.charAt(0)) + lower(word.slice(1)) : word;
}

/** Template placeholders (Appendix III): dotted blanks, "TÊN CƠ QUAN, TỔ CHỨC", "Họ và tên". */
export function isPlaceholder(s: string): boolean {
  if (/TÊN CƠ QUAN|TÊN CQ|^TÊN\s|CHỨC VỤ CỦA NGƯỜI KÝ|TÊN LOẠI VĂN BẢN|^Họ và tên$/u.test(s)) return true;
  const blanks = (s.match(/[.…_]/g) ?? []).length;
  const visible = s.replace(/\s/g, '').length;
  return blanks >= 5 && blanks / Math.max(1, visible) > 0.3;
}

/** Strip footnote-reference digits glued to template words ("CHỦ QUẢN1", "THẨM QUYỀN BAN HÀNH6"). */
export function stripFootnoteDigits(s: string): string {
  // Not inside a number's symbol: "04/1998/QH10" keeps its legislature.
  return s.replace(/(?<![\p{L}/-])(\p{Lu}{2,})\d{1,2}(?![\d\p{L}])/gu, '$1');
}

/** Search key that ignores case, spacing and tone placement (hóa/hoá), keeping length where it can. */
export function searchKey(s: string): string {
  return lower(normalizeText(s))
    .split(/(\s+)/)
    .map((w) => (/\s/.test(w) ? ' ' : canonicalSyllable(w)))
    .join('');
}

// ---------------------------------------------------------------------------
// Lines: the header and signature are read from "lines" = table cells of blocks
// ---------------------------------------------------------------------------

export interface Line {
  block: number;
  text: string;
}

export function blockLines(blocks: Block[], from: number, to: number): Line[] {
  const lines: Line[] = [];
  for (let i = from; i < Math.min(to, blocks.length); i++) {
    for (const cell of blocks[i]!.text.split(/\s*\|\s*|\n+/)) {
      const text = collapse(cell);
      if (text) lines.push({ block: i, text });
    }
  }
  return lines;
}

export const NATIONAL_NAME = /c[ộo]ng\s+h[òo][aà]\s+x[ãa]\s+h[ộo]i\s+ch[ủu]\s+ngh[ĩi]a\s+vi[ệe]t\s+nam/iu;
export const MOTTO = /Độc\s*lập\s*[-–—]?\s*Tự\s*do\s*[-–—]?\s*Hạnh\s*phúc/iu;
