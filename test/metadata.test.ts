/**
 * Document metadata (Decree 30/2020 layouts) and citations: the hand-labelled
 * corpus and Decree 30 documents, .doc/.docx parity of the appendices and the
 * Appendix III layouts, the three ways extractors flatten a header, fallbacks,
 * search filter keys, and the citation formats.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { administrativeCitation, citation, citations, plainCitation, researchCitation, sectionCitation, shortDate } from '../indexer/cite/citation.js';
import { extractFile } from '../indexer/extract/index.js';
import type { Block } from '../indexer/extract/types.js';
import { type DocumentMetadata, extractMetadata, parseFileName, splitUnits } from '../indexer/analyze/identity/metadata.js';
import { normalizeDocType } from '../indexer/common/doc-types.js';
import { filterKeys, matchesFilter } from '../indexer/search/filters.js';
import { ROOT, SHARED_DATA } from './helpers.js';

interface Label {
  group: string;
  file: string;
  segment?: string;
  expected: Record<string, string | number | null>;
}
const labels = JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/metadata-labels.json'), 'utf8')) as { documents: Label[] };

// The comparison and the layout segments of scripts/eval-metadata.mjs: text ignoring case, spacing and tone placement.
const { comparable, segmentBlocks } = (await import('../scripts/metadata-labels.mjs')) as {
  comparable: (field: string, value: unknown) => unknown;
  segmentBlocks: (blocks: Block[], name: string) => Block[];
};

const extracted = new Map<string, ReturnType<typeof extractFile>>();
function extract(file: string) {
  if (!extracted.has(file)) extracted.set(file, extractFile(file, readFileSync(file), { ocr: false }));
  return extracted.get(file)!;
}


async function metadataOf(label: Label): Promise<DocumentMetadata> {
  const file = path.resolve(ROOT, label.file);
  const doc = await extract(file);
  if (label.segment) return extractMetadata(segmentBlocks(doc.blocks, label.segment), { fileName: '' });
  return extractMetadata(doc.blocks, { fileName: file, properties: { title: doc.title } });
}

describe('metadata on the hand-labelled documents', () => {
  // The development groups must stay exact; "legacy" and "heldout" are measured by scripts/eval-metadata.mjs.
  for (const group of ['corpus', 'nd30', 'template']) {
    it(`reads every labelled field of the ${group} documents`, async () => {
      const docs = labels.documents.filter((d) => d.group === group);
      expect(docs.length).toBeGreaterThan(0);
      for (const label of docs) {
        const meta = await metadataOf(label);
        const got: Record<string, unknown> = {};
        const want: Record<string, unknown> = {};
        for (const [field, value] of Object.entries(label.expected)) {
          got[field] = comparable(field, (meta as unknown as Record<string, unknown>)[field]);
          want[field] = comparable(field, value);
        }
        expect(got, `${label.file}${label.segment ? ` [${label.segment}]` : ''}`).toEqual(want);
      }
    });
  }

  it('labels all 17 corpus documents', () => {
    expect(labels.documents.filter((d) => d.group === 'corpus')).toHaveLength(17);
  });

  it('records where each field came from', async () => {
    const meta = await metadataOf(labels.documents.find((d) => d.file.includes('qd-1234'))!);
    expect(meta.sources).toMatchObject({ type: 'text', number: 'text', issuer: 'text', date: 'text', summary: 'text', signer: 'text' });
    expect(meta.issuerName).toBe('Ủy ban nhân dân tỉnh Thanh Hóa');
    expect(meta.dateText).toBe('Thanh Hóa, ngày 05 tháng 3 năm 2024');
  });
});

describe('Decree 30/2020 appendices: .doc and .docx agree', () => {
  const nd30 = path.join(SHARED_DATA, 'nd30-2020');
  for (let i = 1; i <= 6; i++) {
    it(`Phụ lục ${i}: the same metadata from both formats`, async () => {
      const fromDoc = extractMetadata((await extract(path.join(nd30, `Phuluc${i}.doc`))).blocks, { fileName: `Phuluc${i}` });
      const fromDocx = extractMetadata((await extract(path.join(nd30, `Phuluc${i}.docx`))).blocks, { fileName: `Phuluc${i}` });
      expect(fromDoc).toEqual(fromDocx);
      expect(fromDoc.type).toBe('phu-luc');
      expect(fromDoc.number).toBe('30/2020/NĐ-CP');
    });
  }

  it('the layouts Mẫu 1.1–1.10 of Appendix III: the same metadata from both formats', async () => {
    const doc = (await extract(path.join(nd30, 'Phuluc3.doc'))).blocks;
    const docx = (await extract(path.join(nd30, 'Phuluc3.docx'))).blocks;
    const types: Array<string | null> = [];
    for (let k = 1; k <= 10; k++) {
      const a = extractMetadata(segmentBlocks(doc, `Mẫu 1.${k}`), { fileName: '' });
      const b = extractMetadata(segmentBlocks(docx, `Mẫu 1.${k}`), { fileName: '' });
      expect(a, `Mẫu 1.${k}`).toEqual(b);
      // Blank layouts: placeholders ("TÊN CƠ QUAN, TỔ CHỨC", "Số: /QĐ-…", "Họ và tên") are not values.
      expect([a.issuer, a.number, a.date, a.summary, a.signer]).toEqual([null, null, null, null, null]);
      types.push(a.type);
    }
    expect(types).toEqual(['nghi-quyet', 'quyet-dinh', 'quyet-dinh', null, 'cong-van', 'cong-dien', 'giay-moi', 'giay-gioi-thieu', 'bien-ban', 'giay-nghi-phep']);
  });
});

/** Appendix I's own examples (Part I, V) laid out as each extractor flattens them. */
describe('one header, three extractor layouts', () => {
  const b = (text: string, kind: Block['kind'] = 'paragraph'): Block => ({ text, page: null, kind });
  const body = [
    b('Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;'),
    b('Điều 1. Các đơn vị thực hiện nghiêm công tác phòng, chống lụt bão.'),
    b('Điều 2. Chỉ thị này có hiệu lực kể từ ngày ký./.'),
  ];
  const pdf: Block[] = [
    b('BỘ NỘI VỤ CỤC VĂN THƯ VÀ LƯU TRỮ NHÀ NƯỚC'),
    b('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc'),
    b('Số: 15/CT-VTLTNN Hà Nội, ngày 05 tháng 01 năm 2020'),
    b('CHỈ THỊ Về công tác phòng, chống lụt bão'),
    ...body,
    b('Nơi nhận: - Như Điều 2; - Lưu: VT, TCCB.'),
    b('KT. CỤC TRƯỞNG PHÓ CỤC TRƯỞNG'),
    b('(Đã ký)'),
    b('Trần Văn Bình'),
  ];
  const docx: Block[] = [
    b('BỘ NỘI VỤ CỤC VĂN THƯ VÀ LƯU TRỮ NHÀ NƯỚC ___________ Số: 15/CT-VTLTNN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ___________ Hà Nội, ngày 05 tháng 01 năm 2020'),
    b('CHỈ THỊ', 'heading'),
    b('Về công tác phòng, chống lụt bão'),
    ...body,
    b('Nơi nhận: - Như Điều 2; - Lưu: VT, TCCB. | KT. CỤC TRƯỞNG PHÓ CỤC TRƯỞNG (Đã ký) Trần Văn Bình'),
  ];
  const txt: Block[] = [
    b('BỘ NỘI VỤ'),
    b('CỤC VĂN THƯ VÀ LƯU TRỮ NHÀ NƯỚC'),
    b('Số: 15/CT-VTLTNN'),
    b('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'),
    b('Độc lập - Tự do - Hạnh phúc'),
    b('Hà Nội, ngày 05 tháng 01 năm 2020'),
    b('CHỈ THỊ'),
    b('Về công tác phòng, chống lụt bão'),
    ...body,
    b('Nơi nhận:                               KT. CỤC TRƯỞNG'),
    b('- Như Điều 2;                           PHÓ CỤC TRƯỞNG'),
    b('- Lưu: VT, TCCB.                        (Đã ký)'),
    b('Trần Văn Bình'),
  ];
  const expected = {
    kind: 'administrative',
    type: 'chi-thi',
    typeName: 'Chỉ thị',
    number: '15/CT-VTLTNN',
    symbol: 'CT-VTLTNN',
    issuer: 'CỤC VĂN THƯ VÀ LƯU TRỮ NHÀ NƯỚC',
    issuerParent: 'BỘ NỘI VỤ',
    place: 'Hà Nội',
    date: '2020-01-05',
    year: 2020,
    summary: 'Về công tác phòng, chống lụt bão',
    signer: 'Trần Văn Bình',
    signerPosition: 'KT. CỤC TRƯỞNG / PHÓ CỤC TRƯỞNG',
  };
  for (const [name, blocks] of Object.entries({ pdf, docx, txt })) {
    it(`reads the ${name} layout`, () => {
      expect(extractMetadata(blocks, { fileName: 'x.docx' })).toMatchObject(expected);
    });
  }

  it('a công văn: V/v summary, symbol without a type code, two-line council name', () => {
    const meta = extractMetadata(
      [
        b('ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH Số: 12/UBND-VX V/v nâng bậc lương năm 2019 | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Thành phố Hồ Chí Minh, ngày 29 tháng 6 năm 2019'),
        b('Kính gửi: Bộ Nội vụ'),
        b('Ủy ban nhân dân Thành phố đề nghị Bộ Nội vụ xem xét việc nâng bậc lương năm 2019./.'),
        b('Nơi nhận: - Như trên; - Lưu: VT, NVĐP. | TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Nguyễn Văn An'),
      ],
      { fileName: '12-ubnd-vx.pdf' },
    );
    expect(meta).toMatchObject({
      type: 'cong-van',
      number: '12/UBND-VX',
      issuer: 'ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH',
      issuerName: 'Ủy ban nhân dân thành phố Hồ Chí Minh',
      place: 'Thành phố Hồ Chí Minh',
      date: '2019-06-29',
      summary: 'nâng bậc lương năm 2019',
      signer: 'Nguyễn Văn An',
      signerPosition: 'TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH',
    });
  });
});

