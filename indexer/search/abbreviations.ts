/**
 * Abbreviations officers type, expanded before keyword search: "UBND tỉnh"
 * also searches "ủy ban nhân dân tỉnh", "BLDS" "bộ luật dân sự". The
 * abbreviation itself stays in the query (documents use both forms).
 *
 * The table is the documentation: one line per abbreviation, its accented
 * spelling as key. A question token matches a key exactly, or its accent-free
 * spelling ("HDND", "ND-CP"); keys of three letters or more also match in
 * lower case ("ubnd"), shorter ones ("TT", "QĐ") only in capitals, since in
 * lower case they are too often something else. Tokens inside a document
 * number ("15/2020/NĐ-CP") are not touched: numbers are matched as numbers.
 */
import { foldAccents, hasAccents } from '../common/normalize.js';

export const ABBREVIATIONS: Readonly<Record<string, string>> = Object.freeze({
  // bodies
  UBND: 'ủy ban nhân dân',
  HĐND: 'hội đồng nhân dân',
  TAND: 'tòa án nhân dân',
  VKSND: 'viện kiểm sát nhân dân',
  MTTQ: 'mặt trận tổ quốc',
  QH: 'quốc hội',
  CP: 'chính phủ',
  TW: 'trung ương',
  // codes and kinds of document
  BLDS: 'bộ luật dân sự',
  BLHS: 'bộ luật hình sự',
  BLLĐ: 'bộ luật lao động',
  BLTTDS: 'bộ luật tố tụng dân sự',
  BLTTHS: 'bộ luật tố tụng hình sự',
  'NĐ-CP': 'nghị định chính phủ',
  NĐ: 'nghị định',
  TT: 'thông tư',
  QĐ: 'quyết định',
  NQ: 'nghị quyết',
  // subjects
  BHXH: 'bảo hiểm xã hội',
  BHYT: 'bảo hiểm y tế',
  BHTN: 'bảo hiểm thất nghiệp',
  GTGT: 'giá trị gia tăng',
  TNCN: 'thu nhập cá nhân',
  TNDN: 'thu nhập doanh nghiệp',
  'KH&CN': 'khoa học và công nghệ',
  KHCN: 'khoa học công nghệ',
  ĐMST: 'đổi mới sáng tạo',
  GDNN: 'giáo dục nghề nghiệp',
  'GD&ĐT': 'giáo dục và đào tạo',
  CNTT: 'công nghệ thông tin',
  CBCCVC: 'cán bộ công chức viên chức',
  CCVC: 'công chức viên chức',
  QSDĐ: 'quyền sử dụng đất',
  PCCC: 'phòng cháy chữa cháy',
  ATTP: 'an toàn thực phẩm',
  TTHC: 'thủ tục hành chính',
  VPHC: 'vi phạm hành chính',
  XLVPHC: 'xử lý vi phạm hành chính',
  HĐLĐ: 'hợp đồng lao động',
  NLĐ: 'người lao động',
  NSDLĐ: 'người sử dụng lao động',
});

/** Every accepted spelling of a token → its expansion (accented). */
const SPELLINGS: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (const [key, expansion] of Object.entries(ABBREVIATIONS)) {
    const folded = foldAccents(key);
    for (const spelling of [key, folded]) {
      map.set(spelling, expansion);
      if (key.replace(/[^\p{L}]/gu, '').length >= 3) map.set(spelling.toLowerCase(), expansion);
    }
  }
  return map;
})();

/** The expansion of one typed token (punctuation around it ignored), or null. */
export function expandAbbreviation(token: string): string | null {
  const bare = token.replace(/^[("'“]+|[)"'”,.;:?!]+$/gu, '');
  return SPELLINGS.get(bare) ?? null;
}

/**
 * The query words with each abbreviation followed by its expansion; accent-free
 * when the query was typed without accents (so the query stays accent-free).
 */
export function expandAbbreviations(words: string[], accented = words.some(hasAccents)): string[] {
  return words.flatMap((w) => {
    const expansion = expandAbbreviation(w);
    if (!expansion) return [w];
    return [w, ...(accented ? expansion : foldAccents(expansion)).split(' ')];
  });
}
