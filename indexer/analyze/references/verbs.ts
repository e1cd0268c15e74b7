/**
 * The verbs that give a mention its relation: a clause's lead ("Căn cứ" → basis,
 * "Thực hiện" → implements), the document's own verb before its objects ("[Quyết
 * định này] thay thế / bãi bỏ / sửa đổi …"), a verb after them ("… hết hiệu lực"),
 * and whether two mentions are coordinated objects of the same verb.
 */
import type { ReferenceType } from './types.js';
import { TYPE_ALT } from './type-words.js';

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();
const lower = (s: string) => s.toLocaleLowerCase('vi');

export type Lead = 'basis' | 'implements' | 'reset' | null;

/** List markers and article headings before a clause: "1.", "a)", "-", "+", "Điều 2.", "V/v", "Về việc". */
export const CLAUSE_PREFIX = /^(?:\s*(?:[-+•*]|\d+(?:\.\d+)*[.)]|[a-zđ][).]|Điều\s+\d+[a-z]?\s*[.:]|V\/v|Về việc|về việc)\s*)*/u;

export function clauseLead(text: string): Lead {
  const t = lower(text.trim().replace(CLAUSE_PREFIX, '').trim());
  if (/^căn cứ(?=\s|$)/u.test(t)) return 'basis';
  if (/^(?:để\s+|tiếp tục\s+)*(?:triển khai\s+)?(?:thực hiện|triển khai|thi hành)\s/u.test(t) && !/thực hiện theo (hướng dẫn|quy định)/u.test(t.slice(0, 40))) return 'implements';
  if (/^(xét|theo đề nghị|theo đề xuất|theo ý kiến|trên cơ sở|sau khi|nơi nhận)/u.test(t)) return 'reset';
  return null;
}

const OWN_SUBJECT = new RegExp(String.raw`^(?:${TYPE_ALT}|Luật|Pháp lệnh|Văn bản|Quy chế|Quy định)\s+này(?![\p{L}])`, 'iu');
const PARTIAL = String.raw`(?:\s+(?:(?:một|các|những)\s+(?:số\s+)?)?(?:khoản|điểm|điều|cụm từ|phụ lục|mẫu|biểu|nội dung|qu[yi] định tại|chương|mục|phần))`;

/** The document's own verb in the text before its first object: "[Quyết định này] thay thế", "Sửa đổi, bổ sung", "Bãi bỏ". */
export function preVerb(gap: string): ReferenceType | null {
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
export function postVerb(tail: string, leading = ''): ReferenceType | null {
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

export const POST_VERB_AT = /\s*(?:hết hiệu lực|không còn hiệu lực|chấm dứt hiệu lực|(?:bị|được|đều)\s+(?:bãi bỏ|hủy bỏ|huỷ bỏ|thay thế))/u;

/** Is mention `b` a head coordinated with the previous one, given the text between them? */
export function coordinated(gap: string): boolean {
  const g = lower(collapse(gap));
  if (g === '' || /^[,;]$/.test(g)) return true;
  if (/(?:ban hành\s+)?kèm theo$/u.test(g)) return true; // "… ban hành kèm theo Quyết định số …": the object of the same verb
  if (/(?:của|tại|theo|thi hành|hướng dẫn|đối với|trong|thuộc|điều|khoản|điểm)$/u.test(g)) return false;
  return /(?:^|\s|[,;:])(?:và|hoặc|cùng|,|;|:)$/u.test(g) || /[,;:]$/.test(g);
}
