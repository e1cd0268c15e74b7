/**
 * Hit → citation strings an officer can paste into a report.
 *
 * - Administrative style (Decree 30/2020 naming): "Quyết định số 1234/QĐ-UBND
 *   ngày 05/3/2024 của UBND tỉnh Thanh Hóa, Điều 3, khoản 2, tr. 4"; laws, codes
 *   and ordinances by name and number: "Luật Hợp tác xã số 18/2003/QH11, Điều 45,
 *   khoản 2–3" (never "Luật ngày 26/11/2003 của Quốc hội").
 * - Research style: "Phạm Văn Tiến (2022), Nghiên cứu …, Trường Cao đẳng …, tr. 5".
 * - Plain: "qd-1234.pdf — tr. 4 — Chương II › Điều 5".
 *
 * A citation states only what the document supports: a field its identity marks
 * unsure (`DocumentMetadata.unsure`: a number OCR misread, a date that belongs to
 * a cited document) is left out, and the citation falls back to what is sure
 * ("Công văn của Sở Giáo dục và Đào tạo thành phố Đà Nẵng, tr. 1"). A passage read
 * by OCR is marked so in every form ("… (bản quét, nhận dạng tự động)").
 *
 * `citation(source)` (title, section, page, file) is the form for documents
 * without metadata. Pure functions.
 */
import path from 'node:path';
import type { DocumentMetadata, MetadataField } from '../api/contract.js';
import { displayDate } from '../common/dates.js';
import { docTypeName } from '../common/doc-types.js';
import { foldText } from '../common/fold.js';
import { issuerDisplayName, shortIssuerName } from '../analyze/identity/names.js';
import { sectionCitation } from './section.js';

export { sectionCitation, MAX_CITED_HEADING } from './section.js';

/**
 * What a citation of a passage read by OCR says after it: the text was
 * recognised from a scan and may hold recognition errors; check the original.
 */
export const OCR_MARK = 'bản quét, nhận dạng tự động';

/** `text (bản quét, nhận dạng tự động)`, once; after a closing file name: `… (1.pdf; bản quét, nhận dạng tự động)`. */
export function withOcrMark(text: string, ocr: boolean | undefined): string {
  if (!ocr || text.includes(OCR_MARK)) return text;
  return /\)$/u.test(text) ? `${text.slice(0, -1)}; ${OCR_MARK})` : `${text} (${OCR_MARK})`;
}

export interface CitationSource {
  title: string;
  path: string;
  page: number | null;
  pageEnd: number | null;
  section: string | null;
  /** The passage was read by OCR. */
  ocr?: boolean;
}

export function pageLabel(page: number | null, pageEnd: number | null): string | null {
  if (page === null) return null;
  return pageEnd !== null && pageEnd !== page ? `tr. ${page}–${pageEnd}` : `tr. ${page}`;
}

/** "<title>, <section>, tr. <page> (<file name>)": the form for documents without metadata. */
export function citation(source: CitationSource): string {
  const fileName = path.basename(source.path);
  const title = source.title.trim();
  const parts = [title || fileName];
  const section = sectionCitation(source.section) ?? null;
  if (section) parts.push(section);
  // A page image titled by its page ("Trang 2: Đối với …", title.ts) already says which page it is.
  const page = title.startsWith(`Trang ${source.page}:`) && (source.pageEnd ?? source.page) === source.page ? null : pageLabel(source.page, source.pageEnd);
  if (page) parts.push(page);
  const text = parts.join(', ');
  return withOcrMark(title && title !== fileName ? `${text} (${fileName})` : text, source.ocr);
}

/** What a passage contributes to its citation. */
export interface CitationPassage {
  path: string;
  page: number | null;
  pageEnd?: number | null;
  /** Section path as the chunker writes it: "Chương II › Điều 5 › khoản 2". */
  section: string | null;
  /** Document title, for the fallback form. */
  title?: string | null;
  /** The passage (or part of it) was read by OCR from a page image. */
  ocr?: boolean;
}

