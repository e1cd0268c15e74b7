/**
 * Issue 16, round 3: classes of wrong values that reached citations, each read
 * right or left out. Built from made-up blocks (the classes, not the held-out
 * documents they were found in):
 *  - a scanner's text layer without Vietnamese marks, or garbled, is OCR;
 *  - a lone capital run ("JCH") read from a scan is no issuer;
 *  - a wrapped summary line ending on a verb that needs its object continues;
 *  - a heading that names its type ("Hướng dẫn viết …") gives the rest as summary;
 *  - a file-name year the first page names only as a subject ("Kế hoạch năm 2005") is not the document's;
 *  - "KT. X / PHÓ X" is split whatever the title;
 *  - a single page image has the page it shows (header → 1, a number on top → that page).
 */
import { describe, expect, it } from 'vitest';
import type { Block } from '../indexer/extract/types.js';
import { extractMetadata } from '../indexer/analyze/identity/metadata.js';
import { textLayer } from '../indexer/analyze/identity/text-layer.js';
import { documentTitle } from '../indexer/analyze/identity/title.js';
import { citations } from '../indexer/cite/citation.js';
import { singleImagePage } from '../indexer/extract/image.js';

const para = (text: string): Block => ({ text, page: 1, kind: 'paragraph' });

const BODY =
  'Để bảo đảm an toàn giao thông cho học sinh, sinh viên trong dịp nghỉ hè, Sở Giáo dục và Đào tạo đề nghị các đơn vị, ' +
  'trường học tăng cường công tác tuyên truyền, phổ biến pháp luật về trật tự an toàn giao thông; phối hợp với gia đình ' +
  'quản lý học sinh trong thời gian nghỉ hè; tổ chức cho học sinh ký cam kết chấp hành các quy định khi tham gia giao thông.';
/** The same letter as a scanner's English-model layer leaves it: no marks. */
const unmark = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');

function letter(transform: (s: string) => string): Block[] {
  return [
    para(transform('UBND THÀNH PHỐ ĐÀ NẴNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')),
    para(transform('SỞ GIÁO DỤC VÀ ĐÀO TẠO Độc lập - Tự do - Hạnh phúc')),
    para(transform('Số: 1595/SGDĐT-CTrTT Đà Nẵng, ngày 31 tháng 5 năm 2019')),
    para(transform('V/v bảo đảm trật tự an toàn giao thông cho học sinh trong dịp nghỉ hè')),
    para(transform('Kính gửi: Các đơn vị, trường học trực thuộc.')),
    para(transform(BODY)),
    para(transform(BODY)),
    para(transform('Nơi nhận: - Như trên; - Lưu: VT. KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC')),
    para(transform('Trần Văn Bình')),
  ];
}

describe('a text layer that is not the printed text', () => {
  it('tells printed Vietnamese from a layer without marks and from a garbled one', () => {
    expect(textLayer(letter((s) => s).map((b) => b.text).join('\n'))).toBe('printed');
    expect(textLayer(letter(unmark).map((b) => b.text).join('\n'))).toBe('unmarked');
    const garble = (s: string) => s.split(' ').map((w, i) => (i % 4 === 1 && w.length > 2 ? `${w.slice(0, -1)}f3` : w)).join(' ');
    expect(textLayer(letter(garble).map((b) => b.text).join('\n'))).toBe('garbled');
    // English, or too little text: nothing to judge.
    expect(textLayer('The committee reviewed the annual report of the provincial department and approved it. '.repeat(6))).toBe('printed');
    expect(textLayer('Hà Noi')).toBe('printed');
  });

  it('states no word field from a layer without marks, and no title from its summary', () => {
    const blocks = letter(unmark);
    const meta = extractMetadata(blocks, { fileName: '/scans/letter.pdf' });
    expect(meta.summary).not.toBeNull();
    expect(meta.unsure?.summary).toBe('ocr');
    if (meta.issuer) expect(meta.unsure?.issuer).toBe('ocr');
    if (meta.number) expect(meta.unsure?.number).toBe('ocr');
    // The title does not repeat a summary without its marks.
    expect(documentTitle(blocks, null, meta, '/scans/letter.pdf')).not.toContain('bao dam');
    // The printed letter keeps everything.
    const printed = extractMetadata(letter((s) => s), { fileName: '/docs/letter.docx' });
    expect(printed.unsure).toBeUndefined();
    expect(printed.number).toBe('1595/SGDĐT-CTrTT');
  });
});

