/**
 * The official identity of a Vietnamese administrative document, read from its
 * first page and signature block as Decree 30/2020/NĐ-CP (Appendix I, layouts
 * in Appendix III) places them:
 *
 * ```
 *  ô 2  UBND TỈNH THANH HÓA            ô 1  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
 *       SỞ KHOA HỌC VÀ CÔNG NGHỆ            Độc lập - Tự do - Hạnh phúc
 *  ô 3  Số: 512/BC-SKHCN           ô 4  Thanh Hóa, ngày 20 tháng 11 năm 2025
 *  ô 5b V/v … (công văn only)
 *                        ô 5a  BÁO CÁO
 *                              Tổng kết hoạt động …            (trích yếu)
 *  …
 *  ô 9b Nơi nhận: …                 ô 7a KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC
 *                                   ô 7b (Đã ký) Họ và tên
 * ```
 *
 * and, for research reports (đề tài nghiên cứu khoa học), the cover page: title,
 * lead author (chủ nhiệm), unit, place and year.
 *
 * Extractors flatten this two-column layout differently: PDF gives one block per
 * line group, DOCX tables come through as one block with cells joined by " | "
 * and a cell's lines joined by spaces, TXT/.doc give one block per line. Every
 * rule here works on the joined text, so all of them read the same fields.
 *
 * Fields the text does not give fall back to the document properties and then to
 * the file name; `sources` records where each came from. Pure functions: no I/O.
 */
import type { Block } from '../../extract/types.js';
import { canonicalSyllable, foldAccents, normalizeText } from '../../common/normalize.js';

// ---------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------

export type { DocumentKind, DocumentMetadata, MetadataField, MetadataSource } from '../../api/contract.js';
import type { DocumentMetadata, MetadataField, MetadataSource } from '../../api/contract.js';

/** Document properties (DOCX core properties, PDF info dictionary), when the extractor read them. */
export interface DocumentProperties {
  title?: string | null;
  subject?: string | null;
  author?: string | null;
  keywords?: string | null;
  /** ISO 8601 creation time. */
  created?: string | null;
}

export interface MetadataInput {
  /** File name or path; only the base name is used. */
  fileName: string;
  properties?: DocumentProperties | null;
}

// ---------------------------------------------------------------------------
// Document types
// ---------------------------------------------------------------------------

export interface DocTypeInfo {
  /** Accent-free slug used by the `loai:` filter and facets. */
  slug: string;
  /** Vietnamese name, sentence case: "Quyết định". */
  name: string;
  /** Abbreviation in document symbols (Decree 30/2020, Appendix III), when there is one. */
  code: string | null;
}

/** Document types: the administrative ones of Decree 30/2020 Appendix III, legal normative ones, appendices and research reports. */
export const DOC_TYPES: readonly DocTypeInfo[] = [
  { slug: 'nghi-quyet', name: 'Nghị quyết', code: 'NQ' },
  { slug: 'quyet-dinh', name: 'Quyết định', code: 'QĐ' },
  { slug: 'chi-thi', name: 'Chỉ thị', code: 'CT' },
  { slug: 'quy-che', name: 'Quy chế', code: 'QC' },
  { slug: 'quy-dinh', name: 'Quy định', code: 'QyĐ' },
  { slug: 'thong-cao', name: 'Thông cáo', code: 'TC' },
  { slug: 'thong-bao', name: 'Thông báo', code: 'TB' },
  { slug: 'huong-dan', name: 'Hướng dẫn', code: 'HD' },
  { slug: 'chuong-trinh', name: 'Chương trình', code: 'CTr' },
  { slug: 'ke-hoach', name: 'Kế hoạch', code: 'KH' },
  { slug: 'phuong-an', name: 'Phương án', code: 'PA' },
  { slug: 'de-an', name: 'Đề án', code: 'ĐA' },
  { slug: 'du-an', name: 'Dự án', code: 'DA' },
  { slug: 'bao-cao', name: 'Báo cáo', code: 'BC' },
  { slug: 'bien-ban', name: 'Biên bản', code: 'BB' },
  { slug: 'to-trinh', name: 'Tờ trình', code: 'TTr' },
  { slug: 'hop-dong', name: 'Hợp đồng', code: 'HĐ' },
  { slug: 'cong-van', name: 'Công văn', code: null },
  { slug: 'cong-dien', name: 'Công điện', code: 'CĐ' },
  { slug: 'ban-ghi-nho', name: 'Bản ghi nhớ', code: 'BGN' },
  { slug: 'ban-thoa-thuan', name: 'Bản thỏa thuận', code: 'BTT' },
  { slug: 'giay-uy-quyen', name: 'Giấy ủy quyền', code: 'GUQ' },
  { slug: 'giay-moi', name: 'Giấy mời', code: 'GM' },
  { slug: 'giay-gioi-thieu', name: 'Giấy giới thiệu', code: 'GGT' },
  { slug: 'giay-nghi-phep', name: 'Giấy nghỉ phép', code: 'GNP' },
  { slug: 'phieu-gui', name: 'Phiếu gửi', code: 'PG' },
  { slug: 'phieu-chuyen', name: 'Phiếu chuyển', code: 'PC' },
  { slug: 'phieu-bao', name: 'Phiếu báo', code: 'PB' },
  { slug: 'hien-phap', name: 'Hiến pháp', code: null },
  { slug: 'bo-luat', name: 'Bộ luật', code: null },
  { slug: 'luat', name: 'Luật', code: null },
  { slug: 'phap-lenh', name: 'Pháp lệnh', code: 'PL' },
  { slug: 'nghi-dinh', name: 'Nghị định', code: 'NĐ' },
  { slug: 'thong-tu-lien-tich', name: 'Thông tư liên tịch', code: 'TTLT' },
  { slug: 'thong-tu', name: 'Thông tư', code: 'TT' },
  { slug: 'phu-luc', name: 'Phụ lục', code: null },
  { slug: 'de-tai', name: 'Đề tài nghiên cứu khoa học', code: null },
];

const BY_SLUG = new Map(DOC_TYPES.map((t) => [t.slug, t]));

/** Accent-, case- and separator-free key: "Quyết định" / "quyet-dinh" / "QUYẾT_ĐỊNH" → "quyetdinh". */
function typeKey(text: string): string {
  return foldAccents(normalizeText(text)).toLowerCase().replace(/[^a-z0-9]/g, '');
}

const TYPE_ALIASES = new Map<string, string>();
for (const t of DOC_TYPES) {
  TYPE_ALIASES.set(typeKey(t.slug), t.slug);
  TYPE_ALIASES.set(typeKey(t.name), t.slug);
  if (t.code) TYPE_ALIASES.set(typeKey(t.code), t.slug);
}
for (const [alias, slug] of Object.entries({
  cv: 'cong-van',
  vanban: 'cong-van',
  ttr: 'to-trinh',
  detainckh: 'de-tai',
  nckh: 'de-tai',
  detainghiencuu: 'de-tai',
  detaikhoahoc: 'de-tai',
  detaikhcn: 'de-tai',
  baocaonckh: 'de-tai',
  nghiencuukhoahoc: 'de-tai',
  detai: 'de-tai',
  phuluc: 'phu-luc',
  nqhdnd: 'nghi-quyet',
  qdubnd: 'quyet-dinh',
})) {
  TYPE_ALIASES.set(alias, slug);
}

/**
 * Canonical type slug for anything a user or a document may call a type:
 * "Quyết định", "QUYẾT ĐỊNH", "quyet dinh", "quyet-dinh", "QĐ", "qd" → "quyet-dinh";
 * "công văn", "cv" → "cong-van"; "đề tài", "nckh" → "de-tai". Unknown → null.
 */
export function normalizeDocType(input: string | null | undefined): string | null {
  if (!input) return null;
  return TYPE_ALIASES.get(typeKey(input)) ?? null;
}

/** The Vietnamese name of a type slug ("quyet-dinh" → "Quyết định"), or null. */
export function docTypeName(slug: string | null | undefined): string | null {
  return (slug && BY_SLUG.get(slug)?.name) || null;
}

// ---------------------------------------------------------------------------
// Small text helpers
// ---------------------------------------------------------------------------

const lower = (s: string) => s.toLocaleLowerCase('vi');
const upper = (s: string) => s.toLocaleUpperCase('vi');
const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/** True when the letters of `s` are (nearly) all capitals. */
function isUpperText(s: string): boolean {
  const letters = s.match(/\p{L}/gu) ?? [];
  if (letters.length < 2) return false;
  const caps = letters.filter((c) => c !== lower(c)).length;
  return caps / letters.length >= 0.9;
}

