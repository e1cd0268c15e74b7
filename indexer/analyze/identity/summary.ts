/**
 * The summary (trích yếu, ô 5 of Decree 30/2020): the line(s) under the type line,
 * the "V/v …" of a công văn (ô 5b), and the Công báo style that runs issuer, number,
 * date and summary on after the type name ("THÔNG TƯ / CỦA BỘ TÀI CHÍNH SỐ … HƯỚNG DẪN …").
 */
import type { Block } from '../../extract/types.js';
import { numberAtStart } from '../../common/doc-numbers.js';
import { DATE_WORDS, type DateFound, findDate, findNumber, type TypeLine } from './header.js';
import { recase } from './names.js';
import { SIGN_ANCHOR } from './signature.js';
import { collapse, isPlaceholder, isUpperText, type Line, NATIONAL_NAME, stripFootnoteDigits } from './text.js';

export const BODY_START = /^\s*(Căn cứ|Thực hiện|Xét|Theo đề nghị|Kính gửi|Điều\s+\d|Chương\s|Phần\s|Mục\s+\d|[IVX]+\.\s|\d+\.\s|Thời gian|Địa điểm|Thành phần|Hôm nay|Vào hồi|Ngày\s+\d)/u;

/** A trailing "(Phục vụ …)"-style note under the summary is not part of it. */
function trimSummary(s: string): string | null {
  let out = collapse(s).replace(/\s*\((?:\p{Lu})[^()]*\)\s*$/u, '').replace(/[.;:]+$/, '').trim();
  out = out.replace(/\s*[_=]{3,}.*$/u, '').trim();
  if (!out || isPlaceholder(out)) return null;
  return out;
}

/** What follows a type name in the Công báo style: "của Bộ Tài chính số 13/2001/TT-BTC ngày 8 tháng 3 năm 2001 hướng dẫn …". */
export interface OfLine {
  issuer: string | null;
  number: string | null;
  date: DateFound | null;
  summary: string;
}

export function parseOfLine(text: string): OfLine | null {
  const m = /^(?:của|CỦA|Của)\s+(.+)$/u.exec(collapse(text));
  if (!m) return null;
  const rest = m[1]!;
  const num = /(?<![\p{L}])(?:số|Số|SỐ)(?![\p{L}])/u.exec(rest);
  const date = DATE_WORDS.exec(rest);
  const stops = [num?.index, date?.index].filter((x): x is number => x !== undefined);
  const issuerEnd = stops.length ? Math.min(...stops) : rest.length;
  // "CỦA BỘ TRƯỞNG BỘ TÀI CHÍNH": the issuing body is the ministry the minister heads.
  const issuer = collapse(rest.slice(0, issuerEnd)).replace(/^(BỘ TRƯỞNG|Bộ trưởng|bộ trưởng)\s+(?=(BỘ|Bộ|bộ)\s)/u, '') || null;
  let summary = '';
  if (stops.length) {
    let tail = rest.slice(issuerEnd);
    const n = num ? numberAtStart(rest.slice(num.index + num[0].length)) : null;
    if (date) tail = rest.slice(date.index + date[0].length);
    else if (num && n) tail = rest.slice(num.index + num[0].length + n.length);
    summary = collapse(tail);
  }
  return { issuer, number: num ? findNumber(rest.slice(num.index), true) : null, date: date ? findDate(rest.slice(date.index)) : null, summary };
}

/**
 * Words a wrapped summary line can end on: the next line continues it. Connectors, and verbs that
 * need their object ("… quy định chi tiết thi hành" / "Luật Thuế thu nhập doanh nghiệp"): a title
 * never ends on them, and the object may start in capitals (a law's name).
 */
const CONTINUES = /(\s(trong|của|và|cho|về|với|đối với|các|tại|theo|trên|thuộc|giai đoạn|năm|ngày|thi hành|hướng dẫn|sửa đổi|bổ sung|ban hành|phê duyệt|thực hiện|áp dụng|chi tiết)|,)$/u;
const UPPER_CONNECTOR = /^(CỦA|VÀ|VỀ|TRONG|CHO|ĐỐI VỚI|TẠI|TRÊN|THUỘC|GIAI ĐOẠN|NĂM)\s/u;
/** The enacting authority under the summary ("BỘ TRƯỞNG BỘ TÀI CHÍNH", "ỦY BAN NHÂN DÂN TỈNH …"), even with its capitals lost. */
const AUTHORITY_LINE = /^(bộ trưởng|thủ tướng|chủ tịch|ủy ban|uỷ ban|hội đồng|chính phủ|giám đốc|quốc hội)(\s|$)/iu;

