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
 *
 * The readers live beside this file, one per part of the page: header.ts (type
 * line, number, place and date), issuer.ts, summary.ts, signature.ts, names.ts
 * (display names, sentence case), research.ts (report covers), appendix.ts and
 * fallbacks.ts (properties, file name); text.ts holds what they share. This file
 * runs them in order and decides which answer wins.
 */
import type { Block } from '../../extract/types.js';
import { kindName } from '../../common/doc-types.js';
import { kindOfNumber, symbolOf } from '../../common/doc-numbers.js';
import { normalizeText } from '../../common/normalize.js';
import type { DocumentMetadata, MetadataField, MetadataSource } from '../../api/documents.js';
import { attachedHeading, headingType, readAppendix, withoutTypeName } from './appendix.js';
import { ATTACHABLE_TYPES, findAttached } from './attached.js';
import { joinLetterSpaced } from './letter-spaced.js';
import { textLayer } from './text-layer.js';
import { parseCitationTitle, parseFileName } from './fallbacks.js';
import { lawNameLine, markConfidence, ownDate, ownYearLine, readJointLine, repairOcrHeader } from './confidence.js';
import { type DateFound, findDate, findNumber, findTypeLine } from './header.js';
import { findIssuer } from './issuer.js';
import { issuerDisplayName } from './names.js';
import { DEGREE, readResearch, RESEARCH_CUE } from './research.js';
import { findSignature } from './signature.js';
import { BODY_START, findVv, parseOfLine, summaryAfter } from './summary.js';
import { blockLines, collapse, isPlaceholder, isUpperText, NATIONAL_NAME, upper } from './text.js';

export type { DocumentKind, DocumentMetadata, MetadataField, MetadataSource, UnsureReason } from '../../api/documents.js';
// The parts other modules use (citations, tests), so that identity has one face.
export { issuerDisplayName, recase, shortIssuerName } from './names.js';
export { parseCitationTitle, parseFileName } from './fallbacks.js';
export { splitUnits } from './issuer.js';

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

const HEADER_LIMIT = 12;
/** An application or declaration form ("Đơn đăng ký …", "Tờ khai"): it has "Kính gửi" but is no công văn. */
const APPLICATION_FORM = /(?:^|\n)\s*(?:đơn|tờ khai|bản khai|giấy đề nghị)(?:\s|$)/iu;
/** Blocks that make up a document's first page for the purpose of its own year (header, title, date line). */
const HEAD_BLOCKS = 15;