/** A Vietnamese-looking syllable (orthography only): "KỸ", "trường" yes; "UBND", "CNC", "VT" no. */
function isSyllable(word: string): boolean {
  return /^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(ng|nh|ch|[cmnpt])?$/u.test(foldAccents(lower(word)));
}

function capitalize(word: string): string {
  return word ? upper(word.charAt(0)) + lower(word.slice(1)) : word;
}

/** Template placeholders (Appendix III): dotted blanks, "TÊN CƠ QUAN, TỔ CHỨC", "Họ và tên". */
function isPlaceholder(s: string): boolean {
  if (/TÊN CƠ QUAN|TÊN CQ|^TÊN\s|CHỨC VỤ CỦA NGƯỜI KÝ|TÊN LOẠI VĂN BẢN|^Họ và tên$/u.test(s)) return true;
  const blanks = (s.match(/[.…_]/g) ?? []).length;
  const visible = s.replace(/\s/g, '').length;
  return blanks >= 5 && blanks / Math.max(1, visible) > 0.3;
}

/** Strip footnote-reference digits glued to template words ("CHỦ QUẢN1", "THẨM QUYỀN BAN HÀNH6"). */
function stripFootnoteDigits(s: string): string {
  return s.replace(/(\p{Lu}{2,})\d{1,2}\b/gu, '$1');
}

/** Search key that ignores case, spacing and tone placement (hóa/hoá), keeping length where it can. */
function searchKey(s: string): string {
  return lower(normalizeText(s))
    .split(/(\s+)/)
    .map((w) => (/\s/.test(w) ? ' ' : canonicalSyllable(w)))
    .join('');
}

/** ISO date from day, month, year, or null when impossible. */
function isoDate(day: number, month: number, year: number): string | null {
  if (!(year >= 1900 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 && day <= 31)) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------
// Lines: the header and signature are read from "lines" = table cells of blocks
// ---------------------------------------------------------------------------

interface Line {
  block: number;
  text: string;
}

function blockLines(blocks: Block[], from: number, to: number): Line[] {
  const lines: Line[] = [];
  for (let i = from; i < Math.min(to, blocks.length); i++) {
    for (const cell of blocks[i]!.text.split(/\s*\|\s*|\n+/)) {
      const text = collapse(cell);
      if (text) lines.push({ block: i, text });
    }
  }
  return lines;
}

const NATIONAL_NAME = /c[ộo]ng\s+h[òo][aà]\s+x[ãa]\s+h[ộo]i\s+ch[ủu]\s+ngh[ĩi]a\s+vi[ệe]t\s+nam/iu;
const MOTTO = /Độc\s*lập\s*-?\s*Tự\s*do\s*-?\s*Hạnh\s*phúc/iu;
const RULE_LINE = /[_=\-–—~*]{3,}|={2,}&={2,}/gu;

// ---------------------------------------------------------------------------
// Type line (ô 5a)
// ---------------------------------------------------------------------------

const TYPE_NAMES_UPPER = DOC_TYPES.filter((t) => !['cong-van', 'de-tai', 'phu-luc'].includes(t.slug))
  .map((t) => ({ slug: t.slug, upper: upper(t.name) }))
  .sort((a, b) => b.upper.length - a.upper.length);

interface TypeLine {
  index: number;
  slug: string;
  /** The text after the type name on the same block (often the summary in PDFs). */
  rest: string;
}

/** A block that starts with a type name standing as the document's type line. */
function matchTypeLine(text: string): { slug: string; rest: string } | null {
  const t = collapse(text);
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
    }
  }
  return null;
}

function findTypeLine(blocks: Block[], limit: number): TypeLine | null {
  for (let i = 0; i < Math.min(limit, blocks.length); i++) {
    const text = blocks[i]!.text;
    if (/^\s*(Căn cứ|Điều\s+\d)/u.test(text)) break;
    const m = matchTypeLine(text);
    if (m) return { index: i, ...m };
  }
  return null;
}

// ---------------------------------------------------------------------------
// Number (ô 3)
// ---------------------------------------------------------------------------

const NUMBER_BODY = /^\s*:?\s*(\d+(?:\s*[/-]\s*[\p{L}\p{N}&.]+)*)/u;

function cleanNumber(raw: string): string | null {
  const n = raw.replace(/\s+/g, '').replace(/[.,;:]+$/, '');
  if (!/^\d+[/-]/.test(n) || !/[\p{L}]/u.test(n) && !/\/\d{4}/.test(n)) return null;
  return n;
}

/** "Số: 1234/QĐ-UBND" anywhere in these lines ("Mã số" excluded: lower-case "số"). */
function findNumber(text: string, allowLowercase = false): string | null {
  const re = allowLowercase ? /(?<![\p{L}])(?:Số|SỐ|số)(?![\p{L}])/gu : /(?<![\p{L}])(?:Số|SỐ)(?![\p{L}])/gu;
  for (const m of text.matchAll(re)) {
    if (allowLowercase && m[0] === 'số' && /\bMã\s*$/iu.test(text.slice(0, m.index))) continue;
    const body = NUMBER_BODY.exec(text.slice(m.index! + m[0].length));
    const n = body ? cleanNumber(body[1]!) : null;
    if (n) return n;
  }
  return null;
}

/** "1234/QĐ-UBND" → "QĐ-UBND"; "15/2021/NQ-HĐND" → "NQ-HĐND". */
function symbolOf(number: string): string | null {
  const parts = number.split('/');
  const rest = parts.slice(1).filter((p) => !/^\d{4}$/.test(p));
  return rest.length ? rest.join('/') : null;
}

/** Type from the symbol's first part: "QĐ-UBND" → quyet-dinh; "SKHCN-QLCN" (no type code) → cong-van. */
function typeFromSymbol(symbol: string): string | null {
  const first = symbol.split(/[-/]/)[0] ?? '';
  const slug = DOC_TYPES.find((t) => t.code && (t.code === first || upper(t.code) === upper(first)))?.slug;
  if (slug) return slug;
  // A công văn's symbol is the issuer's abbreviation and the drafting unit's: two parts, no type code.
  return /^[\p{Lu}Đ&]{2,}-[\p{Lu}Đ&]{2,}$/u.test(symbol) ? 'cong-van' : null;
}

// ---------------------------------------------------------------------------
// Place and date (ô 4)
// ---------------------------------------------------------------------------

const DATE_WORDS = /ngày\s*(\d{1,2})\s+tháng\s*(\d{1,2})\s+năm\s*(\d{4})|ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})/iu;
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

interface DateFound {
  place: string | null;
  date: string;
  text: string;
}

function findDate(text: string): DateFound | null {
  const m = DATE_WORDS.exec(text);
  if (!m) return null;
  const [day, month, year] = m[1] ? [m[1], m[2], m[3]] : [m[4], m[5], m[6]];
  const date = isoDate(Number(day), Number(month), Number(year));
  if (!date) return null;
  const place = placeBefore(text.slice(0, m.index));
  const printed = place ? `${place}, ${m[0]}` : m[0];
  return { place, date, text: collapse(printed) };
}

// ---------------------------------------------------------------------------
// Issuing body (ô 2)
// ---------------------------------------------------------------------------

/** Words that open an organisation's name, for splitting "UBND TỈNH X SỞ Y" when the line break is lost. */
const UNIT_STARTS = [
  'ỦY BAN NHÂN DÂN', 'UỶ BAN NHÂN DÂN', 'UBND', 'HỘI ĐỒNG NHÂN DÂN', 'HĐND', 'SỞ', 'BỘ', 'TỔNG CỤC', 'CHI CỤC', 'CỤC',
  'VIỆN', 'HỌC VIỆN', 'BỆNH VIỆN', 'TRƯỜNG', 'ĐẠI HỌC', 'TRUNG TÂM', 'BAN', 'PHÒNG', 'VĂN PHÒNG', 'THANH TRA', 'KHO BẠC',
  'TỔNG CÔNG TY', 'CÔNG TY', 'TẬP ĐOÀN', 'LIÊN MINH', 'QUỸ', 'CHÍNH PHỦ', 'KHOA',
].sort((a, b) => b.length - a.length);
/** A unit word preceded by one of these is inside a name, not the start of a new one. */
const NOT_AFTER: Record<string, string[]> = {
  'SỞ': ['CƠ', 'TRỤ'],
  'BỘ': ['TIẾN', 'NỘI', 'CÁN', 'TOÀN', 'ĐỒNG', 'SƠ', 'CỤC', 'BỘ'],
  'BAN': ['ỦY', 'UỶ'],
  'PHÒNG': ['QUỐC', 'VĂN', 'DỰ'],
  'TRƯỜNG': ['MÔI', 'THỊ', 'HIỆN', 'CHIẾN', 'QUẢNG', 'LẬP'],
  'VIỆN': ['HỌC', 'BỆNH', 'THƯ'],
  'CỤC': ['TỔNG', 'CHI'],
  'KHOA': [],
  'QUỸ': [],
};
const PLACE_WORDS = /\b(TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN)\s/u;

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
    // Continue a multi-word keyword already matched at an earlier position.
    if (cuts.some((c) => c < i && i < c + (UNIT_STARTS.find((u) => words.slice(c).join(' ').startsWith(u + ' ')) ?? '').split(' ').length)) continue;
    cuts.push(i);
  }
  const units: string[] = [];
  for (let k = 0; k < cuts.length; k++) units.push(words.slice(cuts[k], cuts[k + 1]).join(' '));
  return units.filter(Boolean);
}

