/**
 * What `kho` prints for people, in Vietnamese (the default) and English. `--json`
 * never goes through here: it keeps codes, slugs and ISO dates. The language is
 * `--lang`, else the locale (LC_ALL, LC_MESSAGES, LANG): English only when it says
 * so, since the program is for Vietnamese offices.
 */
import type { FailureKind } from '../../api/contract.js';
import type { Message } from '../../api/messages.js';
import { failureKindMessage, formatMessage, type Lang } from '../../common/messages/format.js';

export function cliLang(flag: string | true | undefined, env: NodeJS.ProcessEnv = process.env): Lang | null {
  if (typeof flag === 'string') return flag === 'en' || flag === 'vi' ? flag : null;
  // The first of these that is set decides, as in POSIX.
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^en([_.@-]|$)/i.test(locale) ? 'en' : 'vi';
}

export interface CliText {
  errorPrefix: string;
  stopping: string;
  verified(documents: number, passages: number, vectors: number | null, ok: boolean): string;
  basketEmpty: string;
  basketCleared: string;
  note: string;
  added: string;
  wrote(file: string): string;
  watching(folders: string[]): string;
  noModels(folder: string): string;
  modelLine(dims: number | null, mb: string): string;
  installing(folder: string): string;
  installed(id: string, dims: number | null, folder: string): string;
  phase: Record<'scan' | 'extract' | 'embed' | 'optimize' | 'done', string>;
  progress(done: number, total: number, passages: number): string;
  rate(rate: string): string;
  /** The embedding pass: passages with a vector of those missing, its rate (assumed until measured). */
  embedProgress(done: number, total: number, perSecond: string, measured: boolean): string;
  eta(left: string): string;
  /** OCR of scans, page by page: "OCR 3/9 trang". */
  ocrProgress(done: number, total: number): string;
  duration(seconds: number): string;
  summary(s: { indexed: number; unchanged: number; relinked: number; duplicates: number; failed: number; removed: number }): string;
  summaryPassages(added: number, embedded: number, mode: string, seconds: string): string;
  failed: string;
  cancelled: string;
  noResults(query: string): string;
  /** "Results from–to of N documents (M passages)"; `exact` false: "more than". */
  total(total: { passages: number; documents: number; exact: boolean }, from: number, to: number, browse: boolean): string;
  morePassages(n: number): string;
  otherPaths(paths: string[]): string;
  status(s: { dataDir: string; documents: number; passages: number; mode: string }): string;
  model(id: string, dims: number, embedded: number): string;
  noModel: string;
  failedFiles(n: number): string;
  noRelated: string;
  failedDoc(kind: string): string;
  documentsCount(total: number, shown: number, failed: number): string;
  folderRemoved(removed: number, left: number): string;
  noFolders: string;
  statusLine: string;
  setByUser(note: string | null): string;
  page(n: number): string;
  pages(n: number): string;
  passages(n: number): string;
  ocrPages(n: number): string;
  convertedFrom(encodings: string): string;
  copies(n: number): string;
  /** A document as officers name it: "Quyết định số 12/QĐ-UBND ngày 05/3/2024 của UBND tỉnh". */
  identity(type: string | null, number: string | null, date: string | null, issuer: string | null): string;
  since(date: string): string;
  serving: string;
  dataFolder(dir: string): string;
  pressCtrlC: string;
  libraryUpdated(s: { indexed: number; relinked: number; removed: number; failed: number }): string;
  stoppingServer: string;
}

