/**
 * Messages as codes: what the back end says crosses as `{ code, params }` and is
 * worded in Vietnamese or English by indexer/common/messages. A notice, a user
 * error and a failure reason, each produced by the real code and read in both
 * languages; the CLI's choice of language. (The CLI and the web UI switching
 * languages end to end: cli.e2e.test.ts and web.e2e.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { UserError } from '../indexer/api/errors.js';
import type { Message } from '../indexer/api/messages.js';
import { formatMessage } from '../indexer/common/messages/format.js';
import { extractFile } from '../indexer/extract/index.js';
import { ExtractionError } from '../indexer/extract/types.js';
import { search } from '../indexer/search/search.js';
import { cliLang } from '../indexer/transports/cli/text.js';
import { parseQuery } from '../indexer/vietnamese/query.js';
import { thrown } from './helpers.js';

/** Words that would give away an English sentence in a Vietnamese text. */
const ENGLISH = /\b(the|is|not|no|file|query|search|only|installed|password|damaged|found|too|long)\b/i;

function both(message: Message): { vi: string; en: string } {
  return { vi: formatMessage(message, 'vi'), en: formatMessage(message, 'en') };
}

describe('messages in Vietnamese and English', () => {
  it('words a notice: keyword-only search', () => {
    const { vi, en } = both({ code: 'search.keywordOnly', params: { model: null } });
    expect(vi).toBe('Đang tìm theo từ khóa: chưa cài mô hình ngữ nghĩa (xem “kho model import” / “kho model fetch”).');
    expect(en).toMatch(/^keyword search only: no embedding model installed/);
    expect(both({ code: 'search.keywordOnly', params: { model: 'Xenova/multilingual-e5-small' } }).vi).toMatch(/mô hình Xenova\/multilingual-e5-small/);
  });

  it('words a user error thrown by the search: a query over the length limit', async () => {
    const error = await thrown(() => search({} as never, { query: 'đổi mới '.repeat(200) }));
    expect(error).toBeInstanceOf(UserError);
    const message = (error as UserError).toMessage();
    expect(message).toEqual({ code: 'query.tooLong', params: { length: 1599, max: 1000 } });
    const { vi, en } = both(message);
    expect(vi).toBe('Câu tìm kiếm quá dài (1599 ký tự; tối đa 1000).');
    expect(en).toBe('the search query is too long (1599 characters; at most 1000)');
    // A thrown user error reads in English for logs (and tests that match on it).
    expect((error as Error).message).toBe(en);
    expect(new UserError('folder.missing', { path: '/khong-co' }).message).toBe('no such file or folder: /khong-co');
    expect(formatMessage({ code: 'folder.missing', params: { path: '/khong-co' } }, 'vi')).toBe('Không có tệp hoặc thư mục: /khong-co');
  });

  it('words failure reasons from the extractors: a damaged PDF, a password-protected document, a misnamed file', async () => {
    const corrupt = await thrown(() => extractFile('hong.pdf', Buffer.from('%PDF-1.4\nnot a pdf body at all')));
    expect(corrupt).toBeInstanceOf(ExtractionError);
    expect((corrupt as ExtractionError).kind).toBe('corrupt');
    expect((corrupt as ExtractionError).coded).toEqual({ code: 'failure.corrupt', params: { format: 'pdf' } });
    expect(both((corrupt as ExtractionError).coded)).toEqual({
      vi: 'Tệp PDF bị hỏng hoặc không đúng định dạng.',
      en: 'the PDF is damaged or not a readable PDF',
    });
    const misnamed = await thrown(() => extractFile('bao-cao.docx', Buffer.from('%PDF-1.4 nothing')));
    expect((misnamed as ExtractionError).coded.code).toBe('failure.corrupt');
    const encrypted: Message = { code: 'failure.encrypted', params: { format: 'word' } };
    expect(both(encrypted)).toEqual({ vi: 'Văn bản Word có đặt mật khẩu.', en: 'the Word document is password-protected' });
    const unsupported = await thrown(() => extractFile('ghi-chu.xyz', Buffer.from('abc')));
    expect(both((unsupported as ExtractionError).coded)).toEqual({ vi: 'Chưa hỗ trợ loại tệp “.xyz”.', en: 'unsupported file type ".xyz"' });
    // Failures stored before reasons had codes are worded by their kind.
    expect(formatMessage({ code: 'failure.kind', params: { kind: 'encrypted' } }, 'vi')).toBe('Tệp có đặt mật khẩu.');
  });

  it('words the query parser’s problems once each, with no English in Vietnamese', () => {
    const parsed = parseQuery('đổi mới "sáng tạo tacgia:Nguyễn nam:20x4');
    expect(parsed.problems.map((p) => p.code)).toEqual(['query.unclosedQuote']);
    for (const query of ['tacgia:Nguyễn báo cáo', 'nam:20x4 đề án', '-loai:quyet-dinh x', 'so: x', '   ']) {
      for (const problem of parseQuery(query).problems) {
        const { vi, en } = both(problem);
        expect(vi, problem.code).not.toMatch(ENGLISH);
        expect(en, problem.code).not.toBe(vi);
      }
    }
  });

  it('keeps Vietnamese texts free of English for the codes the UI shows most', () => {
    const shown: Message[] = [
      { code: 'search.keywordOnly', params: { model: null } },
      { code: 'search.filtersOnly', params: {} },
      { code: 'index.interrupted', params: { cancelled: true, done: 3, total: 10 } },
      { code: 'query.tooLong', params: { length: 1200, max: 1000 } },
      { code: 'failure.corrupt', params: { format: 'pdf' } },
      { code: 'failure.encrypted', params: { format: 'excel' } },
      { code: 'failure.scanned', params: { cause: 'ocr-failed' } },
      { code: 'failure.timeout', params: { seconds: 1800 } },
      { code: 'document.notInLibrary', params: { path: '/a/b.pdf' } },
    ];
    for (const message of shown) expect(formatMessage(message, 'vi'), message.code).not.toMatch(ENGLISH);
    // An unknown code (a newer back end) shows as itself rather than vanishing.
    expect(formatMessage({ code: 'khong.co', params: {} } as never, 'vi')).toBe('khong.co');
  });

  it('chooses the CLI language from --lang, else the locale: English only when it says so', () => {
    expect(cliLang(undefined, {})).toBe('vi');
    expect(cliLang(undefined, { LANG: 'C.UTF-8' })).toBe('vi');
    expect(cliLang(undefined, { LANG: 'vi_VN.UTF-8' })).toBe('vi');
    expect(cliLang(undefined, { LANG: 'en_US.UTF-8' })).toBe('en');
    expect(cliLang(undefined, { LANG: 'en_US.UTF-8', LC_MESSAGES: 'vi_VN' })).toBe('vi');
    expect(cliLang(undefined, { LANG: 'vi_VN', LC_ALL: 'en_GB.UTF-8' })).toBe('en');
    expect(cliLang('en', { LANG: 'vi_VN' })).toBe('en');
    expect(cliLang('vi', { LANG: 'en_US' })).toBe('vi');
    expect(cliLang('fr', {})).toBeNull();
  });
});
