/**
 * How documents relate: the references a document makes (legal bases,
 * replacements, repeals, amendments, implementation, plain mentions), its own
 * effective-date clause, the status that follows from both inside one library,
 * and "more like this" by distinctive shared terms.
 *
 * Vietnamese administrative writing states relations in a few fixed shapes:
 *
 * ```
 *  Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;            → basis (law: title + date, no number)
 *  Căn cứ Nghị định số 08/2014/NĐ-CP ngày 27/01/2014 của Chính phủ …;  → basis
 *  Thực hiện Công văn số 2114/BGDĐT-GDCTHSSV ngày 16/5/2019 …          → implements
 *  Quyết định này thay thế Quyết định số 1520/QĐ-UBND …                → replaces
 *  Sửa đổi, bổ sung một số điều của Quyết định số 1234/QĐ-UBND …        → amends
 *  Nghị định số 110/2004/NĐ-CP … và Nghị định số 09/2010/NĐ-CP …
 *    sửa đổi, bổ sung … của Nghị định số 110/2004/NĐ-CP … hết hiệu lực  → repeals (both heads; the nested 110/2004 is part of a title)
 * ```
 *
 * The reader works sentence by sentence and clause (";") by clause: it finds every
 * document mention (type name + number, a bare number with a known symbol, or a
 * law/ordinance by title with its date), decides which mentions are *heads*
 * (objects of the sentence's own verb, coordinated by "và", ",", ";") and which
 * are *nested* in another mention's title ("… sửa đổi, bổ sung … của Nghị định số
 * 110/2004/NĐ-CP"), and gives heads the relation of the verb that governs them:
 * a lead ("Căn cứ", "Thực hiện", carried over the ";"-separated list), a verb
 * the document itself says ("[Quyết định này] thay thế / bãi bỏ / sửa đổi"), or a
 * verb after them ("… hết hiệu lực", "… bị bãi bỏ"). Everything else is a mention.
 *
 * Pure functions, no I/O (the override store is overrides.ts).
 */
import type { Block } from '../../extract/types.js';
import { SectionTracker } from '../structure.js';
import { type DocumentMetadata, docTypeName, normalizeDocType, numberKey } from '../identity/metadata.js';
import { canonicalSyllable, foldAccents, normalizeText } from '../../common/normalize.js';
import { FUNCTION_WORDS } from '../../search/rerank.js';
import { tokenizeText } from '../../vietnamese/tokenize.js';

// ---------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------

export type ReferenceType = 'basis' | 'replaces' | 'repeals' | 'amends' | 'implements' | 'mentions';

export const REFERENCE_TYPES: readonly ReferenceType[] = ['basis', 'replaces', 'repeals', 'amends', 'implements', 'mentions'];

/** The document a reference points at, as the citing text names it. */
export interface ReferenceTarget {
  /** Canonical type slug (`nghi-dinh`, `quyet-dinh`, `luat`, `ket-luan`, …), as `normalizeDocType` gives, or null. */
  kind: string | null;
  /** Number and symbol as printed, spaces around "/" and "-" removed: "110/2004/NĐ-CP", "29-NQ/TW", "08 TC/TCT". */
  number: string | null;
  /** ISO date of the target, when the text gives it. */
  date: string | null;
  /** Issuing body as the text names it: "Chính phủ", "Bộ trưởng Bộ Tài chính"; "Quốc hội" for laws. */
  issuer: string | null;
  /** Laws and ordinances: the name ("Luật Khoa học và Công nghệ"). Others: the description that follows ("về công tác văn thư"), or null. */
  title: string | null;
}

export interface ReferenceEvidence {
  /** The sentence that states the reference (for long sentences, the part around it). */
  text: string;
  page: number | null;
  /** Section path at that point ("Chương VI › Điều 37"), as citations use. */
  section: string | null;
  /** Index into the blocks given to `findReferences`. */
  blockIndex: number;
}

export interface Reference {
  type: ReferenceType;
  target: ReferenceTarget;
  evidence: ReferenceEvidence;
}

export interface ResolvedTarget extends ReferenceTarget {
  /** Path of the library document it resolved to, or null (an external reference). */
  path: string | null;
  documentId: string | null;
}

export interface ResolvedReference extends Reference {
  target: ResolvedTarget;
  /** How it was resolved, or null when it was not. */
  resolvedBy: 'number' | 'title' | null;
}

/** A document of the library, as resolution and status need it. */
export interface LibraryDocument {
  id?: string | null;
  path: string;
  metadata: DocumentMetadata | null;
}

/** The document's own effective-date clause. */
export interface EffectiveDate {
  /** `on-signing`: from the date of signing/issue; `date`: from a stated (or computed) date. */
  value: 'on-signing' | 'date';
  /** ISO date it takes effect: the issue date for on-signing (when known), the stated date, or issue/publication + N days when computable; else null. */
  date: string | null;
  /** "sau 15 ngày kể từ ngày đăng Công báo": the delay and what it counts from. */
  afterDays?: number;
  from?: 'signing' | 'publication' | 'passing' | null;
  evidence: ReferenceEvidence;
}

export type StatusValue = 'in-force' | 'not-yet' | 'expired' | 'replaced' | 'amended' | 'unknown';

export const STATUS_VALUES: readonly StatusValue[] = ['in-force', 'not-yet', 'expired', 'replaced', 'amended', 'unknown'];

/** A user's decision about a document's status (see overrides.ts). */
export interface StatusOverride {
  value: StatusValue;
  note?: string | null;
  /** ISO time it was set. */
  at?: string;
}

export interface StatusEvidence {
  text: string;
  page: number | null;
  section: string | null;
  /** The document the evidence is in: this one (its own clause) or the one that replaces/repeals/amends it. */
  path: string | null;
}

export interface DocumentStatus {
  value: StatusValue;
  evidence: StatusEvidence | null;
  /** Where the value came from. */
  source: 'override' | 'library' | 'own' | 'none';
  /** The library document that replaced, repealed or amended it. */
  by: { path: string; documentId: string | null; number: string | null; type: ReferenceType } | null;
  /** ISO date the value holds from, when known (effective date, or the replacing document's). */
  since: string | null;
  /** The user's note, for overrides. */
  note?: string | null;
}

/** A library document with what the indexer stored for it. */
export interface DocumentWithRelations extends LibraryDocument {
  references: ResolvedReference[];
  effective: EffectiveDate | null;
}

/** One relation in the shape of `kho doc --json` (issue 9), both directions. */
export interface DocumentRelation {
  direction: 'out' | 'in';
  type: ReferenceType;
  target: { kind: string | null; number: string | null; date: string | null; issuer: string | null; title: string | null; path: string | null };
  evidence: { text: string; page: number | null; section: string | null };
}

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();
const lower = (s: string) => s.toLocaleLowerCase('vi');

