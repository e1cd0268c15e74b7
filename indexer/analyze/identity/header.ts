/**
 * The header boxes of Decree 30/2020 (Appendix I) that state what a document is:
 * its type line (ô 5a: "QUYẾT ĐỊNH"), its number and symbol (ô 3: "Số: 1234/QĐ-UBND")
 * and its place and date (ô 4: "Thanh Hóa, ngày 20 tháng 11 năm 2025").
 */
import type { Block } from '../../extract/types.js';
import { DOC_TYPES } from '../../common/doc-types.js';
import { isoDate } from '../../common/dates.js';
import { numberAtStart } from '../../common/doc-numbers.js';
import { collapse, isUpperText, lower, upper } from './text.js';

// ---------------------------------------------------------------------------
// Type line (ô 5a)
// ---------------------------------------------------------------------------

const TYPE_NAMES_UPPER = DOC_TYPES.filter((t) => !['cong-van', 'de-tai', 'phu-luc'].includes(t.slug))
  .map((t) => ({ slug: t.slug, upper: upper(t.name) }))
  .sort((a, b) => b.upper.length - a.upper.length);

export interface TypeLine {
  index: number;
  slug: string;
  /** The text after the type name on the same block (often the summary in PDFs). */
  rest: string;
}

/** A block that starts with a type name standing as the document's type line. */
function matchTypeLine(text: string, first = false): { slug: string; rest: string } | null {
  // "Bản Quy định", "BẢN QUY CHẾ": the same type line with an article before it.
  const t = collapse(text).replace(/^(?:Bản|BẢN)\s+(?=(?:Quy|QUY|quy)\s)/u, '');
  for (const { slug, upper: name } of TYPE_NAMES_UPPER) {
    if (t.startsWith(name)) {
      const rest = t.slice(name.length);
      // "QUYẾT ĐỊNH:" opens the enacting part; "QUYẾT ĐỊNH CỦA BỘ TRƯỞNG" names the issuer.
      if (rest === '' || /^\s+(?!:)/u.test(rest)) {
        const next = rest.trim();
        return { slug, rest: next };
      }
    }
    // Case lost (legacy fonts) or sentence case: accept only "quyết định của …", "Nghị định số …" or the bare name.
    const lowerT = lower(t);
    const lowerName = lower(name);
    if (lowerT.startsWith(lowerName)) {
      const rest = t.slice(name.length);
      if (rest === '' || /^\s+(của|số)\s/iu.test(rest)) return { slug, rest: rest.trim() };
      // A first line "Báo cáo về tình hình …": the type and the summary run on in sentence case.
      if (first && /^\s+về\s+\p{L}/u.test(rest) && t.length <= 300 && !/[.;:]$/u.test(t)) return { slug, rest: rest.trim() };
    }
  }
  return null;
}

export function findTypeLine(blocks: Block[], limit: number): TypeLine | null {
  for (let i = 0; i < Math.min(limit, blocks.length); i++) {
    const text = blocks[i]!.text;
    // A numbered section ("I- CÁC VĂN BẢN …", "1. …") means the body has begun: a "LUẬT …" below it is a list entry.
    if (/^\s*(Căn cứ|Điều\s+\d)/u.test(text) || /^\s*(?:[IVX]+|\d{1,2})\s*[-.)]\s+\p{L}/u.test(text)) break;
    const m = matchTypeLine(text, i === 0);
    if (m) return { index: i, ...m };
  }
  return null;
}

// ---------------------------------------------------------------------------
// Number (ô 3)
// ---------------------------------------------------------------------------

/**
 * "Số: 1234/QĐ-UBND" anywhere in these lines ("Mã số" excluded: lower-case "số"); the
 * number read by the one grammar of common/doc-numbers.ts, as references read it.
 */
export function findNumber(text: string, allowLowercase = false): string | null {
  // "Luật số: 18/2003/QH11": the National Assembly's layout puts the type before a lower-case "số".
  const re = allowLowercase ? /(?<![\p{L}])(?:Số|SỐ|số)(?![\p{L}])/gu : /(?<![\p{L}])(?:Số|SỐ|(?<=(?:Luật|Bộ luật|Pháp lệnh|Nghị quyết|Lệnh)\s+)số(?=\s*:))(?![\p{L}])/gu;
  for (const m of text.matchAll(re)) {
    if (allowLowercase && m[0] === 'số' && /\bMã\s*$/iu.test(text.slice(0, m.index))) continue;
    const n = numberAtStart(text.slice(m.index! + m[0].length));
    if (n) return n.number;
  }
  return null;
}

// ---------------------------------------------------------------------------
// Place and date (ô 4)
// ---------------------------------------------------------------------------

// "ngày 26tháng 7": OCR loses the space before "tháng".
export const DATE_WORDS = /ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s+năm\s*(\d{4})|ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})/iu;
/** Lower-case words inside place names: "Thành phố Hồ Chí Minh", "Thị xã Sơn Tây". */
const PLACE_LOWER = new Set(['phố', 'xã', 'trấn']);

function placeBefore(prefix: string): string | null {
  // A place name is a few words: look at the tail only (and keep the regex linear on long headers).
  const m = /([^,]*?)\s*,\s*$/u.exec(prefix.slice(-120));
  if (!m) return null;
  const words = m[1]!.split(/\s+/).filter(Boolean);
  const place: string[] = [];
  for (let i = words.length - 1; i >= 0 && place.length < 6; i--) {
    const w = words[i]!;
    if (!/^[\p{L}.]+$/u.test(w)) break;
    const capital = /^\p{Lu}/u.test(w);
    if (capital && w.length > 1 && isUpperText(w) && w !== 'TP.') break;
    if (!capital && !PLACE_LOWER.has(w) && place.length > 0) break;
    if (!capital && !PLACE_LOWER.has(w) && place.length === 0 && !/^\p{Ll}+$/u.test(w)) break;
    place.unshift(w);
  }
  while (place.length && !/^\p{Lu}/u.test(place[0]!)) place.shift();
  return place.length ? place.join(' ') : null;
}

export interface DateFound {
  place: string | null;
  date: string;
  text: string;
}

export function findDate(text: string): DateFound | null {
  const m = DATE_WORDS.exec(text);
  if (!m) return null;
  const [day, month, year] = m[1] ? [m[1], m[2], m[3]] : [m[4], m[5], m[6]];
  const date = isoDate(Number(day), Number(month), Number(year));
  if (!date) return null;
  const place = placeBefore(text.slice(0, m.index));
  const printed = place ? `${place}, ${m[0]}` : m[0];
  return { place, date, text: collapse(printed) };
}
