/**
 * The citation forms behind the real-passage table (issue 16), one rule at a
 * time: laws by name and number, the fall-back when identity fields are unsure,
 * the OCR mark carried into the basket's Markdown and DOCX exports, sections
 * cited whole or by their number, and headings broken across lines joined.
 */
import { describe, expect, it } from 'vitest';
import type { DocumentMetadata } from '../indexer/api/contract.js';
import { chunkBlocks } from '../indexer/analyze/chunk.js';
import { joinedHeadingText, SectionTracker } from '../indexer/analyze/structure.js';
import { basketToDocx, basketToMarkdown } from '../indexer/cite/basket.js';
import { administrativeCitation, citations, OCR_MARK, sectionCitation, withOcrMark } from '../indexer/cite/citation.js';
import type { Block } from '../indexer/extract/types.js';

const base: DocumentMetadata = {
  kind: 'administrative', type: null, typeName: null, number: null, symbol: null, issuer: null, issuerParent: null, issuerName: null,
  place: null, date: null, dateText: null, year: null, summary: null, signer: null, signerPosition: null, title: null, author: null,
  authorDegree: null, unit: null, department: null, code: null, partOf: null, sources: {},
};
const meta = (fields: Partial<DocumentMetadata>): DocumentMetadata => ({ ...base, ...fields });
const at = (section: string | null, page: number | null = null, ocr = false) => ({ path: '/k/f.pdf', page, pageEnd: page, section, ocr });

describe('laws, codes and ordinances by name and number', () => {
  const law = meta({ type: 'luat', typeName: 'Luật', issuer: 'Quốc hội', issuerName: 'Quốc hội', summary: 'HỢP TÁC XÃ', date: '2003-11-26', year: 2003 });
  it('writes "Luật Hợp tác xã số 18/2003/QH11", never "Luật ngày … của Quốc hội"', () => {
    expect(administrativeCitation({ ...law, number: '18/2003/QH11' }, at('Chương VII › Điều 45 › khoản 2–3'))).toBe('Luật Hợp tác xã số 18/2003/QH11, Điều 45, khoản 2–3');
    // Without a number, by name and the date a "Căn cứ" line gives it; never "của Quốc hội".
    expect(administrativeCitation(law, at('Điều 45'))).toBe('Luật Hợp tác xã ngày 26/11/2003, Điều 45');
    expect(administrativeCitation({ ...law, unsure: { date: 'cited' } }, at('Điều 45'))).toBe('Luật Hợp tác xã, Điều 45');
    expect(administrativeCitation(meta({ type: 'bo-luat', typeName: 'Bộ luật', summary: 'DÂN SỰ', number: '91/2015/QH13' }), at('Điều 3'))).toBe('Bộ luật Dân sự số 91/2015/QH13, Điều 3');
    expect(administrativeCitation(meta({ type: 'phap-lenh', typeName: 'Pháp lệnh', summary: 'Giống cây trồng', number: '15/2004/PL-UBTVQH11' }), at(null))).toBe('Pháp lệnh Giống cây trồng số 15/2004/PL-UBTVQH11');
    expect(administrativeCitation(meta({ type: 'luat', typeName: 'Luật', summary: 'THUẾ tiêu thụ đặc biệt' }), at('Chương I › Điều 1'))).toBe('Luật Thuế tiêu thụ đặc biệt, Điều 1');
  });
  it('cites a law file without a header by the name its first line gives, adding nothing', () => {
    expect(citations(null, { ...at('Điều 45 › khoản 2'), path: '/k/02.txt', title: 'Luật Viên chức' }).best).toBe('Luật Viên chức, Điều 45, khoản 2');
    expect(citations(null, { ...at('Điều 5'), path: '/k/x.txt', title: 'Luật' }).best).toBe('Luật, Điều 5 (x.txt)');
  });
});

describe('unsure identity fields are left out', () => {
  const cv = meta({ type: 'cong-van', typeName: 'Công văn', issuerName: 'Sở Giáo dục và Đào tạo thành phố Đà Nẵng', number: '4/35/SGDĐT-CTrTT', date: '2019-05-31' });
  it('falls back to type and issuer, marked as a scan', () => {
    const unsure = { ...cv, unsure: { number: 'ocr', date: 'ocr' } } as DocumentMetadata;
    expect(administrativeCitation(unsure, at(null, 1, true))).toBe(`Công văn của Sở Giáo dục và Đào tạo thành phố Đà Nẵng, tr. 1 (${OCR_MARK})`);
    const noNumber = { ...cv, number: null, date: null, sources: { type: 'ocr', issuer: 'ocr' } } as DocumentMetadata;
    expect(administrativeCitation(noNumber, at(null, 1, true))).toBe(`Công văn của Sở Giáo dục và Đào tạo thành phố Đà Nẵng, tr. 1 (${OCR_MARK})`);
    // A date that is a cited document's goes; the sure number stays.
    expect(administrativeCitation({ ...cv, number: '1906/SGDĐT-CTrTT', unsure: { date: 'cited' } }, at(null))).toBe('Công văn số 1906/SGDĐT-CTrTT của Sở Giáo dục và Đào tạo thành phố Đà Nẵng');
    expect(administrativeCitation({ ...cv, unsure: { issuerName: 'ocr', issuer: 'ocr' } }, at(null))).toBe('Công văn số 4/35/SGDĐT-CTrTT ngày 31/5/2019');
  });
  it('keeps the title form for a text document without number or date', () => {
    expect(administrativeCitation({ ...cv, number: null, date: null }, at(null))).toBeNull();
  });
});