describe('fallbacks: properties and file name', () => {
  it('fills what the text lacks from the title property, and says so', () => {
    const meta = extractMetadata([{ text: 'Nội dung không có phần đầu văn bản.', page: 1, kind: 'paragraph' }], {
      fileName: 'scan.pdf',
      properties: { title: 'Quyết định số 1234/QĐ-UBND ngày 05/3/2024 của UBND tỉnh Thanh Hóa ban hành Quy định hỗ trợ đổi mới sáng tạo' },
    });
    expect(meta).toMatchObject({ type: 'quyet-dinh', number: '1234/QĐ-UBND', date: '2024-03-05', year: 2024, issuerName: 'UBND tỉnh Thanh Hóa' });
    expect(meta.summary).toBe('Ban hành Quy định hỗ trợ đổi mới sáng tạo');
    expect(meta.sources).toMatchObject({ type: 'properties', number: 'properties', date: 'properties', year: 'properties' });
  });

  it('reads type, number and year from file names', () => {
    expect(parseFileName('30_2020_ND_CP.docx')).toEqual({ type: 'nghi-dinh', number: '30/2020/NĐ-CP', year: 2020 });
    expect(parseFileName('/x/1234-QD-UBND.pdf')).toMatchObject({ type: 'quyet-dinh', number: '1234/QĐ-UBND' });
    // A slug gives type and year, never a made-up number.
    expect(parseFileName('qd-1234-2024-ubnd-thanh-hoa-ho-tro.pdf')).toEqual({ type: 'quyet-dinh', year: 2024 });
    expect(parseFileName('nckh-2022-cd-ky-thuat.pdf')).toEqual({ type: 'de-tai', year: 2022 });
    const meta = extractMetadata([{ text: 'Không có phần đầu.', page: null, kind: 'paragraph' }], { fileName: 'kh-245-2024-ubnd-nghe-an.docx' });
    expect(meta).toMatchObject({ type: 'ke-hoach', year: 2024, sources: { type: 'filename', year: 'filename' } });
  });

  it('splits unit lines whose line break was lost', () => {
    expect(splitUnits('UBND TỈNH THANH HÓA SỞ KHOA HỌC VÀ CÔNG NGHỆ')).toEqual(['UBND TỈNH THANH HÓA', 'SỞ KHOA HỌC VÀ CÔNG NGHỆ']);
    expect(splitUnits('SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG')).toEqual(['SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG']);
    expect(splitUnits('UBND TỈNH NGHỆ AN TRUNG TÂM ỨNG DỤNG TIẾN BỘ KHOA HỌC VÀ CÔNG NGHỆ')).toEqual(['UBND TỈNH NGHỆ AN', 'TRUNG TÂM ỨNG DỤNG TIẾN BỘ KHOA HỌC VÀ CÔNG NGHỆ']);
    expect(splitUnits('ỦY BAN NHÂN DÂN TỈNH NGHỆ AN SỞ KHOA HỌC VÀ CÔNG NGHỆ TRƯỜNG CAO ĐẲNG KỸ THUẬT CÔNG NGHIỆP HOAN CHÂU')).toHaveLength(3);
  });
});