describe('values read from a scan', () => {
  it('leaves out a lone capital run read as the issuer', () => {
    const ocr = (text: string): Block => ({ text, page: 1, kind: 'paragraph', ocr: true });
    const meta = extractMetadata(
      [ocr('JCH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'), ocr('Độc lập - Tự do - Hạnh phúc'), ocr('V/v thực hiện kế hoạch năm học'), ocr('Kính gửi: Các trường.')],
      { fileName: '/scans/x.pdf' },
    );
    expect(meta.issuer).toBe('JCH');
    expect(meta.unsure?.issuer).toBe('ocr');
    const cited = citations(meta, { path: '/scans/x.pdf', page: 1, section: null, ocr: true }).best;
    expect(cited).not.toContain('JCH');
  });
});

describe('summaries, years and positions read right', () => {
  it('continues a summary line that ends on a verb needing its object', () => {
    const meta = extractMetadata(
      [
        para('CHÍNH PHỦ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'),
        para('Số: 12/2005/NĐ-CP Hà Nội, ngày 02 tháng 3 năm 2005'),
        para('NGHỊ ĐỊNH'),
        para('Quy định chi tiết và hướng dẫn thi hành'),
        para('Luật Bảo vệ và phát triển rừng'),
        para('CHÍNH PHỦ'),
        para('Căn cứ Luật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001;'),
      ],
      { fileName: 'nd.doc' },
    );
    expect(meta.summary).toBe('Quy định chi tiết và hướng dẫn thi hành Luật Bảo vệ và phát triển rừng');
  });

  it('gives a heading that names its type the rest as summary', () => {
    const meta = extractMetadata(
      [
        para('Hướng dẫn lập dự toán kinh phí đề tài cấp tỉnh'),
        para('(Ban hành kèm theo Quyết định số 25/2010/QĐ-UBND ngày 10/5/2010 của UBND tỉnh Nam Định)'),
        para('1. Dự toán lập theo mẫu.'),
      ],
      { fileName: 'hd.doc' },
    );
    expect(meta.type).toBe('huong-dan');
    expect(meta.summary).toBe('Lập dự toán kinh phí đề tài cấp tỉnh');
  });

  it('takes a file-name year only when the first page dates or numbers something with it', () => {
    const plan = [para('KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2005'), para('Báo cáo trình Hội đồng nhân dân tỉnh tại kỳ họp thứ 3.'), para('Năm 2004 tăng trưởng khá.')];
    expect(extractMetadata(plan, { fileName: '2005-Ke-hoach.doc' }).year).toBeNull();
    const dated = [para('BÁO CÁO TỔNG KẾT'), para('Hà Nội, tháng 12/2005'), para('Năm 2004 và 2005 tăng trưởng khá.')];
    expect(extractMetadata(dated, { fileName: '2005-Bao-cao.doc' }).year).toBe(2005);
  });

  it('splits "KT. X PHÓ X" for a title not in the list', () => {
    const meta = extractMetadata(
      [
        para('NGÂN HÀNG NHÀ NƯỚC VIỆT NAM CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'),
        para('Số: 01/2006/TT-NHNN Hà Nội, ngày 20 tháng 2 năm 2006'),
        para('THÔNG TƯ'),
        para('Hướng dẫn góp vốn'),
        para('Điều 1. Phạm vi.'),
        para('Nơi nhận: - Như trên; KT. TỔNG KIỂM TOÁN NHÀ NƯỚC PHÓ TỔNG KIỂM TOÁN NHÀ NƯỚC'),
        para('Nguyễn Văn An'),
      ],
      { fileName: 'tt.doc' },
    );
    expect(meta.signerPosition).toBe('KT. TỔNG KIỂM TOÁN NHÀ NƯỚC / PHÓ TỔNG KIỂM TOÁN NHÀ NƯỚC');
  });
});

