/**
 * Words for the contract's machine values (statuses, reference types, failure
 * kinds, search modes), in both languages: the CLI and the renderer name them
 * alike. Pure data, no Node imports.
 */
import type { FailureKind, SearchMode, ValidityStatus } from '../../api/contract.js';
import type { ReferenceType } from '../../api/documents.js';
import type { Lang } from './format.js';

export interface Terms {
  status: Record<ValidityStatus, string>;
  /** A reference seen from the citing document (`out`) and from the cited one (`in`). */
  relation: { out: Record<ReferenceType, string>; in: Record<ReferenceType, string> };
  failureKind: Record<FailureKind, string>;
  mode: Record<SearchMode, string>;
}

export const TERMS: Record<Lang, Terms> = {
  vi: {
    status: { 'in-force': 'Còn hiệu lực', 'not-yet': 'Chưa có hiệu lực', expired: 'Hết hiệu lực', replaced: 'Đã bị thay thế', amended: 'Đã được sửa đổi', unknown: 'Không rõ hiệu lực' },
    relation: {
      out: { basis: 'Căn cứ', replaces: 'Thay thế', repeals: 'Bãi bỏ', amends: 'Sửa đổi', implements: 'Triển khai', mentions: 'Nhắc tới' },
      in: { basis: 'Lấy làm căn cứ', replaces: 'Thay thế văn bản này', repeals: 'Bãi bỏ văn bản này', amends: 'Sửa đổi văn bản này', implements: 'Triển khai văn bản này', mentions: 'Nhắc tới văn bản này' },
    },
    failureKind: {
      unsupported: 'Định dạng chưa hỗ trợ', corrupt: 'Tệp hỏng', encrypted: 'Có mật khẩu', empty: 'Không có chữ',
      unreadable: 'Không mở được', 'too-large': 'Quá lớn', 'not-found': 'Không tìm thấy', timeout: 'Quá thời gian', error: 'Lỗi khác',
    },
    mode: { keyword: 'từ khóa', hybrid: 'từ khóa + ngữ nghĩa' },
  },
  en: {
    status: { 'in-force': 'In force', 'not-yet': 'Not yet in force', expired: 'Expired', replaced: 'Replaced', amended: 'Amended', unknown: 'Validity unknown' },
    relation: {
      out: { basis: 'Basis', replaces: 'Replaces', repeals: 'Repeals', amends: 'Amends', implements: 'Implements', mentions: 'Mentions' },
      in: { basis: 'Cites it as a basis', replaces: 'Replaces it', repeals: 'Repeals it', amends: 'Amends it', implements: 'Implements it', mentions: 'Mentions it' },
    },
    failureKind: {
      unsupported: 'Unsupported format', corrupt: 'Damaged file', encrypted: 'Password protected', empty: 'No text',
      unreadable: 'Cannot be opened', 'too-large': 'Too large', 'not-found': 'Not found', timeout: 'Took too long', error: 'Other error',
    },
    mode: { keyword: 'keyword', hybrid: 'keyword + semantic' },
  },
};
