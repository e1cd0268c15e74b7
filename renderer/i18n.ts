/**
 * Every string the interface shows, Vietnamese first, English second. A
 * component gets the current table from `useStrings()`; nothing else in the
 * renderer holds user-visible text.
 */
import { createContext, useContext } from 'react';
import type { FailureKind, IndexPhase, QueryField } from '../indexer/api';

export type Lang = 'vi' | 'en';

const vi = {
  appName: 'Kho Tri Thức',
  tagline: 'Tra cứu văn bản, trích dẫn chính xác — ngay trên máy của bạn',
  navSearch: 'Tìm kiếm',
  navLibrary: 'Thư viện',
  language: 'Ngôn ngữ',
  skipToResults: 'Chuyển tới kết quả',

  searchLabel: 'Tìm trong kho văn bản',
  searchPlaceholder: 'Nhập từ khóa, ví dụ: đổi mới sáng tạo',
  searchClear: 'Xóa nội dung tìm kiếm',
  suggestions: 'Gợi ý',
  helpButton: 'Cú pháp tìm kiếm',
  helpTitle: 'Cách viết câu tìm kiếm',
  helpClose: 'Đóng',
  helpRows: [
    ['đổi mới sáng tạo', 'Các từ cần tìm; có dấu hay không dấu đều được (doi moi sang tao).'],
    ['"chuyển giao công nghệ"', 'Cụm từ chính xác, đặt trong dấu ngoặc kép.'],
    ['-ma túy  -"cai nghiện"', 'Loại trừ từ hoặc cụm từ.'],
    ['khởi nghiệp OR ươm tạo', 'Một trong hai vế; không có OR thì đoạn chứa đủ các từ xếp trước.'],
    ['đổi mới*', 'Tiền tố: khớp mọi cụm bắt đầu bằng “đổi mới”.'],
    ['so:1234/QĐ-UBND', 'Số hiệu văn bản (30/2020/NĐ-CP được tìm như một đơn vị).'],
    ['loai:quyet-dinh  coquan:"UBND tỉnh"', 'Loại văn bản, cơ quan ban hành.'],
    ['nam:2024  nam:2021..2025', 'Năm hoặc khoảng năm.'],
    ['thumuc:bao-cao', 'Chỉ tìm trong một thư mục.'],
    ['hieuluc:con / hieuluc:het', 'Văn bản còn / hết hiệu lực.'],
    ['lienquan:1520/QĐ-UBND', 'Văn bản viện dẫn số hiệu này.'],
  ] as Array<[string, string]>,
  helpKeys: 'Phím tắt',
  helpKeyRows: [
    ['Ctrl+K  hoặc  /', 'Đưa con trỏ vào ô tìm kiếm'],
    ['↑  ↓', 'Di chuyển giữa các kết quả'],
    ['Enter', 'Mở kết quả đang chọn'],
    ['C', 'Chép trích dẫn của kết quả đang chọn'],
    ['Esc', 'Đóng cửa sổ, xóa ô tìm kiếm'],
  ] as Array<[string, string]>,
  keyHint: 'Ctrl+K tìm · ↑↓ chọn kết quả · Enter mở · C chép trích dẫn',

  searching: 'Đang tìm…',
  resultCount: (n: number, ms: number) => `${n} kết quả · ${ms < 1 ? '<1' : Math.round(ms)} ms`,
  noResults: (q: string) => `Không tìm thấy đoạn nào cho “${q}”.`,
  noResultsHint: 'Thử bớt từ, bỏ dấu ngoặc kép, hoặc kiểm tra chính tả.',
  modeKeyword: 'Tìm theo từ khóa',
  modeHybrid: 'Từ khóa + ngữ nghĩa',
  modeKeywordNote: 'Chưa có mô hình ngữ nghĩa: đang tìm theo từ khóa.',
  understood: 'Đã hiểu:',
  chipPhrase: 'cụm',
  chipExcluded: 'loại trừ',
  chipPrefix: 'tiền tố',
  chipAnyOf: 'một trong các từ',
  fieldNames: { loai: 'loại', so: 'số', coquan: 'cơ quan', nam: 'năm', thumuc: 'thư mục', hieuluc: 'hiệu lực', lienquan: 'liên quan' } as Record<QueryField, string>,
  startTitle: 'Tìm trong văn bản của cơ quan',
  startBody: 'Gõ vài từ: kết quả hiện ngay, kèm trang, điều khoản và trích dẫn để dán vào báo cáo.',
  startExamples: 'Thử:',
  examples: ['đổi mới sáng tạo', 'chuyển giao công nghệ', 'doi moi sang tao', 'chuyển đổi số'],

  results: 'Kết quả tìm kiếm',
  page: (from: number, to: number | null) => (to && to !== from ? `Trang ${from}–${to}` : `Trang ${from}`),
  badgeKeyword: (rank: number) => `Từ khóa #${rank}`,
  badgeKeywordTitle: 'Khớp từ khóa trong đoạn văn (thứ hạng trong danh sách từ khóa)',
  badgeSemantic: (rank: number) => `Ngữ nghĩa #${rank}`,
  badgeSemanticTitle: 'Gần nghĩa với câu tìm kiếm (thứ hạng theo mô hình ngữ nghĩa)',
  copyCitation: 'Chép trích dẫn',
  copied: 'Đã chép trích dẫn vào bộ nhớ tạm',
  copyFailed: 'Không chép được; hãy chọn và chép trích dẫn bằng tay.',
  open: 'Xem',
  showMore: 'Xem toàn đoạn',
  showLess: 'Thu gọn',
  resultAria: (i: number, title: string) => `Kết quả ${i}: ${title}`,

  detailTitle: 'Đoạn trích',
  citation: 'Trích dẫn',
  location: 'Vị trí',
  section: 'Mục',
  file: 'Tệp',
  openOriginal: 'Mở văn bản gốc',
  openOriginalPage: (p: number) => `Mở văn bản gốc tại trang ${p}`,
  close: 'Đóng',

  libraryTitle: 'Thư viện',
  statDocuments: 'Văn bản',
  statPassages: 'Đoạn văn',
  statMode: 'Chế độ tìm',
  statModel: 'Mô hình ngữ nghĩa',
  noModel: 'Chưa cài',
  embedded: (n: number) => `${n.toLocaleString('vi-VN')} đoạn đã mã hóa`,
  dataFolder: 'Thư mục dữ liệu',
  indexTitle: 'Thêm tài liệu',
  indexHelp: 'Dán đường dẫn một thư mục hoặc tệp trên máy này (PDF, DOCX, TXT, MD, HTML). Thư mục con cũng được đọc; tệp không đổi sẽ được bỏ qua.',
  indexPathLabel: 'Đường dẫn thư mục hoặc tệp',
  indexPathPlaceholder: 'Ví dụ: D:\\VanBan\\2024 hoặc /home/canbo/van-ban',
  indexButton: 'Lập chỉ mục',
  indexBusy: 'Đang lập chỉ mục…',
  useSample: 'Dùng bộ tài liệu mẫu',
  phase: { scan: 'Đang quét thư mục', extract: 'Đang đọc văn bản', embed: 'Đang mã hóa ngữ nghĩa', optimize: 'Đang tối ưu chỉ mục', done: 'Hoàn tất' } as Record<IndexPhase, string>,
  progressCounts: (done: number, total: number, passages: number) => `${done}/${total} tệp · ${passages.toLocaleString('vi-VN')} đoạn`,
  progressLabel: 'Tiến độ lập chỉ mục',
  indexDone: (indexed: number, unchanged: number, failed: number, passages: number, seconds: number) =>
    `Xong: ${indexed} tệp mới hoặc đã đổi, ${unchanged} không đổi, ${failed} lỗi; thêm ${passages} đoạn trong ${seconds.toLocaleString('vi-VN', { maximumFractionDigits: 1 })} giây.`,
  failuresTitle: (n: number) => `Tệp không đọc được (${n})`,
  failuresNone: 'Không có tệp lỗi.',
  failureFile: 'Tệp',
  failureKind: 'Lỗi',
  failureReason: 'Chi tiết',
  failureKinds: {
    unsupported: 'Định dạng chưa hỗ trợ', corrupt: 'Tệp hỏng', encrypted: 'Có mật khẩu', empty: 'Không có chữ',
    unreadable: 'Không mở được', 'too-large': 'Quá lớn', 'not-found': 'Không tìm thấy', timeout: 'Quá thời gian', error: 'Lỗi khác',
  } as Record<FailureKind, string>,
  modelTitle: 'Mô hình ngữ nghĩa',
  modelHelp: 'Có mô hình, kết quả kết hợp từ khóa và ngữ nghĩa. Chép thư mục mô hình (ví dụ từ USB) rồi nhập đường dẫn.',
  modelPathLabel: 'Thư mục mô hình',
  modelImport: 'Cài mô hình',
  modelImported: (id: string) => `Đã cài ${id}; thư viện đang dùng mô hình này.`,
  refresh: 'Làm mới',

  welcomeTitle: 'Chào mừng đến Kho Tri Thức',
  welcomeBody: 'Thư viện chưa có văn bản nào. Bắt đầu với bộ tài liệu mẫu (quyết định, kế hoạch, báo cáo của một số tỉnh) để thấy ngay cách tìm kiếm hoạt động, hoặc thêm thư mục của bạn.',
  welcomeSample: 'Lập chỉ mục bộ tài liệu mẫu',
  welcomeOwn: 'Thêm thư mục của tôi',

  errorTitle: 'Có lỗi',
  errorToken: 'Phiên làm việc không hợp lệ. Hãy mở lại đúng địa chỉ mà lệnh “kho serve” in ra.',
  errorNoApi: 'Không kết nối được với Kho Tri Thức. Hãy mở địa chỉ mà lệnh “kho serve” in ra.',
  errorNetwork: 'Mất kết nối với máy chủ Kho Tri Thức trên máy này.',
};

