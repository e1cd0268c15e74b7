/**
 * Document types as running text names them ("Căn cứ Nghị định số …", "các Quyết
 * định số …", "Luật …"): the spellings the reference reader looks for, which differ
 * from the header's (common/doc-types.ts) in which are words too ("quy định" is
 * also a verb, so only "Quy định" counts) and in old names ("Văn bản", "Nghị quyết
 * liên tịch").
 */
import { normalizeDocType } from '../../common/doc-types.js';
import { textKey } from '../../common/fold.js';

export interface TypeWord {
  /** As written in sentence case. */
  name: string;
  slug: string;
  /** Only recognised with a capital first letter ("quy định" is also a verb). */
  capitalOnly: boolean;
}

export const TYPE_WORDS: TypeWord[] = [
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

/** Canonical type slug for a type name as the text prints it ("Nghị định", "công văn", "Kết luận"). */
export function slugOfTypeName(name: string): string | null {
  const key = textKey(name);
  return TYPE_WORDS.find((t) => textKey(t.name) === key)?.slug ?? normalizeDocType(name);
}

/** Whether a type is named by its number ("Nghị định số 08/…"), not by its title like laws and ordinances. */
const numbered = (t: TypeWord) => !['luat', 'bo-luat', 'phap-lenh'].includes(t.slug);

/** Names of the numbered types, as a regular-expression alternation, longest first. */
export const TYPE_ALT = TYPE_WORDS.filter(numbered)
  .map((t) => t.name)
  .sort((a, b) => b.length - a.length)
  .join('|');
const titleCase = (s: string) => s.split(' ').map((w) => w.charAt(0).toLocaleUpperCase('vi') + w.slice(1)).join(' ');
/** Every spelling of the type names the text may use (sentence case, Title Case, UPPER, lower unless capital-only), no "i" flag (it would make \p{Lu} match lower case). */
export const TYPE_SPELLINGS = [
  ...new Set(
    TYPE_WORDS.filter(numbered).flatMap((t) => [
      t.name,
      titleCase(t.name),
      t.name.toLocaleUpperCase('vi'),
      ...(t.capitalOnly ? [] : [t.name.toLocaleLowerCase('vi')]),
    ]),
  ),
]
  .sort((a, b) => b.length - a.length)
  .join('|');
/** Names of the numbered types in table order, for "…, Thông tư số …" ending a law's title. */
export const NUMBERED_TYPE_NAMES = TYPE_WORDS.filter(numbered).map((t) => t.name);
