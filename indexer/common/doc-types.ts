/**
 * Types of Vietnamese documents: the slug the library stores and filters on
 * (`quyet-dinh`), the name as officers write it ("Quyết định"), and the code a
 * document symbol carries ("QĐ" in "1234/QĐ-UBND"). One table for the indexer,
 * the CLI and the renderer (pure code, no Node imports).
 */
import { compactKey } from './fold.js';

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

/**
 * Kinds a reference may point at that the library does not classify its own
 * documents as: party documents ("Kết luận số 01-KL/TW"). Kept apart so that a
 * heading "KẾT LUẬN" is not read as a document's type line, nor `loai:ket-luan` a filter.
 */
const REFERENCE_ONLY_KINDS: readonly DocTypeInfo[] = [{ slug: 'ket-luan', name: 'Kết luận', code: 'KL' }];

const BY_SLUG = new Map(DOC_TYPES.map((t) => [t.slug, t]));

const TYPE_ALIASES = new Map<string, string>();
for (const t of DOC_TYPES) {
  TYPE_ALIASES.set(compactKey(t.slug), t.slug);
  TYPE_ALIASES.set(compactKey(t.name), t.slug);
  if (t.code) TYPE_ALIASES.set(compactKey(t.code), t.slug);
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
  return TYPE_ALIASES.get(compactKey(input)) ?? null;
}

/** The Vietnamese name of a type slug ("quyet-dinh" → "Quyết định"), or null. */
export function docTypeName(slug: string | null | undefined): string | null {
  return (slug && BY_SLUG.get(slug)?.name) || null;
}

/** The name of any kind a reference can have, party documents included ("ket-luan" → "Kết luận"). */
export function kindName(slug: string | null | undefined): string | null {
  if (!slug) return null;
  return docTypeName(slug) ?? REFERENCE_ONLY_KINDS.find((k) => k.slug === slug)?.name ?? null;
}

/** The type whose symbol code this is, exactly or in other case ("QĐ", "qđ" → quyet-dinh; "QD" (Đ lost) → null). */
export function docTypeOfCode(code: string): string | null {
  const upper = code.toLocaleUpperCase('vi');
  return DOC_TYPES.find((t) => t.code && (t.code === code || t.code.toLocaleUpperCase('vi') === upper))?.slug ?? null;
}

/**
 * Folded symbol codes → kind, for reading a bare number in running text ("số 08/2014/NĐ-CP",
 * "29-NQ/TW"). Only the codes common enough there to name a kind: the rarer codes of
 * DOC_TYPES (GM, PC, TC…) also abbreviate issuers and would turn a công văn's symbol
 * into a type. Old spellings too (QĐi for Quy định, NQLT for a joint resolution).
 */
export const REFERENCE_CODES: ReadonlyMap<string, string> = new Map([
  ['nd', 'nghi-dinh'], ['qd', 'quyet-dinh'], ['nq', 'nghi-quyet'], ['tt', 'thong-tu'], ['ttlt', 'thong-tu-lien-tich'],
  ['ct', 'chi-thi'], ['tb', 'thong-bao'], ['kh', 'ke-hoach'], ['bc', 'bao-cao'], ['ttr', 'to-trinh'], ['ctr', 'chuong-trinh'],
  ['kl', 'ket-luan'], ['hd', 'huong-dan'], ['qc', 'quy-che'], ['qyd', 'quy-dinh'], ['qdi', 'quy-dinh'], ['bb', 'bien-ban'],
  ['da', 'de-an'], ['cd', 'cong-dien'], ['pl', 'phap-lenh'], ['nqlt', 'nghi-quyet'],
]);
