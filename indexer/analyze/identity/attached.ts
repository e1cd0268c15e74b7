/**
 * Documents issued with a decision: appendices, forms, regulations ("Bản Quy
 * định", "QUY CHẾ") that carry no number of their own but print under their
 * title "(Ban hành kèm theo Quyết định số 522/2002/QĐ.UB ngày 07/3/2002 của
 * UBND tỉnh An Giang)". An officer cites them by that decision, so its number,
 * date and issuer are read from the line — as printed, with the blanks of a
 * filled-in template ("số …05…./2006/ QĐ-UBND, ngày …25..tháng 01 năm 2006")
 * closed up.
 */
import type { Block } from '../../extract/types.js';
import { DATE_WORDS, type DateFound, findDate, findNumber } from './header.js';
import { collapse } from './text.js';

/** "(Ban hành kèm theo …", "Kèm theo …" at the start of a line (a bare "theo Quyết định …" is a reference). */
const ATTACHED = /^\(?\s*(?:Ban hành\s+)?kèm\s+theo\s+(?=\p{L})/iu;
/** Types issued with a decision rather than numbered themselves: a regulation, a charter, guidance, a programme. */
export const ATTACHABLE_TYPES: ReadonlySet<string> = new Set(['quy-dinh', 'quy-che', 'dieu-le', 'huong-dan', 'chuong-trinh', 'ke-hoach', 'de-an', 'phuong-an']);
/** How far into the document the line may stand (title lines come first). */
const ATTACHED_WITHIN = 10;
/** Words that end the issuer after "của": what the decision is about. */
const ISSUER_END = /\s+(?:về|v\/v|ban hành|quy định|hướng dẫn|sửa đổi|phê duyệt|liên quan)(?![\p{L}])|[,;()]|$/iu;

export interface Attached {
  /** Index of the block holding the line. */
  index: number;
  /** The decision as printed, without the brackets: "Quyết định số 522/2002/QĐ.UB ngày 07/3/2002 của UBND tỉnh An Giang". */
  text: string;
  number: string | null;
  date: DateFound | null;
  /** The issuer after "của", as printed (capitals are not changed). */
  issuer: string | null;
}

/** Closes up the dotted blanks of a template filled in by hand. */
function closeBlanks(s: string): string {
  return collapse(s.replace(/…+\.*|\.{2,}/gu, ' ').replace(/\s*\/\s*/gu, '/'));
}

/**
 * The decision as the line names it: up to the bracket that closes the line's own "(", keeping
 * brackets inside it ("… Danh mục 1 - phụ lục (Danh mục lĩnh vực, ngành, nghề) ban hành …"), and
 * before a bracket the line opens but never closes (the block ended inside it).
 */
function ownPart(s: string): string {
  let depth = 0;
  let open = -1;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '(') {
      if (depth === 0) open = i;
      depth++;
    } else if (s[i] === ')') {
      if (depth === 0) return s.slice(0, i);
      depth--;
    }
  }
  return depth > 0 ? s.slice(0, open) : s;
}

/** The "kèm theo" line in the first blocks from `from`, or null. */
export function findAttached(blocks: Block[], from = 0, within = ATTACHED_WITHIN): Attached | null {
  for (let i = from; i < Math.min(blocks.length, from + within); i++) {
    // A spreadsheet row holds other cells after a tab ("… năm 2006\tĐVT: đồng"): the line is the first cell.
    const cell = (k: number) => collapse(blocks[k]!.text.split('\t')[0]!);
    const t = cell(i);
    if (/^(Căn cứ|Điều\s+\d|Chương\s)/u.test(t)) return null;
    if (!ATTACHED.test(t)) continue;
    let s = t;
    // Continued on the next lines until the bracket closes.
    if (s.startsWith('(')) for (let j = i + 1; !s.includes(')') && j < Math.min(blocks.length, i + 4); j++) s += ' ' + cell(j);
    s = ownPart(s.replace(ATTACHED, ''));
    const text = closeBlanks(s);
    if (!/^(?:Quyết định|Nghị định|Thông tư|Nghị quyết|Chỉ thị|Công văn|Văn bản)/iu.test(text)) continue;
    const date = findDate(text);
    // A template never filled in ("số : …/2006/QĐ-UBND ngày … tháng … năm 2006"): the blanks closed up leave the year as a number.
    const blank = !date && /ngày\s+tháng/iu.test(text);
    const number = blank ? null : findNumber(text, true);
    let issuer: string | null = null;
    const dm = DATE_WORDS.exec(text);
    const by = /(?<![\p{L}])của\s+(.+)$/iu.exec(dm ? text.slice(dm.index + dm[0].length) : text);
    if (by) {
      const name = collapse(by[1]!.slice(0, by[1]!.search(ISSUER_END)));
      // A body's name is a few words, never a clause.
      if (name && name.split(' ').length <= 12 && /^\p{Lu}/u.test(name)) issuer = name;
    }
    return { index: i, text, number, date, issuer };
  }
  return null;
}