/** Accent-, case- and separator-insensitive key of a text: "Luật Khoa học và Công nghệ" → "luat khoa hoc va cong nghe". */
export function textKey(s: string): string {
  return foldAccents(normalizeText(s)).toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

/**
 * Key of a document number for matching: case, accents, Đ/D, spaces, "/" and "-" ignored,
 * leading zeros of the serial dropped: "08/2014/NĐ-CP", "8/2014/ND-CP" → "82014ndcp".
 */
export function referenceNumberKey(number: string): string {
  return numberKey(number).replace(/^0+(?=\d)/, '');
}

/** The same key without a four-digit year segment: "1234/2024/QĐ-UBND" and "1234/QĐ-UBND" → "1234qdubnd". */
function looseNumberKey(number: string): string {
  const withoutYear = number.replace(/^(\s*\d+)\s*[/-]\s*(?:19|20)\d{2}(?=\s*[/-])/, '$1');
  return referenceNumberKey(withoutYear);
}

function isoDate(day: number, month: number, year: number): string | null {
  if (!(year >= 1900 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 && day <= 31)) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function toIsoDay(today: string | Date): string {
  if (typeof today === 'string') return today.slice(0, 10);
  return `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
}

/** ", ngày 18 tháng 6 năm 2013", " ngày 18/6/2013" at the start of a text. */
const DATE_AT = new RegExp(String.raw`^\s*,?\s*ngày\s*(\d{1,2})\s*(?:tháng\s*(\d{1,2})\s*năm\s*(\d{4})|[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}))`, 'iu');

function dateFromMatch(m: RegExpExecArray, at = 1): string | null {
  const day = Number(m[at]);
  const month = Number(m[at + 1] ?? m[at + 3]);
  const year = Number(m[at + 2] ?? m[at + 4]);
  return isoDate(day, month, year);
}

// ---------------------------------------------------------------------------
// Document types as the running text names them
// ---------------------------------------------------------------------------

interface TypeWord {
  /** As written in sentence case. */
  name: string;
  slug: string;
  /** Only recognised with a capital first letter ("quy định" is also a verb). */
  capitalOnly: boolean;
}

/** Types this module knows beyond metadata's DOC_TYPES (party documents, mostly). */
const EXTRA_TYPES: Record<string, { name: string; code: string | null }> = {
  'ket-luan': { name: 'Kết luận', code: 'KL' },
};

const TYPE_WORDS: TypeWord[] = [
  { name: 'Thông tư liên tịch', slug: 'thong-tu-lien-tich', capitalOnly: false },
  { name: 'Nghị quyết liên tịch', slug: 'nghi-quyet', capitalOnly: false },
  { name: 'Nghị quyết', slug: 'nghi-quyet', capitalOnly: false },
  { name: 'Nghị định', slug: 'nghi-dinh', capitalOnly: false },
  { name: 'Quyết định', slug: 'quyet-dinh', capitalOnly: false },
  { name: 'Thông tư', slug: 'thong-tu', capitalOnly: false },
  { name: 'Chỉ thị', slug: 'chi-thi', capitalOnly: false },
  { name: 'Thông báo', slug: 'thong-bao', capitalOnly: false },
  { name: 'Thông cáo', slug: 'thong-cao', capitalOnly: false },
  { name: 'Công văn', slug: 'cong-van', capitalOnly: false },
  { name: 'Công điện', slug: 'cong-dien', capitalOnly: false },
  { name: 'Kế hoạch', slug: 'ke-hoach', capitalOnly: false },
  { name: 'Chương trình', slug: 'chuong-trinh', capitalOnly: false },
  { name: 'Tờ trình', slug: 'to-trinh', capitalOnly: false },
  { name: 'Báo cáo', slug: 'bao-cao', capitalOnly: false },
  { name: 'Biên bản', slug: 'bien-ban', capitalOnly: false },
  { name: 'Đề án', slug: 'de-an', capitalOnly: false },
  { name: 'Kết luận', slug: 'ket-luan', capitalOnly: true },
  { name: 'Hướng dẫn', slug: 'huong-dan', capitalOnly: true },
  { name: 'Quy định', slug: 'quy-dinh', capitalOnly: true },
  { name: 'Quy chế', slug: 'quy-che', capitalOnly: true },
  { name: 'Văn bản', slug: 'cong-van', capitalOnly: true },
  { name: 'Pháp lệnh', slug: 'phap-lenh', capitalOnly: true },
  { name: 'Bộ luật', slug: 'bo-luat', capitalOnly: true },
  { name: 'Luật', slug: 'luat', capitalOnly: true },
];

/** Symbol codes (the part after the number) → type slug, for bare numbers and unnamed types. */
const CODE_TYPES = new Map<string, string>([
  ['nd', 'nghi-dinh'], ['qd', 'quyet-dinh'], ['nq', 'nghi-quyet'], ['tt', 'thong-tu'], ['ttlt', 'thong-tu-lien-tich'],
  ['ct', 'chi-thi'], ['tb', 'thong-bao'], ['kh', 'ke-hoach'], ['bc', 'bao-cao'], ['ttr', 'to-trinh'], ['ctr', 'chuong-trinh'],
  ['kl', 'ket-luan'], ['hd', 'huong-dan'], ['qc', 'quy-che'], ['qyd', 'quy-dinh'], ['qdi', 'quy-dinh'], ['bb', 'bien-ban'],
  ['da', 'de-an'], ['cd', 'cong-dien'], ['pl', 'phap-lenh'], ['nqlt', 'nghi-quyet'],
]);

/** Type slug of a symbol: "NĐ-CP" → nghi-dinh, "QH13" → luat, "UBND-SGDĐT" (a công văn) → cong-van. */
function kindFromNumber(number: string): string | null {
  const parts = number.replace(/^(\d+[A-Z]?)\s/, '$1/').split(/[/-]/).map((p) => foldAccents(p.trim()).toLowerCase());
  const segments = parts.slice(1).filter((p) => !/^\d{4}$/.test(p));
  const code = (segments[0] ?? '').split('.')[0]!;
  if (CODE_TYPES.has(code)) return CODE_TYPES.get(code)!;
  if (/^qh\d*$/.test(code)) return 'luat';
  if (/^(ubnd|ubtvqh\d*|vpcp|sgd|bgd)/.test(code) || (segments.length >= 2 && code.length >= 3)) return 'cong-van';
  return null;
}

/** Canonical type slug for a type name as the text prints it ("Nghị định", "công văn", "Kết luận"). */
function slugOfTypeName(name: string): string | null {
  const key = textKey(name);
  return TYPE_WORDS.find((t) => textKey(t.name) === key)?.slug ?? normalizeDocType(name);
}

/** Vietnamese name of a kind slug, including this module's extra kinds ("ket-luan" → "Kết luận"). */
export function kindName(slug: string | null | undefined): string | null {
  if (!slug) return null;
  return docTypeName(slug) ?? EXTRA_TYPES[slug]?.name ?? null;
}

// ---------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------

/** One symbol segment: "NĐ", "CP", "QĐ", "TTg", "CTr", "QH13", "GDCTHSSV", "SGDĐT", old "CT.UB" (capitals, digits, one lower-case letter at most). */
const SEG = String.raw`\p{Lu}[\p{Lu}\p{N}&]*(?:[a-z][\p{Lu}\p{N}]*)?(?:\.\p{Lu}[\p{Lu}\p{N}&]*)*(?![\p{L}\p{N}])`;
/** A separator: "/" or "-", with a stray space on one side at most ("NQ- HĐND", "834 /UBND"). */
const SEP = String.raw`(?:[/-]\s?|\s[/-])`;
/** Number and symbol: "30/2020/NĐ-CP", "29-NQ/TW", "1234/QĐ-UBND", "178/CP", "27/2015/TTLT-BKHCN-BTC". */
const NUMBER_SRC = String.raw`\d{1,5}[A-Z]?(?:${SEP}(?:19|20)\d{2}(?![\p{N}]))?(?:${SEP}${SEG})+`;
/** Old style "08 TC/TCT" (a space between number and symbol), only after "số". */
const OLD_NUMBER_SRC = String.raw`\d{1,5}[A-Z]?\s(?:${SEG})(?:[/-]${SEG})+`;
/** "số", "Số:", and OCR's "sô", "sỐ". */
const SO = String.raw`(?:[sS][ốôỐÔóo]\s*:?\s*)`;

/** As printed, spaces around separators removed: "29- NQ/TW" → "29-NQ/TW"; "08 TC/TCT" kept. */
function cleanNumber(raw: string): string {
  return raw.replace(/\s*([/-])\s*/g, '$1').replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------------------
// Mentions
// ---------------------------------------------------------------------------

interface Mention {
  start: number;
  /** End of the name/number itself. */
  nameEnd: number;
  /** End of number + date + issuer: what follows is description or other text. */
  end: number;
  kind: string | null;
  number: string | null;
  date: string | null;
  issuer: string | null;
  title: string | null;
  /** Law/ordinance by title (no number required). */
  byTitle: boolean;
  /** A bare number without a type name before it. */
  bare: boolean;
}

const TYPE_ALT = TYPE_WORDS.filter((t) => !['luat', 'bo-luat', 'phap-lenh'].includes(t.slug))
  .map((t) => t.name)
  .sort((a, b) => b.length - a.length)
  .join('|');
const titleCase = (s: string) => s.split(' ').map((w) => w.charAt(0).toLocaleUpperCase('vi') + w.slice(1)).join(' ');
/** Every spelling of the type names the text may use (sentence case, Title Case, UPPER, lower unless capital-only), no "i" flag (it would make \p{Lu} match lower case). */
const TYPE_SPELLINGS = [
  ...new Set(
    TYPE_WORDS.filter((t) => !['luat', 'bo-luat', 'phap-lenh'].includes(t.slug)).flatMap((t) => [
      t.name,
      titleCase(t.name),
      t.name.toLocaleUpperCase('vi'),
      ...(t.capitalOnly ? [] : [lower(t.name)]),
    ]),
  ),
]
  .sort((a, b) => b.length - a.length)
  .join('|');
/** Type name, up to three lower-case words ("Báo cáo thẩm định"), optional "số", number. */
const TYPED_NUMBER = new RegExp(String.raw`(?<![\p{L}\p{N}])(${TYPE_SPELLINGS})((?:\s+\p{Ll}+){0,3}?)\s*(?:${SO}(?:(${NUMBER_SRC})|(${OLD_NUMBER_SRC}))|(${NUMBER_SRC}))`, 'gu');
const BARE_NUMBER = new RegExp(String.raw`(?<![\p{L}\p{N}/-])(?:(${SO})(${OLD_NUMBER_SRC})|(${SO})?(${NUMBER_SRC}))`, 'gu');
/** Laws and ordinances by title: capital "Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp". */
const LAW_START = /(?<![\p{L}\p{N}])(Bộ luật|Luật|Pháp lệnh|Hiến pháp)(?=\s)/gu;

/** Lower-case words an issuer name may contain after a lower-case word ("Ủy ban nhân dân tỉnh"). */
const ISSUER_LOWER = new Set(['nhân', 'dân', 'tỉnh', 'quận', 'huyện', 'xã', 'và', 'thường', 'vụ', 'trực', 'quốc', 'hội', 'chấp', 'hành', 'ương']);
/** Words that end an issuer even after a capital ("… của Chính phủ về …"). */
const ISSUER_STOP = new Set(['về', 'quy', 'phê', 'hướng', 'sửa', 'bổ', 'tại', 'theo', 'đã', 'được', 'mới', 'thành', 'này', 'là', 'có', 'trong', 'cho', 'với', 'đến', 'các', 'thì', 'để', 'hết', 'bị', 'không', 'ngày', 'số', 'triển', 'thực', 'thay', 'bãi', 'nhằm', 'gồm', 'như', 'khi']);

/** "của Chính phủ", "của Bộ trưởng Bộ Tài chính", "của Ủy ban nhân dân tỉnh" → the name; null when not at `text`'s start. */
function readIssuer(text: string): { issuer: string; length: number } | null {
  const m = /^\s*,?\s*của\s+/u.exec(text);
  if (!m) return null;
  const words: string[] = [];
  let pos = m[0].length;
  let end = pos;
  let prevCapital = false;
  for (let i = 0; i < 12; i++) {
    const w = /^(\s*)([^\s,;:.()“”"]+)/u.exec(text.slice(pos));
    if (!w) break;
    const word = w[2]!;
    const first = word.charAt(0);
    const capital = first !== lower(first);
    const lw = lower(word);
    const next = text.slice(pos + w[0].length);
    if (words.length === 0 && !capital) return null;
    if (!capital) {
      if (lw === 'thành') {
        if (!/^\s*phố/u.test(next)) break;
      } else if (lw === 'và') {
        if (!/^\s*\p{Lu}/u.test(next)) break;
      } else if (ISSUER_STOP.has(lw)) break;
      else if (!prevCapital && !ISSUER_LOWER.has(lw) && lw !== 'phố') break;
    }
    words.push(word);
    pos += w[0].length;
    end = pos;
    prevCapital = capital;
  }
  while (words.length && lower(words[words.length - 1]!) === 'và') {
    words.pop();
    end = text.lastIndexOf('và', end) - 1;
  }
  if (words.length === 0) return null;
  return { issuer: words.join(' '), length: end };
}

/** Date and issuer right after a number or law name: "ngày 08 tháng 4 năm 2004 của Chính phủ". */
function readDateIssuer(text: string, from: number): { date: string | null; issuer: string | null; end: number; extraDates: Array<{ date: string; end: number }> } {
  let pos = from;
  let date: string | null = null;
  let issuer: string | null = null;
  const extraDates: Array<{ date: string; end: number }> = [];
  const d = DATE_AT.exec(text.slice(pos));
  if (d) {
    date = dateFromMatch(d);
    pos += d[0].length;
    // "ngày 19 tháng 6 năm 2009 và ngày 14 tháng 6 năm 2019": one title, two documents.
    for (;;) {
      const more = new RegExp(String.raw`^\s*(?:và|,)\s*ngày\s*(\d{1,2})\s*(?:tháng\s*(\d{1,2})\s*năm\s*(\d{4})|[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}))`, 'iu').exec(text.slice(pos));
      if (!more) break;
      const extra = dateFromMatch(more);
      pos += more[0].length;
      if (extra) extraDates.push({ date: extra, end: pos });
    }
  }
  const iss = readIssuer(text.slice(pos));
  if (iss) {
    issuer = iss.issuer;
    pos += iss.length;
    if (!date) {
      const d2 = DATE_AT.exec(text.slice(pos));
      if (d2) {
        date = dateFromMatch(d2);
        pos += d2[0].length;
      }
    }
  }
  return { date, issuer, end: pos, extraDates };
}

const LAW_SLUGS: Record<string, string> = { 'bo luat': 'bo-luat', luat: 'luat', 'phap lenh': 'phap-lenh', 'hien phap': 'hien-phap' };
const LAW_ISSUER: Record<string, string> = { luat: 'Quốc hội', 'bo-luat': 'Quốc hội', 'hien-phap': 'Quốc hội', 'phap-lenh': 'Ủy ban Thường vụ Quốc hội' };
const MAX_TITLE_WORDS = 30;
const LAW_TAIL = new RegExp(String.raw`\s+(?:${SO}(${NUMBER_SRC})|ngày\s*\d{1,2}\s*(?:tháng|[/.-]))`, 'u');
const LAW_PAREN = new RegExp(String.raw`^\s*\(\s*(?:${SO}(${NUMBER_SRC}))?`, 'u');
/** Where a law's title cannot go on: clause punctuation, a dash, or another numbered document ("…, Thông tư số 61 TC/TCT"). */
const LAW_TITLE_STOP = new RegExp(String.raw`[;.:\[\]“”"]|\((?!(?!\s*(?:số|ngày))[^()]{1,25}\))|(?<!\([^()]{0,25})\)|\s[-–]\s|,?\s+(?:và\s+)?(?:${TYPE_WORDS.filter((t) => !['luat', 'bo-luat', 'phap-lenh'].includes(t.slug)).map((t) => t.name).join('|')})\s+(?:số|\d)`, 'u');

/** Laws and ordinances: "Luật Khoa học và Công nghệ ngày 18 tháng 6 năm 2013", "Luật thuế Giá trị gia tăng số 02/1997/QH9 ngày 10/5/1997", "Luật … (số 03/1997/QH9 ngày 10 tháng 5 năm 1997)". */
function findLawMentions(text: string): Mention[] {
  const found: Mention[] = [];
  let m: RegExpExecArray | null;
  LAW_START.lastIndex = 0;
  let consumed = 0;
  while ((m = LAW_START.exec(text))) {
    if (m.index < consumed) continue;
    const slug = LAW_SLUGS[textKey(m[1]!)]!;
    const start = m.index;
    const head = m[1]!.length;
    const rest = text.slice(start);
    // The title runs to its number or date, or to the clause's end, or to the next document of a list.
    const stop = LAW_TITLE_STOP.exec(rest.slice(head));
    const limit = stop ? head + stop.index : rest.length;
    const tail = LAW_TAIL.exec(rest.slice(head, limit));
    let titleEnd: number;
    let after: number;
    let number: string | null = null;
    let dated = false;
    if (tail) {
      titleEnd = head + tail.index;
      number = tail[1] ? cleanNumber(tail[1]) : null;
      after = tail[1] ? titleEnd + tail[0].length : titleEnd;
      dated = true;
    } else {
      titleEnd = limit;
      after = limit;
      const paren = LAW_PAREN.exec(rest.slice(limit));
      if (paren && (paren[1] || /^\s*ngày\s*\d/u.test(rest.slice(limit + paren[0].length)))) {
        number = paren[1] ? cleanNumber(paren[1]) : null;
        after = limit + paren[0].length;
        dated = true;
      }
    }
    let title = collapse(rest.slice(0, titleEnd)).replace(/[,\s]+$/u, '');
    // "Luật A, Luật B" / "Luật A và Luật B" without dates: two laws, unless A is an amending law's title ("… của Luật X và Luật Y").
    if (!/sửa đổi|bổ sung/u.test(title)) {
      const split = /,?\s+(?:và\s+)?(?=(?:Luật|Bộ luật|Pháp lệnh)\s)/u.exec(title.slice(head));
      if (split) {
        title = title.slice(0, head + split.index);
        titleEnd = title.length;
        after = titleEnd;
        number = null;
        dated = false;
      }
    }
    const words = title.split(' ');
    consumed = start + titleEnd;
    if (words.length < 2 || words.length > MAX_TITLE_WORDS) continue;
    if (/^(?:Luật|Bộ luật|Pháp lệnh|Hiến pháp)\s+(?:pháp|sư|lệ|này|đó|trên|hiện hành|chơi)(?:\s|$)/u.test(title)) continue;
    if (/\s(?:này|có hiệu lực|được|đã|sẽ|là)(?:\s|$)/u.test(title)) continue;
    const di = dated ? readDateIssuer(text, start + after) : { date: null, issuer: null, end: start + after, extraDates: [] };
    const issuer = di.issuer ?? LAW_ISSUER[slug] ?? null;
    let end = Math.max(di.end, start + after);
    if (dated && /^\s*\)/u.test(text.slice(end))) end += /^\s*\)/u.exec(text.slice(end))![0].length;
    const mention: Mention = { start, nameEnd: start + titleEnd, end, kind: slug, number, date: di.date, issuer, title, byTitle: true, bare: false };
    found.push(mention);
    for (const extra of di.extraDates) found.push({ ...mention, date: extra.date, end: extra.end });
    consumed = mention.end;
  }
  return found;
}

/** Every mention of a document in a sentence, left to right, without overlaps. */
function findMentions(text: string): Mention[] {
  const mentions: Mention[] = findLawMentions(text);
  const lawSpans = mentions.map((m) => [m.start, m.end] as const);
  const inLaw = (s: number) => lawSpans.some(([a, b]) => s >= a && s < b);

  TYPED_NUMBER.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TYPED_NUMBER.exec(text))) {
    const typeName = m[1]!;
    const between = m[2] ?? '';
    // Lower-case words between the type and "số" must not be a sentence ("quyết định … số lượng").
    if (between && /(?:^|\s)(?:này|được|là|có|các|của|tại|theo)(?=\s|$)/u.test(between)) {
      TYPED_NUMBER.lastIndex = m.index + 1;
      continue;
    }
    const raw = m[3] ?? m[4] ?? m[5]!;
    const number = cleanNumber(raw);
    const start = m.index;
    const nameEnd = m.index + m[0].length;
    if (inLaw(start)) continue;
    const di = readDateIssuer(text, nameEnd);
    mentions.push({ start, nameEnd, end: di.end, kind: slugOfTypeName(typeName) ?? kindFromNumber(number), number, date: di.date, issuer: di.issuer, title: null, byTitle: false, bare: false });
  }

  BARE_NUMBER.lastIndex = 0;
  while ((m = BARE_NUMBER.exec(text))) {
    const so = m[1] ?? m[3];
    const raw = m[2] ?? m[4]!;
    const start = m.index;
    const nameEnd = m.index + m[0].length;
    if (mentions.some((x) => start < x.end && nameEnd > x.start)) continue;
    const number = cleanNumber(raw);
    // A bare number continuing a list of typed ones ("các Quyết định số 101/… và 41/…", "…; số 53 TC/TCT") is of the same kind.
    const previous = mentions.filter((x) => x.end <= start && !x.byTitle).sort((a, b) => b.end - a.end)[0];
    const continues = previous && /^\s*(?:,|;|và|hoặc)?\s*$/u.test(text.slice(previous.end, start).replace(/\s*\([^()]*\)\s*/g, ' '));
    let kind = kindFromNumber(number);
    const code = foldAccents(number.replace(/^\d+[A-Z]?\s/, '/').split(/[/-]/).slice(1).filter((p) => !/^\d{4}$/.test(p))[0] ?? '').toLowerCase().split('.')[0]!;
    const knownCode = CODE_TYPES.has(code) || /^qh\d*$/.test(code);
    if (continues) kind = previous.kind ?? kind;
    else {
      // Alone, a bare number counts with a known type code, and after "số", or with a year, or party-style "29-NQ/TW".
      if (!knownCode) continue;
      if (!so && !/\/(?:19|20)\d{2}\//.test(number) && !/^\d+-[A-ZĐ]/u.test(number)) continue;
    }
    const di = readDateIssuer(text, nameEnd);
    mentions.push({ start, nameEnd, end: di.end, kind, number, date: di.date, issuer: di.issuer, title: null, byTitle: false, bare: true });
  }
  return mentions.sort((a, b) => a.start - b.start || a.end - b.end);
}

