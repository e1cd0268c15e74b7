/**
 * Every real file reads: the 96 real viparse documents (.doc .rtf .xls .pdf .ppt,
 * TCVN3 and VNI) against their transcripts with the METRIC.md diacritic accuracy,
 * Word 97 .doc against .docx on Decree 30/2020, generated .xlsx/.pptx/.odt/.rtf,
 * files saved under the wrong name, and search over a TCVN3 .doc through the CLI.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { extractFile } from '../indexer/extract/index.js';
import { foldAccents } from '../indexer/common/normalize.js';
// @ts-expect-error -- a plain .mjs script without type declarations
import { scorePair } from '../scripts/eval-viparse.mjs';
import { khoJson, SHARED_DATA, tempDir } from './helpers.js';

const VIPARSE = path.join(SHARED_DATA, 'viparse');
const REAL = path.join(VIPARSE, 'corpus', 'public-domain');
const realFiles = readdirSync(REAL).flatMap((dir) => readdirSync(path.join(REAL, dir)).filter((f) => !f.startsWith('.')).map((f) => path.join(REAL, dir, f)));
const stem = (file: string) => path.basename(file).replace(/\.[^.]+$/, '');
const text = (blocks: Array<{ text: string }>) => blocks.map((b) => b.text).join('\n');
const words = (s: string) => new Set(foldAccents(s.toLowerCase()).match(/[\p{L}\p{N}]+/gu) ?? []);

/** Quality guard at the level reached (scripts/eval-viparse.mjs: mean 0.998, lowest 0.976). */
const MEAN_AT_LEAST = 0.995;
const EACH_AT_LEAST = 0.97;

describe('viparse: real legacy-encoded government documents', () => {
  it('reads all 96 (doc, rtf, xls, pdf, ppt), converts their TCVN3/VNI text, and scores ≥ 0.995 mean diacritic accuracy', async () => {
    expect(realFiles.length).toBe(96);
    const scores: Array<{ doc: string; diacritic: number }> = [];
    for (const file of realFiles) {
      const doc = await extractFile(file, readFileSync(file), { ocr: false });
      const encoding = path.basename(path.dirname(file));
      const used = Object.keys(doc.notes?.legacyEncodings ?? {});
      expect(used, `${stem(file)} should note a legacy conversion`).toContain(encoding === 'vni' ? 'vni' : 'tcvn3');
      const truth = readFileSync(path.join(VIPARSE, 'ground-truth', `${stem(file)}.txt`), 'utf8');
      const s = scorePair(text(doc.blocks), truth);
      scores.push({ doc: stem(file), diacritic: s.diacritic });
    }
    const mean = scores.reduce((sum, s) => sum + s.diacritic, 0) / scores.length;
    expect(mean).toBeGreaterThanOrEqual(MEAN_AT_LEAST);
    for (const s of scores) expect(s.diacritic, s.doc).toBeGreaterThanOrEqual(EACH_AT_LEAST);
  });

  it('keeps the synthetic VNI .docx files as a separate, secondary score', async () => {
    const dir = path.join(VIPARSE, 'corpus', 'synthetic');
    const scores: number[] = [];
    for (const f of readdirSync(dir)) {
      const doc = await extractFile(path.join(dir, f), readFileSync(path.join(dir, f)));
      scores.push(scorePair(text(doc.blocks), readFileSync(path.join(VIPARSE, 'ground-truth-synthetic', `${stem(f)}.txt`), 'utf8')).diacritic);
    }
    expect(scores).toHaveLength(12);
    expect(Math.min(...scores)).toBeGreaterThanOrEqual(0.99);
  });

  it('cuts spreadsheets into regions headed by sheet name and cell range', async () => {
    const file = realFiles.find((f) => f.endsWith('2005-KH2003-bieu.xls'))!;
    const doc = await extractFile(file, readFileSync(file));
    const headings = doc.blocks.filter((b) => b.kind === 'heading').map((b) => b.text);
    expect(headings.length).toBeGreaterThanOrEqual(5);
    for (const h of headings) expect(h).toMatch(/^.+ \([A-Z]+\d+:[A-Z]+\d+\)$/);
    expect(text(doc.blocks)).toContain('Tốc độ tăng tổng sản phẩm trong nước (GDP)\t%\t6.8\t7\t7.5');
  });

  it('gives .ppt slides as pages', async () => {
    const file = realFiles.find((f) => f.endsWith('.ppt'))!;
    const doc = await extractFile(file, readFileSync(file));
    expect(doc.pageCount).toBeGreaterThan(5);
    expect(doc.blocks.every((b) => b.page !== null && b.page >= 1 && b.page <= doc.pageCount!)).toBe(true);
  });
});

