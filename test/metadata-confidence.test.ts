/**
 * Identity with confidence (issue 16): where each field came from and which are
 * not sure enough for a citation. The OCR'd headers are those tesseract reads
 * from ../shared/data/scans-danang/1.pdf and 3.pdf (copied here: OCR takes a
 * minute): 1.pdf's number is handwritten, 3.pdf's own day is unreadable and its
 * trích yếu cites a notice dated 17/8/2023.
 */
import { describe, expect, it } from 'vitest';
import type { Block } from '../indexer/extract/types.js';
import { extractMetadata } from '../indexer/analyze/identity/metadata.js';
import { ownDate, plausibleNumber, plausibleWords } from '../indexer/analyze/identity/confidence.js';
import { documentTitle } from '../indexer/analyze/identity/title.js';

const ocr = (text: string, page = 1): Block => ({ text, page, kind: 'paragraph', ocr: true });
const para = (text: string): Block => ({ text, page: null, kind: 'paragraph' });

const SCAN_1 = [
  ocr('UBND THÀNH PHÓ ĐÀ NẴNG CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM'),
  ocr('- SỞ GIÁO DỤC VÀ ĐÀO TẠO Độc lập - Tự do - Hạnh phúc Số: 4/35/SGDĐT-CTrTT Đà Nẵng, ngày 84 tháng 5 năm 2019 V/ bảo đảm TTATGT cho HS, SV 1. Cô Hương gửi văn bản đến các đơn vị'),
  ocr('Kính gửi:'),
  ocr('- Trưởng phòng GD&ĐÐT các quận, huyện;'),
  ocr('Nơi nhận: KT. GIÁM ĐỐC _~ Như trên; : “$.- GIAM ĐỌC', 2),
  ocr('Trần Nguyễn Minh Thành 2', 2),
];
const SCAN_3 = [
  ocr('SAO Y f . Ủy ban nhân dân thành phố Da Nông 00'),
  ocr('k) ˆ ˆ ỜI ƠI Ứ\' 1 : + : : ỦY BAN NHÂN DÂN CỘNG HOÀ XÃ HỘI CHỬÑ€&ï VÏỆÑXM ” THANH PHO ĐÁ NĂNG Độc lập - Tự do - Hạnh phúc Số: #74. /UBND-SGDĐT Đà Nẵng, ngày 4ÿtháng 10 năm 2023 V/w thực hiện Thông báo số 496-TB/TU ngày 17/8/2023 về Kết luận của Thường trực Thành ủy Kính gửi:'),
  ocr('- Các sở, ban, ngành;'),
  ocr('Thực hiện Thông báo số 496-TB/TU ngày 17/8/2023 về Kết luận của Thường trực Thành ủy tại Hội nghị tổng kết'),
];

describe('identity of OCR\'d scans', () => {
  it('1.pdf: OCR is the source, the handwritten number is not sure, the issuer is named in full', () => {
    const meta = extractMetadata(SCAN_1, { fileName: '/scans/1.pdf', properties: { title: '2019-05-31 (9)' } });
    expect(meta.sources.issuer).toBe('ocr');
    expect(meta.issuerName).toBe('Sở Giáo dục và Đào tạo thành phố Đà Nẵng');
    if (meta.number) expect(meta.unsure?.number).toBe('ocr');
    expect(meta.date).toBeNull(); // "ngày 84": no such day
    expect(meta.year).toBe(2019);
    expect(meta.summary).toBe('bảo đảm TTATGT cho HS, SV');
    const title = documentTitle(SCAN_1, '2019-05-31 (9)', meta, '/scans/1.pdf');
    expect(title).not.toContain('2019-05-31');
    expect(title).not.toContain('4/35');
  });

  it('3.pdf: the cited notice\'s date is not the document\'s; its own month and year are', () => {
    const meta = extractMetadata(SCAN_3, { fileName: '/scans/3.pdf' });
    expect(meta.date).not.toBe('2023-08-17');
    expect(meta.year).toBe(2023);
    expect(meta.type).toBe('cong-van');
    expect(meta.summary).toMatch(/^thực hiện Thông báo số 496-TB\/TU/u);
  });

  it('marks an implausible OCR\'d issuer and keeps text-layer fields sure', () => {
    const meta = extractMetadata([ocr('_CÔNG AN TPĐÀNÄNG CỘNG HÒA XÃ HỌI CHỦ NGHĨA VIỆT NAM'), ocr('Số: 12/CAĐN Đà Nẵng, ngày 26 tháng 4 năm 2018'), ocr('Kính gửi: Các đơn vị')], { fileName: '2.pdf' });
    if (meta.issuer) expect(meta.unsure?.issuer).toBe('ocr');
    const text = extractMetadata([para('UBND TỈNH NGHỆ AN'), para('Số: 14/BB-TTUD Yên Thành, ngày 16 tháng 3 năm 2023'), para('BIÊN BẢN'), para('Hội thảo chuyển giao công nghệ')], { fileName: 'bb.txt' });
    expect(text.sources.number).toBe('text');
    expect(text.unsure).toBeUndefined();
  });
});

