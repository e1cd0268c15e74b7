/**
 * Identity rules of issue 16, second round: letter-spaced PDF lines, documents
 * issued "kèm theo" a decision, date lines without a single day, file-name
 * years, issuers that are no body, and OCR's interleaved header columns.
 */
import { describe, expect, it } from 'vitest';
import type { Block } from '../indexer/extract/types.js';
import { extractMetadata, parseFileName } from '../indexer/analyze/identity/metadata.js';
import { joinLetterSpaced } from '../indexer/analyze/identity/letter-spaced.js';
import { findAttached } from '../indexer/analyze/identity/attached.js';
import { ownYearLine } from '../indexer/analyze/identity/confidence.js';

const blocks = (...lines: string[]): Block[] => lines.map((text) => ({ text, page: 1, kind: 'paragraph' }));

describe('identity: issue 16, second round', () => {
  it('puts the words of a letter-spaced line back', () => {
    const spaced = 'c ủ a T h ủ t ư ớ n g C h í n h p h ủ s ố 1 1 5 / 2 0 0 4 / Q Đư - T T g n g à y 2 5 t h á n g 6 n ă m 2 0 0 4 v ề v i ệ c b a n h à n h Q u y c h ế t h à n h l ậ p';
    expect(joinLetterSpaced(spaced)).toBe('của Thủ tướng Chính phủ số 115/2004/QĐ-TTg ngày 25 tháng 6 năm 2004 về việc ban hành Quy chế thành lập');
    // Ordinary lines are left alone.
    expect(joinLetterSpaced('Điều 1. Sửa đổi, bổ sung một số điều')).toBe('Điều 1. Sửa đổi, bổ sung một số điều');
  });

  it('reads the number, date and issuer of the decision a regulation or form was issued with', () => {
    const a = findAttached(blocks('QUY ĐỊNH', '( Ban hành kèm theo Quyết định số …05…./2006/ QĐ-UBND,', 'ngày …25..tháng 01 năm 2006 của UBND tỉnh Cà Mau )'));
    expect(a).toMatchObject({ number: '05/2006/QĐ-UBND', issuer: 'UBND tỉnh Cà Mau' });
    expect(a?.date?.date).toBe('2006-01-25');
    const form = extractMetadata(
      blocks('B1-2-TMDA', 'Thuyết minh dự án sản xuất thử nghiệm', '(Kèm theo Quyết định số 16/2003/QĐ-BKHCN ngày 18/7/2003', 'của Bộ trưởng Bộ Khoa học và Công nghệ)', 'I. Thông tin chung về dự án'),
      { fileName: 'B1-2-TMDA.doc' },
    );
    expect(form).toMatchObject({ type: 'phu-luc', number: '16/2003/QĐ-BKHCN', date: '2003-07-18', summary: 'Thuyết minh dự án sản xuất thử nghiệm' });
    expect(form.issuer?.toLocaleLowerCase('vi')).toBe('bộ trưởng bộ khoa học và công nghệ');
  });

  it('keeps place and year of a date line with no single day', () => {
    expect(ownYearLine('Hà Nội, ngày 20, 21 tháng 03 năm 2002')).toEqual({ year: 2002, place: 'Hà Nội' });
    expect(ownYearLine('Số : /QĐ. BQL–VP Vũng Tàu , ngày tháng năm 2007')).toEqual({ year: 2007, place: 'Vũng Tàu' });
  });

  it('takes no year from a file name that holds two', () => {
    expect(parseFileName('2004-NghiDinh114_2003.doc').year).toBeUndefined();
    expect(parseFileName('kh-245-2024-ubnd-nghe-an.docx').year).toBe(2024);
  });

  it('names no form heading or clause as the issuer, and no application form a công văn', () => {
    const form = extractMetadata(blocks('cộng hòa xã hội chủ nghĩa việt nam', 'Độc lập - Tự do - Hạnh phúc', 'đơn đăng ký kinh doanh công ty hợp danh', 'Kính gửi: Phòng đăng ký kinh doanh tỉnh Sóc Trăng', 'Tôi là:'), { fileName: 'x.doc' });
    expect(form.issuer).toBeNull();
    expect(form.type).toBeNull();
    const slides = extractMetadata(blocks('I- CÁC VB PHÁP QUY ĐÃ BAN HÀNH, LIÊN QUAN ĐẾN HOẠT ĐỘNG ĐT-XD:', 'LUẬT PCCC (2001)', 'LUẬT ĐẤT ĐAI (HIỆU LỰC 01/7/2004)'), { fileName: 'x.ppt' });
    expect(slides).toMatchObject({ issuer: null, type: null, summary: null });
  });

  it('reads the unit under the committee when OCR runs the two header columns together', () => {
    const meta = extractMetadata(
      [{ text: 'UBND THÀNH PHÓ ĐÀ NẴNG _ CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM SỞ GIÁO DỤC VÀ ĐÀO TẠO. Độc lập - Tự đo - Hạnh phúc Số: 1906 /SGDĐT-CTrTT Đà Nẵng, ngày 26tháng 7 năm 2020 V/v khẩn trương thực hiện các biện pháp', page: 1, kind: 'paragraph', ocr: true }],
      { fileName: '4_1.jpg' },
    );
    expect(meta).toMatchObject({ issuer: 'SỞ GIÁO DỤC VÀ ĐÀO TẠO', issuerParent: 'UBND THÀNH PHỐ ĐÀ NẴNG', date: '2020-07-26', place: 'Đà Nẵng' });
  });
});
