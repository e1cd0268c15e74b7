/**
 * The citation basket: persistence across reopen, ordering, notes, concurrent
 * changes, a damaged file, and the Markdown and DOCX exports (the DOCX is
 * unzipped and its document.xml read back, and opened by LibreOffice, which
 * prints it to PDF: the page must show the passages and their citations).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { Basket, basketPath, type BasketHit, basketToMarkdown } from '../indexer/cite/basket.js';
import { tempDir } from './helpers.js';

/** Files of a zip archive (stored or deflated), read from its central directory. */
function unzip(data: Uint8Array): Map<string, Buffer> {
  const buf = Buffer.from(data);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + size);
    files.set(name, method === 0 ? Buffer.from(raw) : inflateRawSync(raw));
    at += 46 + nameLength + extra + comment;
  }
  return files;
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** Text of document.xml with runs joined: what a reader of the page sees, paragraph by paragraph. */
function docxText(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
}

const hitA: BasketHit = {
  passageId: 'doc1.3',
  documentId: 'doc1',
  path: '/kho/qd-1234-2024-ubnd-thanh-hoa.pdf',
  title: 'Quyết định số 1234/QĐ-UBND',
  page: 4,
  pageEnd: 4,
  section: 'Chương II › Điều 4',
  text: 'Điều 4. Hỗ trợ sử dụng không gian làm việc chung\n\n1. Dự án khởi nghiệp đổi mới sáng tạo được hỗ trợ 100% chi phí thuê chỗ ngồi <tối đa 12 tháng> & không quá 3 triệu đồng/tháng.',
  citation: 'Quyết định số 1234/QĐ-UBND ngày 05/3/2024 của UBND tỉnh Thanh Hóa, Điều 4, tr. 4',
  citations: {
    administrative: 'Quyết định số 1234/QĐ-UBND ngày 05/3/2024 của UBND tỉnh Thanh Hóa, Điều 4, tr. 4',
    research: null,
    plain: 'qd-1234-2024-ubnd-thanh-hoa.pdf — tr. 4 — Chương II › Điều 4',
    best: 'Quyết định số 1234/QĐ-UBND ngày 05/3/2024 của UBND tỉnh Thanh Hóa, Điều 4, tr. 4',
  },
};
const hitB: BasketHit = {
  passageId: 'doc2.7',
  path: '/kho/nckh-2023-lam-son-iot.pdf',
  page: 6,
  pageEnd: 6,
  section: '2.5. Thuật toán điều khiển tưới',
  text: 'Trong khoảng 11 giờ đến 14 giờ, hệ thống hạn chế tưới để tránh sốc nhiệt cho cây, trừ khi độ ẩm giảm dưới ngưỡng khẩn cấp 50%.',
  citation: 'Lê Thị Hồng Nhung (2023), Nghiên cứu thiết kế, chế tạo hệ thống giám sát và tưới tự động ứng dụng IoT, Trường Cao đẳng Kỹ thuật Công nghệ Lam Sơn, tr. 6',
};
const hitC: BasketHit = { ...hitB, passageId: 'doc3.1', path: '/kho/cv-1420.txt', page: null, pageEnd: null, section: null, text: '4. Thời hạn đăng ký: trước ngày 15 tháng 7 năm 2025.', citation: 'Công văn số 1420/SKHCN-QLCN ngày 03/6/2025 của Sở Khoa học và Công nghệ thành phố Đà Nẵng' };

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});
function freshFile(): string {
  const t = tempDir('basket');
  cleanup = t.cleanup;
  return basketPath(t.dir);
}

