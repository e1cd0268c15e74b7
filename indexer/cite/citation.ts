/**
 * Hit → citation strings an officer can paste into a report.
 *
 * - Administrative style (Decree 30/2020 naming): "Quyết định số 1234/QĐ-UBND
 *   ngày 05/3/2024 của UBND tỉnh Thanh Hóa, Điều 3, khoản 2, tr. 4".
 * - Research style: "Phạm Văn Tiến (2022), Nghiên cứu …, Trường Cao đẳng …, tr. 5".
 * - Plain: "qd-1234.pdf — tr. 4 — Chương II › Điều 5".
 *
 * `citation(source)` (title, section, page, file) is the original form and
 * stays for documents without metadata. Pure functions.
 */
import path from 'node:path';
import type { DocumentMetadata } from '../api/contract.js';
import { displayDate } from '../common/dates.js';
import { docTypeName } from '../common/doc-types.js';
import { issuerDisplayName, shortIssuerName } from '../analyze/identity/names.js';

export interface CitationSource {
  title: string;
  path: string;
  page: number | null;
  pageEnd: number | null;
  section: string | null;
}

export function pageLabel(page: number | null, pageEnd: number | null): string | null {
  if (page === null) return null;
  return pageEnd !== null && pageEnd !== page ? `tr. ${page}–${pageEnd}` : `tr. ${page}`;
}

/** "<title>, <section>, tr. <page> (<file name>)": the form for documents without metadata. */
export function citation(source: CitationSource): string {
  const fileName = path.basename(source.path);
  const parts = [source.title.trim() || fileName];
  if (source.section) parts.push(source.section);
  const page = pageLabel(source.page, source.pageEnd);
  if (page) parts.push(page);
  const text = parts.join(', ');
  return source.title.trim() && source.title.trim() !== fileName ? `${text} (${fileName})` : text;
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

/** A legal part and its number; clauses may be a range ("khoản 2–4", when a passage holds several). */
const LEGAL_PART = /^(Phần|Chương|Tiểu mục|Mục|Điều|[Kk]hoản|[Đđ]iểm)\s+([\p{L}\p{N}]+(?:\s*[–-]\s*(?:\d+|[a-zđ])(?![\p{L}\p{N}]))?)/u;

/**
 * A section path as a citation: legal parts from the article down ("Điều 5, khoản 2"),
 * else the legal parts there are ("Chương II"), else a report heading with its
 * numbering ("mục II.1. Công tác chuẩn bị"). Null when there is nothing to cite.
 */
export function sectionCitation(section: string | null, options: CitationOptions = {}): string | null {
  if (!section) return null;
  const parts = section.split(/\s*›\s*/).map((p) => p.trim()).filter(Boolean);
  const legal = parts
    .map((p) => LEGAL_PART.exec(p))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => {
      const kind = m[1]!;
      const name = /^(khoản|điểm)$/iu.test(kind) ? kind.toLocaleLowerCase('vi') : kind.charAt(0).toLocaleUpperCase('vi') + kind.slice(1);
      // A range is written with an en dash, as in print: "khoản 2–4".
      return `${name} ${m[2]!.replace(/\s*[–-]\s*/, '–')}`;
    });
  if (legal.length) {
    const article = legal.findIndex((p) => p.startsWith('Điều '));
    const cited = article >= 0 ? legal.slice(article) : legal;
    const text = options.clauseFirst ? [...cited].reverse().join(' ') : cited.join(', ');
    // "Phần I › II. CÁC THÀNH PHẦN …": a report heading under a Phần or Chương is cited after it.
    const lastLegal = parts.map((p) => LEGAL_PART.test(p)).lastIndexOf(true);
    const below = article < 0 ? parts.slice(lastLegal + 1) : [];
    return below.length ? `${text}, ${reportHeading(below)}` : text;
  }
  return reportHeading(parts);
}

