/**
 * Policy memory (issue 9): references between documents, effective dates, status
 * derived inside one library, user overrides, and "more like this" without a model.
 * Real documents: Decree 30/2020 (legal basis, takes effect on signing, ends two
 * decrees), the team's corpus (QĐ 2876/2023 replaces QĐ 1520/2020, QĐ 3105/2024
 * amends QĐ 1234/2024), legacy decrees from viparse, and the OCR text of the Đà Nẵng
 * scan. Precision and recall on the hand-labelled set (test/fixtures/relation-labels.json)
 * are measured by scripts/eval-relations.mjs; here they must not fall below the floor.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractFile } from '../indexer/extract/index.js';
import { resolveTessdata } from '../indexer/extract/ocr.js';
import type { Block } from '../indexer/extract/types.js';
import { type DocumentMetadata, extractMetadata } from '../indexer/analyze/identity/metadata.js';
import { Overrides } from '../indexer/policy/overrides.js';
import {
  deriveStatus,
  documentRelations,
  type DocumentWithRelations,
  effectiveDate,
  findReferences,
  matchesValidity,
  type Reference,
  referenceMatches,
  referenceNumberKey,
  relatedByTerms,
  resolveReferences,
  textKey,
} from '../indexer/analyze/references/relations.js';
import { CORPUS, ROOT, SHARED_DATA, tempDir } from './helpers.js';

const para = (text: string, page: number | null = null): Block => ({ text, page, kind: 'paragraph' });
const refs = (texts: string[], own?: Partial<DocumentMetadata>) => findReferences(texts.map((t) => para(t)), own);
const only = (texts: string[], own?: Partial<DocumentMetadata>) => {
  const found = refs(texts, own);
  expect(found, JSON.stringify(found.map((r) => [r.type, r.target.number ?? r.target.title]))).toHaveLength(1);
  return found[0]!;
};

const loaded = new Map<string, ReturnType<typeof loadUncached>>();
function load(file: string, ocr = false) {
  const key = `${file}|${ocr}`;
  if (!loaded.has(key)) loaded.set(key, loadUncached(file, ocr));
  return loaded.get(key)!;
}
async function loadUncached(file: string, ocr: boolean) {
  const extracted = await extractFile(file, readFileSync(file), { ocr: ocr ? {} : false });
  const metadata = extractMetadata(extracted.blocks, { fileName: file, properties: { title: extracted.title } });
  return { path: file, blocks: extracted.blocks, metadata, text: extracted.blocks.map((b) => b.text).join('\n\n'), notes: extracted.notes };
}

describe('findReferences: the shapes Vietnamese documents use', () => {
  it('reads a law by title and date as a legal basis', () => {
    const r = only(['Căn cứ Luật Khoa học và Công nghệ ngày 18 tháng 6 năm 2013;']);
    expect(r.type).toBe('basis');
    expect(r.target).toMatchObject({ kind: 'luat', number: null, date: '2013-06-18', title: 'Luật Khoa học và Công nghệ', issuer: 'Quốc hội' });
  });

  it('reads a numbered basis with a numeric date and its issuer', () => {
    const r = only(['Căn cứ Nghị định số 08/2014/NĐ-CP ngày 27/01/2014 của Chính phủ quy định chi tiết và hướng dẫn thi hành một số điều của Luật Khoa học và Công nghệ;']);
    expect(r).toMatchObject({ type: 'basis', target: { kind: 'nghi-dinh', number: '08/2014/NĐ-CP', date: '2014-01-27', issuer: 'Chính phủ' } });
    expect(r.target.title).toMatch(/^quy định chi tiết/);
  });

  it('carries "Căn cứ" over a list, and stops at "xét đề nghị"', () => {
    const found = refs([
      'Căn cứ Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị; căn cứ Luật Chuyển giao công nghệ ngày 19 tháng 6 năm 2017; Luật Sở hữu trí tuệ ngày 29 tháng 11 năm 2005; Luật sửa đổi, bổ sung một số điều của Luật Sở hữu trí tuệ ngày 19 tháng 6 năm 2009 và ngày 14 tháng 6 năm 2019; xét đề nghị của Sở Khoa học và Công nghệ tại Tờ trình số 1187/TTr-SKHCN ngày 28/8/2023.',
    ]);
    expect(found.map((r) => [r.type, r.target.number ?? r.target.title, r.target.date])).toEqual([
      ['basis', '57-NQ/TW', '2024-12-22'],
      ['basis', 'Luật Chuyển giao công nghệ', '2017-06-19'],
      ['basis', 'Luật Sở hữu trí tuệ', '2005-11-29'],
      ['basis', 'Luật sửa đổi, bổ sung một số điều của Luật Sở hữu trí tuệ', '2009-06-19'],
      ['basis', 'Luật sửa đổi, bổ sung một số điều của Luật Sở hữu trí tuệ', '2019-06-14'],
      ['mentions', '1187/TTr-SKHCN', '2023-08-28'],
    ]);
  });

  it('reads implementation: "Thực hiện Công văn số …", "hướng dẫn thi hành …"', () => {
    const r = only(['Thực hiện Công văn số 2114/BGDĐT-GDCTHSSV ngày 16/5/2019 của Bộ Giáo dục và Đào tạo về việc tăng cường công tác giáo dục chính trị,']);
    expect(r).toMatchObject({ type: 'implements', target: { kind: 'cong-van', number: '2114/BGDĐT-GDCTHSSV', date: '2019-05-16', issuer: 'Bộ Giáo dục và Đào tạo' } });
    expect(only(['Thông tư này hướng dẫn thi hành Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ.']).type).toBe('implements');
    expect(only(['V/v thực hiện Thông báo số 496-TB/TU ngày 17/8/2023']).type).toBe('implements');
  });

  it('reads replacement, repeal and amendment, whole or in part', () => {
    expect(only(['Quyết định này thay thế Quyết định số 1520/QĐ-UBND ngày 12 tháng 5 năm 2020 của Ủy ban nhân dân tỉnh.']).type).toBe('replaces');
    expect(only(['Bãi bỏ Quyết định số 12/2019/QĐ-UBND ngày 03/4/2019 của Ủy ban nhân dân tỉnh.']).type).toBe('repeals');
    expect(only(['Bãi bỏ khoản 2 Điều 5 Quyết định số 12/2019/QĐ-UBND ngày 03/4/2019.']).type).toBe('amends');
    expect(only(['Sửa đổi, bổ sung một số điều của Quyết định số 1234/QĐ-UBND ngày 05 tháng 3 năm 2024 của Ủy ban nhân dân tỉnh']).type).toBe('amends');
    expect(only(['Những quy định tại Nghị định số 30/1998/NĐ-CP ngày 13 tháng 5 năm 1998 của Chính phủ trái với Nghị định này đều bị bãi bỏ.']).type).toBe('amends');
    // Someone else's verb is no relation of this document.
    expect(only(['Sở Tư pháp đề xuất sửa đổi Quyết định số 1234/QĐ-UBND ngày 05/3/2024.']).type).toBe('mentions');
  });

  it('ends every decree of a list that "hết hiệu lực", not the one nested in a title', () => {
    const found = refs([
      'Nghị định này có hiệu lực thi hành kể từ ngày ký. Nghị định số 110/2004/NĐ-CP ngày 08 tháng 4 năm 2004 của Chính phủ về công tác văn thư và Nghị định số 09/2010/NĐ-CP ngày 08 tháng 02 năm 2010 của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số 110/2004/NĐ-CP ngày 08 tháng 4 năm 2004 của Chính phủ về công tác văn thư hết hiệu lực từ ngày Nghị định này có hiệu lực pháp luật.',
    ]);
    expect(found.map((r) => [r.type, r.target.number])).toEqual([
      ['repeals', '110/2004/NĐ-CP'],
      ['repeals', '09/2010/NĐ-CP'],
    ]);
    expect(found[0]!.target.title).toBe('về công tác văn thư');
    expect(found[1]!.evidence.text).toMatch(/^Nghị định số 110\/2004\/NĐ-CP .* hết hiệu lực từ ngày Nghị định này có hiệu lực pháp luật\.$/);
  });

  it('replaces every item of a list after a colon, with old-style numbers', () => {
    const found = refs([
      'Thông tư này thay thế các Thông tư sau đây của Bộ Tài Chính: Thông tư số 08 TC/TCT ngày 5/2/1994 Hướng dẫn về thuế đối với thu nhập từ tiền bản quyền ; Thông tư số 37 TC/TCT ngày 10/5/1995 Hướng dẫn chế độ thuế theo Luật đầu tư tại VN, Thông tư số 61 TC/TCT ngày 23/10/1996 Hướng dẫn nghĩa vụ thuế.',
    ]);
    expect(found.map((r) => [r.type, r.target.number, r.target.date])).toEqual([
      ['replaces', '08 TC/TCT', '1994-02-05'],
      ['replaces', '37 TC/TCT', '1995-05-10'],
      ['replaces', '61 TC/TCT', '1996-10-23'],
    ]);
  });

  it('takes "số" as optional, OCR and PDF spacing, Đ written D, lower-case type names and dotted symbols', () => {
    expect(only(['theo Quyết định 1234/QĐ-UBND ngày 05/3/2024']).target.number).toBe('1234/QĐ-UBND');
    expect(only(['về triển khai Nghị quyết số 29- NQ/TW và …']).target.number).toBe('29-NQ/TW');
    expect(only(['theo Nghị quyết số 15/2021/NQ- HĐND ngày 10 tháng 12 năm 2021']).target.number).toBe('15/2021/NQ-HĐND');
    const d = only(['Căn cứ Nghị định số 28/1998/ND- CP ngày 11/5/1998 của Chính phủ;']);
    expect(d.target.number).toBe('28/1998/ND-CP');
    expect(referenceNumberKey(d.target.number!)).toBe(referenceNumberKey('28/1998/NĐ-CP'));
    expect(only(['tại công văn số 5110/VPCP-KTTH ngày 16/9/2002 của Văn phòng Chính phủ']).target.kind).toBe('cong-van');
    expect(only(['theo Quyết định số 1330/QĐ-CT.UB ngày 27/4/2004']).target.number).toBe('1330/QĐ-CT.UB');
    expect(only(['Chương trình sô 35-CTr/TU về giáo dục']).target).toMatchObject({ kind: 'chuong-trinh', number: '35-CTr/TU' });
    expect(only(['theo Kết luận số 366- KL/TU ngày 24/3/2023']).target).toMatchObject({ kind: 'ket-luan', number: '366-KL/TU', date: '2023-03-24' });
  });

  it('reads a law whose number and date stand in parentheses, and keeps "(sửa đổi)" in its title', () => {
    expect(only(['Căn cứ Luật Thuế thu nhập doanh nghiệp (số 03/1997/QH9 ngày 10 tháng 5 năm 1997);']).target).toMatchObject({
      kind: 'luat',
      number: '03/1997/QH9',
      date: '1997-05-10',
      title: 'Luật Thuế thu nhập doanh nghiệp',
    });
    expect(only(['Căn cứ Luật Khuyến khích đầu tư trong nước (sửa đổi) số 03/1998/QH10 ngày 20 tháng 5 năm 1998;']).target.title).toBe('Luật Khuyến khích đầu tư trong nước (sửa đổi)');
  });

  it('lets only deciding documents replace, repeal or amend: a plan\'s task "Sửa đổi Nghị định …" is a mention', () => {
    const task = 'Sửa đổi, bổ sung Nghị định 10/2002/NĐ-CP ngày 16 tháng 01 năm 2002 của Chính phủ về chế độ tài chính.';
    expect(only([task], { type: 'ke-hoach', number: '12/KH-UBND' }).type).toBe('mentions');
    expect(only([task], { type: 'nghi-dinh', number: '43/2006/NĐ-CP' }).type).toBe('amends');
    expect(only(['Kế hoạch này thay thế Kế hoạch số 45/KH-UBND ngày 02/3/2023.'], { type: 'ke-hoach', number: '12/KH-UBND' }).type).toBe('replaces');
    // Header not read: an article or "Quyết định này …" still says the document decides.
    expect(only(['Quyết định này thay thế các quyết định số 101/QĐ.BQL-TC ngày 21/7/2005.'], { type: null }).type).toBe('replaces');
    expect(only([task], { type: null }).type).toBe('mentions');
  });

  it('continues a list with bare numbers and letter-suffixed serials, and reads partial replacement', () => {
    const repealed = refs(['Bãi bỏ các Thông tư số 72A TC/TCT ngày 30/08/1993; số 53 TC/TCT ngày 13/07/1995; số 84/1997/TT/BTC ngày 13/11/1997 của Bộ Tài chính và những hướng dẫn trái với Thông tư này đều bị bãi bỏ.']);
    expect(repealed.map((r) => [r.type, r.target.kind, r.target.number])).toEqual([
      ['repeals', 'thong-tu', '72A TC/TCT'],
      ['repeals', 'thong-tu', '53 TC/TCT'],
      ['repeals', 'thong-tu', '84/1997/TT/BTC'],
    ]);
    const replaced = refs(['Quyết định này thay thế các quyết định số 101/QĐ.BQL-TC ngày 21/7/2005 và 41/QĐ.BQL-TC ngày 30/3/2006.']);
    expect(replaced.map((r) => [r.type, r.target.kind, r.target.number, r.target.date])).toEqual([
      ['replaces', 'quyet-dinh', '101/QĐ.BQL-TC', '2005-07-21'],
      ['replaces', 'quyet-dinh', '41/QĐ.BQL-TC', '2006-03-30'],
    ]);
    expect(only(['Thông tư này có hiệu lực thi hành sau 15 ngày kể từ ngày ký và thay thế các qui định tại điểm 1.3, mục III, phần B Thông tư số 63/1998/TT-BTC ngày 13/5/1998.']).type).toBe('amends');
  });

  it('leaves out the document itself and laws named in passing', () => {
    expect(refs(['(Ban hành kèm theo Quyết định số 1520/QĐ-UBND ngày 12 tháng 5 năm 2020 của Ủy ban nhân dân tỉnh Nghệ An)'])).toEqual([]);
    expect(refs(['Quyết định số 1520/QĐ-UBND ngày 12/5/2020'], { number: '1520/QĐ-UBND' })).toEqual([]);
    expect(refs(['Doanh nghiệp thành lập theo Luật Doanh nghiệp, có trụ sở chính trên địa bàn thành phố.'])).toEqual([]);
    expect(refs(['Quyết định này có hiệu lực kể từ ngày ký.'])).toEqual([]);
  });

  it('joins a sentence a PDF wrapped over two blocks, and keeps page and section', () => {
    const blocks: Block[] = [
      { text: 'Điều 2. Quyết định này có hiệu lực kể từ ngày ký. Quyết định này thay', page: 1, kind: 'paragraph' },
      { text: 'thế Quyết định số 1520/QĐ-UBND ngày 12 tháng 5 năm 2020 của Ủy ban nhân dân tỉnh.', page: 2, kind: 'paragraph' },
    ];
    const [r] = findReferences(blocks);
    expect(r).toMatchObject({ type: 'replaces', target: { number: '1520/QĐ-UBND' }, evidence: { page: 2, section: 'Điều 2', blockIndex: 1 } });
    expect(r!.evidence.text).toBe('Quyết định này thay thế Quyết định số 1520/QĐ-UBND ngày 12 tháng 5 năm 2020 của Ủy ban nhân dân tỉnh.');
  });

  it('keeps one reference per target: the strongest relation, with its evidence', () => {
    const found = refs([
      'V/v thực hiện Thông báo số 496-TB/TU ngày 17/8/2023',
      '1. Căn cứ các nội dung có liên quan tại Thông báo số 496-TB/TU ngày 17/8/2023, triển khai thực hiện các nhiệm vụ.',
      'Giao Sở Giáo dục và Đào tạo theo dõi kết quả thực hiện Thông báo số 496-TB/TU.',
    ]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ type: 'implements', evidence: { blockIndex: 0 } });
  });
});

describe('effectiveDate', () => {
  const eff = (text: string, date: string | null = '2024-03-05') => effectiveDate([para(text)], { date });
  it('reads on-signing, stated dates and delays', () => {
    expect(eff('Nghị định này có hiệu lực thi hành kể từ ngày ký.')).toMatchObject({ value: 'on-signing', date: '2024-03-05' });
    expect(eff('Quyết định này có hiệu lực thi hành từ ngày ban hành.')).toMatchObject({ value: 'on-signing' });
    expect(eff('Quyết định này có hiệu lực thi hành từ ngày 01/01/2024.')).toMatchObject({ value: 'date', date: '2024-01-01' });
    expect(eff('Thông tư này có hiệu lực kể từ ngày 15 tháng 4 năm 2020.')).toMatchObject({ value: 'date', date: '2020-04-15' });
    expect(eff('Nghị quyết này đã được Hội đồng nhân dân tỉnh khóa XVIII, kỳ họp thứ 5 thông qua ngày 10 tháng 12 năm 2021 và có hiệu lực từ ngày 01 tháng 01 năm 2022./.')).toMatchObject({ value: 'date', date: '2022-01-01' });
    expect(eff('Nghị định này có hiệu lực thi hành sau 15 ngày, kể từ ngày ký.')).toMatchObject({ value: 'date', date: '2024-03-20', afterDays: 15 });
    expect(eff('Nghị định này có hiệu lực sau 15 ngày kể từ ngày đăng Công báo.')).toMatchObject({ value: 'date', date: null, afterDays: 15, from: 'publication' });
    expect(eff('Quyết định này có hiệu lực thi hành và áp dụng cho tất cả các Tờ khai hàng nhập khẩu đã nộp cho cơ quan Hải quan từ ngày 1/1/2003.')).toMatchObject({ value: 'date', date: '2003-01-01' });
  });
  it('ignores clauses about other documents and transitional provisions', () => {
    expect(eff('Nghị định số 110/2004/NĐ-CP hết hiệu lực từ ngày Nghị định này có hiệu lực pháp luật.')).toBeNull();
    expect(eff('Hồ sơ đã được tiếp nhận trước ngày Quyết định này có hiệu lực tiếp tục được xem xét theo quy định cũ.')).toBeNull();
  });
  it('keeps the evidence sentence with its section', () => {
    const e = effectiveDate([{ text: 'Điều 37. Hiệu lực thi hành', page: 9, kind: 'paragraph' }, para('Nghị định này có hiệu lực thi hành kể từ ngày ký.', 9)], { date: '2020-03-05' });
    expect(e?.evidence).toMatchObject({ text: 'Nghị định này có hiệu lực thi hành kể từ ngày ký.', page: 9, section: 'Điều 37', blockIndex: 1 });
  });
});

describe('resolveReferences', () => {
  const meta = (number: string | null, date: string | null, type = 'quyet-dinh', summary: string | null = null) => ({ type, number, date, summary, title: null }) as unknown as DocumentMetadata;
  const library = [
    { id: 'a', path: '/kho/nd-110.pdf', metadata: meta('110/2004/NĐ-CP', '2004-04-08', 'nghi-dinh') },
    { id: 'b', path: '/kho/qd-1234-thanh-hoa.pdf', metadata: meta('1234/QĐ-UBND', '2024-03-05') },
    { id: 'c', path: '/kho/qd-1234-nghe-an.pdf', metadata: meta('1234/QĐ-UBND', '2021-06-30') },
    { id: 'd', path: '/kho/luat-khcn.docx', metadata: meta(null, '2013-06-18', 'luat', 'Khoa học và Công nghệ') },
  ];
  const ref = (number: string | null, date: string | null, extra: Partial<Reference['target']> = {}): Reference => ({
    type: 'mentions',
    target: { kind: null, number, date, issuer: null, title: null, ...extra },
    evidence: { text: '', page: null, section: null, blockIndex: 0 },
  });
  it('matches numbers ignoring case, accents, Đ/D, spaces, hyphens and leading zeros', () => {
    for (const n of ['110/2004/NĐ-CP', '110/2004/nd-cp', '110 / 2004 / ND - CP', '110-2004-NĐ-CP', '0110/2004/NĐ-CP']) {
      expect(resolveReferences([ref(n, null)], library)[0]!.target, n).toMatchObject({ path: '/kho/nd-110.pdf', documentId: 'a' });
    }
  });
  it('tells same-numbered documents apart by date, and leaves unknown ones external', () => {
    expect(resolveReferences([ref('1234/QĐ-UBND', '2024-03-05')], library)[0]!.target.path).toBe('/kho/qd-1234-thanh-hoa.pdf');
    expect(resolveReferences([ref('1234/QĐ-UBND', '2021-06-30')], library)[0]!.target.path).toBe('/kho/qd-1234-nghe-an.pdf');
    expect(resolveReferences([ref('1234/QĐ-UBND', '2019-01-01')], library)[0]!.target.path).toBeNull();
    const external = resolveReferences([ref('57-NQ/TW', null)], library)[0]!;
    expect(external.target).toMatchObject({ path: null, documentId: null });
    expect(external.resolvedBy).toBeNull();
  });
  it('resolves a law without number by kind, title and date', () => {
    const r = resolveReferences([ref(null, '2013-06-18', { kind: 'luat', title: 'Luật Khoa học và Công nghệ' })], library)[0]!;
    expect(r.target.path).toBe('/kho/luat-khcn.docx');
    expect(r.resolvedBy).toBe('title');
    expect(resolveReferences([ref(null, '2013-06-18', { kind: 'luat', title: 'Luật Chuyển giao công nghệ' })], library)[0]!.target.path).toBeNull();
  });
  it('never resolves a document to itself', () => {
    expect(resolveReferences([ref('110/2004/NĐ-CP', null)], library, { selfPath: '/kho/nd-110.pdf' })[0]!.target.path).toBeNull();
  });
});

describe('deriveStatus', () => {
  const doc = (p: string, effective: string | null, references: DocumentWithRelations['references'] = [], date = '2024-01-01'): DocumentWithRelations => ({
    id: p,
    path: p,
    metadata: { number: `${p}/QĐ-UBND`, date, type: 'quyet-dinh' } as unknown as DocumentMetadata,
    effective: effective ? { value: 'date', date: effective, evidence: { text: `${p} có hiệu lực từ ${effective}`, page: 1, section: 'Điều 2', blockIndex: 3 } } : null,
    references,
  });
  const rel = (type: 'replaces' | 'repeals' | 'amends', target: string): DocumentWithRelations['references'][number] => ({
    type,
    target: { kind: 'quyet-dinh', number: `${target}/QĐ-UBND`, date: null, issuer: null, title: null, path: target, documentId: target },
    evidence: { text: `câu ${type} ${target}`, page: 2, section: 'Điều 3', blockIndex: 7 },
    resolvedBy: 'number',
  });
  const today = '2025-06-01';

  it('uses the own effective date: in force, or not yet', () => {
    const a = doc('A', '2024-03-15');
    expect(deriveStatus(a, [a], today)).toMatchObject({ value: 'in-force', source: 'own', since: '2024-03-15', evidence: { text: 'A có hiệu lực từ 2024-03-15', section: 'Điều 2', path: 'A' } });
    const f = doc('F', '2026-01-01');
    expect(deriveStatus(f, [f], today).value).toBe('not-yet');
    const u = doc('U', null);
    expect(deriveStatus(u, [u], today)).toMatchObject({ value: 'unknown', evidence: null });
  });

  it('is replaced, expired or amended by what other documents in force say, with their evidence', () => {
    const a = doc('A', '2020-01-01');
    const b = doc('B', '2023-09-18', [rel('replaces', 'A')]);
    expect(deriveStatus(a, [a, b], today)).toMatchObject({
      value: 'replaced',
      source: 'library',
      since: '2023-09-18',
      by: { path: 'B', number: 'B/QĐ-UBND', type: 'replaces' },
      evidence: { text: 'câu replaces A', page: 2, section: 'Điều 3', path: 'B' },
    });
    const c = doc('C', '2023-01-01', [rel('repeals', 'A')]);
    expect(deriveStatus(a, [a, c], today).value).toBe('expired');
    const d = doc('D', '2025-01-01', [rel('amends', 'A')]);
    expect(deriveStatus(a, [a, d], today)).toMatchObject({ value: 'amended', by: { path: 'D' } });
    // Replacement outranks amendment; a replacing document not yet in force changes nothing yet.
    expect(deriveStatus(a, [a, b, d], today).value).toBe('replaced');
    const later = doc('L', '2026-01-01', [rel('replaces', 'A')]);
    expect(deriveStatus(a, [a, later], today).value).toBe('in-force');
  });

  it('keeps a user override above everything', () => {
    const a = doc('A', '2020-01-01');
    const b = doc('B', '2023-09-18', [rel('replaces', 'A')]);
    expect(deriveStatus(a, [a, b], today, { value: 'in-force', note: 'vẫn áp dụng cho hồ sơ cũ', at: '2025-05-01T08:00:00.000Z' })).toMatchObject({
      value: 'in-force',
      source: 'override',
      note: 'vẫn áp dụng cho hồ sơ cũ',
      since: '2025-05-01',
    });
  });

  it('answers hieuluc:con / hieuluc:het', () => {
    expect(matchesValidity({ value: 'in-force' }, 'con')).toBe(true);
    expect(matchesValidity({ value: 'amended' }, 'còn')).toBe(true);
    expect(matchesValidity({ value: 'replaced' }, 'het')).toBe(true);
    expect(matchesValidity({ value: 'expired' }, 'hết')).toBe(true);
    expect(matchesValidity({ value: 'unknown' }, 'con')).toBe(false);
    expect(matchesValidity({ value: 'not-yet' }, 'het')).toBe(false);
  });
});

describe('Overrides (a JSON file, written atomically)', () => {
  it('sets, reads back after reopening, and clears', async () => {
    const tmp = tempDir('overrides');
    try {
      const file = path.join(tmp.dir, 'data', 'overrides.json');
      const store = await Overrides.open(file);
      expect(store.get('corpus/qd-1520.pdf')).toBeNull();
      const saved = await store.set('corpus/qd-1520.pdf', 'in-force', '  vẫn áp dụng  ', new Date('2025-05-01T08:00:00Z'));
      expect(saved).toEqual({ value: 'in-force', note: 'vẫn áp dụng', at: '2025-05-01T08:00:00.000Z' });
      await Promise.all([store.set('b.pdf', 'expired'), store.set('c.pdf', 'replaced')]);
      const again = await Overrides.open(file);
      expect(again.get('corpus/qd-1520.pdf')).toEqual(saved);
      expect(Object.keys(again.all()).sort()).toEqual(['b.pdf', 'c.pdf', 'corpus/qd-1520.pdf']);
      expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ version: 1, overrides: { 'b.pdf': { value: 'expired' } } });
      expect(await again.clear('b.pdf')).toBe(true);
      expect(await again.clear('b.pdf')).toBe(false);
      expect((await Overrides.open(file)).get('b.pdf')).toBeNull();
      await expect(again.set('x', 'gone' as never)).rejects.toThrow(/unknown status/);
    } finally {
      tmp.cleanup();
    }
  });
  it('treats a missing or corrupt file as empty', async () => {
    const tmp = tempDir('overrides');
    try {
      const file = path.join(tmp.dir, 'overrides.json');
      await import('node:fs/promises').then((fs) => fs.writeFile(file, '{not json'));
      expect((await Overrides.open(file)).size).toBe(0);
    } finally {
      tmp.cleanup();
    }
  });
});

describe('Decree 30/2020 (real document)', () => {
  let nd30: Awaited<ReturnType<typeof load>>;
  beforeAll(async () => {
    nd30 = await load(path.join(SHARED_DATA, 'nd30-2020', '30_2020_ND_CP.docx'));
  });

  it('rests on the Law on Government Organisation of 19 June 2015', () => {
    const basis = findReferences(nd30.blocks, nd30.metadata).filter((r) => r.type === 'basis');
    expect(basis).toHaveLength(1);
    expect(basis[0]).toMatchObject({
      target: { kind: 'luat', number: null, date: '2015-06-19', title: 'Luật Tổ chức Chính phủ' },
      evidence: { text: 'Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;' },
    });
  });

  it('takes effect on signing', () => {
    expect(effectiveDate(nd30.blocks, nd30.metadata)).toMatchObject({
      value: 'on-signing',
      date: '2020-03-05',
      evidence: { text: 'Nghị định này có hiệu lực thi hành kể từ ngày ký.', section: 'Chương VII › Điều 37' },
    });
  });

  it('ends Decree 110/2004/NĐ-CP and Decree 09/2010/NĐ-CP, each with evidence', () => {
    const ended = findReferences(nd30.blocks, nd30.metadata).filter((r) => r.type === 'repeals');
    expect(ended.map((r) => [r.target.number, r.target.date, r.target.issuer])).toEqual([
      ['110/2004/NĐ-CP', '2004-04-08', 'Chính phủ'],
      ['09/2010/NĐ-CP', '2010-02-08', 'Chính phủ'],
    ]);
    for (const r of ended) {
      expect(r.evidence.text).toContain(r.target.number!);
      expect(r.evidence.text).toContain('hết hiệu lực');
      expect(r.evidence.section).toBe('Chương VII › Điều 37');
    }
    expect(findReferences(nd30.blocks, nd30.metadata).filter((r) => r.type === 'amends')).toEqual([]);
  });
});

describe('the corpus as one library', () => {
  const TODAY = '2025-12-01';
  let docs: Array<Awaited<ReturnType<typeof load>>>;
  let library: DocumentWithRelations[];
  const find = (name: string) => library.find((d) => d.path.includes(name))!;

  beforeAll(async () => {
    const { readdirSync } = await import('node:fs');
    const files = readdirSync(CORPUS).filter((f) => !/README/i.test(f)).map((f) => path.join(CORPUS, f));
    docs = await Promise.all(files.map((f) => load(f)));
    const plain = docs.map((d) => ({ id: path.basename(d.path), path: d.path, metadata: d.metadata }));
    library = docs.map((d) => ({
      id: path.basename(d.path),
      path: d.path,
      metadata: d.metadata,
      references: resolveReferences(findReferences(d.blocks, d.metadata), plain, { selfPath: d.path }),
      effective: effectiveDate(d.blocks, d.metadata),
    }));
  });

  it('resolves QĐ 2876 → QĐ 1520 and QĐ 3105 → QĐ 1234 inside the library', () => {
    const replaces = find('qd-2876').references.find((r) => r.type === 'replaces')!;
    expect(replaces.target).toMatchObject({ number: '1520/QĐ-UBND', path: find('qd-1520').path });
    const amends = find('qd-3105').references.find((r) => r.type === 'amends')!;
    expect(amends.target).toMatchObject({ number: '1234/QĐ-UBND', path: find('qd-1234').path });
    // Laws and central documents stay external but searchable.
    const external = find('qd-2876').references.filter((r) => r.target.path === null);
    expect(external.some((r) => r.target.title === 'Luật Khoa học và Công nghệ')).toBe(true);
  });

  it('reports QĐ 1520 replaced by QĐ 2876 and QĐ 1234 amended by QĐ 3105, with the evidence sentence', () => {
    const s1520 = deriveStatus(find('qd-1520'), library, TODAY);
    expect(s1520).toMatchObject({ value: 'replaced', source: 'library', by: { number: '2876/QĐ-UBND', type: 'replaces' }, since: '2023-09-18' });
    expect(s1520.evidence).toMatchObject({ page: 1, section: 'Điều 2', path: find('qd-2876').path });
    expect(s1520.evidence!.text).toMatch(/^Quyết định này thay thế Quyết định số 1520\/QĐ-UBND/);
    expect(matchesValidity(s1520, 'het')).toBe(true);

    const s1234 = deriveStatus(find('qd-1234'), library, TODAY);
    expect(s1234).toMatchObject({ value: 'amended', by: { number: '3105/QĐ-UBND', type: 'amends' }, since: '2025-01-01' });
    expect(s1234.evidence!.text).toMatch(/^Sửa đổi, bổ sung một số điều của Quyết định số 1234\/QĐ-UBND/);
    // Before QĐ 3105 took effect, QĐ 1234 was simply in force.
    expect(deriveStatus(find('qd-1234'), library, '2024-12-31')).toMatchObject({ value: 'in-force', since: '2024-03-15' });

    expect(deriveStatus(find('qd-2876'), library, TODAY)).toMatchObject({ value: 'in-force', since: '2023-09-18' });
    expect(deriveStatus(find('qd-3105'), library, '2024-12-25').value).toBe('not-yet');
    expect(deriveStatus(find('bc-512'), library, TODAY).value).toBe('unknown');
  });

  it('lists relations in both directions in the `kho doc --json` shape', () => {
    const rel1520 = documentRelations(find('qd-1520'), library);
    const incoming = rel1520.filter((r) => r.direction === 'in');
    expect(incoming).toEqual([
      {
        direction: 'in',
        type: 'replaces',
        target: expect.objectContaining({ kind: 'quyet-dinh', number: '2876/QĐ-UBND', date: '2023-09-18', path: find('qd-2876').path }),
        evidence: expect.objectContaining({ section: 'Điều 2' }),
      },
    ]);
    const out = rel1520.filter((r) => r.direction === 'out');
    expect(out.every((r) => Object.keys(r.target).sort().join() === 'date,issuer,kind,number,path,title')).toBe(true);
    expect(out.some((r) => r.type === 'basis' && r.target.number === '08/2014/NĐ-CP')).toBe(true);
    // NQ 15/2021 is cited by the decision, the amendment, the report and the notice.
    const cited = documentRelations(find('nq-15'), library).filter((r) => r.direction === 'in');
    expect(cited.map((r) => path.basename(r.target.path!).slice(0, 7)).sort()).toEqual(['bc-512-', 'qd-1234', 'qd-3105', 'tb-186-']);
  });

  it('answers lienquan:<number> from stored references', () => {
    const citing = (q: string) => library.filter((d) => d.references.some((r) => referenceMatches(r, q))).map((d) => path.basename(d.path).slice(0, 7)).sort();
    expect(citing('57-NQ/TW')).toEqual(['bb-96-2', 'bc-512-', 'kh-112-']);
    expect(citing('57-nq/tw')).toEqual(citing('57-NQ/TW'));
    expect(citing('15/2021/NQ-HDND')).toEqual(['bc-512-', 'qd-1234', 'qd-3105', 'tb-186-']);
    expect(citing('Luật Chuyển giao công nghệ')).toEqual(['kh-112-', 'nq-08-2', 'nq-15-2']);
  });

  it('finds related documents by distinctive shared terms, across types, with a reason', () => {
    const plan = docs.find((d) => d.path.includes('kh-112'))!;
    const related = relatedByTerms(plan, docs, { limit: 5 });
    expect(related[0]!.path).not.toBe(plan.path);
    const top2 = related.slice(0, 2).map((r) => path.basename(r.path).slice(0, 7));
    expect(top2).toEqual(expect.arrayContaining(['cv-1420']));
    const cv = related.find((r) => r.path.includes('cv-1420'))!;
    expect(cv).toMatchObject({ type: 'cong-van', typeName: 'Công văn', crossType: true });
    expect(cv.sharedTerms.map(textKey)).toContain('ket noi cung cau cong nghe');
    expect(cv.reason).toMatch(/^Công văn\. Cùng đề cập: “kết nối cung - cầu công nghệ”/);

    // The replacing decision is the closest document to the one it replaces, and says they cite the same number.
    const q1520 = docs.find((d) => d.path.includes('qd-1520'))!;
    const near = relatedByTerms(q1520, docs, { limit: 3 });
    expect(near[0]!.path).toContain('qd-2876');
    expect(near[0]!.sharedReferences).toContain('08/2014/NĐ-CP');

    // Research reports find each other and can be asked for by type.
    const research = docs.find((d) => d.path.includes('nckh-2023'))!;
    const onlyResearch = relatedByTerms(research, docs, { types: ['de-tai'] });
    expect(onlyResearch.length).toBe(2);
    expect(onlyResearch.every((r) => r.type === 'de-tai' && !r.crossType)).toBe(true);
  });

  it('leaves out near-duplicates (another copy of the same text)', () => {
    const plan = docs.find((d) => d.path.includes('kh-112'))!;
    const copy = { ...plan, path: '/elsewhere/kh-112-copy.md', metadata: { ...plan.metadata, number: null } as DocumentMetadata };
    const related = relatedByTerms(plan, [...docs, copy], { limit: 20 });
    expect(related.some((r) => r.path === copy.path)).toBe(false);
    const edited = { ...copy, text: plan.text.replace(/2025/g, '2026') };
    expect(relatedByTerms(plan, [...docs, edited], { limit: 20 }).some((r) => r.path === copy.path)).toBe(false);
  });
});

// ---------------------------------------------------------------------------
// The hand-labelled set: the same matching as scripts/eval-relations.mjs
// ---------------------------------------------------------------------------

interface Label {
  type: string;
  kind: string | null;
  number: string | null;
  date: string | null;
  title?: string;
}
interface LabelledDoc {
  group: string;
  file: string;
  ocr?: boolean;
  effective: { value: string; date?: string | null } | null;
  references: Label[];
}
const labelled = JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/relation-labels.json'), 'utf8')) as { documents: LabelledDoc[] };
const keyOf = (t: { number: string | null; kind: string | null; title?: string | null; date: string | null }) =>
  t.number ? 'n:' + referenceNumberKey(t.number) : `t:${t.kind ?? ''}:${textKey(t.title ?? '')}:${t.date ?? ''}`;

async function score(docsToScore: LabelledDoc[]) {
  let labels = 0;
  let predicted = 0;
  let correct = 0;
  let effCorrect = 0;
  const misses: string[] = [];
  for (const doc of docsToScore) {
    const d = await load(path.resolve(ROOT, doc.file), doc.ocr);
    const found = findReferences(d.blocks, d.metadata);
    const want = new Map(doc.references.map((l) => [keyOf(l), l]));
    labels += doc.references.length;
    predicted += found.length;
    for (const r of found) {
      const l = want.get(keyOf(r.target));
      if (l && l.type === r.type) correct++;
      else misses.push(`${path.basename(doc.file)}: ${r.type} ${r.target.number ?? r.target.title}${l ? ` (want ${l.type})` : ' (not labelled)'}`);
    }
    const e = effectiveDate(d.blocks, d.metadata);
    const we = doc.effective;
    if (we === null ? e === null : e !== null && e.value === we.value && (we.date === undefined || we.date === e.date)) effCorrect++;
  }
  return { precision: correct / predicted, recall: correct / labels, effective: effCorrect / docsToScore.length, labels, misses };
}

describe('hand-labelled references (test/fixtures/relation-labels.json)', () => {
  it('labels at least 150 references over Decree 30, the corpus, viparse and the scan', () => {
    const count = labelled.documents.reduce((n, d) => n + d.references.length, 0);
    expect(count).toBeGreaterThanOrEqual(150);
    expect(new Set(labelled.documents.map((d) => d.group))).toEqual(new Set(['nd30', 'corpus', 'viparse', 'heldout', 'heldout2', 'scan']));
  });

  it('keeps precision and recall of type + target at or above 0.95 on the text documents', async () => {
    const s = await score(labelled.documents.filter((d) => !d.ocr));
    expect(s.precision, s.misses.join('\n')).toBeGreaterThanOrEqual(0.95);
    expect(s.recall, s.misses.join('\n')).toBeGreaterThanOrEqual(0.95);
    expect(s.effective).toBeGreaterThanOrEqual(0.9);
  });

  const tessdata = resolveTessdata(undefined);
  it.skipIf(!tessdata)(
    'reads the OCR text of the Đà Nẵng scan: Thông báo 496-TB/TU implemented, Nghị quyết 29-NQ/TW cited',
    async () => {
      const scan = labelled.documents.filter((d) => d.ocr);
      const d = await load(path.resolve(ROOT, scan[0]!.file), true);
      const found = findReferences(d.blocks, d.metadata);
      expect(found.find((r) => r.target.number === '496-TB/TU')).toMatchObject({ type: 'implements', target: { kind: 'thong-bao', date: '2023-08-17' } });
      expect(found.find((r) => r.target.number === '29-NQ/TW')).toMatchObject({ type: 'mentions', target: { kind: 'nghi-quyet', date: '2013-11-04' } });
      const s = await score(scan);
      expect(s.precision).toBeGreaterThanOrEqual(0.8);
      expect(s.recall).toBeGreaterThanOrEqual(0.8);
    },
    300_000,
  );
});