export function summaryAfter(blocks: Block[], typeLine: TypeLine, of: OfLine | null, fullText: string): string | null {
  let rest = typeLine.rest;
  let i = typeLine.index + 1;
  if (of) {
    rest = of.summary;
    if (!typeLine.rest) i++; // the "CỦA …" line was the next block
  }
  let parts: string[] = [];
  if (rest && !NATIONAL_NAME.test(rest)) parts.push(rest);
  else {
    while (i < blocks.length && /^\s*[_=\-–~*]{3,}\s*$/u.test(blocks[i]!.text)) i++;
    const next = blocks[i];
    if (!next || (BODY_START.test(next.text) && !summaryLike(next.text)) || (isUpperText(next.text) && !/^(VỀ|V\/V)\s/u.test(next.text)) || next.text.length > 400 || SIGN_ANCHOR.test(next.text)) return null;
    parts.push(next.text);
    i++;
  }
  // A wrapped summary continues on lines that start in lower case or after a connector ("… mặt hàng trong" / "Biểu thuế …").
  for (let k = 0; k < 3 && i < blocks.length; k++, i++) {
    const t = collapse(blocks[i]!.text);
    const previous = parts[parts.length - 1]!;
    // In capitals, a line opening on a connector continues the one above ("VỀ CHỨC NĂNG … TỔ CHỨC" / "CỦA ĐỘI KIỂM TRA …").
    const upperRun = isUpperText(previous) && isUpperText(t) && t.length <= 160 && UPPER_CONNECTOR.test(t);
    const continues = /^\p{Ll}/u.test(t) || upperRun || (CONTINUES.test(previous) && t.length <= 160 && !isUpperText(t));
    if (!continues || BODY_START.test(t) || AUTHORITY_LINE.test(t) || SIGN_ANCHOR.test(t) || t.length > 300) break;
    parts.push(t);
  }
  parts = parts.map((p) => stripFootnoteDigits(p));
  // "ngày 10/10/2003 về cán bộ, …": the date line of an old-style title is not the summary.
  let summary = collapse(parts.join(' '))
    .replace(/^ngày\s+\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}\s+/iu, '')
    .replace(/^V\/[vV]\s*:?\s*/u, '');
  if (isUpperText(summary)) summary = recase(summary, fullText);
  // A PDF may put the enacting authority's line in the summary's block ("… tỉnh Bắc Giang ỦY BAN NHÂN DÂN TỈNH BẮC GIANG").
  else summary = summary.replace(AUTHORITY_TAIL, '');
  return trimSummary(summary);
}

/** The enacting authority in capitals at the end of a summary in sentence case. */
const AUTHORITY_TAIL = /\s+(?:ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN|BỘ TRƯỞNG|CHỦ TỊCH|THỦ TƯỚNG|CHÍNH PHỦ|GIÁM ĐỐC|QUỐC HỘI)(?:\s+[\p{Lu}Đ][\p{Lu}Đ.,-]*)*$/u;

/**
 * A line under the type line that opens like a body paragraph ("Thực hiện thu bảo hiểm xã hội …", a
 * guidance's subject) is still the summary when it reads as a title: short, with no closing punctuation.
 */
function summaryLike(text: string): boolean {
  const t = collapse(text);
  return /^(Thực hiện|Triển khai)\s/u.test(t) && t.length <= 160 && !/[:;.]$/u.test(t);
}

/** The công văn summary after "V/v" (ô 5b), up to the national name or the end of its cell. */
export function findVv(header: Line[]): string | null {
  for (let k = 0; k < header.length; k++) {
    const line = header[k]!;
    // OCR reads the "v" of "V/v" as "w" or loses it: "V/w thực hiện …", "V/ bảo đảm …".
    const m = /(?<![\p{L}])(?:V\/(?:[vVwW]\s*:?|\s*:|(?=\s))|(?<=^|\s)v\/v\s*:?)\s*(.+)$/u.exec(line.text);
    if (!m) continue;
    let s = m[1]!;
    // It ends at the national name, a rule, "Kính gửi" or a numbered item (a note written beside it on a scan).
    const cut = s.search(/c[ộo]ng\s+h[òo][aà]\s+x|[_=]{3,}|\sKính gửi\b|\s\d{1,2}\.\s+\p{Lu}/iu);
    if (cut >= 0) s = s.slice(0, cut);
    // Wrapped onto the following lines (TXT, .doc): continue while they start in lower case.
    // (A scrap of two or three letters is a speck of the scan, not a line: "| ni |".)
    for (let j = k + 1; j < header.length && /^\p{Ll}/u.test(header[j]!.text) && header[j]!.text.length > 3; j++) s += ' ' + header[j]!.text;
    // The date line beside the V/v cell, read row by row ("… của Hiệp hội Hà Nội, ngày 16 tháng 5 năm 2024 Doanh nghiệp …").
    s = s.replace(DATE_LINE_INSIDE, ' ');
    return trimSummary(dropScanSpecks(s));
  }
  return null;
}

/** A date line ("Hà Nội, ngày 16 tháng 5 năm 2024") inside a V/v read row by row. */
const DATE_LINE_INSIDE = /\s*\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*){0,3}\s*,\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}\s*/u;

/** Specks a scan leaves between words ("tà đạo \\`S`š _ Hội thánh"): pieces with letters no Vietnamese word has, and lone underscores. */
function dropScanSpecks(s: string): string {
  return s
    .split(/\s+/)
    .filter((w) => !/[`^~\\|šžř]/u.test(w) && !/^_+$/u.test(w))
    .join(' ');
}