/** Report headings: "II. KẾT QUẢ THỰC HIỆN › 1. Công tác chuẩn bị" → "mục II.1. Công tác chuẩn bị". */
function reportHeading(parts: string[]): string {
  const numbers: string[] = [];
  for (const p of parts) {
    const n = /^([IVXLC]+|\d+(?:\.\d+)*)\.\s/u.exec(p);
    if (n) numbers.push(n[1]!);
  }
  const last = parts[parts.length - 1]!;
  const title = last.replace(/^([IVXLC]+|\d+(?:\.\d+)*)\.\s+/u, '');
  const shown = title.length > 80 ? title.slice(0, 79).trimEnd() + '…' : title;
  const upper = shown === shown.toLocaleUpperCase('vi') && /\p{L}{2}/u.test(shown);
  const label = upper ? shown.charAt(0) + shown.slice(1).toLocaleLowerCase('vi') : shown;
  if (numbers.length === 0) return label;
  // Subsections already carry their parents' numbers ("2.1."): keep only the deepest one then.
  const deepest = numbers[numbers.length - 1]!;
  const number = deepest.includes('.') ? deepest : numbers.join('.');
  return `mục ${number}. ${label}`;
}

function join(parts: Array<string | null | undefined>): string {
  return parts.filter((p): p is string => !!p && p.trim().length > 0).join(', ');
}

/** The issuer as a citation names it: "UBND tỉnh Thanh Hóa", "Sở Khoa học và Công nghệ tỉnh Thanh Hóa". */
function issuerForCitation(meta: DocumentMetadata, options: CitationOptions): string | null {
  const name = meta.issuerName ?? (meta.issuer ? issuerDisplayName(meta.issuer, meta.issuerParent) : null);
  if (!name) return null;
  return options.fullIssuer ? name : shortIssuerName(name);
}

/** "Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ" → "… ngày 05/3/2020 của Chính phủ". */
function shortenDates(text: string): string {
  return text.replace(/ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/giu, (_m, d: string, mo: string, y: string) =>
    `ngày ${shortDate(`${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`)}`,
  );
}

/**
 * "Quyết định số 1234/QĐ-UBND ngày 05/3/2024 của UBND tỉnh Thanh Hóa, Điều 3, khoản 2, tr. 4",
 * or null when the metadata lacks a type or both number and date.
 */
export function administrativeCitation(meta: DocumentMetadata | null, passage: CitationPassage, options: CitationOptions = {}): string | null {
  if (!meta || meta.kind === 'research' || !meta.type) return null;
  const where = [sectionCitation(passage.section, options), pageLabel(passage.page, passage.pageEnd ?? null)];
  if (meta.type === 'phu-luc' && meta.partOf) {
    return join([`${meta.typeName ?? 'Phụ lục'} kèm theo ${shortenDates(meta.partOf)}`, ...where]);
  }
  if (!meta.number && !meta.date) return null;
  const typeName = meta.typeName ?? docTypeName(meta.type);
  if (!typeName) return null;
  let head = typeName;
  if (meta.number) head += ` số ${meta.number}`;
  if (meta.date) head += ` ngày ${shortDate(meta.date)}`;
  const issuer = issuerForCitation(meta, options);
  if (issuer) head += ` của ${issuer}`;
  return join([head, ...where]);
}

/**
 * "Phạm Văn Tiến (2022), Nghiên cứu …, Trường Cao đẳng …, mục 3.2. …, tr. 6",
 * or null when the document is not a research report with a title.
 */
export function researchCitation(meta: DocumentMetadata | null, passage: CitationPassage, options: CitationOptions = {}): string | null {
  if (!meta || meta.kind !== 'research' || !meta.title) return null;
  const who = meta.author ?? meta.unit;
  const year = meta.year !== null ? ` (${meta.year})` : '';
  const head = who ? `${who}${year}, ${meta.title}` : `${meta.title}${year}`;
  const unit = meta.author && meta.unit ? meta.unit : null;
  return join([head, unit, sectionCitation(passage.section, options), pageLabel(passage.page, passage.pageEnd ?? null)]);
}

/** "qd-1234-2024.pdf — tr. 4 — Chương II › Điều 5": file, page, section. */
export function plainCitation(passage: CitationPassage): string {
  return [path.basename(passage.path), pageLabel(passage.page, passage.pageEnd ?? null), passage.section]
    .filter((p): p is string => !!p)
    .join(' — ');
}

/** Every citation form of a hit. `metadata` may be null (no metadata extracted yet). */
export function citations(metadata: DocumentMetadata | null, passage: CitationPassage, options: CitationOptions = {}): CitationSet {
  const administrative = administrativeCitation(metadata, passage, options);
  const research = researchCitation(metadata, passage, options);
  const plain = plainCitation(passage);
  const titled = passage.title?.trim()
    ? citation({ title: passage.title, path: passage.path, page: passage.page, pageEnd: passage.pageEnd ?? null, section: passage.section })
    : null;
  return { administrative, research, plain, best: administrative ?? research ?? titled ?? plain };
}