describe('the OCR mark', () => {
  it('is added once, inside a closing file-name parenthesis', () => {
    expect(withOcrMark('Công văn số 1, tr. 1', true)).toBe(`Công văn số 1, tr. 1 (${OCR_MARK})`);
    expect(withOcrMark('Thông báo, tr. 3 (3.pdf)', true)).toBe(`Thông báo, tr. 3 (3.pdf; ${OCR_MARK})`);
    expect(withOcrMark(withOcrMark('x', true), true)).toBe(`x (${OCR_MARK})`);
    expect(withOcrMark('x', false)).toBe('x');
    const set = citations(null, { ...at('Điều 2', 2, true), title: 'Tờ trình' });
    for (const form of [set.best, set.plain]) expect(form).toContain(OCR_MARK);
  });
  it('goes with the citation into the basket exports', async () => {
    const citation = citations(meta({ type: 'cong-van', typeName: 'Công văn', issuerName: 'Sở Giáo dục và Đào tạo thành phố Đà Nẵng', sources: { type: 'ocr' } }), at(null, 1, true)).best;
    const item = { id: 'i', passageId: 'p', documentId: 'd', path: '/k/1.pdf', title: null, page: 1, pageEnd: 1, section: null, text: 'Văn bản quét', citation, citations: null, note: '', addedAt: '2026-01-01T00:00:00Z' };
    expect(basketToMarkdown([item])).toContain(OCR_MARK);
    const docx = Buffer.from(await basketToDocx([item], { date: null }));
    expect(docx.length).toBeGreaterThan(1000);
  });
});

describe('sections as a citation writes them', () => {
  it('keeps ordinal parts whole and drops type lines and closing colons', () => {
    expect(sectionCitation('Phần thứ hai › I. Thuế thu nhập doanh nghiệp:')).toBe('Phần thứ hai, mục I. Thuế thu nhập doanh nghiệp');
    expect(sectionCitation('PHẦN THỨ NHẤT › II. Kết quả')).toBe('Phần thứ nhất, mục II. Kết quả');
    expect(sectionCitation('BÁO CÁO')).toBeNull();
    expect(sectionCitation('QUYẾT ĐỊNH › Điều 1 › khoản 1')).toBe('Điều 1, khoản 1');
    expect(sectionCitation('Điều kiện tham gia')).toBe('Điều kiện tham gia');
    expect(sectionCitation('I. KẾT QUẢ › 2. Kết quả thực hiện › 2.1. Số lượng và kinh phí')).toBe('mục I.2.1. Số lượng và kinh phí');
  });
  it('cites a long or shortened heading by its number, never cut mid-phrase', () => {
    const long = 'III. Trong Thông tư này, các từ ngữ dưới đây được hiểu như sau và áp dụng cho mọi đối tượng nộp thuế nêu tại các mục khác của Thông tư';
    expect(sectionCitation(long)).toBe('mục III');
    expect(sectionCitation('5. Hệ sinh thái khởi nghiệp đổi mới sáng tạo và doanh nghiệp khoa…')).toBe('mục 5');
    // A heading whose rest went into the next paragraph, or a list's lead-in, ends on a word that needs more.
    expect(sectionCitation('Phần thứ nhất › I. Đánh giá tổng quát › 11. Sức cạnh tranh của')).toBe('Phần thứ nhất, mục I.11');
    expect(sectionCitation('Phần III › I. Tổng số cho vay theo:')).toBe('Phần III, mục I');
  });
});

describe('headings broken across lines', () => {
  const block = (text: string, kind: Block['kind'] = 'paragraph', page = 3): Block => ({ text, kind, page }) as Block;
  it('joins the rest of a heading that wrapped onto the next line, and nothing else', () => {
    const blocks = [
      block('3. Phát triển thị trường khoa học và công nghệ, chuyển giao công', 'heading'),
      block('nghệ'),
      block('Giai đoạn 2021 - 2025 có 412 hợp đồng, giao dịch chuyển giao công nghệ với tổng giá trị khoảng 265 tỷ đồng. Tỉnh đã tổ chức 04 sự kiện kết nối cung - cầu công nghệ, hỗ trợ doanh nghiệp đổi mới công nghệ và thương mại hóa kết quả nghiên cứu.'),
      block('III. Dự báo một số cân đối lớn của nền kinh tế trong kế'),
      block('hoạch năm 2005.'),
      block('1. Dự báo lao động và việc làm', 'heading'),
      block('II. Kết quả:'),
      block('a) điểm một'),
    ];
    expect(joinedHeadingText(blocks, 0)).toBe('3. Phát triển thị trường khoa học và công nghệ, chuyển giao công nghệ');
    expect(joinedHeadingText(blocks, 3)).toBe('III. Dự báo một số cân đối lớn của nền kinh tế trong kế hoạch năm 2005.');
    expect(joinedHeadingText(blocks, 6)).toBe('II. Kết quả:');
    const tracker = new SectionTracker(blocks);
    const paths = blocks.map((b) => tracker.enter(b));
    expect(paths[2]).toBe('3. Phát triển thị trường khoa học và công nghệ, chuyển giao công nghệ');
    expect(paths[5]).toBe('III. Dự báo một số cân đối lớn của nền kinh tế trong kế hoạch năm 2005. › 1. Dự báo lao động và việc làm');
    const passage = chunkBlocks(blocks).passages.find((p) => p.text.includes('412 hợp đồng'))!;
    expect(sectionCitation(passage.section)).toBe('mục 3. Phát triển thị trường khoa học và công nghệ, chuyển giao công nghệ');
  });
});