describe('the parts', () => {
  it('ownDate skips a date after a reference and prefers the "Place, ngày" line', () => {
    expect(ownDate('V/v thực hiện Thông báo số 496-TB/TU ngày 17/8/2023 về Kết luận')).toBeNull();
    expect(ownDate('Căn cứ Quyết định số 12/QĐ-UB ngày 5 tháng 3 năm 2004 | Hà Nội, ngày 14 tháng 7 năm 1998')?.date).toBe('1998-07-14');
    expect(ownDate('( Ban hành kèm theo Quyết định số 05/2006/QĐ-UBND, ngày 25 tháng 01 năm 2006 của UBND tỉnh Cà Mau )')?.date).toBe('2006-01-25');
  });

  it('plausibleNumber and plausibleWords', () => {
    expect(plausibleNumber('1906/SGDĐT-CTrTT', 2020)).toBe(true);
    expect(plausibleNumber('01/2006/TT-NHNN', 2006)).toBe(true);
    expect(plausibleNumber('4/35/SGDĐT-CTrTT', 2019)).toBe(false);
    expect(plausibleNumber('12/2031/QĐ-UBND', 2020)).toBe(false);
    expect(plausibleWords('SỞ GIÁO DỤC VÀ ĐÀO TẠO')).toBe(true);
    expect(plausibleWords('_CÔNG AN TPĐÀNÄNG')).toBe(false);
  });
});

describe('legacy signature blocks', () => {
  const body = [para('BỘ TÀI CHÍNH'), para('Số: 117/2000/TT-BTC'), para('THÔNG TƯ'), para('Bổ sung một số điểm'), para('Thông tư này có hiệu lực thi hành kể từ ngày ký./.')];
  it('reads a typist\'s "kt/bộ trưởng" line and a title put after the recipients\' label', () => {
    const meta = extractMetadata([...body, para('Nơi nhận: KT/bộ trưởng bộ tài chính'), para('- Văn phòng TW Đảng thứ trưởng'), para('- Công báo Vũ Văn Ninh')], { fileName: '' });
    expect(meta.signer).toBe('Vũ Văn Ninh');
    expect(meta.signerPosition).toBe('KT. BỘ TRƯỞNG BỘ TÀI CHÍNH / THỨ TRƯỞNG');
  });
  it('reads the position above "(Đã ký)" and never takes "Chương I" for a name', () => {
    const law = extractMetadata([...body, para('CHỦ TỊCH QUỐC HỘI'), para('(Đã ký)'), para('Nguyễn Văn An')], { fileName: '' });
    expect(law.signerPosition).toBe('CHỦ TỊCH QUỐC HỘI');
    const noName = extractMetadata([...body, para('TRƯỞNG BAN'), para('Nơi nhận :'), para('- Lưu VT'), para('QUY CHẾ'), para('Chương I')], { fileName: '' });
    expect(noName.signer).toBeNull();
  });
});
