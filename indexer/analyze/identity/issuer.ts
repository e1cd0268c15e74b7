/**
 * The issuing body (ô 2 of Decree 30/2020, Appendix I): the organisation lines at
 * the top left, the parent body above the issuer ("UBND TỈNH THANH HÓA" over
 * "SỞ KHOA HỌC VÀ CÔNG NGHỆ"), split even when an extractor joined them on one line.
 */
import { FORM_CODE } from './appendix.js';
import { findDate } from './header.js';
import { collapse, isPlaceholder, isUpperText, type Line, MOTTO, NATIONAL_NAME, stripFootnoteDigits, upper } from './text.js';

/** Words that open an organisation's name, for splitting "UBND TỈNH X SỞ Y" when the line break is lost. */
const UNIT_STARTS = [
  'ỦY BAN NHÂN DÂN', 'UỶ BAN NHÂN DÂN', 'UBND', 'HỘI ĐỒNG NHÂN DÂN', 'HĐND', 'SỞ', 'BỘ', 'TỔNG CỤC', 'CHI CỤC', 'CỤC',
  'VIỆN', 'HỌC VIỆN', 'BỆNH VIỆN', 'TRƯỜNG', 'ĐẠI HỌC', 'TRUNG TÂM', 'BAN', 'PHÒNG', 'VĂN PHÒNG', 'THANH TRA', 'KHO BẠC',
  'TỔNG CÔNG TY', 'CÔNG TY', 'TẬP ĐOÀN', 'LIÊN MINH', 'QUỸ', 'CHÍNH PHỦ', 'KHOA', 'BQL', 'BAN QUẢN LÝ', 'CÔNG AN',
].sort((a, b) => b.length - a.length);
/** A unit word preceded by one of these is inside a name, not the start of a new one. */
const NOT_AFTER: Record<string, string[]> = {
  'SỞ': ['CƠ', 'TRỤ'],
  'BỘ': ['TIẾN', 'NỘI', 'CÁN', 'TOÀN', 'ĐỒNG', 'SƠ', 'CỤC', 'BỘ'],
  'BAN': ['ỦY', 'UỶ'],
  'PHÒNG': ['QUỐC', 'VĂN', 'DỰ', 'HẢI'],
  // "THỦ TƯỚNG CHÍNH PHỦ" is one body (the Prime Minister), not "THỦ TƯỚNG" over "CHÍNH PHỦ".
  'CHÍNH': ['TƯỚNG'],
  'TRƯỜNG': ['MÔI', 'THỊ', 'HIỆN', 'CHIẾN', 'QUẢNG', 'LẬP'],
  'VIỆN': ['HỌC', 'BỆNH', 'THƯ'],
  'CỤC': ['TỔNG', 'CHI'],
  'KHOA': [],
  'QUỸ': [],
  'CÔNG': ['BỘ'],
};
export const PLACE_WORDS = /\b(TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN)\s/u;

/** Split an upper-case run like "UBND TỈNH THANH HÓA SỞ KHOA HỌC VÀ CÔNG NGHỆ" into its unit lines. */
export function splitUnits(text: string): string[] {
  const words = collapse(text).split(' ');
  const cuts: number[] = [0];
  for (let i = 1; i < words.length; i++) {
    const rest = words.slice(i).join(' ');
    const start = UNIT_STARTS.find((u) => rest === u || rest.startsWith(u + ' '));
    if (!start) continue;
    const head = start.split(' ')[0]!;
    if ((NOT_AFTER[head] ?? []).includes(words[i - 1]!)) continue;
    // "KHOA" opens a faculty only when it is not "KHOA HỌC".
    if (head === 'KHOA' && words[i + 1] === 'HỌC') continue;
    // A part shorter than two words is a name fragment ("SỞ Y TẾ" is fine, "BAN" alone is not).
    if (i - cuts[cuts.length - 1]! < 2) continue;
    // A bare unit word is no body yet: "VĂN PHÒNG CHÍNH PHỦ", "BAN QUẢN LÝ …" go on with its name.
    if (UNIT_STARTS.includes(words.slice(cuts[cuts.length - 1]!, i).join(' '))) continue;
    // Right after a place word the unit word is the place's name ("HUYỆN TRƯỜNG SA", "TỈNH BẾN TRE").
    if (PLACE_AT_END.test(words.slice(0, i).join(' '))) continue;
    // Continue a multi-word keyword already matched at an earlier position.
    if (cuts.some((c) => c < i && i < c + (UNIT_STARTS.find((u) => words.slice(c).join(' ').startsWith(u + ' ')) ?? '').split(' ').length)) continue;
    cuts.push(i);
  }
  // A body under a parent of the same name ("BẢO HIỂM XÃ HỘI VIỆT NAM" / "BẢO HIỂM XÃ HỘI TỈNH BÌNH DƯƠNG",
  // "KHO BẠC NHÀ NƯỚC" / "KHO BẠC NHÀ NƯỚC HUYỆN …"): the name's second start opens the unit.
  if (cuts.length === 1 && words.length >= 6) {
    for (let i = 2; i + 1 < words.length; i++) {
      if (words[i] === words[0] && words[i + 1] === words[1] && i >= 3) {
        cuts.push(i);
        break;
      }
    }
  }
  const units: string[] = [];
  for (let k = 0; k < cuts.length; k++) units.push(words.slice(cuts[k], cuts[k + 1]).join(' '));
  return units.filter(Boolean);
}