/** The organisation text at the start of a header line, before "Số:", the national name or a rule. */
function orgPart(line: string): string {
  let s = line;
  const cuts = [/(?<![\p{L}])(?:Số|SỐ)\s*:|V\/v|[_=]{3,}|-{3,}/u, /c[ộo]ng\s+h[òo][aà]\s+x/iu, /độc\s+lập\s*-?\s*tự\s+do/iu]
    .map((re) => s.search(re))
    .filter((i) => i >= 0);
  if (cuts.length) s = s.slice(0, Math.min(...cuts));
  if (/^(Phụ lục|PHỤ LỤC|Mẫu|MẪU)\b/u.test(s)) return '';
  return collapse(stripFootnoteDigits(s.replace(/\s-0-\s*/g, ' ')));
}

interface Issuer {
  issuer: string;
  parent: string | null;
}

function findIssuer(header: Line[]): Issuer | null {
  const parts: string[] = [];
  for (const line of header) {
    if (NATIONAL_NAME.test(line.text) && parts.length === 0 && !/^[^|]*?(?:Số|SỐ)\s*:/u.test(line.text)) {
      // The national name cell comes before any organisation text only in a wrapped layout; skip it.
      const org = orgPart(line.text);
      if (org) parts.push(org);
      continue;
    }
    const org = orgPart(line.text);
    if (!org) {
      if (parts.length) break; // the organisation block ended (Số, rule, national name)
      continue;
    }
    if (MOTTO.test(org) || findDate(org)) break;
    // Organisation names are printed in capitals; old documents lost case, so accept a short first line too,
    // and a locality line under a council ("ỦY BAN NHÂN DÂN" / "Tỉnh An Giang").
    if (isUpperText(org) || (parts.length === 0 && org.length <= 60 && !/\d/.test(org) && !/[.;:]$/.test(org))) parts.push(org);
    else if (parts.length > 0 && /NHÂN DÂN$/u.test(parts[parts.length - 1]!) && /^(tỉnh|thành phố|huyện|quận|thị xã|xã|phường)\s/iu.test(org)) parts.push(upper(org));
    else break;
    if (/(?<![\p{L}])(?:Số|SỐ)\s*:/u.test(line.text)) break;
  }
  if (parts.length === 0) return null;
  const joined = collapse(parts.join(' '));
  if (isPlaceholder(joined) || /TÊN\s+(CƠ QUAN|CQ)/u.test(joined)) return null;
  const units = splitUnits(joined);
  const issuer = units[units.length - 1]!;
  const parent = units.length > 1 ? units.slice(0, -1).join(' / ') : null;
  return { issuer, parent };
}

// ---------------------------------------------------------------------------
// Display names: "SỞ KHOA HỌC VÀ CÔNG NGHỆ" → "Sở Khoa học và Công nghệ"
// ---------------------------------------------------------------------------

const PLACE_PREFIX = /^(TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN)\s+(.+)$/u;
/** Units that carry their locality in sentences: "Sở Tài chính tỉnh Nghệ An". */
const LOCAL_UNITS = /^(SỞ|BAN|CHI CỤC|PHÒNG|VĂN PHÒNG|THANH TRA|KHO BẠC)\s/u;
const COUNCILS: Array<[RegExp, string, string]> = [
  [/^(?:ỦY|UỶ) BAN NHÂN DÂN\s*/u, 'Ủy ban nhân dân', 'UBND'],
  [/^UBND\s*/u, 'Ủy ban nhân dân', 'UBND'],
  [/^HỘI ĐỒNG NHÂN DÂN\s*/u, 'Hội đồng nhân dân', 'HĐND'],
  [/^HĐND\s*/u, 'Hội đồng nhân dân', 'HĐND'],
];

function placeName(upperPlace: string): string {
  const m = PLACE_PREFIX.exec(upperPlace);
  if (!m) return upperPlace.split(' ').map(capitalize).join(' ');
  return `${lower(m[1]!)} ${m[2]!.split(' ').map(capitalize).join(' ')}`;
}

/** Mixed-case spelling of an upper-case phrase as the document's own text writes it, if it does. */
function spellingInText(phrase: string, text: string): string | null {
  if (!text) return null;
  const key = searchKey(phrase);
  const hay = searchKey(text);
  if (hay.length !== text.length) return null;
  let from = 0;
  const counts = new Map<string, number>();
  for (;;) {
    const at = hay.indexOf(key, from);
    if (at < 0) break;
    const before = at === 0 ? ' ' : text[at - 1]!;
    const after = text[at + key.length] ?? ' ';
    if (!/\p{L}/u.test(before) && !/\p{L}/u.test(after)) {
      const found = text.slice(at, at + key.length);
      if (!isUpperText(found)) counts.set(found, (counts.get(found) ?? 0) + 1);
    }
    from = at + 1;
  }
  let best: string | null = null;
  for (const [form, n] of counts) if (!best || n > counts.get(best)!) best = form;
  return best;
}

/** Rule of Decree 30 Appendix II (IV.1.a): capitalise the type of body and the first word of each field. */
function ruleCase(upperName: string): string {
  const words = upperName.split(' ');
  return words
    .map((w, i) => {
      if (/^[\p{Lu}Đ&]+$/u.test(w) && !/[AĂÂEÊIOÔƠUƯY]/u.test(foldAccents(w).replace(/[^A-Z]/g, '')) && w.length <= 6) return w; // UBND, KH&CN
      const prev = words[i - 1];
      if (i === 0 || i === 1 || prev === 'VÀ' || prev === '-' || prev === 'VỀ') return capitalize(w);
      return lower(w);
    })
    .join(' ');
}

/** Schools and institutes: "TRƯỜNG CAO ĐẲNG KỸ THUẬT CÔNG NGHỆ LAM SƠN" → "Trường Cao đẳng Kỹ thuật Công nghệ Lam Sơn". */
function schoolCase(upperName: string): string | null {
  const m = /^(TRƯỜNG|HỌC VIỆN|VIỆN|ĐẠI HỌC)\s+(.+)$/u.exec(upperName);
  if (!m) return null;
  const words = m[2]!.split(' ');
  // Vietnamese names of fields are mostly two-syllable words: capitalise the first of each pair; the last pair is a proper name.
  const out: string[] = [];
  let k = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === 'VÀ' || w === '-') {
      out.push(lower(w));
      k = 0;
      continue;
    }
    const lastPair = i >= words.length - 2 && words.length - 2 >= 0 && !words.slice(-2).includes('VÀ');
    out.push(k % 2 === 0 || lastPair ? capitalize(w) : lower(w));
    k++;
  }
  return `${capitalize(m[1]!.split(' ')[0]!)}${m[1]!.includes(' ') ? ' ' + lower(m[1]!.split(' ').slice(1).join(' ')) : ''} ${out.join(' ')}`;
}

/** Sentence form of one unit line: "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN" → "Ủy ban nhân dân tỉnh Nghệ An". */
function unitName(unit: string, text: string, short: boolean): string {
  for (const [re, long, abbr] of COUNCILS) {
    const m = re.exec(unit);
    if (m) {
      const rest = unit.slice(m[0].length).trim();
      return collapse(`${short ? abbr : long} ${rest ? placeName(rest) : ''}`);
    }
  }
  if (/^CHÍNH PHỦ$/u.test(unit)) return 'Chính phủ';
  if (!isUpperText(unit)) return unit;
  const found = spellingInText(unit, text);
  if (found) return found;
  // Split off a trailing locality: "SỞ TÀI CHÍNH TỈNH NGHỆ AN".
  const loc = new RegExp(`^(.*?)\\s+(${PLACE_WORDS.source.slice(3, -3)}\\s+.+)$`, 'u').exec(unit);
  if (loc) return `${spellingInText(loc[1]!, text) ?? ruleCase(loc[1]!)} ${placeName(loc[2]!)}`;
  return schoolCase(unit) ?? ruleCase(unit);
}

