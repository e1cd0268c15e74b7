/**
 * Titles a person would give (issue 16), on every real legacy file of viparse
 * (TCVN3 and VNI .doc, .rtf, .xls, .pdf, .ppt): none may be a motto, the
 * national name, a bare type, a sheet range, a URL, unconverted TCVN3, a date
 * stamp or a file name. And the kinds themselves, one case each, so the check
 * cannot pass by recognising nothing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFile } from '../indexer/extract/index.js';
import type { Block } from '../indexer/extract/types.js';
import { extractMetadata } from '../indexer/analyze/identity/metadata.js';
import { badTitle, documentTitle } from '../indexer/analyze/identity/title.js';
import { SHARED_DATA } from './helpers.js';

const LEGACY = path.join(SHARED_DATA, 'viparse', 'corpus', 'public-domain');
const files = existsSync(LEGACY)
  ? ['tcvn3', 'vni'].flatMap((enc) => readdirSync(path.join(LEGACY, enc)).filter((f) => !f.startsWith('.')).map((f) => path.join(LEGACY, enc, f)))
  : [];

const para = (text: string): Block => ({ text, page: null, kind: 'paragraph' });
function titleOf(blocks: Block[], fileName: string, formatTitle: string | null = null): string {
  return documentTitle(blocks, formatTitle, extractMetadata(blocks, { fileName, properties: { title: formatTitle } }), fileName);
}

describe('bad kinds of title', () => {
  it.each([
    ['cộng hòa xã hội chủ nghĩa việt nam', 'motto'],
    ['Độc lập - Tự do - Hạnh phúc', 'motto'],
    ['Thông tư', 'bare-type'],
    ['Sheet1 (A1:F68)', 'sheet-range'],
    ['Mau 12 (A1:AA26)', 'sheet-range'],
    ['www.luatvietnam.com.vn', 'url'],
    ['Vô kinh tÕ C«ng nghiÖp', 'mojibake'],
    ['Ke hoach 2005 _QH lan 6 25-10_.doc', 'file-name'],
    ['2019-05-31 (9)', 'no-words'],
    ['c ủ a T h ủ t ư ớ n g', 'no-words'],
  ])('%s is %s', (title, kind) => {
    expect(badTitle(title)).toBe(kind);
  });

  it('accepts the titles a person gives', () => {
    for (const t of ['Quyết định số 12/2001/QĐ-BTC Về việc ban hành Chế độ kế toán', 'Luật Hợp tác xã số 18/2003/QH11', 'Công văn số 1906/SGDĐT-CTrTT khẩn trương thực hiện', 'Danh mục dự án gọi vốn đầu tư nước ngoài tỉnh lạng sơn']) {
      expect(badTitle(t), t).toBeNull();
    }
  });
});

describe('titles from the text', () => {
  it('skips the national name, the motto and a date-stamp property for the identity', () => {
    const blocks = ['UBND THÀNH PHỐ ĐÀ NẴNG CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'SỞ GIÁO DỤC VÀ ĐÀO TẠO Độc lập - Tự do - Hạnh phúc', 'Số: 1906/SGDĐT-CTrTT Đà Nẵng, ngày 26 tháng 7 năm 2020', 'V/v khẩn trương thực hiện các biện pháp phòng, chống dịch', 'Kính gửi: Các trường'].map(para);
    expect(titleOf(blocks, '/x/2019-05-31 (9).pdf', '2019-05-31 (9)')).toBe('Công văn số 1906/SGDĐT-CTrTT khẩn trương thực hiện các biện pháp phòng, chống dịch');
  });

  it('gives a law its name and number, and an ALQAC law file its name', () => {
    const htx = ['Quốc hội', 'Luật số: 18/2003/QH11', 'Cộng hoà xã hội chủ nghĩa Việt Nam', 'Độc lập - Tự do - Hạnh phúc', 'Luật', 'Hợp tác xã', 'Căn cứ vào Hiến pháp nước Cộng hoà xã hội chủ nghĩa Việt Nam năm 1992;'].map(para);
    const meta = extractMetadata(htx, { fileName: 'luat.doc' });
    expect([meta.type, meta.number, meta.summary]).toEqual(['luat', '18/2003/QH11', 'Hợp tác xã']);
    expect(documentTitle(htx, null, meta, 'luat.doc')).toBe('Luật Hợp tác xã số 18/2003/QH11');
    const alqac = ['Luật Phòng, chống ma túy', 'Điều 1. Phạm vi điều chỉnh', 'Luật này quy định về phòng, chống ma túy.'].map(para);
    const m2 = extractMetadata(alqac, { fileName: '00.txt' });
    expect([m2.type, m2.summary, m2.number]).toEqual(['luat', 'Phòng, chống ma túy', null]);
    expect(documentTitle(alqac, null, m2, '00.txt')).toBe('Luật Phòng, chống ma túy');
  });

  it('takes a sheet\'s caption, not its range or a data row', () => {
    const blocks = ['Sheet1 (A1:F68)', 'Danh mục dự án gọi vốn đầu tư nước ngoài tỉnh lạng sơn', 'Đơn vị: USD', 'STT\tTên dự án\tĐịa điểm\tQuy mô'].map(para);
    expect(titleOf(blocks, '2005-FDILangson.xls')).toBe('Danh mục dự án gọi vốn đầu tư nước ngoài tỉnh lạng sơn');
  });
});

describe.skipIf(files.length === 0)('the real legacy files of viparse', () => {
  it(`no title of a bad kind (${files.length} files)`, { timeout: 600_000 }, async () => {
    const bad: string[] = [];
    for (const file of files) {
      const extracted = await extractFile(file, readFileSync(file), { ocr: false });
      const title = titleOf(extracted.blocks, file, extracted.title);
      const kind = badTitle(title, file);
      if (kind) bad.push(`${path.basename(file)}: ${kind}: ${title}`);
    }
    expect(files.length).toBeGreaterThanOrEqual(84);
    expect(bad).toEqual([]);
  });
});