/** A name that ends on a place word: the next word is the place's name. */
const PLACE_AT_END = /(?:^|\s)(?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN)$/u;

/** The organisation text at the start of a header line, before "Số:", the national name or a rule. */
function orgPart(line: string): string {
  let s = line;
  const cuts = [/(?<![\p{L}])(?:Số|SỐ)\s*:|V\/v|[_=]{3,}|-{3,}/u, /c[ộo]ng\s+h[òo][aà]\s+x/iu, /độc\s+lập\s*[-–—]?\s*tự\s+do/iu]
    .map((re) => s.search(re))
    .filter((i) => i >= 0);
  if (cuts.length) s = s.slice(0, Math.min(...cuts));
  if (/^(Phụ lục|PHỤ LỤC|Mẫu|MẪU)\b/u.test(s)) return '';
  return collapse(stripFootnoteDigits(s.replace(/\s-0-\s*/g, ' ')));
}

/**
 * OCR reads the two header columns row by row: "UBND THÀNH PHỐ ĐÀ NẴNG CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
 * SỞ GIÁO DỤC VÀ ĐÀO TẠO. Độc lập - …": the unit between the national name and the motto is the
 * second line of the left column.
 */
function unitAfterNationalName(line: string): string | null {
  const nat = /c[ộo]ng\s+h[òo][aà]\s+x[ãa]\s+h[ộo]i\s+ch[ủu]\s+ngh[ĩi]a\s+vi[ệe]t\s+nam/iu.exec(line);
  if (!nat || nat.index === 0) return null;
  let tail = line.slice(nat.index + nat[0].length);
  const end = tail.search(/độc\s+lập|(?<![\p{L}])(?:Số|SỐ)\s*:|[_=]{3,}|-{3,}/iu);
  if (end >= 0) tail = tail.slice(0, end);
  tail = collapse(tail.replace(/^[\s\-–_.,:;]+|[\s\-–_.,:;]+$/gu, ''));
  if (!tail || !isUpperText(tail)) return null;
  // "ỦY BAN NHÂN DÂN CỘNG HÒA … XÃ TÂN HIỆP Độc lập …": the council's locality, read row by row.
  const council = /NHÂN DÂN$/u.test(upper(collapse(line.slice(0, nat.index))));
  if (council && PLACE_WORDS.test(`${tail} `) && /^(TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN)\s/u.test(tail)) return tail;
  if (!UNIT_STARTS.some((u) => tail === u || tail.startsWith(u + ' '))) return null;
  return tail;
}

