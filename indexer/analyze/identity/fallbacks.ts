/**
 * Where identity comes from when the text does not give it: a document's title
 * property written as a citation ("Quyết định số 1234/QĐ-UBND ngày 05/3/2024 của …")
 * and its file name ("30_2020_ND_CP.docx", "qd-1234-2024-ubnd-….pdf").
 */
import { isoDate } from '../../common/dates.js';
import { DOC_TYPES, docTypeOfCode, normalizeDocType } from '../../common/doc-types.js';
import { numberAtStart } from '../../common/doc-numbers.js';
import { foldAccents, normalizeText } from '../../common/normalize.js';
import { capitalize, collapse, lower } from './text.js';

/** The fields a fallback can give; absent when it does not. */
export interface FallbackFields {
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
export function parseCitationTitle(title: string): FallbackFields {
  const out: FallbackFields = {};
  const t = collapse(normalizeText(title));
  const m = new RegExp(`^(${TYPE_NAME_ALTERNATION})\\s+số\\s+(\\S+)(?:\\s+ngày\\s+(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4}))?(?:\\s+của\\s+(.+?)(?=\\s+(?:về|ban hành|quy định|phê duyệt|sửa đổi|hỗ trợ|tổng kết|kết luận|hướng dẫn|thực hiện|tổ chức|đề nghị)\\s|$))?(?:\\s+(.+))?$`, 'iu').exec(t);
  if (!m) return out;
  const type = normalizeDocType(m[1]!);
  if (type) out.type = type;
  // The title's number, in the one grammar of common/doc-numbers.ts (a trailing comma is the sentence's).
  const number = numberAtStart(m[2]!);
  if (number && /^[.,;:]*$/.test(m[2]!.slice(number.length))) out.number = number.number;
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
export function parseFileName(fileName: string): FallbackFields {
  const out: FallbackFields = {};
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
    const typeFromCode = docTypeOfCode(code);
    if (typeFromCode) {
      const issuerCode = SYMBOL_FIX[num[4]!.toUpperCase()] ?? num[4]!.toUpperCase();
      out.number = num[2] ? `${num[1]}/${num[2]}/${code}-${issuerCode}` : `${num[1]}/${code}-${issuerCode}`;
      out.type ??= typeFromCode;
      if (num[2]) out.year = Number(num[2]);
    }
  }
  if (out.year === undefined) {
    // Two different years ("2004-NghiDinh114_2003"): one is when the file was filed, and which is not known.
    const years = new Set(tokens.filter((tok) => /^(19[5-9]\d|20\d\d)$/.test(tok)));
    if (years.size === 1) out.year = Number([...years][0]);
  }
  return out;
}