/** Years the text gives in a date ("ngày 5 tháng 3 năm 2004", "05/3/2004", "tháng 10/2004", "1 tháng năm 2005") or a number ("12/2004/QĐ-…"). */
function datedYears(text: string): Set<number> {
  const re = /tháng\s*(?:\d{1,2}\s*)?(?:năm\s*|[/.-]\s*)((?:19|20)\d\d)|\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*((?:19|20)\d\d)(?!\d)|\d\/((?:19|20)\d\d)\/\p{L}/giu;
  return new Set([...text.matchAll(re)].map((m) => Number(m[1] ?? m[2] ?? m[3])));
}

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
  const clean = blocks
    .map((b) => ({ ...b, text: normalizeText(b.text).split('\n').map(joinLetterSpaced).join('\n') }))
    .filter((b) => b.text.trim());
  const fullText = clean.map((b) => b.text).join('\n');

  // Appendices of a decree: "Phụ lục I" + title + "(Kèm theo … )".
  const appendix = readAppendix(clean, fullText);
  if (appendix) {
    meta.kind = 'administrative';
    set('type', 'phu-luc', 'text');
    meta.typeName = appendix.typeName;
    set('summary', appendix.summary, 'text');
    set('partOf', appendix.partOf, 'text');
    const a = appendix.attached;
    if (a) {
      set('number', a.number, 'text');
      if (a.date) set('date', a.date.date, 'text');
      if (a.issuer) {
        set('issuerName', a.issuer, 'text');
        set('issuer', upper(a.issuer), 'text');
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

  let doubtfulDate = false;
  const research = !appendix && RESEARCH_CUE.test(clean.slice(0, 12).map((b) => b.text).join('\n')) && !findNumber(headerText);

  // ô 2: issuing body (and, for research covers, the host institution).
  const coverEnd = research ? clean.findIndex((b) => /ĐỀ TÀI|BÁO CÁO|NGHIÊN CỨU KHOA HỌC/u.test(b.text)) : -1;
  const issuer = appendix ? null : findIssuer(research ? blockLines(clean, 0, Math.max(0, coverEnd)) : header);
  // A scanner's text layer (marks lost, words garbled) is OCR too, whatever the file says.
  const layer = textLayer(fullText);
  const ocrHeader = layer !== 'printed' || clean.slice(0, Math.max(headerEnd, typeLine?.index ?? 0) + 3).some((b) => b.ocr);
  if (issuer && ocrHeader) {
    issuer.issuer = repairOcrHeader(issuer.issuer);
    issuer.parent = issuer.parent ? repairOcrHeader(issuer.parent) : null;
  }
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
    // A regulation or form issued with a decision ("(Ban hành kèm theo Quyết định số …)"): cited by the decision.
    const attachable = !typeLine || ATTACHABLE_TYPES.has(typeLine.slug);
    const attached = number || !attachable ? null : findAttached(clean, typeLine ? typeLine.index + 1 : 0, typeLine ? 8 : HEADER_LIMIT);
    set('number', number ?? attached?.number, 'text');
    // The number is the decision's, not the regulation's own: a citation names the decision ("Quy định ban hành kèm theo …").
    if (!number && attached && (attached.number || attached.date)) set('partOf', attached.text, 'text');
    // ô 4: place and date.
    let date: DateFound | null = ownDate(headerText) ?? of?.date ?? null;
    if (!date && typeLine) {
      const titleText = clean.slice(typeLine.index, typeLine.index + 2).map((b) => b.text).join(' ');
      const own = ownDate(titleText);
      date = own;
      // "Nghị định của Chính phủ số 114/2003/NĐ-CP / ngày 10/10/2003 về …": the date right after the document's own number is its own.
      if (own?.doubtful && number && new RegExp(`${number.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*,?\\s*ngày`, 'u').test(titleText)) date = Object.assign({}, own, { doubtful: false });
    }
    if (!date && attached?.date) date = attached.date;
    if (attached?.issuer && !meta.issuer && !isPlaceholder(attached.issuer)) {
      set('issuer', upper(attached.issuer), 'text');
      set('issuerName', attached.issuer, 'text');
    }
    // A page without a header (no type line, number or national name): a date inside a sentence there is a
    // deadline or a cited date ("… trước 14 giờ 00 ngày 29/7/2020"), not the document's own.
    const headerEvidence = !!typeLine || !!of || NATIONAL_NAME.test(headerText) || !!findNumber(headerText) || !!issuer;
    if (date && 'doubtful' in date && date.doubtful && !headerEvidence) date = null;
    doubtfulDate = Boolean(date && 'doubtful' in date && date.doubtful);
    if (date) {
      set('date', date.date, 'text');
      set('place', date.place, 'text');
      meta.dateText = date.text;
    } else {
      // No single day on the date line (blank, unreadable or two days): its place and year only. A paper
      // without a header may put that line under its title, so the first page is read too, line by line.
      const line =
        ownYearLine(headerText) ??
        clean.slice(0, HEAD_BLOCKS).map((b) => (b.text.length <= 120 ? ownYearLine(b.text) : null)).find(Boolean) ??
        null;
      if (line) {
        set('year', line.year, 'text');
        set('place', line.place, 'text');
      }
    }
    // ô 5: type and summary; công văn: V/v.
    const vv = findVv(header);
    if (typeLine) {
      set('type', typeLine.slug, 'text');
      set('summary', summaryAfter(clean, typeLine, of, fullText), 'text');
    } else if (attached && !vv) {
      // A form or list with no type line of its own, issued with a decision: an appendix of it, titled by its heading.
      const heading = attachedHeading(clean, attached.index, fullText);
      // "Hướng dẫn viết thuyết minh …", "Quy chế …": a heading that names its type keeps it.
      const named = headingType(heading);
      set('type', named ?? 'phu-luc', 'text');
      // As under a type line, the summary is what follows the type's name ("Hướng dẫn | viết thuyết minh …").
      set('summary', named && heading ? withoutTypeName(heading, named) : heading, 'text');
      // Its issuer is the decision's: the lines above the "kèm theo" line are the form's heading, not a body.
      for (const f of ['issuer', 'issuerParent', 'issuerName'] as const) {
        meta[f] = null;
        delete meta.sources[f];
      }
      if (attached.issuer) {
        set('issuer', upper(attached.issuer), 'text');
        set('issuerName', attached.issuer, 'text');
      }
    } else if (vv || (/(?:^|\s)Kính gửi\s*:/u.test(clean.slice(0, HEADER_LIMIT + 2).map((b) => b.text).join('\n')) && !APPLICATION_FORM.test(clean.slice(0, HEADER_LIMIT).map((b) => b.text).join('\n')))) {
      set('type', 'cong-van', 'text');
    }
    if (vv) set('summary', vv, 'text');
    // "Liên tịch Bộ Tài chính - … Số 120/2000/TTLT-… ngày 25 tháng 12 năm 2000 Về việc …": the of-line of a joint circular.
    const joint = readJointLine(meta.summary);
    if (joint) {
      if (meta.type === 'thong-tu') meta.type = 'thong-tu-lien-tich';
      if (joint.issuer) set('issuer', joint.issuer, 'text');
      meta.summary = joint.summary;
    }
    if (!meta.type && meta.number) set('type', kindOfNumber(meta.number), 'text');
    // A law's name standing alone on the first line ("Luật Hợp tác xã", "Bộ luật dân sự"): type and name.
    const law = !meta.type ? lawNameLine(clean[0]?.text ?? '') : null;
    if (law) {
      set('type', law.type, 'text');
      set('summary', law.name, 'text');
    }
  }

  // ô 7: the signature, searched after the header.
  let ocrSignature = false;
  if (!research) {
    // A page with no header at all (the second page of a letter scanned alone): the signature may be anywhere on it.
    const sig = findSignature(clean, typeLine ? typeLine.index + 1 : evidence ? Math.max(1, headerEnd) : 0);
    ocrSignature = Boolean(sig && (layer !== 'printed' || clean.slice(-Math.max(3, Math.ceil(clean.length / 4))).some((b) => b.ocr)));
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
    if (!meta.typeName) meta.typeName = kindName(meta.type);
    if (meta.kind === 'unknown') meta.kind = meta.type === 'de-tai' ? 'research' : 'administrative';
  }
  if (meta.date) set('year', Number(meta.date.slice(0, 4)), meta.sources.date!);
  else if (meta.number && /\/(\d{4})\//.test(meta.number)) set('year', Number(/\/(\d{4})\//.exec(meta.number)![1]), meta.sources.number!);
  // A file-name year the first page contradicts (it shows other years, never this one) is the filing year;
  // so is one it names only as a subject ("Kế hoạch năm 2005", drawn up in 2004): it must stand in a date or a number.
  const headText = clean.slice(0, HEAD_BLOCKS).map((b) => b.text).join('\n');
  const headYears = new Set(headText.match(/(?<!\d)(?:19[5-9]\d|20\d\d)(?!\d)/g) ?? []);
  if (f.year !== undefined && (headYears.size === 0 || datedYears(headText).has(f.year))) set('year', f.year, 'filename');
  if (meta.kind === 'research' && !meta.year && props.created && /^\d{4}/.test(props.created)) set('year', Number(props.created.slice(0, 4)), 'properties');
  markConfidence(meta, {
    ocrHeader,
    ocrSignature,
    doubtfulDate,
    fullText,
    headText,
    layer,
  });
  return meta;
}