// ---------------------------------------------------------------------------
// Verbs
// ---------------------------------------------------------------------------

type Lead = 'basis' | 'implements' | 'reset' | null;

/** List markers and article headings before a clause: "1.", "a)", "-", "+", "Điều 2.", "V/v", "Về việc". */
const CLAUSE_PREFIX = /^(?:\s*(?:[-+•*]|\d+(?:\.\d+)*[.)]|[a-zđ][).]|Điều\s+\d+[a-z]?\s*[.:]|V\/v|Về việc|về việc)\s*)*/u;

function clauseLead(text: string): Lead {
  const t = lower(text.trim().replace(CLAUSE_PREFIX, '').trim());
  if (/^căn cứ(?=\s|$)/u.test(t)) return 'basis';
  if (/^(?:để\s+|tiếp tục\s+)*(?:triển khai\s+)?(?:thực hiện|triển khai|thi hành)\s/u.test(t) && !/thực hiện theo (hướng dẫn|quy định)/u.test(t.slice(0, 40))) return 'implements';
  if (/^(xét|theo đề nghị|theo đề xuất|theo ý kiến|trên cơ sở|sau khi|nơi nhận)/u.test(t)) return 'reset';
  return null;
}

const OWN_SUBJECT = new RegExp(String.raw`^(?:${TYPE_ALT}|Luật|Pháp lệnh|Văn bản|Quy chế|Quy định)\s+này(?![\p{L}])`, 'iu');
const PARTIAL = String.raw`(?:\s+(?:(?:một|các|những)\s+(?:số\s+)?)?(?:khoản|điểm|điều|cụm từ|phụ lục|mẫu|biểu|nội dung|qu[yi] định tại|chương|mục|phần))`;