/** The issuer as a sentence names it, with the locality of its parent when it needs one. */
export function issuerDisplayName(issuer: string, parent: string | null, text = '', options: { short?: boolean } = {}): string {
  const name = unitName(issuer, text, options.short ?? false);
  if (parent && LOCAL_UNITS.test(issuer) && !PLACE_WORDS.test(issuer + ' ')) {
    const top = parent.split(' / ')[0]!;
    const council = COUNCILS.find(([re]) => re.test(top));
    const locality = council ? top.replace(council[0], '').trim() : PLACE_PREFIX.test(top) ? top : null;
    if (locality && PLACE_PREFIX.test(locality)) return `${name} ${placeName(locality)}`;
  }
  return name;
}

/** "ỦY BAN NHÂN DÂN TỈNH THANH HÓA" → "UBND tỉnh Thanh Hóa": the short form citations use. */
export function shortIssuerName(name: string): string {
  return name.replace(/^Ủy ban nhân dân\b/u, 'UBND').replace(/^Uỷ ban nhân dân\b/u, 'UBND').replace(/^Hội đồng nhân dân\b/u, 'HĐND');
}

// ---------------------------------------------------------------------------
// Recasing upper-case titles and summaries
// ---------------------------------------------------------------------------

/** Word → its most frequent spelling in the middle of sentences of the text. */
function spellings(text: string): Map<string, Map<string, number>> {
  const map = new Map<string, Map<string, number>>();
  for (const m of text.matchAll(/(?<=[\p{L}\p{N},;)]\s+)[\p{L}\p{N}]+/gu)) {
    const word = m[0];
    // Capitals from headings say nothing about spelling; acronyms ("CNC", "UBND") do.
    if (isUpperText(word) && word.length > 1 && isSyllable(word)) continue;
    const key = lower(word);
    const forms = map.get(key) ?? new Map<string, number>();
    forms.set(word, (forms.get(word) ?? 0) + 1);
    map.set(key, forms);
  }
  return map;
}

/** Sentence case for an all-capitals line, keeping proper nouns and acronyms the body spells so. */
export function recase(upperText: string, text = ''): string {
  if (!isUpperText(upperText)) return upperText;
  const known = spellings(text);
  let first = true;
  return upperText.replace(/[\p{L}\p{N}]+/gu, (word) => {
    const isFirst = first;
    first = false;
    if (!isUpperText(word) && /\p{Ll}/u.test(word)) return word; // "IoT"
    const forms = known.get(lower(word));
    let best = lower(word);
    if (forms) {
      let bestCount = forms.get(best) ?? 0;
      for (const [form, n] of forms) if (form !== best && n > bestCount) [best, bestCount] = [form, n];
    }
    return isFirst ? upper(best.charAt(0)) + best.slice(1) : best;
  });
}

// ---------------------------------------------------------------------------
// Summary (trích yếu)
// ---------------------------------------------------------------------------

const BODY_START = /^\s*(Căn cứ|Thực hiện|Xét|Theo đề nghị|Kính gửi|Điều\s+\d|Chương\s|Phần\s|Mục\s+\d|[IVX]+\.\s|\d+\.\s|Thời gian|Địa điểm|Thành phần|Hôm nay|Vào hồi|Ngày\s+\d)/u;

/** A trailing "(Phục vụ …)"-style note under the summary is not part of it. */
function trimSummary(s: string): string | null {
  let out = collapse(s).replace(/\s*\((?:\p{Lu})[^()]*\)\s*$/u, '').replace(/[.;:]+$/, '').trim();
  out = out.replace(/\s*[_=]{3,}.*$/u, '').trim();
  if (!out || isPlaceholder(out)) return null;
  return out;
}

/** What follows a type name in the Công báo style: "của Bộ Tài chính số 13/2001/TT-BTC ngày 8 tháng 3 năm 2001 hướng dẫn …". */
interface OfLine {
  issuer: string | null;
  number: string | null;
  date: DateFound | null;
  summary: string;
}

function parseOfLine(text: string): OfLine | null {
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
    const n = num ? NUMBER_BODY.exec(rest.slice(num.index + num[0].length)) : null;
    if (date) tail = rest.slice(date.index + date[0].length);
    else if (num && n) tail = rest.slice(num.index + num[0].length + n[0].length);
    summary = collapse(tail);
  }
  return { issuer, number: num ? findNumber(rest.slice(num.index), true) : null, date: date ? findDate(rest.slice(date.index)) : null, summary };
}

/** Connectors a wrapped summary line can end on: the next line continues it. */
const CONTINUES = /(\s(trong|của|và|cho|về|với|đối với|các|tại|theo|trên|thuộc|giai đoạn|năm|ngày)|,)$/u;
/** The enacting authority under the summary ("BỘ TRƯỞNG BỘ TÀI CHÍNH", "ỦY BAN NHÂN DÂN TỈNH …"), even with its capitals lost. */
const AUTHORITY_LINE = /^(bộ trưởng|thủ tướng|chủ tịch|ủy ban|uỷ ban|hội đồng|chính phủ|giám đốc|quốc hội)(\s|$)/iu;

function summaryAfter(blocks: Block[], typeLine: TypeLine, of: OfLine | null, fullText: string): string | null {
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
    if (!next || BODY_START.test(next.text) || (isUpperText(next.text) && !/^(VỀ|V\/V)\s/u.test(next.text)) || next.text.length > 400 || SIGN_ANCHOR.test(next.text)) return null;
    parts.push(next.text);
    i++;
  }
  // A wrapped summary continues on lines that start in lower case or after a connector ("… mặt hàng trong" / "Biểu thuế …").
  for (let k = 0; k < 3 && i < blocks.length; k++, i++) {
    const t = collapse(blocks[i]!.text);
    const previous = parts[parts.length - 1]!;
    const continues = /^\p{Ll}/u.test(t) || (CONTINUES.test(previous) && t.length <= 160 && !isUpperText(t));
    if (!continues || BODY_START.test(t) || AUTHORITY_LINE.test(t) || SIGN_ANCHOR.test(t) || t.length > 300) break;
    parts.push(t);
  }
  parts = parts.map((p) => stripFootnoteDigits(p));
  // "ngày 10/10/2003 về cán bộ, …": the date line of an old-style title is not the summary.
  let summary = collapse(parts.join(' '))
    .replace(/^ngày\s+\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}\s+/iu, '')
    .replace(/^V\/[vV]\s*:?\s*/u, '');
  if (isUpperText(summary)) summary = recase(summary, fullText);
  return trimSummary(summary);
}

/** The công văn summary after "V/v" (ô 5b), up to the national name or the end of its cell. */
function findVv(header: Line[]): string | null {
  for (let k = 0; k < header.length; k++) {
    const line = header[k]!;
    const m = /(?<![\p{L}])V\/[vV]\s*:?\s*(.+)$/u.exec(line.text);
    if (!m) continue;
    let s = m[1]!;
    const cut = s.search(/c[ộo]ng\s+h[òo][aà]\s+x|[_=]{3,}/iu);
    if (cut >= 0) s = s.slice(0, cut);
    // Wrapped onto the following lines (TXT, .doc): continue while they start in lower case.
    for (let j = k + 1; j < header.length && /^\p{Ll}/u.test(header[j]!.text); j++) s += ' ' + header[j]!.text;
    return trimSummary(s);
  }
  return null;
}

// ---------------------------------------------------------------------------
// Signature block (ô 7a, 7b)
// ---------------------------------------------------------------------------