export type { CitationSet } from '../api/contract.js';
import type { CitationSet } from '../api/contract.js';

export interface CitationOptions {
  /**
   * Order of article and clause. false (default): "Điều 3, khoản 2", as the UI
   * lists it. true: "khoản 2 Điều 3", as Vietnamese legal text cites it
   * (Decree 30/2020, Appendix II, V.7).
   */
  clauseFirst?: boolean;
  /** Write the issuer's council in full ("Ủy ban nhân dân tỉnh …") instead of "UBND tỉnh …". */
  fullIssuer?: boolean;
}

/** Decree 30/2020 date form ("2024-03-05" → "05/3/2024"): common/dates.ts's `displayDate`, under the name citations use. */
export const shortDate = displayDate;

function join(parts: Array<string | null | undefined>): string {
  return parts.filter((p): p is string => !!p && p.trim().length > 0).join(', ');
}

/**
 * A metadata field a citation may state: present, and not marked unsure by the
 * identity (`unsure`: OCR that does not look right, a cited document's date, a
 * value only the file name gives, a contradiction).
 */
export function sureField<K extends MetadataField & keyof DocumentMetadata>(meta: DocumentMetadata, field: K): DocumentMetadata[K] | null {
  if (meta.unsure?.[field]) return null;
  return meta[field] ?? null;
}

/**
 * True when a citation of type and issuer alone is the honest one: the identity
 * left out a number or date it had found (unsure), or read the document from a
 * scan, where a number or date that is missing was most likely handwritten or unreadable.
 */
function fallsBack(meta: DocumentMetadata, passage: CitationPassage): boolean {
  const dropped = (['number', 'date'] as const).some((f) => meta.unsure?.[f] && meta[f] != null);
  return dropped || passage.ocr === true || meta.sources?.type === 'ocr' || meta.sources?.issuer === 'ocr';
}

/** The issuer as a citation names it: "UBND tỉnh Thanh Hóa", "Sở Khoa học và Công nghệ tỉnh Thanh Hóa". */
function issuerForCitation(meta: DocumentMetadata, options: CitationOptions): string | null {
  if (meta.unsure?.issuer || meta.unsure?.issuerName) return null;
  const name = meta.issuerName ?? (meta.issuer ? issuerDisplayName(meta.issuer, sureField(meta, 'issuerParent')) : null);
  if (!name) return null;
  // A ministry as its name is written ("Bộ Tài chính"), whatever case an old file printed it in ("bộ tài chính").
  const cased = name.replace(/^bộ\s+(\p{L})/iu, (_m, first: string) => `Bộ ${first.toLocaleUpperCase('vi')}`);
  return options.fullIssuer ? cased : shortIssuerName(cased);
}