/** The document's own verb in the text before its first object: "[Quyết định này] thay thế", "Sửa đổi, bổ sung", "Bãi bỏ". */
function preVerb(gap: string): ReferenceType | null {
  const g = gap.trim().replace(CLAUSE_PREFIX, '').trim();
  const lg = lower(g);
  const own = OWN_SUBJECT.test(g);
  const verbs: Array<{ at: number; type: ReferenceType }> = [];
  const add = (re: RegExp, type: (m: RegExpExecArray) => ReferenceType) => {
    let m: RegExpExecArray | null;
    while ((m = re.exec(lg))) verbs.push({ at: m.index, type: type(m) });
  };
  add(new RegExp(String.raw`thay thế(${PARTIAL})?`, 'gu'), (m) => (m[1] ? 'amends' : 'replaces'));
  add(new RegExp(String.raw`(?:bãi bỏ|hủy bỏ|huỷ bỏ|chấm dứt hiệu lực(?: của)?)(${PARTIAL})?`, 'gu'), (m) => (m[1] ? 'amends' : 'repeals'));
  add(/sửa đổi|bổ sung|đính chính/gu, () => 'amends');
  add(/hướng dẫn (?:thi hành|thực hiện|một số điều)|quy định chi tiết/gu, () => 'implements');
  if (verbs.length === 0) return null;
  verbs.sort((a, b) => a.at - b.at);
  // The verb must be the document's own: at the very start, or after "<Type> này" ("Nghị định này … và thay thế").
  if (!own && verbs[0]!.at > 0) return null;
  return verbs[verbs.length - 1]!.type;
}

/** A verb after the objects: "… hết hiệu lực", "… bị bãi bỏ" (not "Quyết định này hết hiệu lực"). */
function postVerb(tail: string, leading = ''): ReferenceType | null {
  const t = lower(tail);
  const m = /(hết hiệu lực|không còn hiệu lực|chấm dứt hiệu lực|(?:bị|được|đều)\s+(?:bãi bỏ|hủy bỏ|huỷ bỏ|thay thế))/u.exec(t);
  if (!m) return null;
  const before = t.slice(Math.max(0, m.index - 40), m.index);
  if (/(này|đó)\s*(?:sẽ\s*)?$/u.test(before)) return null;
  if (/(chưa|không)\s*$/u.test(before)) return null;
  // "Những quy định tại Nghị định số … trái với Nghị định này đều bị bãi bỏ": only parts of it go.
  const lead = lower(leading.replace(CLAUSE_PREFIX, ''));
  if (/(?:^|\s)(?:những|các|một số)\s+(?:qu[yi] định|nội dung|điều|khoản|điểm)(?:\s+\S+){0,2}\s*$/u.test(lead) || /trái (?:với|với quy định)/u.test(t.slice(0, m.index))) return 'amends';
  return /thay thế/u.test(m[1]!) ? 'replaces' : 'repeals';
}

const POST_VERB_AT = /\s*(?:hết hiệu lực|không còn hiệu lực|chấm dứt hiệu lực|(?:bị|được|đều)\s+(?:bãi bỏ|hủy bỏ|huỷ bỏ|thay thế))/u;

/** Is mention `b` a head coordinated with the previous one, given the text between them? */
function coordinated(gap: string): boolean {
  const g = lower(collapse(gap));
  if (g === '' || /^[,;]$/.test(g)) return true;
  if (/(?:ban hành\s+)?kèm theo$/u.test(g)) return true; // "… ban hành kèm theo Quyết định số …": the object of the same verb
  if (/(?:của|tại|theo|thi hành|hướng dẫn|đối với|trong|thuộc|điều|khoản|điểm)$/u.test(g)) return false;
  return /(?:^|\s|[,;:])(?:và|hoặc|cùng|,|;|:)$/u.test(g) || /[,;:]$/.test(g);
}

// ---------------------------------------------------------------------------
// Text units: blocks joined where a PDF wrapped a sentence, split into sentences
// ---------------------------------------------------------------------------

interface Unit {
  text: string;
  /** Start offset in `text` of each block's contribution, with its block index. */
  starts: Array<{ offset: number; block: number }>;
}