describe('Word 97 .doc', () => {
  it('reads the Decree 30/2020 appendices like their .docx twins', async () => {
    const dir = path.join(SHARED_DATA, 'nd30-2020');
    for (let i = 1; i <= 6; i++) {
      const doc = await extractFile(`Phuluc${i}.doc`, readFileSync(path.join(dir, `Phuluc${i}.doc`)));
      const docx = await extractFile(`Phuluc${i}.docx`, readFileSync(path.join(dir, `Phuluc${i}.docx`)));
      const ours = words(text(doc.blocks));
      const theirs = [...words(text(docx.blocks))];
      const shared = theirs.filter((w) => ours.has(w)).length;
      expect(shared / theirs.length, `Phuluc${i}`).toBeGreaterThan(0.97);
    }
  });
});

describe('generated files', () => {
  const work = tempDir('formats');
  afterAll(() => work.cleanup());

  it('reads .xlsx with sheet regions, fonts as evidence, shared and inline strings', async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('xl/workbook.xml', '<workbook xmlns:r="r"><sheets><sheet name="Biểu 1" sheetId="1" r:id="rId1"/></sheets></workbook>');
    zip.file('xl/_rels/workbook.xml.rels', '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>');
    zip.file('xl/styles.xml', '<styleSheet><fonts count="2"><font><name val="Arial"/></font><font><name val=".VnTime"/></font></fonts><cellXfs count="2"><xf fontId="0"/><xf fontId="1"/></cellXfs></styleSheet>');
    zip.file('xl/sharedStrings.xml', '<sst><si><t>Tên chỉ tiêu</t></si><si><t>Tæng s¶n phÈm</t></si></sst>');
    zip.file(
      'xl/worksheets/sheet1.xml',
      '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Năm 2024</t></is></c></row>' +
        '<row r="2"><c r="A2" s="1" t="s"><v>1</v></c><c r="B2"><v>12.5</v></c></row>' +
        '<row r="6"><c r="C6" t="str"><v>Ghi chú</v></c></row></sheetData></worksheet>',
    );
    const doc = await extractFile('bieu.xlsx', await zip.generateAsync({ type: 'uint8array' }));
    expect(doc.blocks.map((b) => [b.kind, b.text])).toEqual([
      ['heading', 'Biểu 1 (A1:B2)'],
      ['paragraph', 'Tên chỉ tiêu\tNăm 2024'],
      ['paragraph', 'Tổng sản phẩm\t12.5'],
      ['heading', 'Biểu 1 (C6:C6)'],
      ['paragraph', 'Ghi chú'],
    ]);
    expect(doc.notes?.legacyEncodings).toEqual({ tcvn3: 1 });
  });

  it('reads .pptx slides as pages and .odt headings and paragraphs', async () => {
    const pptx = new JSZip();
    const slide = (title: string, body: string) =>
      `<p:sld xmlns:p="p" xmlns:a="a"><p:cSld><p:spTree><p:sp><p:nvSpPr><p:nvPr><p:ph type="title"/></p:nvPr></p:nvSpPr><p:txBody><a:p><a:r><a:t>${title}</a:t></a:r></a:p></p:txBody></p:sp>` +
      `<p:sp><p:txBody><a:p><a:r><a:rPr><a:latin typeface="VNI-Times"/></a:rPr><a:t>${body}</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>`;
    pptx.file('ppt/slides/slide1.xml', slide('Kế hoạch 2025', 'Ñoäc laäp'));
    pptx.file('ppt/slides/slide2.xml', slide('Mục tiêu', 'Chuyển đổi số'));
    const p = await extractFile('trinh-chieu.pptx', await pptx.generateAsync({ type: 'uint8array' }));
    expect(p.blocks.map((b) => [b.page, b.kind, b.text])).toEqual([
      [1, 'heading', 'Kế hoạch 2025'],
      [1, 'paragraph', 'Độc lập'],
      [2, 'heading', 'Mục tiêu'],
      [2, 'paragraph', 'Chuyển đổi số'],
    ]);

    const odt = new JSZip();
    odt.file('mimetype', 'application/vnd.oasis.opendocument.text');
    odt.file(
      'content.xml',
      '<office:document-content xmlns:office="o" xmlns:text="t" xmlns:style="s"><office:font-face-decls><style:font-face style:name=".VnTime" svg:font-family="\'.VnTime\'"/></office:font-face-decls>' +
        '<office:automatic-styles><style:style style:name="T1"><style:text-properties style:font-name=".VnTime"/></style:style></office:automatic-styles>' +
        '<office:body><office:text><text:h text:outline-level="1">Quy chế</text:h><text:p>Điều 1.<text:s/>Phạm vi</text:p><text:p><text:span text:style-name="T1">quü</text:span></text:p></office:text></office:body></office:document-content>',
    );
    const o = await extractFile('quy-che.odt', await odt.generateAsync({ type: 'uint8array' }));
    expect(o.title).toBe('Quy chế');
    expect(o.blocks.map((b) => [b.kind, b.text])).toEqual([
      ['heading', 'Quy chế'],
      ['heading', 'Điều 1. Phạm vi'],
      ['paragraph', 'quỹ'],
    ]);
  });

  it('reads RTF (font table as evidence, \\u escapes, tables) also when it is saved as .doc', async () => {
    const rtf =
      '{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\froman\\fcharset0 Times New Roman;}{\\f1\\fswiss\\fcharset0{\\*\\panose 020b7200000000000000}.VnTime;}}' +
      '{\\info{\\title Th\\u244?ng b\\u225?o}}{\\f1 C\\\'a8n c\\\'f8 Ngh\\\'de \\\'ae\\\'denh}\\par {\\f0 H\\u224? N\\u7897?i}\\par ' +
      '\\trowd\\cellx1000\\cellx2000 {\\f1 Tæng}\\cell 12\\cell\\row }';
    for (const name of ['a.rtf', 'a.doc']) {
      const doc = await extractFile(name, Buffer.from(rtf, 'latin1'));
      expect(doc.format as string).toBe('rtf');
      expect(doc.title).toBe('Thông báo');
      expect(doc.blocks.map((b) => b.text)).toEqual(['Căn cứ Nghị định', 'Hà Nội', 'Tổng | 12']);
    }
  });

  it('reads a web page saved as .xls, and names what it cannot read', async () => {
    const html = '<html xmlns:o="urn:schemas-microsoft-com:office:office"><body><table><tr><td>Tæng céng</td><td>15</td></tr></table></body></html>';
    const doc = await extractFile('bao-cao.xls', Buffer.from(html, 'latin1'));
    expect(doc.format).toBe('html');
    expect(doc.blocks[0]!.text).toBe('Tổng cộng | 15');
    await expect(extractFile('bang.ods', Buffer.from('PK\u0003\u0004'))).rejects.toMatchObject({ kind: 'unsupported', message: expect.stringMatching(/\.ods/) });
    await expect(extractFile('hong.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]))).rejects.toMatchObject({ kind: 'corrupt' });
    await expect(extractFile('hong.xlsx', Buffer.from('PK\u0003\u0004 not really a spreadsheet'))).rejects.toMatchObject({ kind: 'corrupt' });
    await expect(extractFile('hong.doc', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 1, 2, 3, 0, 0, 0, 7]))).rejects.toMatchObject({ kind: 'corrupt' });
    const path1 = path.join(work.dir, 'x.txt');
    writeFileSync(path1, '');
    await expect(extractFile(path1, readFileSync(path1))).rejects.toMatchObject({ kind: 'empty' });
  });
});