const AUTHORITY = /^(TM|KT|TL|TUQ|Q)\.$/u;
/** Titles of office, longest first, for splitting "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH". */
const TITLES = [
  'PHÓ CHỦ TỊCH THƯỜNG TRỰC', 'PHÓ CHỦ TỊCH', 'CHỦ TỊCH', 'PHÓ THỦ TƯỚNG', 'THỦ TƯỚNG', 'BỘ TRƯỞNG', 'THỨ TRƯỞNG',
  'PHÓ GIÁM ĐỐC', 'TỔNG GIÁM ĐỐC', 'GIÁM ĐỐC', 'PHÓ CHÁNH VĂN PHÒNG', 'CHÁNH VĂN PHÒNG', 'PHÓ TRƯỞNG BAN', 'TRƯỞNG BAN',
  'PHÓ TRƯỞNG PHÒNG', 'TRƯỞNG PHÒNG', 'PHÓ HIỆU TRƯỞNG', 'HIỆU TRƯỞNG', 'PHÓ VIỆN TRƯỞNG', 'VIỆN TRƯỞNG', 'PHÓ CỤC TRƯỞNG',
  'CỤC TRƯỞNG', 'PHÓ VỤ TRƯỞNG', 'VỤ TRƯỞNG', 'CHÁNH THANH TRA', 'PHÓ BÍ THƯ', 'BÍ THƯ', 'THƯ KÝ', 'CHỦ TRÌ', 'CHỦ TỌA', 'CHỦ TOẠ',
  'TRƯỞNG ĐOÀN', 'KẾ TOÁN TRƯỞNG', 'THỦ TRƯỞNG',
].sort((a, b) => b.length - a.length);

/** Common Vietnamese family names: a signer's name starts with one. */
const SURNAMES = new Set(
  ('Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Trịnh Đinh Lâm Mai Trương Đoàn Lưu Tạ Cao Hà ' +
    'Chu Lương Thái Quách Tô Vương Nông Đào Kiều Từ Tôn Hứa Lã Lại Triệu Thân Khổng Mạc Châu Văn Doãn Kim Âu Giang Tăng ' +
    'Quan Thạch Lò Lục Hầu Đàm Ninh Tống Nghiêm Phùng Cù Đồng Mẫn Viên Khúc Bạch Trình Diệp Ông Vi La Sầm Hàn Yên Lạc ' +
    'Tiêu Ngũ Phó Đoàn Tất Trang Hoàng Huỳnh Quang Âu Dư Lữ Thang Ứng Biện Chế Công Giáp Hà Lỗ Nhữ Phí Thiều Tào Vưu')
    .split(' '),
);

/** A person's name: 2–5 capitalised syllables. */
const NAME_WORD = /^\p{Lu}\p{Ll}*$/u;

function splitNames(words: string[]): string[] {
  // "Trần Thị Lan Anh Nguyễn Hữu Khang" → two names, cut before a family name that leaves ≥ 2 words on each side.
  const names: string[] = [];
  let current: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (current.length >= 2 && SURNAMES.has(w) && words.length - i >= 2 && !['Thị', 'Văn'].includes(words[i - 1]!)) {
      names.push(current.join(' '));
      current = [];
    }
    current.push(w);
  }
  if (current.length) names.push(current.join(' '));
  return names.filter((n) => n.split(' ').length >= 2 && n.split(' ').length <= 5);
}

interface NameFound {
  name: string;
  index: number;
}

/** Names in the text: runs of capitalised syllables starting with a family name. */
function namesIn(text: string): NameFound[] {
  const found: NameFound[] = [];
  const re = /[\p{L}]+/gu;
  let run: Array<{ w: string; at: number }> = [];
  const flush = () => {
    if (run.length >= 2 && SURNAMES.has(run[0]!.w)) {
      let offset = 0;
      for (const name of splitNames(run.map((r) => r.w))) {
        const at = run[offset]!.at;
        found.push({ name, index: at });
        offset += name.split(' ').length;
      }
    }
    run = [];
  };
  let last = -1;
  for (const m of text.matchAll(re)) {
    const w = m[0];
    const gapOk = last < 0 || /^\s+$/.test(text.slice(last, m.index));
    if (!gapOk) flush();
    if (NAME_WORD.test(w) && w.length <= 7) run.push({ w, at: m.index! });
    else flush();
    last = m.index! + w.length;
  }
  flush();
  return found;
}

/** A title of office starting at word `i` of `words`, if any (longest first). */
function titleAt(words: string[], i: number): string | null {
  const rest = words.slice(i).join(' ');
  return TITLES.find((t) => rest === t || rest.startsWith(t + ' ')) ?? null;
}

/** Split one upper-case position run into its lines (authority, title, further title). */
function positionLines(run: string): string[] {
  const words = run.split(' ');
  const groups: string[][] = [];
  for (const w of words) {
    if (AUTHORITY.test(w) || groups.length === 0) groups.push([w]);
    else groups[groups.length - 1]!.push(w);
  }
  const out: string[] = [];
  for (const group of groups) {
    // "KT. CHỦ TỊCH PHÓ CHỦ TỊCH" → "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"; "TM. CHÍNH PHỦ THỦ TƯỚNG" → "TM. CHÍNH PHỦ", "THỦ TƯỚNG".
    let line = group;
    for (;;) {
      const authority = AUTHORITY.test(line[0]!) ? line[0]! : null;
      const body = authority ? line.slice(1) : line;
      let cut = -1;
      for (let i = 1; i < body.length; i++) {
        if (!titleAt(body, i)) continue;
        const left = body.slice(0, i);
        const leftIsTitle = authority === 'TM.' || titleAt(left, 0) !== null;
        if (leftIsTitle) {
          cut = i;
          break;
        }
      }
      if (cut < 0) break;
      out.push([...(authority ? [authority] : []), ...body.slice(0, cut)].join(' '));
      line = body.slice(cut);
    }
    out.push(line.join(' '));
  }
  return out.map(collapse).filter(Boolean);
}

/** Upper-case runs that start a line in the signature area: position lines, not recipients. */
function positionRuns(text: string): Array<{ text: string; index: number }> {
  const runs: Array<{ text: string; index: number }> = [];
  const re = /(?:^|(?<=[:;.|)\]]\s*)|(?<=\(Đã ký\)\s*))((?:(?:TM|KT|TL|TUQ|Q)\.\s+)?\p{Lu}[\p{Lu}Đ]*(?![\p{L}])(?:[ ,]+(?:(?:TM|KT|TL|TUQ|Q)\.\s+)?[\p{Lu}Đ&]+(?![\p{L}]))*)/gu;
  for (const m of text.matchAll(re)) {
    const run = collapse(m[1]!.replace(/,\s*$/, ''));
    const words = run.split(' ');
    if (!words.some((w) => /[\p{L}]{2,}/u.test(w) && isUpperText(w))) continue;
    // The first word must be a syllable or an authority, not an acronym like "VT" or "PCT".
    const first = words[0]!.replace(/\.$/, '');
    if (!AUTHORITY.test(words[0]!) && !isSyllable(first)) continue;
    if (words.length === 1 && !TITLES.includes(run)) continue;
    runs.push({ text: run, index: m.index! });
  }
  return runs;
}

interface Signature {
  name: string;
  position: string | null;
}

const SIGN_ANCHOR = /(?:^|\|\s*)Nơi (?:nhận|gửi)\s*:|^(?:TM|KT|TL|TUQ)\.\s|\((?:Đã ký|đã ký|Ký|ký)[^)]{0,40}\)/u;