/** Bodies named without a unit word ("CHÍNH PHỦ" is one): the head of state, the Assembly, the central bank… */
const WHOLE_NAMES = /^(QUỐC HỘI|THỦ TƯỚNG|CHỦ TỊCH NƯỚC|NGÂN HÀNG|KIỂM TOÁN|TÒA ÁN|TOÀ ÁN|VIỆN KIỂM SÁT|ĐẢNG|ĐOÀN|HỘI|LIÊN ĐOÀN|MẶT TRẬN|ĐẠI HỌC|TỔNG|BỘ TRƯỞNG)(\s|$)/u;
/** What opens a form's heading, not a body's name: "Đơn đăng ký kinh doanh", "Bản khai của thân nhân", "Tên doanh nghiệp". */
const NOT_A_BODY = /^(ĐƠN|BẢN KHAI|TỜ KHAI|GIẤY|PHIẾU|DANH SÁCH|DANH MỤC|BIỂU|MẪU|TÊN|BÁO CÁO|THUYẾT MINH|HƯỚNG DẪN|BAN HÀNH)(\s|$)/u;

/**
 * An issuing body's name as printed in ô 2: it opens on a unit word ("SỞ", "UBND", "BỘ") or names a
 * body that needs none, and it is a name, not a clause ("BAN HÀNH, LIÊN QUAN ĐẾN …:") or a form's heading.
 */
function organisationLike(name: string): boolean {
  const u = upper(collapse(name));
  if (NOT_A_BODY.test(u) || /[:;]$/u.test(u) || /,\s/u.test(u)) return false;
  return UNIT_STARTS.some((w) => u === w || u.startsWith(w + ' ')) || WHOLE_NAMES.test(u) || isUpperText(name);
}

export interface Issuer {
  issuer: string;
  parent: string | null;
}

export function findIssuer(header: Line[]): Issuer | null {
  const parts: string[] = [];
  for (const line of header) {
    if (NATIONAL_NAME.test(line.text) && parts.length === 0 && !/^[^|]*?(?:Số|SỐ)\s*:/u.test(line.text)) {
      // The national name cell comes before any organisation text only in a wrapped layout; skip it.
      const org = orgPart(line.text);
      if (org) parts.push(org);
      continue;
    }
    // A filing code under the body's name ("XV80"): not part of the name.
    // So is a form's code ("B1-2-TMĐA", "Mẫu số 01").
    if (/^[A-Z]{1,4}\d+$/u.test(line.text) || FORM_CODE.test(line.text)) continue;
    const org = orgPart(line.text);
    if (!org) {
      // The national name cell beside "ỦY BAN NHÂN DÂN" when the locality row follows: keep reading.
      if (parts.length && /NHÂN DÂN$/u.test(upper(parts[parts.length - 1]!)) && (NATIONAL_NAME.test(line.text) || MOTTO.test(line.text))) continue;
      if (parts.length) break; // the organisation block ended (Số, rule, national name)
      continue;
    }
    if (MOTTO.test(org) || findDate(org)) break;
    // Organisation names are printed in capitals; old documents lost case, so accept a short first line too,
    // and a locality line under a council ("ỦY BAN NHÂN DÂN" / "Tỉnh An Giang").
    if (isUpperText(org) || (parts.length === 0 && org.length <= 60 && !/\d/.test(org) && !/[.;:]$/.test(org))) {
      parts.push(org);
      const below = unitAfterNationalName(line.text);
      if (below) parts.push(below);
    }
    else if (parts.length > 0 && /NHÂN DÂN$/u.test(upper(parts[parts.length - 1]!)) && /^(tỉnh|thành phố|huyện|quận|thị xã|xã|phường)\s/iu.test(org)) parts.push(upper(org));
    else break;
    if (/(?<![\p{L}])(?:Số|SỐ)\s*:/u.test(line.text)) break;
  }
  if (parts.length === 0) return null;
  let joined = collapse(parts.join(' '));
  // Legacy conversions lose capitals ("ủy ban nhân dân" / "Tỉnh an giang"): a body's name is printed in capitals.
  if (!isUpperText(joined) && UNIT_STARTS.some((u) => upper(joined).startsWith(u + ' '))) joined = upper(joined);
  if (isPlaceholder(joined) || /TÊN\s+(CƠ QUAN|CQ)/u.test(joined)) return null;
  if (!organisationLike(joined)) return null;
  const units = splitUnits(joined);
  const issuer = units[units.length - 1]!;
  const parent = units.length > 1 ? units.slice(0, -1).join(' / ') : null;
  return { issuer, parent };
}