function buildUnits(blocks: Block[]): Unit[] {
  const units: Unit[] = [];
  let current: Unit | null = null;
  for (let i = 0; i < blocks.length; i++) {
    const text = normalizeText(blocks[i]!.text).replace(/\s+/g, ' ').trim();
    if (!text) continue;
    const prev = current?.text ?? '';
    const continues = current && !/[.;:!?…”"»)]$/u.test(prev) && /^\p{Ll}/u.test(text) && prev.length > 0;
    if (continues && current) {
      current.starts.push({ offset: current.text.length + 1, block: i });
      current.text += ' ' + text;
    } else {
      current = { text, starts: [{ offset: 0, block: i }] };
      units.push(current);
    }
  }
  return units;
}

function blockAt(unit: Unit, offset: number): number {
  let block = unit.starts[0]!.block;
  for (const s of unit.starts) if (s.offset <= offset) block = s.block;
  return block;
}

/** Sentence spans of a unit: at ". ", "! ", "? " before a capital/digit, at " | " (table cells), and before "V/v". */
function sentences(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let start = 0;
  const boundary = /(?<=[.!?…])\s+(?=[\p{Lu}\d“"(])|\s+\|\s+|\s+(?=V\/v\s)/gu;
  let m: RegExpExecArray | null;
  while ((m = boundary.exec(text))) {
    const before = text.slice(Math.max(start, m.index - 6), m.index);
    // Abbreviations that end in a period: "TS.", "ThS.", "TP.", "KT.", "TM.", "Tp."
    if (/(?:^|\s)(?:TS|ThS|PGS|GS|TP|Tp|KT|TM|TL|TUQ|Q|P|St|Th)\.$/u.test(before)) continue;
    spans.push([start, m.index]);
    start = m.index + m[0].length;
  }
  spans.push([start, text.length]);
  return spans.filter(([a, b]) => b > a);
}

/** Clause spans of a sentence: split at ";". */
function clauses(text: string, from: number, to: number): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let start = from;
  for (let i = from; i < to; i++) {
    if (text[i] === ';') {
      spans.push([start, i]);
      start = i + 1;
    }
  }
  spans.push([start, to]);
  return spans;
}

const MAX_EVIDENCE = 600;

function evidenceText(sentence: string, at: number): string {
  const s = sentence.trim();
  if (s.length <= MAX_EVIDENCE) return s;
  const from = Math.max(0, Math.min(at - 150, s.length - MAX_EVIDENCE));
  let cut = s.slice(from, from + MAX_EVIDENCE);
  if (from > 0) cut = '…' + cut.replace(/^\S*\s/, '');
  if (from + MAX_EVIDENCE < s.length) cut = cut.replace(/\s\S*$/, '') + '…';
  return cut;
}

// ---------------------------------------------------------------------------
// findReferences
// ---------------------------------------------------------------------------

/** Types of document that can replace, repeal or amend others (normative and individual decisions). */
const DECIDING_TYPES = new Set(['nghi-quyet', 'quyet-dinh', 'chi-thi', 'quy-che', 'quy-dinh', 'nghi-dinh', 'thong-tu', 'thong-tu-lien-tich', 'luat', 'bo-luat', 'phap-lenh', 'hien-phap', 'huong-dan', 'phu-luc']);

const DECIDING_SUBJECT = /^(?:Nghị quyết|Quyết định|Chỉ thị|Nghị định|Thông tư(?: liên tịch)?|Luật|Bộ luật|Pháp lệnh|Quy chế|Quy định)\s+này(?![\p{L}])/iu;

const TYPE_RANK: Record<ReferenceType, number> = { repeals: 6, replaces: 6, amends: 5, implements: 3, basis: 2, mentions: 1 };

/** Key of a target: its number, else kind + title + date. */
export function targetKey(target: Pick<ReferenceTarget, 'kind' | 'number' | 'title' | 'date'>): string {
  if (target.number) return 'n:' + referenceNumberKey(target.number);
  return `t:${target.kind ?? ''}:${textKey(target.title ?? '')}:${target.date ?? ''}`;
}

const DESCRIPTION_START = /^\s*,?\s*(về|quy định|ban hành|phê duyệt|hướng dẫn|sửa đổi|bổ sung|bãi bỏ|thay thế|thực hiện|triển khai|tổng kết|kết luận|về việc|ve viec)(?![\p{L}])/iu;

function describe(text: string, from: number, to: number): string | null {
  let region = text.slice(from, to);
  if (!DESCRIPTION_START.test(region)) return null;
  const post = POST_VERB_AT.exec(region);
  if (post) region = region.slice(0, post.index);
  region = collapse(region)
    .replace(/^,\s*/, '')
    .replace(/\s*(?:,|và|hoặc|;|:)\s*$/u, '')
    .replace(/\s*\((?:sau đây )?gọi tắt[^)]*\)?\s*$/u, '')
    .replace(/[\s,.;:]+$/u, '');
  if (!region) return null;
  return region.length > 250 ? region.slice(0, 249).replace(/\s\S*$/, '') + '…' : region;
}

/**
 * References made by a document, one per target (the strongest relation wins:
 * repeals/replaces > amends > implements > basis > mentions), in order of first
 * appearance, each with the sentence that states it. Mentions of the document
 * itself (its own number, the header's "Số: …", "(Kèm theo Quyết định số …)" under
 * an appendix) are left out, and so are laws named in passing without number or
 * date. With `ownMetadata`, only deciding documents (decisions, resolutions,
 * decrees, circulars, laws, directives, regulations) replace, repeal or amend —
 * a plan's or report's "Sửa đổi Nghị định …" is a task, kept as a mention — unless
 * the target is of the document's own type (a plan replacing an earlier plan); a
 * document whose type was not read decides only in an article ("Điều 2.") or as
 * "Quyết định này …".
 */
export function findReferences(blocks: Block[], ownMetadata?: Partial<DocumentMetadata> | null): Reference[] {
  const ownKey = ownMetadata?.number ? referenceNumberKey(ownMetadata.number) : null;
  const ownType = ownMetadata?.type ?? null;
  const tracker = new SectionTracker();
  const sectionOf: Array<string | null> = blocks.map((b) => tracker.enter(b));
  const found: Array<Reference & { order: number }> = [];
  let order = 0;

  for (const unit of buildUnits(blocks)) {
    const text = unit.text;
    for (const [sFrom, sTo] of sentences(text)) {
      const sentence = text.slice(sFrom, sTo);
      const all = findMentions(sentence).map((m) => ({ ...m, start: m.start + sFrom, nameEnd: m.nameEnd + sFrom, end: m.end + sFrom }));
      if (all.length === 0) continue;
      let mode: ReferenceType | null = null;
      // The document naming itself (its number, "(Kèm theo Quyết định số …)", the header's "Số: …") is no reference.
      const isSelf = (m: Mention) => {
        if (ownKey && m.number && referenceNumberKey(m.number) === ownKey) return true;
        if (/\(\s*(?:ban hành\s+)?(?:kèm theo|theo)\s*$/iu.test(text.slice(Math.max(0, m.start - 30), m.start))) return true;
        return m.bare && /^S[ỐốÔô]/u.test(text.slice(m.start, m.start + 2)) && blockAt(unit, m.start) < 8;
      };
      for (const [cFrom, cTo] of clauses(text, sFrom, sTo)) {
        const clauseAll = all.filter((m) => m.start >= cFrom && m.start < cTo);
        // Laws named without number or date count only as the first object of a clause ("Căn cứ Luật …;").
        const inClause = clauseAll.filter((m) => !isSelf(m)).filter((m, i) => i === 0 || !(m.byTitle && !m.number && !m.date));
        // After the document's own number ("Số 94/1998/NĐ-CP ngày … Quy định chi tiết thi hành …") comes its summary.
        const firstAt = inClause.length ? inClause[0]!.start : cTo;
        const selfBefore = clauseAll.filter((m) => isSelf(m) && m.end <= firstAt);
        const from = selfBefore.length ? Math.max(...selfBefore.map((m) => m.end)) : cFrom;
        const lead = clauseLead(text.slice(from, cTo));
        const leading = text.slice(from, firstAt);
        if (lead === 'basis') mode = 'basis';
        else if (lead === 'implements') mode = 'implements';
        else if (lead === 'reset') mode = null;
        else if (inClause.length && leading.replace(CLAUSE_PREFIX, '').trim() === '' && from === cFrom) {
          // A clause that opens with a document continues the list ("Căn cứ A; B; C").
        } else if (inClause.length) {
          mode = preVerb(leading);
        }
        if (inClause.length === 0) continue;
        // Heads: the first mention, and each next one coordinated with a head just before it ("A … và B");
        // a mention inside another's title ("B sửa đổi … của C") is nested. ", căn cứ X" opens a new head.
        const heads = new Set<number>([0]);
        const ownLead = new Map<number, ReferenceType>();
        for (let i = 1; i < inClause.length; i++) {
          const m = inClause[i]!;
          const prev = inClause[i - 1]!;
          const gap = text.slice(prev.end, m.start);
          const relead = /[,;]\s*(căn cứ(?:\s+vào)?|để\s+(?:triển khai\s+)?thực hiện)\s*$/iu.exec(gap);
          if (relead) {
            heads.add(i);
            ownLead.set(i, /^căn/iu.test(relead[1]!) ? 'basis' : 'implements');
          } else if (m.byTitle && prev.byTitle && m.start === prev.start) {
            if (heads.has(i - 1)) heads.add(i); // a second date of the same law
          } else if (heads.has(i - 1) && coordinated(gap)) {
            heads.add(i);
            if (ownLead.has(i - 1)) ownLead.set(i, ownLead.get(i - 1)!);
          }
        }
        const last = inClause[inClause.length - 1]!;
        const post = postVerb(text.slice(last.end, cTo), leading);
        const lastHead = [...heads].sort((a, b) => b - a)[0]!;
        for (let i = 0; i < inClause.length; i++) {
          const m = inClause[i]!;
          const blockIndex = blockAt(unit, m.start);
          if (m.byTitle && !m.number && !m.date) {
            // An undated law counts only as the object of a basis/implementation lead ("Căn cứ Luật Tổ chức Chính phủ;").
            if (!heads.has(i) || !(mode === 'basis' || mode === 'implements')) continue;
          }
          let type: ReferenceType = 'mentions';
          if (heads.has(i)) {
            const strong = mode === 'replaces' || mode === 'repeals' || mode === 'amends' ? mode : null;
            type = ownLead.get(i) ?? strong ?? (post && i <= lastHead ? post : null) ?? mode ?? 'mentions';
          }
          // Only deciding documents replace, repeal or amend; a plan's "Sửa đổi Nghị định …" is a task, not an act
          // (a plan may still replace an earlier plan).
          if ((type === 'replaces' || type === 'repeals' || type === 'amends') && ownMetadata && m.kind !== ownType) {
            const deciding = ownType
              ? DECIDING_TYPES.has(ownType)
              : // Type unknown (no header read): an article ("Điều 2.") or "Quyết định này …" says it decides.
                /(?:^|›\s)Điều\s+\d/u.test(sectionOf[blockIndex] ?? '') || DECIDING_SUBJECT.test(sentence.replace(CLAUSE_PREFIX, ''));
            if (!deciding) type = 'mentions';
          }
          // Title: the description up to the next head (nested mentions belong to it).
          let title = m.title;
          if (!m.byTitle) {
            const nextHead = inClause.find((x, j) => j > i && heads.has(j) && x.start >= m.end);
            const nextAny = inClause.find((x) => x.start >= m.end);
            const to = heads.has(i) ? (nextHead?.start ?? cTo) : (nextAny?.start ?? cTo);
            title = describe(text, m.end, to);
          }
          found.push({
            type,
            target: { kind: m.kind, number: m.number, date: m.date, issuer: m.issuer, title },
            evidence: {
              text: evidenceText(sentence, m.start - sFrom),
              page: blocks[blockIndex]?.page ?? null,
              section: sectionOf[blockIndex] ?? null,
              blockIndex,
            },
            order: order++,
          });
        }
      }
    }
  }

  // One reference per target: the strongest type, with its first evidence; fields filled from any occurrence.
  const byKey = new Map<string, Reference & { order: number }>();
  const keyOf = new Map<Reference, string>();
  for (const ref of found) {
    const key = targetKey(ref.target);
    keyOf.set(ref, key);
    const kept = byKey.get(key);
    if (!kept) {
      byKey.set(key, { ...ref, target: { ...ref.target } });
      continue;
    }
    const t = kept.target;
    if (TYPE_RANK[ref.type] > TYPE_RANK[kept.type]) {
      const merged = { ...ref, target: { ...ref.target }, order: kept.order };
      for (const f of ['kind', 'date', 'issuer', 'title'] as const) if (!merged.target[f] && t[f]) merged.target[f] = t[f];
      byKey.set(key, merged);
    } else {
      for (const f of ['kind', 'date', 'issuer', 'title'] as const) if (!t[f] && ref.target[f]) t[f] = ref.target[f];
    }
  }
  // Numbered references whose date is still unknown may match an undated twin by number only; also merge
  // title-only law references that differ only by a missing date into the dated one.
  return [...byKey.values()].sort((a, b) => a.order - b.order).map(({ order: _order, ...ref }) => ref);
}

// ---------------------------------------------------------------------------
// effectiveDate
// ---------------------------------------------------------------------------

const OWN_DOC = new RegExp(String.raw`(?:${TYPE_ALT}|Luật|Pháp lệnh|Bộ luật)\s+này`, 'iu');
const EFFECT = new RegExp(
  String.raw`có hiệu lực(?:\s+thi hành|\s+pháp luật)?([^.;]{0,140}?)(?:\s+sau\s+(\d{1,3})\s+ngày\s*,?)?\s*(?:kể\s+)?từ\s+(?:ngày\s*)?(?:(ký|ban hành|thông qua|đăng (?:Công báo|công báo))|(\d{1,2})\s*(?:tháng\s*(\d{1,2})\s*năm\s*(\d{4})|[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})))`,
  'iu',
);
/** "có hiệu lực thi hành kể từ ngày <another document> có hiệu lực": a date the text does not give. */
const EFFECT_WITH = /có hiệu lực(?:\s+thi hành)?\s+(?:kể\s+)?từ\s+ngày\s+(?=\p{Lu})/u;
const EFFECT_AFTER = /có hiệu lực(?:\s+thi hành)?\s+sau\s+(\d{1,3})\s+ngày\s*,?\s*(?:kể\s+)?từ\s+ngày\s+(ký|ban hành|thông qua|đăng (?:Công báo|công báo))/iu;

/**
 * The document's own effective-date clause: "Nghị định này có hiệu lực thi hành kể
 * từ ngày ký" (on-signing), "… có hiệu lực từ ngày 01/01/2025", "… có hiệu lực sau
 * 15 ngày, kể từ ngày đăng Công báo". The first such clause about the document
 * itself ("<Type> này", or in a "Hiệu lực thi hành" article) wins; null when none.
 */
export function effectiveDate(blocks: Block[], ownMetadata?: Partial<DocumentMetadata> | null): EffectiveDate | null {
  const tracker = new SectionTracker();
  const sectionOf: Array<string | null> = blocks.map((b) => tracker.enter(b));
  const ownDate = ownMetadata?.date ?? null;
  for (const unit of buildUnits(blocks)) {
    for (const [sFrom, sTo] of sentences(unit.text)) {
      const sentence = unit.text.slice(sFrom, sTo);
      if (!/hiệu lực/iu.test(sentence)) continue;
      const blockIndex = blockAt(unit, sFrom);
      const section = sectionOf[blockIndex] ?? null;
      const evidence: ReferenceEvidence = { text: evidenceText(sentence, 0), page: blocks[blockIndex]?.page ?? null, section, blockIndex };
      const after = EFFECT_AFTER.exec(sentence);
      const m = after ? null : EFFECT.exec(sentence);
      const other = after || m ? null : EFFECT_WITH.exec(sentence);
      const hit = after ?? m ?? other;
      if (!hit) continue;
      // About this document: "<Type> này" before the clause, or an article on validity.
      const before = sentence.slice(0, hit.index);
      const aboutSelf = OWN_DOC.test(before) || /hiệu lực/iu.test(section ?? '') || before.replace(CLAUSE_PREFIX, '').trim() === '';
      if (!aboutSelf) continue;
      // "… hết hiệu lực từ ngày Nghị định này có hiệu lực": a clause about other documents.
      if (/hết\s*$/u.test(before)) continue;
      if (other) return { value: 'date', date: null, from: null, evidence }; // "… kể từ ngày Thông tư số 40/2000/TT-BTC có hiệu lực"
      if (after) {
        const days = Number(after[1]);
        const fromWord = lower(after[2]!);
        const from = fromWord.startsWith('đăng') ? 'publication' : fromWord === 'thông qua' ? 'passing' : 'signing';
        const date = from !== 'publication' && ownDate ? addDays(ownDate, days) : null;
        return { value: 'date', date, afterDays: days, from, evidence };
      }
      const days = m![2] ? Number(m![2]) : 0;
      if (m![3]) {
        const word = lower(m![3]);
        if (word.startsWith('đăng')) return { value: 'date', date: null, afterDays: days, from: 'publication', evidence };
        if (days > 0) return { value: 'date', date: ownDate ? addDays(ownDate, days) : null, afterDays: days, from: word === 'thông qua' ? 'passing' : 'signing', evidence };
        return { value: 'on-signing', date: ownDate, from: word === 'thông qua' ? 'passing' : 'signing', evidence };
      }
      const date = isoDate(Number(m![4]), Number(m![5] ?? m![7]), Number(m![6] ?? m![8]));
      return { value: 'date', date, evidence };
    }
  }
  return null;
}

// ---------------------------------------------------------------------------
// resolveReferences
// ---------------------------------------------------------------------------

function yearOf(number: string | null, date: string | null): number | null {
  if (date) return Number(date.slice(0, 4));
  const m = number ? /[/-]((?:19|20)\d{2})(?=[/-])/.exec(number) : null;
  return m ? Number(m[1]) : null;
}

function titleWords(s: string): string[] {
  return textKey(s).split(' ').filter(Boolean);
}

/** Share of the reference title's words found, in order-insensitive overlap, in the candidate's title/summary. */
function titleOverlap(refTitle: string, docTitle: string): number {
  const a = titleWords(refTitle);
  const b = new Set(titleWords(docTitle));
  if (a.length === 0 || b.size === 0) return 0;
  return a.filter((w) => b.has(w)).length / a.length;
}

/**
 * Points references at library documents: by number (case, accents, Đ/D, spaces,
 * separators and leading zeros ignored; a number without its year matches when
 * the years agree; differing dates reject a match on a number without a year),
 * else by kind + title + date. Unresolved references keep `path: null`.
 */
export function resolveReferences(refs: Reference[], library: LibraryDocument[], options: { selfPath?: string | null } = {}): ResolvedReference[] {
  const byKey = new Map<string, LibraryDocument[]>();
  const byLoose = new Map<string, LibraryDocument[]>();
  for (const doc of library) {
    const n = doc.metadata?.number;
    if (!n) continue;
    const k = referenceNumberKey(n);
    if (!byKey.has(k)) byKey.set(k, []);
    byKey.get(k)!.push(doc);
    const l = looseNumberKey(n);
    if (!byLoose.has(l)) byLoose.set(l, []);
    byLoose.get(l)!.push(doc);
  }
  const notSelf = (d: LibraryDocument) => !options.selfPath || d.path !== options.selfPath;

  return refs.map((ref) => {
    const t = ref.target;
    let match: LibraryDocument | null = null;
    let resolvedBy: ResolvedReference['resolvedBy'] = null;
    if (t.number) {
      const hasYear = /[/-](?:19|20)\d{2}(?=[/-])/.test(t.number);
      const exact = (byKey.get(referenceNumberKey(t.number)) ?? []).filter(notSelf);
      const compatible = exact.filter((d) => {
        const dd = d.metadata?.date ?? null;
        if (!t.date || !dd || t.date === dd) return true;
        return hasYear && yearOf(t.number, null) === Number(dd.slice(0, 4));
      });
      if (compatible.length) match = pickBest(compatible, t);
      else {
        const loose = (byLoose.get(looseNumberKey(t.number)) ?? []).filter(notSelf).filter((d) => {
          const ry = yearOf(t.number, t.date);
          const dy = yearOf(d.metadata?.number ?? null, d.metadata?.date ?? null);
          return ry !== null && dy !== null && ry === dy && (!t.date || !d.metadata?.date || t.date === d.metadata.date);
        });
        if (loose.length) match = pickBest(loose, t);
      }
      if (match) resolvedBy = 'number';
    }
    if (!match && t.title && t.kind) {
      const want = t.title.replace(new RegExp(`^${kindName(t.kind) ?? ''}\\s+`, 'iu'), '');
      let best: { doc: LibraryDocument; score: number } | null = null;
      for (const doc of library) {
        if (!notSelf(doc) || !doc.metadata) continue;
        if (doc.metadata.type !== t.kind) continue;
        if (t.date && doc.metadata.date && t.date !== doc.metadata.date) continue;
        if (t.number && doc.metadata.number) continue; // both numbered and different: not the same document
        const names = [doc.metadata.summary, doc.metadata.title].filter((s): s is string => !!s);
        const score = Math.max(0, ...names.map((n) => Math.min(titleOverlap(want, n), titleOverlap(n, want) + 0.2)));
        const dateBonus = t.date && doc.metadata.date === t.date ? 0.1 : 0;
        if (score >= 0.8 && (!best || score + dateBonus > best.score)) best = { doc, score: score + dateBonus };
      }
      if (best) {
        match = best.doc;
        resolvedBy = 'title';
      }
    }
    return {
      ...ref,
      target: { ...t, path: match?.path ?? null, documentId: match?.id ?? null },
      resolvedBy,
    };
  });
}

function pickBest(docs: LibraryDocument[], t: ReferenceTarget): LibraryDocument {
  if (docs.length === 1) return docs[0]!;
  const scored = docs.map((d) => ({ d, s: (t.date && d.metadata?.date === t.date ? 2 : 0) + (t.kind && d.metadata?.type === t.kind ? 1 : 0) }));
  scored.sort((a, b) => b.s - a.s || a.d.path.localeCompare(b.d.path));
  return scored[0]!.d;
}

// ---------------------------------------------------------------------------
// deriveStatus
// ---------------------------------------------------------------------------

function sameDoc(ref: ResolvedReference, doc: LibraryDocument): boolean {
  if (ref.target.documentId && doc.id) return ref.target.documentId === doc.id;
  return ref.target.path !== null && ref.target.path === doc.path;
}

/** When a document's own provisions take effect: its effective date, else its issue date. */
function effectiveFrom(doc: DocumentWithRelations): string | null {
  const e = doc.effective;
  if (e?.date) return e.date;
  if (e && e.value === 'date' && e.afterDays !== undefined && doc.metadata?.date) return addDays(doc.metadata.date, e.afterDays);
  return doc.metadata?.date ?? null;
}

/**
 * A document's status on `today` (ISO date or Date):
 * 1. a user override, kept as given;
 * 2. what other library documents in force say about it — replaced ("thay thế") →
 *    `replaced`, repealed ("bãi bỏ", "hết hiệu lực") → `expired`, amended →
 *    `amended`, with that document's sentence as evidence (a replacing document
 *    not yet in force changes nothing yet);
 * 3. its own effective-date clause → `in-force` or `not-yet`;
 * 4. otherwise `unknown`.
 */
export function deriveStatus(
  doc: DocumentWithRelations,
  allDocs: DocumentWithRelations[],
  today: string | Date,
  override?: StatusOverride | null,
): DocumentStatus {
  const day = toIsoDay(today);
  if (override) {
    return { value: override.value, evidence: null, source: 'override', by: null, since: override.at?.slice(0, 10) ?? null, note: override.note ?? null };
  }
  interface Event { from: DocumentWithRelations; ref: ResolvedReference; since: string | null }
  const events: Event[] = [];
  for (const other of allDocs) {
    if (other.path === doc.path) continue;
    for (const ref of other.references) {
      if (ref.type !== 'replaces' && ref.type !== 'repeals' && ref.type !== 'amends') continue;
      if (!sameDoc(ref, doc)) continue;
      const since = effectiveFrom(other);
      if (since && since > day) continue; // not in force yet: nothing has happened to this document
      events.push({ from: other, ref, since });
    }
  }
  const pick = (types: ReferenceType[]) =>
    events.filter((e) => types.includes(e.ref.type)).sort((a, b) => (a.since ?? '').localeCompare(b.since ?? ''))[0];
  const ending = pick(['replaces', 'repeals']);
  const amending = ending ? undefined : events.filter((e) => e.ref.type === 'amends').sort((a, b) => (b.since ?? '').localeCompare(a.since ?? ''))[0];
  const chosen = ending ?? amending;
  if (chosen) {
    const value: StatusValue = chosen.ref.type === 'replaces' ? 'replaced' : chosen.ref.type === 'repeals' ? 'expired' : 'amended';
    return {
      value,
      evidence: { text: chosen.ref.evidence.text, page: chosen.ref.evidence.page, section: chosen.ref.evidence.section, path: chosen.from.path },
      source: 'library',
      by: { path: chosen.from.path, documentId: chosen.from.id ?? null, number: chosen.from.metadata?.number ?? null, type: chosen.ref.type },
      since: chosen.since,
    };
  }
  const e = doc.effective;
  if (e) {
    const evidence: StatusEvidence = { text: e.evidence.text, page: e.evidence.page, section: e.evidence.section, path: doc.path };
    const from = effectiveFrom(doc);
    if (from && from > day) return { value: 'not-yet', evidence, source: 'own', by: null, since: from };
    if (from || e.value === 'on-signing') return { value: 'in-force', evidence, source: 'own', by: null, since: from };
    return { value: 'unknown', evidence, source: 'own', by: null, since: null };
  }
  return { value: 'unknown', evidence: null, source: 'none', by: null, since: null };
}

/** The `hieuluc:` filter: `con` (in force: in-force, amended) or `het` (no longer: expired, replaced). */
export function matchesValidity(status: Pick<DocumentStatus, 'value'> | null | undefined, wanted: string): boolean {
  const w = textKey(wanted).replace(/\s+/g, '');
  const v = status?.value ?? 'unknown';
  if (['con', 'conhieuluc', 'inforce'].includes(w)) return v === 'in-force' || v === 'amended';
  if (['het', 'hethieuluc', 'expired'].includes(w)) return v === 'expired' || v === 'replaced';
  if (['chua', 'chuacohieuluc', 'notyet'].includes(w)) return v === 'not-yet';
  return (STATUS_VALUES as readonly string[]).includes(wanted) ? v === wanted : false;
}

/** The `lienquan:<number>` filter: does a reference point at that number (or, for laws, that title)? */
export function referenceMatches(ref: Pick<Reference, 'target'>, query: string): boolean {
  const q = query.trim();
  if (!q) return false;
  if (ref.target.number) {
    const want = referenceNumberKey(q);
    const have = referenceNumberKey(ref.target.number);
    if (want && (have === want || (/\D/.test(want) && have.startsWith(want)) || looseNumberKey(ref.target.number) === want)) return true;
  }
  if (ref.target.title && /\p{L}{3}/u.test(q)) {
    const want = textKey(q);
    return want.length >= 4 && textKey(ref.target.title).includes(want);
  }
  return false;
}

/**
 * A document's relations in both directions, in the `kho doc --json` shape:
 * `out` — the references it makes; `in` — references other library documents make
 * to it (the target is then the citing document, described by its metadata).
 */
export function documentRelations(doc: DocumentWithRelations, allDocs: DocumentWithRelations[]): DocumentRelation[] {
  const out: DocumentRelation[] = doc.references.map((r) => ({
    direction: 'out',
    type: r.type,
    target: { kind: r.target.kind, number: r.target.number, date: r.target.date, issuer: r.target.issuer, title: r.target.title, path: r.target.path },
    evidence: { text: r.evidence.text, page: r.evidence.page, section: r.evidence.section },
  }));
  const incoming: DocumentRelation[] = [];
  for (const other of allDocs) {
    if (other.path === doc.path) continue;
    for (const r of other.references) {
      if (!sameDoc(r, doc)) continue;
      const m = other.metadata;
      incoming.push({
        direction: 'in',
        type: r.type,
        target: { kind: m?.type ?? null, number: m?.number ?? null, date: m?.date ?? null, issuer: m?.issuerName ?? m?.issuer ?? null, title: m?.summary ?? m?.title ?? null, path: other.path },
        evidence: { text: r.evidence.text, page: r.evidence.page, section: r.evidence.section },
      });
    }
  }
  return [...out, ...incoming];
}

// ---------------------------------------------------------------------------
// relatedByTerms: "more like this" without a model
// ---------------------------------------------------------------------------

export interface TermDocument {
  id?: string | null;
  path: string;
  metadata: DocumentMetadata | null;
  /** The document's text (blocks joined), or its passages joined. */
  text: string;
}

export interface RelatedDocument {
  path: string;
  documentId: string | null;
  /** Type slug and name, so research results and policy plans can be told apart. */
  type: string | null;
  typeName: string | null;
  /** True when the type differs from the source document's (a research report for a plan, and so on). */
  crossType: boolean;
  score: number;
  /** The distinctive terms both share, most telling first, as written in the candidate. */
  sharedTerms: string[];
  /** Document numbers both cite. */
  sharedReferences: string[];
  /** A sentence for the UI: "Cùng đề cập: …". */
  reason: string;
}

/** Words of headers, signature blocks and generic administrative prose, not evidence of a shared subject. */
const BOILERPLATE = new Set(
  [
    'cong hoa', 'hoa xa', 'xa hoi', 'hoi chu', 'chu nghia', 'nghia viet', 'viet nam', 'doc lap', 'lap tu', 'tu do', 'do hanh', 'hanh phuc',
    'noi nhan', 'luu vt', 'uy ban', 'ban nhan', 'nhan dan', 'chu tich', 'pho chu', 'giam doc', 'so khoa', 'co quan', 'don vi', 'lien quan',
    'to chuc', 'thuc hien', 'trach nhiem', 'quy dinh', 'quyet dinh', 'ke hoach', 'bao cao', 'trien khai', 'nhiem vu', 'theo doi', 'tong hop',
    'da ky', 'thu truong', 'can cu', 'de nghi', 'phoi hop', 'chu tri', 'hang nam', 'dia ban', 'thanh pho', 'hoi dong', 'dong nhan',
  ],
);

interface TermVector {
  weights: Map<string, number>;
  display: Map<string, string>;
  codes: Set<string>;
  shingles: Set<string>;
  /** Every adjacent pair of syllables in the text ("cong nghe" → 14), to tell word edges. */
  pairCount: Map<string, number>;
  /** Syllable tokens of the text, for showing shared phrases as written. */
  words: Array<{ folded: string; start: number; end: number; phrase: number; abbreviation: boolean }>;
  text: string;
}

function termVector(text: string): TermVector {
  const tokens = tokenizeText(normalizeText(text));
  const counts = new Map<string, number>();
  const display = new Map<string, string>();
  const codes = new Set<string>();
  const words = tokens
    .filter((t) => !t.code)
    .map((t) => ({ folded: t.folded, exact: t.exact, start: t.start, end: t.end, phrase: t.phrase, abbreviation: /^[\p{Lu}\p{N}]{2,}$/u.test(text.slice(t.start, t.end)) }));
  for (const t of tokens) {
    if (t.code) {
      const key = 'code:' + referenceNumberKey(t.exact);
      codes.add(key);
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (!display.has(key)) display.set(key, text.slice(t.start, t.end));
    }
  }
  const pairCount = new Map<string, number>();
  for (let i = 1; i < words.length; i++) {
    const a = words[i - 1]!;
    const b = words[i]!;
    if (a.phrase !== b.phrase) continue;
    const pair = `${a.folded} ${b.folded}`;
    pairCount.set(pair, (pairCount.get(pair) ?? 0) + 1);
    if (/^\d+$/.test(a.folded) || /^\d+$/.test(b.folded)) continue;
    if (FUNCTION_WORDS.has(a.folded) || FUNCTION_WORDS.has(b.folded)) continue;
    if (a.abbreviation || b.abbreviation) continue;
    const key = `${a.folded} ${b.folded}`;
    if (BOILERPLATE.has(key)) continue;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (!display.has(key)) display.set(key, `${canonicalSyllable(a.exact)} ${canonicalSyllable(b.exact)}`);
  }
  const weights = new Map<string, number>();
  for (const [k, c] of counts) weights.set(k, 1 + Math.log(c));
  // Word 5-gram shingles for near-duplicate detection.
  const shingles = new Set<string>();
  for (let i = 4; i < words.length; i++) shingles.add(words.slice(i - 4, i + 1).map((w) => w.folded).join(' '));
  return { weights, display, codes, shingles, words, text, pairCount };
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let inter = 0;
  const [small, big] = a.size < b.size ? [a, b] : [b, a];
  for (const x of small) if (big.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/**
 * The shared terms as the candidate writes them: runs of consecutive syllables whose
 * every adjacent pair is a shared distinctive pair ("kết nối cung - cầu công nghệ"),
 * best first. Runs of one pair come after longer ones of similar weight.
 */
function sharedPhrases(v: TermVector, weight: Map<string, number>, limit: number): string[] {
  const runs = new Map<string, { text: string; score: number }>();
  let from = -1;
  let score = 0;
  const pair = (i: number) => {
    const a = v.words[i - 1];
    const b = v.words[i];
    return a && b && a.phrase === b.phrase ? (v.pairCount.get(`${a.folded} ${b.folded}`) ?? 0) : 0;
  };
  const close = (end: number) => {
    let to = end;
    // Vietnamese words are mostly two syllables: a run that starts (ends) inside a word the text
    // uses at least as often as the run's own edge pair takes in the rest of it ("cầu công" + "nghệ").
    if (from >= 0 && to > from) {
      if (from > 0 && pair(from) >= pair(from + 1) && pair(from) > 1) from--;
      if (to + 1 < v.words.length && pair(to + 1) >= pair(to) && pair(to + 1) > 1) to++;
    }
    if (from >= 0 && to > from) {
      const first = v.words[from]!;
      const last = v.words[to]!;
      let text = collapse(v.text.slice(first.start, last.end));
      if (text === text.toLocaleUpperCase('vi')) text = lower(text);
      const key = textKey(text);
      const pairs = to - from;
      const value = score * (1 + 0.25 * (pairs - 1));
      const kept = runs.get(key);
      if (!kept || kept.score < value) runs.set(key, { text, score: value });
    }
    from = -1;
    score = 0;
  };
  for (let i = 1; i < v.words.length; i++) {
    const a = v.words[i - 1]!;
    const b = v.words[i]!;
    const w = a.phrase === b.phrase ? weight.get(`${a.folded} ${b.folded}`) : undefined;
    if (w) {
      if (from < 0) from = i - 1;
      score += w;
    } else close(i - 1);
  }
  close(v.words.length - 1);
  const picked: string[] = [];
  for (const r of [...runs.values()].sort((x, y) => y.score - x.score)) {
    const key = textKey(r.text);
    if (picked.some((p) => textKey(p).includes(key) || key.includes(textKey(p)))) continue; // "chi phí thuê gian hàng" inside "… hàng tiêu"
    picked.push(r.text);
    if (picked.length >= limit) break;
  }
  return picked;
}

/**
 * "More like this" without a model: candidates ranked by the cosine of TF-IDF
 * vectors of adjacent-syllable pairs (accent-folded, function words and
 * administrative boilerplate left out) plus shared document numbers. Near-duplicates
 * (same number, or ≥ 80 % shared 5-word shingles) are left out. Each result is
 * labelled with its type and says which distinctive terms it shares.
 */
export function relatedByTerms(
  doc: TermDocument,
  candidates: TermDocument[],
  options: { limit?: number; minScore?: number; types?: string[] | null } = {},
): RelatedDocument[] {
  const limit = options.limit ?? 10;
  const minScore = options.minScore ?? 0.02;
  const others = candidates.filter((c) => c.path !== doc.path);
  const vectors = new Map<string, TermVector>();
  const source = termVector(doc.text);
  for (const c of others) vectors.set(c.path, termVector(c.text));
  // Document frequencies over the source and its candidates.
  const df = new Map<string, number>();
  for (const v of [source, ...vectors.values()]) for (const k of v.weights.keys()) df.set(k, (df.get(k) ?? 0) + 1);
  const n = others.length + 1;
  const idf = (k: string) => Math.log((n + 1) / ((df.get(k) ?? 0) + 0.5));
  const weighted = (v: TermVector) => {
    const w = new Map<string, number>();
    let norm = 0;
    for (const [k, tf] of v.weights) {
      const x = tf * Math.max(0, idf(k)) * (k.startsWith('code:') ? 1.5 : 1);
      if (x <= 0) continue;
      w.set(k, x);
      norm += x * x;
    }
    return { w, norm: Math.sqrt(norm) };
  };
  const src = weighted(source);
  const ownNumber = doc.metadata?.number ? referenceNumberKey(doc.metadata.number) : null;
  const results: RelatedDocument[] = [];
  for (const c of others) {
    if (options.types && options.types.length && !options.types.includes(c.metadata?.type ?? '')) continue;
    const v = vectors.get(c.path)!;
    if (ownNumber && c.metadata?.number && referenceNumberKey(c.metadata.number) === ownNumber) continue; // another copy
    if (jaccard(source.shingles, v.shingles) >= 0.8) continue; // near-duplicate
    const cand = weighted(v);
    if (src.norm === 0 || cand.norm === 0) continue;
    const shared: Array<{ k: string; x: number }> = [];
    let dot = 0;
    for (const [k, x] of src.w) {
      const y = cand.w.get(k);
      if (!y) continue;
      dot += x * y;
      shared.push({ k, x: x * y });
    }
    const score = dot / (src.norm * cand.norm);
    if (score < minScore) continue;
    shared.sort((a, b) => b.x - a.x);
    const topPairs = new Map(shared.filter((x) => !x.k.startsWith('code:')).slice(0, 30).map((x) => [x.k, x.x]));
    const terms = sharedPhrases(v, topPairs, 6);
    const refs = shared.filter((x) => x.k.startsWith('code:')).slice(0, 4).map((x) => v.display.get(x.k) ?? x.k.slice(5));
    const type = c.metadata?.type ?? null;
    const typeName = kindName(type);
    const parts: string[] = [];
    if (terms.length) parts.push(`Cùng đề cập: ${terms.map((t) => `“${t}”`).join(', ')}`);
    if (refs.length) parts.push(`cùng viện dẫn ${refs.join(', ')}`);
    results.push({
      path: c.path,
      documentId: c.id ?? null,
      type,
      typeName,
      crossType: !!type && type !== (doc.metadata?.type ?? null),
      score: Math.round(score * 1000) / 1000,
      sharedTerms: terms,
      sharedReferences: refs,
      reason: (typeName ? `${typeName}. ` : '') + (parts.join('; ') || 'Nội dung gần nhau') + '.',
    });
  }
  results.sort((a, b) => b.score - a.score || a.path.localeCompare(b.path));
  return results.slice(0, limit);
}