function findSignature(blocks: Block[], from: number): Signature | null {
  let anchor = -1;
  for (let i = from; i < blocks.length; i++) {
    if (SIGN_ANCHOR.test(blocks[i]!.text)) {
      anchor = i;
      break;
    }
  }
  if (anchor < 0) return null;
  // The signature sits in the anchor block and the few after it; stop at the block holding the name.
  let text = '';
  let names: NameFound[] = [];
  for (let i = anchor; i < Math.min(blocks.length, anchor + 25); i++) {
    let b = blocks[i]!.text;
    // Legacy conversions lose capitals: "TM. Chính phủ" / "Thủ tướng" are position lines all the same.
    const short = collapse(b).replace(/^(TM|KT|TL|TUQ|Q)\s*[./]\s*/iu, (_m, a: string) => `${upper(a)}. `);
    if (short.split(' ').length <= 7 && !isUpperText(short) && (/^(TM|KT|TL|TUQ|Q)\.\s/u.test(short) || TITLES.some((t) => upper(short) === t || upper(short).startsWith(t + ' ')))) b = upper(short);
    const offset = text.length + (text ? 3 : 0);
    text += (text ? ' ¶ ' : '') + b;
    const words = collapse(b).split(' ');
    // A name closes its block (or is the block): "… (Đã ký) Trịnh Minh Quân".
    const here = namesIn(b)
      .filter((n) => words.length <= 8 || /^[\s.,;)\]]*$/u.test(b.slice(n.index + n.name.length)) || /^[\s.,;)\]]*$/u.test(b.slice(n.index + n.name.length).replace(/^\s*\p{Lu}\p{Ll}*(\s+\p{Lu}\p{Ll}*)*/u, '')))
      .map((n) => ({ name: n.name, index: n.index + offset }));
    // A line of its own that is a name (not every family name is in the list).
    if (here.length === 0 && words.length >= 2 && words.length <= 5 && words.every((w) => NAME_WORD.test(w)) && i > anchor) {
      here.push({ name: collapse(b), index: offset });
    }
    if (here.length) {
      names = here;
      break;
    }
  }
  if (names.length === 0) return null;
  const last = names[names.length - 1]!;
  // Another signature before this one (biên bản: "THƯ KÝ (Đã ký) Lê Thị Thu Trang | CHỦ TRÌ …"): read positions after it.
  let start = 0;
  let twoSigners = names.length > 1;
  for (const n of namesIn(text)) {
    if (n.index >= last.index) break;
    const end = n.index + n.name.length;
    const between = text.slice(end, last.index);
    if (/\p{L}/u.test(between) && /\(Đã ký\)|\|/u.test(text.slice(Math.max(0, n.index - 12), n.index) + between)) {
      start = end;
      twoSigners = false;
    } else if (!/\p{L}/u.test(between)) twoSigners = true;
  }
  const before = text.slice(start, last.index).replace(/Nơi (?:nhận|gửi)\s*:/gu, ';').replace(/¶/g, ';');
  let lines = positionRuns(before).flatMap((r) => positionLines(r.text));
  lines = lines.filter((l) => !isPlaceholder(l) && !/^(NƠI NHẬN|LƯU)\b/u.test(l));
  // Two signatures (biên bản: thư ký | chủ trì): the last name signs for the chair.
  if (twoSigners && lines.length > 1 && lines[0] === 'THƯ KÝ') lines = lines.slice(1);
  return { name: last.name, position: lines.length ? lines.join(' / ') : null };
}

// ---------------------------------------------------------------------------
// Research reports (đề tài nghiên cứu khoa học)
// ---------------------------------------------------------------------------

const RESEARCH_CUE = /Chủ nhiệm (đề tài|nhiệm vụ)|CHỦ NHIỆM ĐỀ TÀI|BÁO CÁO[^\n]{0,40}(ĐỀ TÀI|NGHIÊN CỨU KHOA HỌC)/u;
const LABELS = ['Chủ nhiệm đề tài', 'Chủ nhiệm nhiệm vụ', 'Chủ nhiệm', 'Thành viên', 'Thư ký đề tài', 'Cơ quan chủ trì', 'Đơn vị chủ trì', 'Đơn vị thực hiện', 'Cơ quan quản lý', 'Đơn vị', 'Thời gian thực hiện', 'Mã số', 'Cấp quản lý'];
const LABEL_RE = new RegExp(`(${LABELS.join('|')})\\s*:\\s*`, 'gu');
const DEGREE = /^((?:GS|PGS|TS|ThS|KS|CN|BS|DS|NCS|TSKH|Th\.S|Ths)\.?(?:\s*(?:TS|ThS|TSKH|BS)\.?)?)\s+/u;

function labelled(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const matches = [...text.matchAll(LABEL_RE)];
  matches.forEach((m, k) => {
    const end = k + 1 < matches.length ? matches[k + 1]!.index! : text.length;
    const value = collapse(text.slice(m.index! + m[0].length, end)).replace(/[;,.]$/, '');
    if (!out.has(m[1]!)) out.set(m[1]!, value);
  });
  return out;
}

/** What a research report's title page gives. */
type Research = Pick<DocumentMetadata, 'title' | 'author' | 'authorDegree' | 'unit' | 'department' | 'code' | 'year' | 'place'>;

const INSTITUTION = /^(Trường|Viện|Học viện|Trung tâm|Đại học|Bệnh viện|Công ty|Sở|Ban)\s/u;