const vi: CliText = {
  errorPrefix: 'kho: ',
  stopping: '\nđang dừng sau tệp hiện tại (nhấn Ctrl+C lần nữa để thoát ngay)…\n',
  verified: (d, p, v, ok) => `${d} văn bản, ${p} đoạn, ${v ?? 'không có'} vectơ: ${ok ? 'khớp nhau' : 'CÓ VẤN ĐỀ'}`,
  basketEmpty: 'giỏ trích dẫn đang trống',
  basketCleared: 'đã bỏ hết các mục trong giỏ trích dẫn',
  note: 'ghi chú',
  added: 'đã thêm',
  wrote: (file) => `đã ghi ${file}`,
  watching: (folders) => `đang theo dõi ${folders.join(', ')} (Ctrl+C để dừng)`,
  noModels: (folder) => `chưa cài mô hình nào trong ${folder}`,
  modelLine: (dims, mb) => `${dims ?? '?'} chiều  ${mb} MB`,
  installing: (folder) => `đang kiểm tra và cài đặt ${folder} …`,
  installed: (id, dims, folder) => `đã cài ${id} (${dims ?? '?'} chiều) vào ${folder}; đây là mô hình đang dùng`,
  phase: { scan: 'quét thư mục', extract: 'đọc tệp', embed: 'tính vectơ', optimize: 'sắp xếp chỉ mục', done: 'xong' },
  progress: (done, total, passages) => `${done}/${total} tệp, ${passages} đoạn`,
  rate: (rate) => `${rate} tệp/giây`,
  eta: (left) => `còn khoảng ${left}`,
  ocrProgress: (done, total) => `OCR ${done}/${total} trang`,
  embedProgress: (done, total, perSecond, measured) => `${done}/${total} đoạn, ${measured ? '' : 'ước '}${perSecond} đoạn/giây`,
  duration: (seconds) => {
    const s = Math.max(0, Math.round(seconds));
    if (s < 60) return `${s} giây`;
    if (s < 3600) return `${Math.floor(s / 60)} phút ${s % 60} giây`;
    return `${Math.floor(s / 3600)} giờ ${Math.round((s % 3600) / 60)} phút`;
  },
  summary: (s) =>
    `đã lập chỉ mục ${s.indexed}, không đổi ${s.unchanged}, đã chuyển chỗ ${s.relinked}, bản sao ${s.duplicates}, lỗi ${s.failed}, đã gỡ ${s.removed}; `,
  summaryPassages: (added, embedded, mode, seconds) => `thêm ${added} đoạn, ${embedded} đoạn có vectơ (tìm theo ${mode}) trong ${seconds} giây`,
  failed: 'lỗi',
  cancelled: 'đã dừng: phần đã lập chỉ mục được giữ lại; chạy "kho index" để làm tiếp',
  noResults: (q) => `không tìm thấy kết quả nào cho "${q}"`,
  total: (t, from, to, browse) => {
    const more = t.exact ? '' : 'hơn ';
    const range = to >= from ? `kết quả ${from}–${to}` : 'không còn kết quả';
    return browse ? `${range} trong ${t.documents} văn bản` : `${range}: ${more}${t.documents} văn bản, ${more}${t.passages} đoạn khớp`;
  },
  morePassages: (n) => `(+${n} đoạn khác cùng điều)`,
  otherPaths: (paths) => `bản giống hệt: ${paths.join(', ')}`,
  status: (s) => `thư mục dữ liệu: ${s.dataDir}\nsố văn bản: ${s.documents}\nsố đoạn: ${s.passages}\ncách tìm: ${s.mode}`,
  model: (id, dims, embedded) => `mô hình: ${id} (${dims} chiều), ${embedded} đoạn có vectơ`,
  noModel: 'mô hình: chưa có',
  failedFiles: (n) => `tệp lỗi: ${n}`,
  noRelated: 'không tìm thấy văn bản liên quan',
  failedDoc: (kind) => `LỖI (${kind})`,
  documentsCount: (total, shown, failed) => `${total} văn bản${shown < total ? ` (hiện ${shown})` : ''}, ${failed} tệp lỗi`,
  folderRemoved: (removed, left) => `đã gỡ ${removed} văn bản khỏi chỉ mục (tệp gốc vẫn giữ nguyên); còn ${left} thư mục`,
  noFolders: 'thư viện chưa có thư mục nào ("kho index <thư mục>" để thêm)',
  statusLine: 'hiệu lực',
  setByUser: (note) => ` (do người dùng ghi nhận${note ? `: ${note}` : ''})`,
  page: (n) => `tr. ${n}`,
  pages: (n) => `${n} trang`,
  passages: (n) => `${n} đoạn`,
  ocrPages: (n) => `OCR ${n} trang`,
  convertedFrom: (enc) => `chuyển mã từ ${enc}`,
  copies: (n) => `${n} bản sao`,
  identity: (type, number, date, issuer) =>
    [type, number && `số ${number}`, date && `ngày ${date}`, issuer && `của ${issuer}`].filter(Boolean).join(' '),
  since: (date) => `từ ${date}`,
  serving: 'Kho Tri Thức đang chạy, chỉ trên máy này. Mở địa chỉ:',
  dataFolder: (dir) => `thư mục dữ liệu: ${dir}`,
  pressCtrlC: 'nhấn Ctrl+C để dừng',
  libraryUpdated: (s) => `đã cập nhật thư viện: lập chỉ mục ${s.indexed}, chuyển chỗ ${s.relinked}, gỡ ${s.removed}, lỗi ${s.failed}`,
  stoppingServer: 'đang dừng…',
};