describe('Basket', () => {
  it('adds, notes, reorders and removes; survives reopening', async () => {
    const file = freshFile();
    const basket = await Basket.open(file);
    expect(basket.list()).toEqual([]);
    const a = await basket.add(hitA, '  dùng cho mục 2.1  ');
    const b = await basket.add(hitB);
    const c = await basket.add(hitC, 'hạn chót');
    expect(a.note).toBe('dùng cho mục 2.1');
    expect(b.note).toBe('');
    expect(basket.list().map((i) => i.passageId)).toEqual(['doc1.3', 'doc2.7', 'doc3.1']);

    // The same passage is not added twice; a new note replaces the old one.
    const again = await basket.add(hitA, 'ghi chú mới');
    expect(again.id).toBe(a.id);
    expect(basket.size).toBe(3);

    await basket.move(c.id, 0);
    expect(basket.list().map((i) => i.id)).toEqual([c.id, a.id, b.id]);
    await basket.reorder([b.id, 'gone', a.id]); // unknown ids ignored, unlisted items kept at the end
    expect(basket.list().map((i) => i.id)).toEqual([b.id, a.id, c.id]);
    await basket.setNote(b.id, 'ngưỡng khẩn cấp');
    expect(await basket.remove(c.id)).toBe(true);
    expect(await basket.remove(c.id)).toBe(false);
    await expect(basket.setNote('nope', 'x')).rejects.toThrow(/basket: no item "nope"/);

    const reopened = await Basket.open(file);
    expect(reopened.list()).toEqual(basket.list());
    expect(reopened.list().map((i) => [i.passageId, i.note])).toEqual([
      ['doc2.7', 'ngưỡng khẩn cấp'],
      ['doc1.3', 'ghi chú mới'],
    ]);
    const stored = JSON.parse(readFileSync(file, 'utf8'));
    expect(stored.version).toBe(1);
    expect(stored.items[1]).toMatchObject({ passageId: 'doc1.3', page: 4, section: 'Chương II › Điều 4', path: hitA.path, text: hitA.text, citation: hitA.citation });
    // Atomic writes leave no temporary files behind.
    expect(readdirSync(path.dirname(file)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps every change when two openers of the same file add at once', async () => {
    const file = freshFile();
    const one = await Basket.open(file);
    const two = await Basket.open(file);
    await Promise.all([one.add(hitA), two.add(hitB), one.add(hitC)]);
    const reopened = await Basket.open(file);
    expect(reopened.list().map((i) => i.passageId).sort()).toEqual(['doc1.3', 'doc2.7', 'doc3.1']);
  });

  it('moves a damaged file aside instead of losing it', async () => {
    const file = freshFile();
    writeFileSync(file, '{ "version": 1, "items": [ broken');
    const basket = await Basket.open(file);
    expect(basket.list()).toEqual([]);
    const aside = readdirSync(path.dirname(file)).filter((f) => f.startsWith('basket.json.damaged-'));
    expect(aside).toHaveLength(1);
    await basket.add(hitB);
    expect(existsSync(file)).toBe(true);
  });

  it('exports Markdown: quoted passages, citations, notes', async () => {
    const basket = await Basket.open(freshFile());
    await basket.add(hitA, 'dùng cho mục 2.1');
    await basket.add(hitB);
    expect(basket.toMarkdown()).toBe(
      [
        '# Trích dẫn tài liệu',
        '',
        '**1.**',
        '',
        '> Điều 4. Hỗ trợ sử dụng không gian làm việc chung',
        '>',
        '> \\1. Dự án khởi nghiệp đổi mới sáng tạo được hỗ trợ 100% chi phí thuê chỗ ngồi \\<tối đa 12 tháng> & không quá 3 triệu đồng/tháng.',
        '>',
        '> — Quyết định số 1234/QĐ-UBND ngày 05/3/2024 của UBND tỉnh Thanh Hóa, Điều 4, tr. 4',
        '',
        '*Ghi chú:* dùng cho mục 2.1',
        '',
        '**2.**',
        '',
        '> Trong khoảng 11 giờ đến 14 giờ, hệ thống hạn chế tưới để tránh sốc nhiệt cho cây, trừ khi độ ẩm giảm dưới ngưỡng khẩn cấp 50%.',
        '>',
        '> — Lê Thị Hồng Nhung (2023), Nghiên cứu thiết kế, chế tạo hệ thống giám sát và tưới tự động ứng dụng IoT, Trường Cao đẳng Kỹ thuật Công nghệ Lam Sơn, tr. 6',
        '',
      ].join('\n'),
    );
    // Another citation form on request; an empty basket says so.
    expect(basket.toMarkdown({ style: 'plain', title: 'Tài liệu tham khảo' })).toContain('> — qd-1234-2024-ubnd-thanh-hoa.pdf — tr. 4 — Chương II › Điều 4');
    expect(basketToMarkdown([])).toBe('# Trích dẫn tài liệu\n\n*(Giỏ trích dẫn trống.)*\n');
  });

  it('exports DOCX whose document.xml holds the passages, citations and notes (Times New Roman, A4)', async () => {
    const file = freshFile();
    const basket = await Basket.open(file);
    await basket.add(hitA, 'dùng cho mục 2.1');
    await basket.add(hitB);
    await basket.add(hitC);
    const out = path.join(path.dirname(file), 'trich-dan.docx');
    await basket.exportDocx(out, { date: new Date(2025, 10, 26) });
    const files = unzip(readFileSync(out));
    const xml = files.get('word/document.xml')!.toString('utf8');
    const paragraphs = docxText(xml);
    expect(paragraphs[0]).toBe('TRÍCH DẪN TÀI LIỆU');
    expect(paragraphs[1]).toBe('(Tổng hợp ngày 26 tháng 11 năm 2025)');
    // Passage paragraphs: numbered, in quotes, Vietnamese text intact (XML-escaped where needed).
    expect(paragraphs).toContain('1. “Điều 4. Hỗ trợ sử dụng không gian làm việc chung');
    expect(paragraphs).toContain(xmlEscape('1. Dự án khởi nghiệp đổi mới sáng tạo được hỗ trợ 100% chi phí thuê chỗ ngồi <tối đa 12 tháng> & không quá 3 triệu đồng/tháng.”'));
    expect(paragraphs).toContain(`2. “${hitB.text}”`);
    expect(paragraphs).toContain(`3. “${hitC.text}”`);
    for (const hit of [hitA, hitB, hitC]) expect(paragraphs).toContain(`(${hit.citation})`);
    expect(paragraphs).toContain('Ghi chú: dùng cho mục 2.1');
    // Order follows the basket.
    expect(paragraphs.indexOf(`(${hitA.citation})`)).toBeLessThan(paragraphs.indexOf(`2. “${hitB.text}”`));
    const styles = files.get('word/styles.xml')!.toString('utf8');
    expect(styles).toContain('w:ascii="Times New Roman"');
    expect(xml).toMatch(/<w:pgSz w:w="11907" w:h="16840"/);
    expect(files.get('docProps/core.xml')!.toString('utf8')).toContain('Kho Tri Thức');
  });

  it('opens in LibreOffice, which prints the passages and citations in order with Vietnamese intact', async () => {
    const file = freshFile();
    const basket = await Basket.open(file);
    await basket.add(hitA, 'dùng cho mục 2.1');
    await basket.add(hitC);
    const dir = path.dirname(file);
    const out = path.join(dir, 'trich-dan.docx');
    await basket.exportDocx(out, { date: new Date(2025, 10, 26) });
    // A private profile: a LibreOffice the user has open must not be disturbed (or block the conversion).
    execFileSync('soffice', [`-env:UserInstallation=file://${dir}/lo-profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, out], { stdio: 'ignore', timeout: 180_000 });
    const pdf = path.join(dir, 'trich-dan.pdf');
    expect(existsSync(pdf)).toBe(true);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('TRÍCH DẪN TÀI LIỆU');
    expect(text).toContain('Hỗ trợ sử dụng không gian làm việc chung');
    for (const hit of [hitA, hitC]) expect(text).toContain(hit.citation.replace(/\s+/g, ' ').slice(0, 60));
    expect(text).toContain('Ghi chú: dùng cho mục 2.1');
    expect(text.indexOf(hitA.citation.slice(0, 40))).toBeLessThan(text.indexOf(hitC.citation.slice(0, 40)));
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
    expect(pages).toBeGreaterThanOrEqual(1);
  });
});