function readResearch(blocks: Block[], issuer: Issuer | null, fullText: string): Research {
  const head = blocks.slice(0, 20);
  const fields = new Map<string, string>();
  for (const b of head) for (const [k, v] of labelled(b.text)) if (!fields.has(k)) fields.set(k, v);
  // Title: the capitals line(s) after the "BÁO CÁO … ĐỀ TÀI …" line(s), before "Mã số" / "Chủ nhiệm".
  let title: string | null = null;
  const cueAt = head.findIndex((b) => /ĐỀ TÀI|BÁO CÁO (TỔNG HỢP|TỔNG KẾT)/u.test(b.text));
  if (cueAt >= 0) {
    const parts: string[] = [];
    for (let i = cueAt + 1; i < head.length; i++) {
      const t = collapse(head[i]!.text);
      if (/^(ĐỀ TÀI|BÁO CÁO)\b/u.test(t) || (/ĐỀ TÀI/u.test(t) && /CẤP\s/u.test(t) && parts.length === 0)) continue;
      if (LABEL_RE.test(t) || /^(Mã số|Chủ nhiệm|Thành viên)/u.test(t)) {
        LABEL_RE.lastIndex = 0;
        break;
      }
      LABEL_RE.lastIndex = 0;
      if (!isUpperText(t.replace(/IoT|\b\p{Lu}\p{Ll}+\b/gu, (w) => upper(w)))) break;
      parts.push(t);
    }
    if (parts.length) title = recase(collapse(parts.join(' ')), fullText);
  }
  let author: string | null = null;
  let authorDegree: string | null = null;
  const lead = fields.get('Chủ nhiệm đề tài') ?? fields.get('Chủ nhiệm nhiệm vụ') ?? fields.get('Chủ nhiệm') ?? null;
  if (lead) {
    const d = DEGREE.exec(lead);
    authorDegree = d ? d[1]!.replace(/\s+/g, '') : null;
    const name = d ? lead.slice(d[0].length) : lead;
    author = collapse(name.split(/[,;(–-]/)[0]!) || null;
  }
  let unit = fields.get('Cơ quan chủ trì') ?? null;
  let department = fields.get('Đơn vị thực hiện') ?? null;
  const hostUnit = fields.get('Đơn vị chủ trì') ?? fields.get('Đơn vị') ?? null;
  if (!unit && hostUnit && INSTITUTION.test(hostUnit)) unit = hostUnit;
  else if (hostUnit && !department) department = hostUnit;
  if (!unit && issuer) unit = issuerDisplayName(issuer.issuer, null, fullText);
  // The recased title spells names as the unit does: "… tại Trường Cao đẳng Công nghệ và Du lịch Sông Hàn".
  if (title && unit) {
    const at = searchKey(title).indexOf(searchKey(unit));
    if (at >= 0 && searchKey(title).length === title.length) title = title.slice(0, at) + unit + title.slice(at + unit.length);
  }
  let year: number | null = null;
  let place: string | null = null;
  for (const b of head) {
    const m = /^\s*([\p{Lu}][\p{L}\s.]{1,40}?),\s*(?:tháng\s+\d{1,2}\s+)?năm\s+(\d{4})\s*$/u.exec(b.text);
    if (m) {
      place = collapse(m[1]!);
      year = Number(m[2]);
      break;
    }
  }
  const code = fields.get('Mã số') ?? null;
  return { title, author, authorDegree, unit, department, code, year, place };
}

// ---------------------------------------------------------------------------
// Appendices ("Phụ lục I … (Kèm theo Nghị định số 30/2020/NĐ-CP ngày … của Chính phủ)")
// ---------------------------------------------------------------------------

interface Appendix {
  typeName: string;
  summary: string | null;
  partOf: string | null;
}

function readAppendix(blocks: Block[], fullText: string): Appendix | null {
  const first = blocks[0] ? collapse(blocks[0].text) : '';
  const m = /^(Phụ lục|PHỤ LỤC)\s+([IVXLC]+|\d+[a-z]?)$/u.exec(first);
  if (!m) return null;
  const titleParts: string[] = [];
  let partOf: string | null = null;
  for (let i = 1; i < Math.min(blocks.length, 8); i++) {
    const t = collapse(blocks[i]!.text);
    if (/^\((Kèm theo|Ban hành kèm theo)/u.test(t)) {
      let s = t;
      for (let j = i + 1; !s.includes(')') && j < Math.min(blocks.length, i + 4); j++) s += ' ' + collapse(blocks[j]!.text);
      partOf = collapse(s.replace(/^\((?:Ban hành )?[Kk]èm theo\s+/u, '').replace(/\).*$/u, ''));
      break;
    }
    if (!isUpperText(t)) break;
    titleParts.push(t);
  }
  return { typeName: `Phụ lục ${m[2]}`, summary: titleParts.length ? recase(titleParts.join(' '), fullText) : null, partOf };
}

// ---------------------------------------------------------------------------
// Fallbacks: properties and file name
// ---------------------------------------------------------------------------

interface Partial_ {
  type?: string;
  number?: string;
  date?: string;
  year?: number;
  issuerName?: string;
  summary?: string;
  title?: string;
}

const TYPE_NAME_ALTERNATION = DOC_TYPES.filter((t) => !['de-tai', 'phu-luc'].includes(t.slug))
  .map((t) => t.name)
  .sort((a, b) => b.length - a.length)
  .join('|');

/** "Quyết định số 1234/QĐ-UBND ngày 05/3/2024 của UBND tỉnh Thanh Hóa ban hành …" → its parts. */
export function parseCitationTitle(title: string): Partial_ {
  const out: Partial_ = {};
  const t = collapse(normalizeText(title));
  const m = new RegExp(`^(${TYPE_NAME_ALTERNATION})\\s+số\\s+(\\S+)(?:\\s+ngày\\s+(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4}))?(?:\\s+của\\s+(.+?)(?=\\s+(?:về|ban hành|quy định|phê duyệt|sửa đổi|hỗ trợ|tổng kết|kết luận|hướng dẫn|thực hiện|tổ chức|đề nghị)\\s|$))?(?:\\s+(.+))?$`, 'iu').exec(t);
  if (!m) return out;
  const type = normalizeDocType(m[1]!);
  if (type) out.type = type;
  const number = cleanNumber(m[2]!);
  if (number) out.number = number;
  if (m[3]) {
    const date = isoDate(Number(m[3]), Number(m[4]), Number(m[5]));
    if (date) out.date = date;
  }
  if (m[6]) out.issuerName = m[6].trim();
  if (m[7]) out.summary = capitalize(m[7].trim().charAt(0)) + m[7].trim().slice(1);
  return out;
}

const FILE_TYPE_PREFIX: Record<string, string> = {
  qd: 'quyet-dinh', nq: 'nghi-quyet', kh: 'ke-hoach', bc: 'bao-cao', bb: 'bien-ban', cv: 'cong-van', tb: 'thong-bao',
  ttr: 'to-trinh', ct: 'chi-thi', hd: 'huong-dan', nd: 'nghi-dinh', tt: 'thong-tu', nckh: 'de-tai', detai: 'de-tai',
  gm: 'giay-moi', cd: 'cong-dien', pl: 'phu-luc', phuluc: 'phu-luc', nghidinh: 'nghi-dinh', thongtu: 'thong-tu',
  quyetdinh: 'quyet-dinh', nghiquyet: 'nghi-quyet', kehoach: 'ke-hoach', baocao: 'bao-cao', congvan: 'cong-van',
};
/** Symbol letters that lose their Đ in file names. */
const SYMBOL_FIX: Record<string, string> = { QD: 'QĐ', ND: 'NĐ', HDND: 'HĐND', HD: 'HĐ', DA: 'ĐA', CD: 'CĐ', QyD: 'QyĐ' };

/** Type, year and (when spelled out) number from a file name: "30_2020_ND_CP.docx", "qd-1234-2024-ubnd-….pdf". */
export function parseFileName(fileName: string): Partial_ {
  const out: Partial_ = {};
  const base = fileName.split(/[\\/]/).pop()!.replace(/\.[^.]+$/, '');
  const folded = foldAccents(normalizeText(base));
  const tokens = folded.split(/[\s_.\-]+/).filter(Boolean);
  const firstAlpha = tokens[0] ? lower(tokens[0]) : '';
  if (FILE_TYPE_PREFIX[firstAlpha]) out.type = FILE_TYPE_PREFIX[firstAlpha];
  // "30_2020_ND_CP", "1234-QD-UBND", "15_2021_NQ_HDND"
  // Symbols are written in capitals; "qd-1234-2024-ubnd-…" (a slug) gives only type and year.
  const num = /(?:^|[^\d])(\d{1,5})[\s_.-]+(?:(\d{4})[\s_.-]+)?([A-Z][A-Za-z]{1,3})[\s_.-]+([A-Z]{2,8})(?=$|[^A-Za-z])/.exec(folded);
  if (num) {
    const code = SYMBOL_FIX[num[3]!.toUpperCase()] ?? num[3]!.toUpperCase();
    const typeFromCode = DOC_TYPES.find((t) => t.code && upper(t.code) === upper(code))?.slug;
    if (typeFromCode) {
      const issuerCode = SYMBOL_FIX[num[4]!.toUpperCase()] ?? num[4]!.toUpperCase();
      out.number = num[2] ? `${num[1]}/${num[2]}/${code}-${issuerCode}` : `${num[1]}/${code}-${issuerCode}`;
      out.type ??= typeFromCode;
      if (num[2]) out.year = Number(num[2]);
    }
  }
  if (out.year === undefined) {
    const y = tokens.find((tok) => /^(19[5-9]\d|20\d\d)$/.test(tok));
    if (y) out.year = Number(y);
  }
  return out;
}

// ---------------------------------------------------------------------------
// The extractor
// ---------------------------------------------------------------------------

const HEADER_LIMIT = 12;

function emptyMetadata(): DocumentMetadata {
  return {
    kind: 'unknown', type: null, typeName: null, number: null, symbol: null, issuer: null, issuerParent: null,
    issuerName: null, place: null, date: null, dateText: null, year: null, summary: null, signer: null,
    signerPosition: null, title: null, author: null, authorDegree: null, unit: null, department: null, code: null,
    partOf: null, sources: {},
  };
}

/**
 * Reads a document's administrative (or research) metadata from its blocks,
 * falling back to its properties and file name. Never throws; fields it cannot
 * find are null.
 */
export function extractMetadata(blocks: Block[], input: MetadataInput): DocumentMetadata {
  const meta = emptyMetadata();
  const set = <K extends MetadataField>(field: K, value: DocumentMetadata[K] | null | undefined, source: MetadataSource) => {
    if (value === null || value === undefined || value === '' || meta[field] !== null) return;
    (meta as unknown as Record<string, unknown>)[field] = value;
    meta.sources[field] = source;
  };
  const clean = blocks.map((b) => ({ ...b, text: normalizeText(b.text) })).filter((b) => b.text.trim());
  const fullText = clean.map((b) => b.text).join('\n');

  // Appendices of a decree: "Phụ lục I" + title + "(Kèm theo … )".
  const appendix = readAppendix(clean, fullText);
  if (appendix) {
    meta.kind = 'administrative';
    set('type', 'phu-luc', 'text');
    meta.typeName = appendix.typeName;
    set('summary', appendix.summary, 'text');
    set('partOf', appendix.partOf, 'text');
    if (appendix.partOf) {
      const n = findNumber(appendix.partOf, true);
      set('number', n, 'text');
      const d = findDate(appendix.partOf);
      if (d) set('date', d.date, 'text');
      const by = /\bcủa\s+(.+)$/u.exec(appendix.partOf);
      if (by) {
        set('issuerName', by[1]!.trim(), 'text');
        set('issuer', upper(by[1]!.trim()), 'text');
      }
    }
  }

  const typeLine = appendix ? null : findTypeLine(clean, HEADER_LIMIT + 4);
  let headerEnd = typeLine ? typeLine.index : Math.min(clean.length, HEADER_LIMIT);
  if (!typeLine) {
    const body = clean.findIndex((b, i) => i > 0 && BODY_START.test(b.text));
    if (body > 0) headerEnd = Math.min(headerEnd, body);
  }
  const header = appendix ? [] : blockLines(clean, 0, headerEnd);
  const headerText = header.map((l) => l.text).join(' | ');

  const research = !appendix && RESEARCH_CUE.test(clean.slice(0, 12).map((b) => b.text).join('\n')) && !findNumber(headerText);

  // ô 2: issuing body (and, for research covers, the host institution).
  const coverEnd = research ? clean.findIndex((b) => /ĐỀ TÀI|BÁO CÁO|NGHIÊN CỨU KHOA HỌC/u.test(b.text)) : -1;
  const issuer = appendix ? null : findIssuer(research ? blockLines(clean, 0, Math.max(0, coverEnd)) : header);
  // A header without a number, a date line, the national name or a type line is not an administrative header.
  const evidence = research || !!typeLine || NATIONAL_NAME.test(headerText) || !!findNumber(headerText) || !!findDate(headerText);
  if (issuer && evidence) {
    set('issuer', issuer.issuer, 'text');
    set('issuerParent', issuer.parent, 'text');
    set('issuerName', issuerDisplayName(issuer.issuer, issuer.parent, fullText), 'text');
  }

  if (research) {
    meta.kind = 'research';
    const r = readResearch(clean, issuer, fullText);
    set('type', 'de-tai', 'text');
    set('title', r.title, 'text');
    set('author', r.author, 'text');
    if (r.author) meta.authorDegree = r.authorDegree;
    set('unit', r.unit, 'text');
    if (r.department) meta.department = r.department;
    set('code', r.code, 'text');
    set('year', r.year, 'text');
    set('place', r.place, 'text');
  } else if (!appendix) {
    // Công báo style: "THÔNG TƯ" / "CỦA BỘ TÀI CHÍNH SỐ 13/2001/TT-BTC NGÀY 8 THÁNG 3 NĂM 2001 HƯỚNG DẪN …".
    const of = typeLine ? parseOfLine(typeLine.rest) ?? (typeLine.rest ? null : parseOfLine(clean[typeLine.index + 1]?.text ?? '')) : null;
    if (of?.issuer && !meta.issuer && !isPlaceholder(of.issuer)) {
      set('issuer', of.issuer, 'text');
      set('issuerName', isUpperText(of.issuer) ? issuerDisplayName(upper(of.issuer), null, fullText) : of.issuer, 'text');
    }
    // ô 3: number and symbol.
    let number = findNumber(headerText) ?? of?.number ?? null;
    if (!number && typeLine) number = findNumber(clean.slice(typeLine.index, typeLine.index + 2).map((b) => b.text).join(' '), true);
    set('number', number, 'text');
    // ô 4: place and date.
    let date = findDate(headerText) ?? of?.date ?? null;
    if (!date && typeLine) date = findDate(clean.slice(typeLine.index, typeLine.index + 2).map((b) => b.text).join(' '));
    if (date) {
      set('date', date.date, 'text');
      set('place', date.place, 'text');
      meta.dateText = date.text;
    }
    // ô 5: type and summary; công văn: V/v.
    const vv = findVv(header);
    if (typeLine) {
      set('type', typeLine.slug, 'text');
      set('summary', summaryAfter(clean, typeLine, of, fullText), 'text');
    } else if (vv || /(?:^|\s)Kính gửi\s*:/u.test(clean.slice(0, HEADER_LIMIT + 2).map((b) => b.text).join('\n'))) {
      set('type', 'cong-van', 'text');
    }
    if (vv) set('summary', vv, 'text');
    if (!meta.type && meta.number) set('type', typeFromSymbol(symbolOf(meta.number) ?? ''), 'text');
  }

  // ô 7: the signature, searched after the header.
  if (!research) {
    const sig = findSignature(clean, Math.max(1, typeLine ? typeLine.index + 1 : headerEnd));
    if (sig) {
      set('signer', sig.name, 'text');
      set('signerPosition', sig.position, 'text');
    }
  }

  // Fallback 1: document properties.
  const props = input.properties ?? {};
  const propTitle = props.title ? collapse(normalizeText(props.title)) : '';
  if (propTitle) {
    const p = parseCitationTitle(propTitle);
    set('type', p.type, 'properties');
    set('number', p.number, 'properties');
    set('date', p.date, 'properties');
    if (p.issuerName) set('issuerName', p.issuerName, 'properties');
    if (!research) set('summary', p.summary, 'properties');
    if (meta.kind === 'research' || meta.type === 'de-tai') {
      const t = /^Đề tài[^-–]*[-–]\s*(.+)$/u.exec(propTitle);
      set('title', t ? t[1] : propTitle, 'properties');
    }
  }
  if (meta.type === 'de-tai' && props.author) {
    const a = collapse(normalizeText(props.author));
    const d = DEGREE.exec(a);
    set('author', collapse((d ? a.slice(d[0].length) : a).split(/\s[-–]\s|[,;]/)[0]!), 'properties');
    if (d && meta.sources.author === 'properties') meta.authorDegree = d[1]!;
  }

  // Fallback 2: file name.
  const f = parseFileName(input.fileName);
  set('type', f.type, 'filename');
  set('number', f.number, 'filename');

  // Derived fields.
  if (meta.number) meta.symbol = symbolOf(meta.number);
  if (meta.type) {
    if (!meta.typeName) meta.typeName = docTypeName(meta.type);
    if (meta.kind === 'unknown') meta.kind = meta.type === 'de-tai' ? 'research' : 'administrative';
  }
  if (meta.date) set('year', Number(meta.date.slice(0, 4)), meta.sources.date!);
  else if (meta.number && /\/(\d{4})\//.test(meta.number)) set('year', Number(/\/(\d{4})\//.exec(meta.number)![1]), meta.sources.number!);
  set('year', f.year, 'filename');
  if (meta.kind === 'research' && !meta.year && props.created && /^\d{4}/.test(props.created)) set('year', Number(props.created.slice(0, 4)), 'properties');
  // A research report is cited by its title: fall back to the extractor's title when the cover had none.
  return meta;
}

// ---------------------------------------------------------------------------
// Search filters and facets
// ---------------------------------------------------------------------------

/** Accent-, case- and separator-free form, as the query parser folds filter values ("quyet dinh"). */
export function foldValue(value: string): string {
  return foldAccents(normalizeText(value)).toLowerCase().replace(/[-_]+/g, ' ').replace(/\s+/g, ' ').trim();
}

const ABBREVIATIONS: Array<[RegExp, string]> = [
  [/\bủy ban nhân dân\b|\buỷ ban nhân dân\b/giu, 'ubnd'],
  [/\bhội đồng nhân dân\b/giu, 'hđnd'],
  [/\bkhoa học và công nghệ\b/giu, 'kh&cn'],
];

/**
 * Values the search filters compare against, all folded like `QueryFilter.value`:
 * `loai` the type slug (compare with `normalizeDocType(value)`), `so` the number without
 * separators, `coquan` every spelling of the issuer (full and abbreviated, with parent),
 * `nam` the year.
 */
export interface MetadataFilterKeys {
  loai: string | null;
  so: string | null;
  coquan: string;
  nam: number | null;
}

export function filterKeys(meta: DocumentMetadata): MetadataFilterKeys {
  const names = [meta.issuerName, meta.issuer, meta.issuerParent, meta.unit].filter((s): s is string => !!s);
  const variants = new Set<string>();
  for (const n of names) {
    const l = lower(n);
    variants.add(l);
    let abbreviated = l;
    for (const [re, abbr] of ABBREVIATIONS) abbreviated = abbreviated.replace(re, abbr);
    variants.add(abbreviated);
  }
  return {
    loai: meta.type,
    so: meta.number ? numberKey(meta.number) : null,
    coquan: foldValue([...variants].join(' | ')),
    nam: meta.year,
  };
}

/** "30/2020/NĐ-CP", "30/2020/nd cp", "30-2020-ND-CP" → "302020ndcp". */
export function numberKey(value: string): string {
  return foldValue(value).replace(/[^a-z0-9]/g, '');
}

/** One query filter (`QueryFilter` of api.ts) against a document's metadata. `thumuc` is not metadata: true. */
export function matchesFilter(meta: DocumentMetadata | null, filter: { field: string; value: string; from?: number; to?: number }): boolean {
  if (filter.field === 'thumuc') return true;
  if (!meta) return false;
  const keys = filterKeys(meta);
  switch (filter.field) {
    case 'loai': {
      const wanted = normalizeDocType(filter.value) ?? filter.value.replace(/\s+/g, '-');
      return keys.loai === wanted;
    }
    case 'so': {
      if (!keys.so) return false;
      const wanted = numberKey(filter.value);
      return wanted.length > 0 && (keys.so === wanted || keys.so.startsWith(wanted) || keys.so.includes(wanted) && /\D/.test(wanted));
    }
    case 'coquan': {
      const wanted = foldValue(filter.value);
      return wanted.length > 0 && keys.coquan.includes(wanted);
    }
    case 'nam': {
      if (keys.nam === null) return false;
      const from = filter.from ?? Number(filter.value);
      const to = filter.to ?? from;
      return keys.nam >= from && keys.nam <= to;
    }
    default:
      return true;
  }
}

/** Facet values of a document for the UI: type slug with its name, issuer, year. */
export function facetValues(meta: DocumentMetadata): { loai: { value: string; label: string } | null; coquan: string | null; nam: number | null } {
  return {
    loai: meta.type ? { value: meta.type, label: meta.typeName && meta.type !== 'phu-luc' ? meta.typeName : docTypeName(meta.type)! } : null,
    coquan: meta.issuerName ? shortIssuerName(meta.issuerName) : meta.unit,
    nam: meta.year,
  };
}