describe('type slugs and search filters', () => {
  it('normalizes what users and documents call a type', () => {
    for (const v of ['Quyết định', 'QUYẾT ĐỊNH', 'quyet dinh', 'quyet-dinh', 'quyết-định', 'QĐ', 'qd']) expect(normalizeDocType(v), v).toBe('quyet-dinh');
    expect(normalizeDocType('Công văn')).toBe('cong-van');
    expect(normalizeDocType('cv')).toBe('cong-van');
    expect(normalizeDocType('nckh')).toBe('de-tai');
    expect(normalizeDocType('Đề tài')).toBe('de-tai');
    expect(normalizeDocType('TTr')).toBe('to-trinh');
    expect(normalizeDocType('nghị quyết')).toBe('nghi-quyet');
    expect(normalizeDocType('bien ban')).toBe('bien-ban');
    expect(normalizeDocType('kế hoạch')).toBe('ke-hoach');
    expect(normalizeDocType('xyz')).toBeNull();
  });

  it('answers loai:, so:, coquan: and nam: as the query parser folds them', async () => {
    const meta = await metadataOf(labels.documents.find((d) => d.file.includes('bc-512'))!);
    // QueryFilter values arrive accent- and case-free with "-" as space.
    expect(matchesFilter(meta, { field: 'loai', value: 'bao cao' })).toBe(true);
    expect(matchesFilter(meta, { field: 'loai', value: 'quyet dinh' })).toBe(false);
    expect(matchesFilter(meta, { field: 'so', value: '512/bc skhcn' })).toBe(true);
    expect(matchesFilter(meta, { field: 'so', value: '513/bc skhcn' })).toBe(false);
    expect(matchesFilter(meta, { field: 'coquan', value: 'so khoa hoc va cong nghe' })).toBe(true);
    expect(matchesFilter(meta, { field: 'coquan', value: 'ubnd tinh thanh hoa' })).toBe(true);
    expect(matchesFilter(meta, { field: 'coquan', value: 'nghe an' })).toBe(false);
    expect(matchesFilter(meta, { field: 'nam', value: '2021..2025', from: 2021, to: 2025 })).toBe(true);
    expect(matchesFilter(meta, { field: 'nam', value: '2024', from: 2024, to: 2024 })).toBe(false);
    expect(filterKeys(meta)).toMatchObject({ loai: 'bao-cao', so: '512bcskhcn', nam: 2025 });
  });
});

