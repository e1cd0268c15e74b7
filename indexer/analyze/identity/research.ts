/**
 * The cover of a research report (đề tài nghiên cứu khoa học): title, lead author
 * (chủ nhiệm) with degree, host institution and unit, project code, place and year,
 * read from the labelled lines of the first page ("Chủ nhiệm đề tài: TS. …").
 */
import type { Block } from '../../extract/types.js';
import type { DocumentMetadata } from '../../api/contract.js';
import type { Issuer } from './issuer.js';
import { issuerDisplayName, recase } from './names.js';
import { collapse, isUpperText, searchKey, upper } from './text.js';

export const RESEARCH_CUE = /Chủ nhiệm (đề tài|nhiệm vụ)|CHỦ NHIỆM ĐỀ TÀI|BÁO CÁO[^\n]{0,40}(ĐỀ TÀI|NGHIÊN CỨU KHOA HỌC)/u;
const LABELS = ['Chủ nhiệm đề tài', 'Chủ nhiệm nhiệm vụ', 'Chủ nhiệm', 'Thành viên', 'Thư ký đề tài', 'Cơ quan chủ trì', 'Đơn vị chủ trì', 'Đơn vị thực hiện', 'Cơ quan quản lý', 'Đơn vị', 'Thời gian thực hiện', 'Mã số', 'Cấp quản lý'];
const LABEL_RE = new RegExp(`(${LABELS.join('|')})\\s*:\\s*`, 'gu');
export const DEGREE = /^((?:GS|PGS|TS|ThS|KS|CN|BS|DS|NCS|TSKH|Th\.S|Ths)\.?(?:\s*(?:TS|ThS|TSKH|BS)\.?)?)\s+/u;

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

export function readResearch(blocks: Block[], issuer: Issuer | null, fullText: string): Research {
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