/** "Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ" → "… ngày 05/3/2020 của Chính phủ". */
function shortenDates(text: string): string {
  return text.replace(/ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/giu, (_m, d: string, mo: string, y: string) =>
    `ngày ${shortDate(`${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`)}`,
  );
}

/** Longest decision named after "kèm theo" with its subject; longer, only type, number, date and issuer. */
const MAX_DECISION_NAME = 140;

/**
 * The decision an appendix or regulation was issued with, as a citation names it: dates shortened,
 * and its subject ("về việc …") left out when the whole would run on (a chain of decisions).
 */
function decisionName(partOf: string): string {
  const text = shortenDates(partOf).replace(/(?<!\p{L})số\s*:\s*/u, 'số ').replace(/[.;,\s]+$/u, '');
  if (text.length <= MAX_DECISION_NAME) return text;
  const subject = /\s+(?:về việc|về|v\/v)\s/iu.exec(text);
  return subject ? text.slice(0, subject.index) : text;
}

/** Types cited by name (and number): the Constitution, codes, laws, ordinances. */
const NAMED_TYPES = new Set(['hien-phap', 'bo-luat', 'luat', 'phap-lenh']);
/** A title that is a law's name: "Luật Viên chức", "Bộ luật dân sự", "Pháp lệnh Giống cây trồng". */
const LAW_TITLE = /^(?:Hiến pháp|(?:Bộ luật|Luật|Pháp lệnh)\s+\p{L}[\p{L}\s,–-]*)$/u;
/** Longest law name taken from a title (longer: a sentence, not a name). */
const MAX_LAW_NAME = 160;

/** "HỢP TÁC XÃ" → "Hợp tác xã"; "THUẾ tiêu thụ đặc biệt" → "Thuế tiêu thụ đặc biệt"; otherwise as printed. */
function nameCase(name: string): string {
  const words = name.trim().split(/\s+/);
  const isUpper = (w: string) => w === w.toLocaleUpperCase('vi') && /\p{L}/u.test(w);
  if (words.every(isUpper) || (isUpper(words[0]!) && words.length > 1 && !words.slice(1).some(isUpper))) {
    const lower = words.join(' ').toLocaleLowerCase('vi');
    return lower.charAt(0).toLocaleUpperCase('vi') + lower.slice(1);
  }
  return name.charAt(0).toLocaleUpperCase('vi') + name.slice(1);
}

/**
 * A law's name as officers write it: its type and name ("Luật Hợp tác xã"), from the
 * summary under the type line; null when the document gives no name.
 */
function lawName(meta: DocumentMetadata): string | null {
  const typeName = meta.typeName ?? docTypeName(meta.type) ?? '';
  const summary = sureField(meta, 'summary');
  if (meta.type === 'hien-phap') return typeName;
  if (!summary) return null;
  const name = nameCase(summary.replace(/\s+/g, ' '));
  return name.toLocaleLowerCase('vi').startsWith(typeName.toLocaleLowerCase('vi')) ? name : `${typeName} ${name}`;
}

/**
 * "Luật Hợp tác xã số 18/2003/QH11", else "Luật Hợp tác xã ngày 26/11/2003" (how a
 * "Căn cứ" line names a law), else "Luật Hợp tác xã"; "Hiến pháp năm 2013".
 * "của Quốc hội" is left out: every law is the National Assembly's.
 */
function lawHead(meta: DocumentMetadata): string | null {
  const name = lawName(meta);
  const number = sureField(meta, 'number');
  const date = sureField(meta, 'date');
  if (meta.type === 'hien-phap') {
    const year = date ? Number(date.slice(0, 4)) : sureField(meta, 'year');
    return year ? `${name} năm ${year}` : name;
  }
  if (!name) return number ? `${meta.typeName ?? docTypeName(meta.type)} số ${number}` : null;
  if (number) return `${name} số ${number}`;
  return date ? `${name} ngày ${shortDate(date)}` : name;
}

/**
 * "Quyết định số 1234/QĐ-UBND ngày 05/3/2024 của UBND tỉnh Thanh Hóa, Điều 3, khoản 2, tr. 4";
 * laws by name and number ("Luật Hợp tác xã số 18/2003/QH11, Điều 45"). When the number
 * and date are unsure, the type and issuer alone ("Công văn của Sở …, tr. 1"). Null when
 * the metadata lacks a type, or both number and date with nothing left out.
 */
export function administrativeCitation(meta: DocumentMetadata | null, passage: CitationPassage, options: CitationOptions = {}): string | null {
  if (!meta || meta.kind === 'research' || !meta.type || meta.unsure?.type) return null;
  // The summary under the type line ("Về công tác văn thư") read as a heading is no place in the document.
  const section = sectionCitation(passage.section, options);
  const isSummary = !!section && !!meta.summary && foldText(section) === foldText(meta.summary);
  const where = [isSummary ? null : section, pageLabel(passage.page, passage.pageEnd ?? null)];
  const mark = (text: string) => withOcrMark(text, passage.ocr);
  if (meta.type === 'phu-luc' && meta.partOf && !meta.unsure?.partOf) {
    return mark(join([`${meta.typeName ?? 'Phụ lục'} kèm theo ${decisionName(meta.partOf)}`, ...where]));
  }
  // A regulation or guidance issued with a decision has no number of its own: the number is the decision's.
  if (meta.partOf && !meta.unsure?.partOf && !NAMED_TYPES.has(meta.type)) {
    return mark(join([`${meta.typeName ?? docTypeName(meta.type)} ban hành kèm theo ${decisionName(meta.partOf)}`, ...where]));
  }
  if (NAMED_TYPES.has(meta.type)) {
    const head = lawHead(meta);
    return head ? mark(join([head, ...where])) : null;
  }
  const number = sureField(meta, 'number');
  const date = sureField(meta, 'date');
  const issuer = issuerForCitation(meta, options);
  // Nothing to tell it by: the title form does better, unless unsure fields were left out (then: type and issuer).
  if (!number && !date && !(issuer && fallsBack(meta, passage))) return null;
  const typeName = meta.typeName ?? docTypeName(meta.type);
  if (!typeName) return null;
  let head = typeName;
  if (number) head += ` số ${number}`;
  if (date) head += ` ngày ${shortDate(date)}`;
  if (issuer) head += ` của ${issuer}`;
  return mark(join([head, ...where]));
}

/**
 * A document the identity could not type whose title is a law's name ("Luật Viên
 * chức", the first line of a law's text): "Luật Viên chức, Điều 45, khoản 2–3".
 * No number or date is added that the text does not give.
 */
export function lawTitleCitation(meta: DocumentMetadata | null, passage: CitationPassage, options: CitationOptions = {}): string | null {
  if (meta?.type && meta.type !== 'luat' && meta.type !== 'bo-luat') return null;
  const title = passage.title?.replace(/\s+/g, ' ').trim();
  if (!title || title.length > MAX_LAW_NAME || !LAW_TITLE.test(title)) return null;
  return withOcrMark(join([title, sectionCitation(passage.section, options), pageLabel(passage.page, passage.pageEnd ?? null)]), passage.ocr);
}

/**
 * "Phạm Văn Tiến (2022), Nghiên cứu …, Trường Cao đẳng …, mục 3.2. …, tr. 6",
 * or null when the document is not a research report with a title.
 */
export function researchCitation(meta: DocumentMetadata | null, passage: CitationPassage, options: CitationOptions = {}): string | null {
  const title = meta ? sureField(meta, 'title') : null;
  if (!meta || meta.kind !== 'research' || !title) return null;
  const author = sureField(meta, 'author');
  const unit = sureField(meta, 'unit');
  const year = sureField(meta, 'year');
  const who = author ?? unit;
  const yearText = year !== null ? ` (${year})` : '';
  const head = who ? `${who}${yearText}, ${title}` : `${title}${yearText}`;
  // The unit once: not again when the title already names it ("… tại Trường Cao đẳng X").
  const unitShown = author && unit && !foldText(title).includes(foldText(unit)) ? unit : null;
  return withOcrMark(join([head, unitShown, sectionCitation(passage.section, options), pageLabel(passage.page, passage.pageEnd ?? null)]), passage.ocr);
}

/** "qd-1234-2024.pdf — tr. 4 — Chương II › Điều 5": file, page, section. */
export function plainCitation(passage: CitationPassage): string {
  const text = [path.basename(passage.path), pageLabel(passage.page, passage.pageEnd ?? null), passage.section]
    .filter((p): p is string => !!p)
    .join(' — ');
  return withOcrMark(text, passage.ocr);
}

/** Every citation form of a hit. `metadata` may be null (no metadata extracted yet). */
export function citations(metadata: DocumentMetadata | null, passage: CitationPassage, options: CitationOptions = {}): CitationSet {
  const administrative = administrativeCitation(metadata, passage, options) ?? lawTitleCitation(metadata, passage, options);
  const research = researchCitation(metadata, passage, options);
  const plain = plainCitation(passage);
  const titled = passage.title?.trim()
    ? citation({ title: passage.title, path: passage.path, page: passage.page, pageEnd: passage.pageEnd ?? null, section: passage.section, ocr: passage.ocr })
    : null;
  return { administrative, research, plain, best: administrative ?? research ?? titled ?? plain };
}