describe('the page of a single page image', () => {
  it('is 1 under a header, the number printed on top otherwise, and unknown without either', () => {
    expect(singleImagePage('UBND THÀNH PHÓ ĐÀ NẴNG CỘNG HOÀ XÃ HỘI CHỦ NGHĨA\nSỞ GIÁO DỤC\nSố: 1906 /SGDĐT')).toBe(1);
    expect(singleImagePage('2\n- Báo cáo công tác chuẩn bị')).toBe(2);
    expect(singleImagePage('- 3 -\nc) Thủ trưởng các đơn vị')).toBe(3);
    expect(singleImagePage('Trang hai nói về\nchuyển giao công nghệ')).toBeNull();
  });

  it('is not repeated in the citation when the title already names it', () => {
    const best = citations(null, { path: '/scans/4_2.jpg', page: 2, section: null, title: 'Trang 2: Đối với các trường', ocr: true }).best;
    expect(best).toBe('Trang 2: Đối với các trường (4_2.jpg; bản quét, nhận dạng tự động)');
  });
});

describe('classes found by the fresh documents (issue 16, round 3)', () => {
  it('keeps a body whole where a place or a name holds a unit word, and splits a parent of the same name', async () => {
    const { splitUnits } = await import('../indexer/analyze/identity/metadata.js');
    expect(splitUnits('UBND THÀNH PHỐ HẢI PHÒNG SỞ Y TẾ')).toEqual(['UBND THÀNH PHỐ HẢI PHÒNG', 'SỞ Y TẾ']);
    expect(splitUnits('THỦ TƯỚNG CHÍNH PHỦ')).toEqual(['THỦ TƯỚNG CHÍNH PHỦ']);
    expect(splitUnits('VĂN PHÒNG CHÍNH PHỦ')).toEqual(['VĂN PHÒNG CHÍNH PHỦ']);
    expect(splitUnits('UBND HUYỆN TRƯỜNG SA PHÒNG NỘI VỤ')).toEqual(['UBND HUYỆN TRƯỜNG SA', 'PHÒNG NỘI VỤ']);
    expect(splitUnits('BẢO HIỂM XÃ HỘI VIỆT NAM BẢO HIỂM XÃ HỘI TỈNH BÌNH DƯƠNG')).toEqual(['BẢO HIỂM XÃ HỘI VIỆT NAM', 'BẢO HIỂM XÃ HỘI TỈNH BÌNH DƯƠNG']);
    expect(splitUnits('UBND TỈNH ĐỒNG THÁP VĂN PHÒNG')).toEqual(['UBND TỈNH ĐỒNG THÁP', 'VĂN PHÒNG']);
  });

  it('reads a council and its locality from a header read row by row', () => {
    const meta = extractMetadata(
      [para('ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM XÃ AN BÌNH Độc lập - Tự do - Hạnh phúc Số: 07/BB-UBND An Bình, ngày 12 tháng 8 năm 2024'), para('BIÊN BẢN Họp xét duyệt hồ sơ'), para('Nội dung họp.')],
      { fileName: 'bb.txt' },
    );
    expect(meta.issuer).toBe('ỦY BAN NHÂN DÂN XÃ AN BÌNH');
  });

  it('keeps the signer\'s case beside a position, and reads two signatures side by side', () => {
    const one = extractMetadata(
      [para('UBND HUYỆN X PHÒNG Y CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'), para('Số: 5/BC-P Huyện X, ngày 01 tháng 02 năm 2024'), para('BÁO CÁO'), para('Kết quả công tác'), para('Nội dung.'), para('Nơi nhận: - Lưu: VT.'), para('TRƯỞNG PHÒNG (Đã ký) Lê Văn Hùng')],
      { fileName: 'bc.pdf' },
    );
    expect([one.signer, one.signerPosition]).toEqual(['Lê Văn Hùng', 'TRƯỞNG PHÒNG']);
    const two = extractMetadata(
      [para('ỦY BAN NHÂN DÂN XÃ Z CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'), para('Số: 7/BB-UBND Z, ngày 01 tháng 02 năm 2024'), para('BIÊN BẢN'), para('Họp xét duyệt'), para('Nội dung.'), para('THƯ KÝ CHỦ TRÌ'), para('(Đã ký) (Đã ký)'), para('Nguyễn Thị Lan Võ Văn Tám')],
      { fileName: 'bb.txt' },
    );
    expect([two.signer, two.signerPosition]).toEqual(['Võ Văn Tám', 'CHỦ TRÌ']);
    // A person named in a recipient item ("- PTTg Lê Minh Khái;") does not cut the position lines.
    const vpcp = extractMetadata(
      [para('VĂN PHÒNG CHÍNH PHỦ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'), para('Số: 1/VPCP-KTTH Hà Nội, ngày 16 tháng 5 năm 2024'), para('V/v xử lý kiến nghị'), para('Kính gửi: Bộ Tài chính.'), para('Nội dung.'),
        para('Nơi nhận: TL. THỦ TƯỚNG - Như trên; KT. BỘ TRƯỞNG, CHỦ NHIỆM - TTg, PTTg Lê Minh Khái; PHÓ CHỦ NHIỆM - Lưu: VT. (Đã ký) Mai Thị Thu Vân')],
      { fileName: 'cv.txt' },
    );
    expect([vpcp.signer, vpcp.signerPosition]).toEqual(['Mai Thị Thu Vân', 'TL. THỦ TƯỚNG / KT. BỘ TRƯỞNG, CHỦ NHIỆM / PHÓ CHỦ NHIỆM']);
  });

  it('reads summaries without the enacting authority, with a "Thực hiện" subject, and without a date line beside the V/v', () => {
    const qd = extractMetadata(
      [para('ỦY BAN NHÂN DÂN TỈNH B CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'), para('Số: 45/2022/QĐ-UBND B, ngày 08 tháng 11 năm 2022'), para('QUYẾT ĐỊNH'), para('Ban hành Quy chế quản lý cụm công nghiệp ỦY BAN NHÂN DÂN TỈNH B'), para('Căn cứ Luật.')],
      { fileName: 'qd.pdf' },
    );
    expect(qd.summary).toBe('Ban hành Quy chế quản lý cụm công nghiệp');
    const hd = extractMetadata(
      [para('BẢO HIỂM XÃ HỘI TỈNH C CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'), para('Số: 03/HD-BHXH C, ngày 10 tháng 01 năm 2024'), para('HƯỚNG DẪN'), para('Thực hiện thu bảo hiểm xã hội năm 2024'), para('Căn cứ Quyết định.')],
      { fileName: 'hd.docx' },
    );
    expect(hd.summary).toBe('Thực hiện thu bảo hiểm xã hội năm 2024');
    const cv = extractMetadata(
      [para('VĂN PHÒNG CHÍNH PHỦ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Số: 3210/VPCP-KTTH V/v xử lý kiến nghị của Hiệp hội Hà Nội, ngày 16 tháng 5 năm 2024 Doanh nghiệp nhỏ và vừa'), para('Kính gửi: Bộ Tài chính.')],
      { fileName: 'cv.txt' },
    );
    expect(cv.summary).toBe('xử lý kiến nghị của Hiệp hội Doanh nghiệp nhỏ và vừa');
    expect(cv.issuer).toBe('VĂN PHÒNG CHÍNH PHỦ');
  });

  it('takes no number from a decision line left blank in a template, nor a spreadsheet\'s next cell', () => {
    const blank = extractMetadata(
      [para('UBND HUYỆN D'), para('Mẫu số 21/CKTC-NSH'), para('CÂN ĐỐI DỰ TOÁN NGÂN SÁCH NĂM 2006'), para('(Kèm theo Quyết định số : ……/2006/QĐ-UBND ngày …tháng …năm 2006\tĐVT: đồng'), para('của Ủy ban nhân dân huyện D )')],
      { fileName: 'mau.xls' },
    );
    expect(blank.number).toBeNull();
    expect(blank.partOf).toBeNull();
    const filled = extractMetadata(
      [para('UBND HUYỆN D'), para('Mẫu số 21/CKTC-NSH'), para('CÂN ĐỐI QUYẾT TOÁN NGÂN SÁCH NĂM 2004'), para('(Kèm theo Quyết định số : 38/2005/QĐ-UBND ngày 23 tháng 9 năm 2005\tĐVT: đồng'), para('của Ủy ban nhân dân huyện D )')],
      { fileName: 'mau.xls' },
    );
    expect(filled.number).toBe('38/2005/QĐ-UBND');
    expect(filled.partOf).not.toContain('ĐVT');
  });
});