const en: CliText = {
  errorPrefix: 'kho: ',
  stopping: '\nstopping after the current file (press Ctrl+C again to quit now)…\n',
  verified: (d, p, v, ok) => `documents ${d}, passages ${p}, vectors ${v ?? 'none'}: ${ok ? 'consistent' : 'PROBLEMS'}`,
  basketEmpty: 'the basket is empty',
  basketCleared: 'the basket is now empty',
  note: 'note',
  added: 'added',
  wrote: (file) => `wrote ${file}`,
  watching: (folders) => `watching ${folders.join(', ')} (Ctrl+C to stop)`,
  noModels: (folder) => `no models installed in ${folder}`,
  modelLine: (dims, mb) => `${dims ?? '?'} dims  ${mb} MB`,
  installing: (folder) => `verifying and installing ${folder} …`,
  installed: (id, dims, folder) => `installed ${id} (${dims ?? '?'} dimensions) in ${folder}; it is now the active model`,
  phase: { scan: 'scan', extract: 'extract', embed: 'embed', optimize: 'optimize', done: 'done' },
  progress: (done, total, passages) => `${done}/${total} files, ${passages} passages`,
  rate: (rate) => `${rate} files/s`,
  eta: (left) => `about ${left} left`,
  ocrProgress: (done, total) => `OCR ${done}/${total} pages`,
  embedProgress: (done, total, perSecond, measured) => `${done}/${total} passages, ${measured ? '' : 'assumed '}${perSecond} passages/s`,
  duration: (seconds) => {
    const s = Math.max(0, Math.round(seconds));
    if (s < 60) return `${s} s`;
    if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
    return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
  },
  summary: (s) => `indexed ${s.indexed}, unchanged ${s.unchanged}, moved ${s.relinked}, copies ${s.duplicates}, failed ${s.failed}, removed ${s.removed}; `,
  summaryPassages: (added, embedded, mode, seconds) => `${added} passages added, ${embedded} embedded (${mode}) in ${seconds} s`,
  failed: 'failed',
  cancelled: 'cancelled: what was indexed is kept; "kho index" resumes',
  noResults: (q) => `no results for "${q}"`,
  total: (t, from, to, browse) => {
    const more = t.exact ? '' : 'more than ';
    const range = to >= from ? `results ${from}–${to}` : 'no more results';
    return browse ? `${range} of ${t.documents} documents` : `${range}: ${more}${t.documents} documents, ${more}${t.passages} passages match`;
  },
  morePassages: (n) => `(+${n} more passages of this article)`,
  otherPaths: (paths) => `identical copies: ${paths.join(', ')}`,
  status: (s) => `data folder: ${s.dataDir}\ndocuments: ${s.documents}\npassages: ${s.passages}\nsearch: ${s.mode}`,
  model: (id, dims, embedded) => `model: ${id} (${dims} dims), ${embedded} passages embedded`,
  noModel: 'model: none',
  failedFiles: (n) => `failed files: ${n}`,
  noRelated: 'no related documents found',
  failedDoc: (kind) => `FAILED (${kind})`,
  documentsCount: (total, shown, failed) => `${total} documents${shown < total ? ` (${shown} shown)` : ''}, ${failed} failed`,
  folderRemoved: (removed, left) => `removed ${removed} documents from the index (the files are untouched); folders left: ${left}`,
  noFolders: 'no library folders yet ("kho index <folder>" adds one)',
  statusLine: 'status',
  setByUser: (note) => ` (set by the user${note ? `: ${note}` : ''})`,
  page: (n) => `p. ${n}`,
  pages: (n) => `${n} pages`,
  passages: (n) => `${n} passages`,
  ocrPages: (n) => `OCR ${n} pages`,
  convertedFrom: (enc) => `converted from ${enc}`,
  copies: (n) => `${n} copies`,
  identity: (type, number, date, issuer) => [[type, number && `no. ${number}`, date && `of ${date}`].filter(Boolean).join(' '), issuer].filter(Boolean).join(', '),
  since: (date) => `since ${date}`,
  serving: 'Kho Tri Thức is running on this computer only. Open:',
  dataFolder: (dir) => `data folder: ${dir}`,
  pressCtrlC: 'press Ctrl+C to stop',
  libraryUpdated: (s) => `library updated: ${s.indexed} indexed, ${s.relinked} moved, ${s.removed} removed, ${s.failed} failed`,
  stoppingServer: 'stopping…',
};

export const CLI_TEXT: Record<Lang, CliText> = { vi, en };

/** The language and its texts, for every printing function of one run. */
export interface Speaker {
  lang: Lang;
  t: CliText;
  say(message: Message): string;
}

export function speaker(lang: Lang): Speaker {
  return { lang, t: CLI_TEXT[lang], say: (message) => formatMessage(message, lang) };
}

/**
 * A failure for people: its message in Vietnamese; in English the detailed reason
 * the indexer recorded (English already, and it names the parser's own complaint).
 */
export function failureText(f: { reason: string; message?: Message; kind: FailureKind }, say: Speaker['say'], lang: Lang): string {
  if (lang === 'en') return f.reason;
  return say(f.message ?? failureKindMessage(f.kind));
}