export type Strings = typeof vi;

const en: Strings = {
  appName: 'Kho Tri Thức',
  tagline: 'Search documents, cite exactly — on your own computer',
  navSearch: 'Search',
  navLibrary: 'Library',
  language: 'Language',
  skipToResults: 'Skip to results',

  searchLabel: 'Search the document library',
  searchPlaceholder: 'Type keywords, e.g. đổi mới sáng tạo',
  searchClear: 'Clear the search',
  suggestions: 'Suggestions',
  helpButton: 'Query syntax',
  helpTitle: 'How to write a query',
  helpClose: 'Close',
  helpRows: [
    ['đổi mới sáng tạo', 'Words to find; accents are optional (doi moi sang tao).'],
    ['"chuyển giao công nghệ"', 'An exact phrase, in double quotes.'],
    ['-ma túy  -"cai nghiện"', 'Exclude a word or a phrase.'],
    ['khởi nghiệp OR ươm tạo', 'Either side; without OR, passages with every word rank first.'],
    ['đổi mới*', 'Prefix: matches everything starting with “đổi mới”.'],
    ['so:1234/QĐ-UBND', 'Document number (30/2020/NĐ-CP is matched as one unit).'],
    ['loai:quyet-dinh  coquan:"UBND tỉnh"', 'Document type, issuing body.'],
    ['nam:2024  nam:2021..2025', 'A year or a range of years.'],
    ['thumuc:bao-cao', 'Only search one folder.'],
    ['hieuluc:con / hieuluc:het', 'Documents in force / no longer in force.'],
    ['lienquan:1520/QĐ-UBND', 'Documents that cite this number.'],
  ],
  helpKeys: 'Keyboard',
  helpKeyRows: [
    ['Ctrl+K  or  /', 'Focus the search box'],
    ['↑  ↓', 'Move through the results'],
    ['Enter', 'Open the selected result'],
    ['C', 'Copy the selected result’s citation'],
    ['Esc', 'Close a window, clear the search'],
  ],
  keyHint: 'Ctrl+K search · ↑↓ select · Enter open · C copy citation',

  searching: 'Searching…',
  resultCount: (n, ms) => `${n} result${n === 1 ? '' : 's'} · ${ms < 1 ? '<1' : Math.round(ms)} ms`,
  noResults: (q) => `No passages found for “${q}”.`,
  noResultsHint: 'Try fewer words, drop the quotes, or check the spelling.',
  modeKeyword: 'Keyword search',
  modeHybrid: 'Keyword + meaning',
  modeKeywordNote: 'No embedding model installed: searching by keyword.',
  understood: 'Understood as:',
  chipPhrase: 'phrase',
  chipExcluded: 'excluded',
  chipPrefix: 'prefix',
  chipAnyOf: 'any of the words',
  fieldNames: { loai: 'type', so: 'number', coquan: 'issuer', nam: 'year', thumuc: 'folder', hieuluc: 'validity', lienquan: 'cites' },
  startTitle: 'Search your office’s documents',
  startBody: 'Type a few words: results appear at once, with page, article and a citation to paste into a report.',
  startExamples: 'Try:',
  examples: ['đổi mới sáng tạo', 'chuyển giao công nghệ', 'doi moi sang tao', 'chuyển đổi số'],

  results: 'Search results',
  page: (from, to) => (to && to !== from ? `Pages ${from}–${to}` : `Page ${from}`),
  badgeKeyword: (rank) => `Keyword #${rank}`,
  badgeKeywordTitle: 'Matched keywords in the passage (rank in the keyword list)',
  badgeSemantic: (rank) => `Meaning #${rank}`,
  badgeSemanticTitle: 'Close in meaning to the query (rank by the embedding model)',
  copyCitation: 'Copy citation',
  copied: 'Citation copied to the clipboard',
  copyFailed: 'Could not copy; select the citation and copy it by hand.',
  open: 'View',
  showMore: 'Show the whole passage',
  showLess: 'Show less',
  resultAria: (i, title) => `Result ${i}: ${title}`,

  detailTitle: 'Passage',
  citation: 'Citation',
  location: 'Location',
  section: 'Section',
  file: 'File',
  openOriginal: 'Open the original document',
  openOriginalPage: (p) => `Open the original at page ${p}`,
  close: 'Close',

  libraryTitle: 'Library',
  statDocuments: 'Documents',
  statPassages: 'Passages',
  statMode: 'Search mode',
  statModel: 'Embedding model',
  noModel: 'None',
  embedded: (n) => `${n.toLocaleString('en')} passages embedded`,
  dataFolder: 'Data folder',
  indexTitle: 'Add documents',
  indexHelp: 'Paste the path of a folder or file on this computer (PDF, DOCX, TXT, MD, HTML). Subfolders are read too; unchanged files are skipped.',
  indexPathLabel: 'Folder or file path',
  indexPathPlaceholder: 'e.g. D:\\Documents\\2024 or /home/officer/documents',
  indexButton: 'Index',
  indexBusy: 'Indexing…',
  useSample: 'Use the sample documents',
  phase: { scan: 'Scanning folders', extract: 'Reading documents', embed: 'Embedding passages', optimize: 'Optimising the index', done: 'Done' },
  progressCounts: (done, total, passages) => `${done}/${total} files · ${passages.toLocaleString('en')} passages`,
  progressLabel: 'Indexing progress',
  indexDone: (indexed, unchanged, failed, passages, seconds) =>
    `Done: ${indexed} new or changed files, ${unchanged} unchanged, ${failed} failed; ${passages} passages added in ${seconds.toFixed(1)} s.`,
  failuresTitle: (n) => `Files that could not be read (${n})`,
  failuresNone: 'No failed files.',
  failureFile: 'File',
  failureKind: 'Problem',
  failureReason: 'Details',
  failureKinds: {
    unsupported: 'Unsupported format', corrupt: 'Damaged file', encrypted: 'Password protected', empty: 'No text',
    unreadable: 'Cannot be opened', 'too-large': 'Too large', 'not-found': 'Not found', timeout: 'Took too long', error: 'Other error',
  },
  modelTitle: 'Embedding model',
  modelHelp: 'With a model, results combine keywords and meaning. Copy a model folder (e.g. from a USB stick) and enter its path.',
  modelPathLabel: 'Model folder',
  modelImport: 'Install model',
  modelImported: (id) => `Installed ${id}; the library now uses it.`,
  refresh: 'Refresh',

  welcomeTitle: 'Welcome to Kho Tri Thức',
  welcomeBody: 'The library has no documents yet. Start with the sample documents (decisions, plans and reports of several provinces) to see search at work at once, or add your own folder.',
  welcomeSample: 'Index the sample documents',
  welcomeOwn: 'Add my own folder',

  errorTitle: 'Something went wrong',
  errorToken: 'This session is not valid. Open the exact address printed by “kho serve”.',
  errorNoApi: 'Cannot reach Kho Tri Thức. Open the address printed by “kho serve”.',
  errorNetwork: 'Lost the connection to the Kho Tri Thức server on this computer.',
};

export const STRINGS: Record<Lang, Strings> = { vi, en };

export const StringsContext = createContext<Strings>(vi);

export function useStrings(): Strings {
  return useContext(StringsContext);
}

const LANG_KEY = 'kho.lang';

export function savedLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function saveLang(lang: Lang): void {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    /* storage unavailable: the choice lasts for this window only */
  }
}
