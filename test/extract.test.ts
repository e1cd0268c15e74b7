/**
 * Extraction and chunking on real files: the corpus PDFs against poppler's
 * pdftotext page by page, DOCX headings, text encodings, HTML.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkBlocks } from '../indexer/analyze/chunk.js';
import { extractFile } from '../indexer/extract/index.js';
import { foldAccents } from '../indexer/common/normalize.js';
import { CORPUS, SHARED_DATA } from './helpers.js';

const corpus = (ext: string) => readdirSync(CORPUS).filter((f) => f.endsWith(ext)).map((f) => path.join(CORPUS, f));
const words = (text: string) => new Set(foldAccents(text.toLowerCase()).match(/[\p{L}\p{N}]+/gu) ?? []);

describe('PDF extraction', () => {
  it('keeps every page: block pages agree with pdftotext, page by page', async () => {
    const pdfs = corpus('.pdf');
    expect(pdfs.length).toBeGreaterThanOrEqual(6);
    for (const file of pdfs) {
      const doc = await extractFile(file, readFileSync(file));
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
      expect(doc.pageCount, file).toBe(pages);
      expect(pages, `${file} is multi-page`).toBeGreaterThanOrEqual(2);
      for (let page = 1; page <= pages; page++) {
        const ours = words(doc.blocks.filter((b) => b.page === page).map((b) => b.text).join(' '));
        const poppler = words(execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
        const shared = [...poppler].filter((w) => ours.has(w)).length;
        expect(shared / Math.max(1, poppler.size), `${path.basename(file)} page ${page}`).toBeGreaterThan(0.95);
      }
    }
  });

  it('reads a real scanned letter with an OCR text layer, page by page', async () => {
    const file = path.join(SHARED_DATA, 'scans-danang', '3.pdf');
    const doc = await extractFile(file, readFileSync(file));
    expect(doc.pageCount).toBe(6);
    expect(new Set(doc.blocks.map((b) => b.page)).size).toBeGreaterThan(3);
  });
});

describe('DOCX extraction', () => {
  it('keeps heading styles as headings and chunks along them', async () => {
    const file = path.join(SHARED_DATA, 'nd30-2020', '30_2020_ND_CP.docx');
    const doc = await extractFile(file, readFileSync(file));
    expect(doc.format).toBe('docx');
    const chunked = chunkBlocks(doc.blocks);
    const sections = new Set(chunked.passages.map((p) => p.section));
    expect([...sections].some((s) => /^Chương [IVX]+ › Điều \d+$/.test(s ?? ''))).toBe(true);
    const article37 = chunked.passages.find((p) => p.section?.endsWith('Điều 37'));
    expect(article37?.text).toMatch(/110\/2004\/NĐ-CP/);
    for (const file of corpus('.docx')) {
      const d = await extractFile(file, readFileSync(file));
      expect(d.blocks.some((b) => b.kind === 'heading'), file).toBe(true);
    }
  });
});

describe('chunking', () => {
  it('cuts passages that are slices (after a carried heading), within the word budget, with sections and pages', async () => {
    for (const file of [...corpus('.pdf'), ...corpus('.docx'), ...corpus('.txt'), ...corpus('.md')]) {
      const doc = await extractFile(file, readFileSync(file));
      const { text, passages } = chunkBlocks(doc.blocks);
      expect(passages.length, file).toBeGreaterThan(0);
      for (const p of passages) {
        // A later part of a split section repeats its heading in front of the slice.
        expect((p.heading ? `${p.heading}\n` : '') + text.slice(p.start, p.end)).toBe(p.text);
        expect(p.text.split(/\s+/).length).toBeLessThanOrEqual(300);
        if (doc.format === 'pdf') expect(p.page).toBeGreaterThanOrEqual(1);
      }
      // Windows of one long section overlap; nothing of the text is lost between passages.
      const covered = words(passages.map((p) => p.text).join(' '));
      for (const w of words(text)) expect(covered.has(w)).toBe(true);
    }
  });
});

describe('text formats', () => {
  it('decodes UTF-16 with BOM and Windows-1258 (combining tones) to NFC', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Hà Nội, đổi mới', 'utf16le')]);
    expect((await extractFile('a.txt', utf16)).blocks[0]!.text).toBe('Hà Nội, đổi mới');
    // "Hà Nội" in Windows-1258: a + U+0300 (0xCC), ô (0xF4) + U+0323 (0xF2).
    const cp1258 = Buffer.from([0x48, 0x61, 0xcc, 0x20, 0x4e, 0xf4, 0xf2, 0x69]);
    expect((await extractFile('b.txt', cp1258)).blocks[0]!.text).toBe('Hà Nội');
  });

  it('splits form-feed pages in text and headings in Markdown', async () => {
    const txt = await extractFile('c.txt', Buffer.from('Trang một\fTrang hai\n\nĐiều 2. Phạm vi'));
    expect(txt.blocks.map((b) => [b.page, b.text])).toEqual([[1, 'Trang một'], [2, 'Trang hai'], [2, 'Điều 2. Phạm vi']]);
    const md = await extractFile('d.md', Buffer.from('# Kế hoạch\n\n## I. Mục tiêu\n\nNâng cao **năng lực** [đổi mới](x.html).\n'));
    expect(md.title).toBe('Kế hoạch');
    expect(md.blocks.map((b) => b.text)).toEqual(['Kế hoạch', 'I. Mục tiêu', 'Nâng cao năng lực đổi mới.']);
  });

  it('reads HTML without scripts and styles, with entities decoded', async () => {
    const html = '<html><head><title>Thông báo</title><style>p{}</style></head><body><h1>Thông báo</h1><script>alert(1)</script><p>Họp&nbsp;lúc 8h &amp; 14h</p><table><tr><td>A</td><td>B</td></tr></table></body></html>';
    const doc = await extractFile('e.html', Buffer.from(html));
    expect(doc.title).toBe('Thông báo');
    expect(doc.blocks.map((b) => b.text)).toEqual(['Thông báo', 'Họp lúc 8h & 14h', 'A | B']);
  });

  it('names what is wrong with a bad file', async () => {
    await expect(extractFile('x.pdf', Buffer.from('hello'))).rejects.toMatchObject({ kind: 'corrupt' });
    await expect(extractFile('x.docx', Buffer.from('%PDF-1.4 nothing'))).rejects.toMatchObject({ kind: 'corrupt' });
    await expect(extractFile('x.txt', Buffer.alloc(0))).rejects.toMatchObject({ kind: 'empty' });
    await expect(extractFile('x.xyz', Buffer.from('abc'))).rejects.toMatchObject({ kind: 'unsupported' });
    await expect(extractFile('x.txt', Buffer.from([0, 1, 2, 3, 0, 0, 5, 6, 7, 0, 0, 0]))).rejects.toMatchObject({ kind: 'corrupt' });
  });
});

describe('structure', () => {
  it('recognises Phần/Chương/Mục/Điều headings but not words that start the same', async () => {
    const { headingOf } = await import('../indexer/analyze/structure.js');
    const label = (text: string) => headingOf({ text, page: null, kind: 'paragraph' })?.label ?? null;
    expect(label('Phần thứ hai. THỂ THỨC')).toBe('Phần thứ hai');
    expect(label('CHƯƠNG II. QUY ĐỊNH CHUNG')).toBe('Chương II');
    expect(label('Điều 15. Hiệu lực thi hành')).toBe('Điều 15');
    expect(label('Mục 2. Hỗ trợ')).toBe('Mục 2');
    for (const text of ['Phần lớn doanh nghiệp chưa đổi mới', 'Chương trình hành động', 'Mục tiêu chung', 'Điều chỉnh quy hoạch', 'Điều kiện hỗ trợ: có dự án']) {
      expect(label(text), text).toBeNull();
    }
  });
});