describe('citations', () => {
  const qd: DocumentMetadata = {
    kind: 'administrative', type: 'quyet-dinh', typeName: 'Quyết định', number: '1234/QĐ-UBND', symbol: 'QĐ-UBND',
    issuer: 'ỦY BAN NHÂN DÂN TỈNH THANH HÓA', issuerParent: null, issuerName: 'Ủy ban nhân dân tỉnh Thanh Hóa', place: 'Thanh Hóa',
    date: '2024-03-05', dateText: 'Thanh Hóa, ngày 05 tháng 3 năm 2024', year: 2024, summary: 'Ban hành Quy định …', signer: null,
    signerPosition: null, title: null, author: null, authorDegree: null, unit: null, department: null, code: null, partOf: null, sources: {},
  };
  const passage = { path: '/k/qd-1234.pdf', page: 4, pageEnd: 4, section: 'Chương II › Điều 3 › khoản 2', title: 'Quyết định số 1234/QĐ-UBND' };

  it('administrative style, as officers paste it', () => {
    expect(administrativeCitation(qd, passage)).toBe('Quyết định số 1234/QĐ-UBND ngày 05/3/2024 của UBND tỉnh Thanh Hóa, Điều 3, khoản 2, tr. 4');
    expect(administrativeCitation(qd, passage, { clauseFirst: true, fullIssuer: true })).toBe(
      'Quyết định số 1234/QĐ-UBND ngày 05/3/2024 của Ủy ban nhân dân tỉnh Thanh Hóa, khoản 2 Điều 3, tr. 4',
    );
  });

  it('research style and the plain fallback', () => {
    const research: DocumentMetadata = { ...qd, kind: 'research', type: 'de-tai', typeName: 'Đề tài nghiên cứu khoa học', number: null, date: null, year: 2022, title: 'Nghiên cứu mô hình đào tạo phay CNC', author: 'Phạm Văn Tiến', unit: 'Trường Cao đẳng Kỹ thuật Công nghiệp Hoan Châu' };
    const p = { path: '/k/nckh.pdf', page: 6, pageEnd: 7, section: 'CHƯƠNG 3 › 3.2. Cấu trúc mô hình ba giai đoạn' };
    expect(researchCitation(research, p)).toBe('Phạm Văn Tiến (2022), Nghiên cứu mô hình đào tạo phay CNC, Trường Cao đẳng Kỹ thuật Công nghiệp Hoan Châu, mục 3.2. Cấu trúc mô hình ba giai đoạn, tr. 6–7');
    expect(plainCitation(p)).toBe('nckh.pdf — tr. 6–7 — CHƯƠNG 3 › 3.2. Cấu trúc mô hình ba giai đoạn');
    expect(citations(null, p)).toEqual({ administrative: null, research: null, plain: 'nckh.pdf — tr. 6–7 — CHƯƠNG 3 › 3.2. Cấu trúc mô hình ba giai đoạn', best: 'nckh.pdf — tr. 6–7 — CHƯƠNG 3 › 3.2. Cấu trúc mô hình ba giai đoạn' });
    const set = citations(research, p);
    expect(set.best).toBe(set.research);
  });

  it('keeps the original title form working', () => {
    expect(citation({ title: 'Quyết định số 1234', path: '/k/qd.pdf', page: 2, pageEnd: 3, section: 'Điều 4' })).toBe('Quyết định số 1234, Điều 4, tr. 2–3 (qd.pdf)');
    // The section as a citation writes it, not the section path's "›" (the old expectation kept the path: a bug).
    expect(citations(null, { ...passage, title: 'Quyết định số 1234' }).best).toBe('Quyết định số 1234, Điều 3, khoản 2, tr. 4 (qd-1234.pdf)');
  });

  it('writes dates and sections the Decree 30 way', () => {
    expect(shortDate('2024-03-05')).toBe('05/3/2024');
    expect(shortDate('2024-02-16')).toBe('16/02/2024');
    expect(shortDate('2025-11-20')).toBe('20/11/2025');
    expect(sectionCitation('Chương I › Điều 1')).toBe('Điều 1');
    expect(sectionCitation('Chương II')).toBe('Chương II');
    expect(sectionCitation('II. KẾT QUẢ THỰC HIỆN › 1. Công tác chuẩn bị')).toBe('mục II.1. Công tác chuẩn bị');
    expect(sectionCitation('Phần I › II. CÁC THÀNH PHẦN THỂ THỨC CHÍNH')).toBe('Phần I, mục II. Các thành phần thể thức chính');
    expect(sectionCitation(null)).toBeNull();
    // A passage holding several clauses cites their range; the legal order puts the clause first.
    expect(sectionCitation('Chương II › Điều 5 › khoản 2–3')).toBe('Điều 5, khoản 2–3');
    expect(sectionCitation('Điều 7 › khoản 10 - 12', { clauseFirst: true })).toBe('khoản 10–12 Điều 7');
    expect(sectionCitation('Mục 2-Quy định chung › Điều 3')).toBe('Điều 3');
  });

  it('cites corpus documents end to end', async () => {
    for (const [needle, expected] of [
      ['nq-15', 'Nghị quyết số 15/2021/NQ-HĐND ngày 10/12/2021 của HĐND tỉnh Thanh Hóa, Điều 5, tr. 3'],
      ['cv-1420', 'Công văn số 1420/SKHCN-QLCN ngày 03/6/2025 của Sở Khoa học và Công nghệ thành phố Đà Nẵng'],
      ['bc-512', 'Báo cáo số 512/BC-SKHCN ngày 20/11/2025 của Sở Khoa học và Công nghệ tỉnh Thanh Hóa, tr. 3'],
    ] as const) {
      const label = labels.documents.find((d) => d.file.includes(needle))!;
      const meta = await metadataOf(label);
      const section = needle === 'nq-15' ? 'Chương II › Điều 5' : null;
      const page = needle === 'cv-1420' ? null : 3;
      expect(administrativeCitation(meta, { path: label.file, page, section })).toBe(expected);
    }
    const appendix = extractMetadata((await extract(path.join(SHARED_DATA, 'nd30-2020', 'Phuluc1.docx'))).blocks, { fileName: 'Phuluc1.docx' });
    expect(administrativeCitation(appendix, { path: 'Phuluc1.docx', page: null, section: 'Phần I › II. CÁC THÀNH PHẦN THỂ THỨC CHÍNH' })).toBe(
      'Phụ lục I kèm theo Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ, Phần I, mục II. Các thành phần thể thức chính',
    );
  });
});