describe('search over legacy documents (CLI, keyword mode)', () => {
  const work = tempDir('legacy-e2e');
  afterAll(() => work.cleanup());

  it('indexes TCVN3 and VNI documents and finds a phrase typed with or without accents', async () => {
    const data = path.join(work.dir, 'data');
    const names = ['2002-0112qd.doc', '2003-A04.rtf', '2006-Bang-bieu.xls', '2004-duanLD9820.doc', '2006-quydinhkiemtra02.doc', '2009-Van-ban-phap-quy-2-_10-02-09.ppt'];
    const docs = realFiles.filter((f) => names.includes(path.basename(f)));
    expect(docs).toHaveLength(names.length);
    const summary = await khoJson(['index', ...docs, '--data', data]);
    expect(summary.failed).toEqual([]);
    expect(summary.indexed).toBe(docs.length);
    // From the transcript of 2002-0112qd.doc (TCVN3, Ministry of Finance, 2001).
    for (const query of ['chế độ kế toán áp dụng cho các đơn vị ngoài công lập', 'che do ke toan ap dung cho cac don vi ngoai cong lap']) {
      const result = await khoJson(['search', query, '--data', data]);
      expect(result.hits.length, query).toBeGreaterThan(0);
      expect(path.basename(result.hits[0].path), query).toBe('2002-0112qd.doc');
      expect(result.hits[0].text).toMatch(/Chế độ kế toán áp dụng cho các đơn vị/);
    }
    // VNI (Cà Mau, 2006).
    const vni = await khoJson(['search', 'Đội kiểm tra liên ngành văn hóa thông tin', '--data', data]);
    expect(vni.hits.map((h: { path: string }) => path.basename(h.path))).toContain('2006-quydinhkiemtra02.doc');
  });
});
