/**
 * Page images read by OCR: JPEG, PNG, BMP and TIFF (several pages, plain and
 * Deflate-coded) made here from rendered text become documents whose pages are
 * the image's pages; a library finds them by page; the per-file limits hold;
 * a damaged image fails with a reason naming it, never crashing the run.
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractFile, ExtractionError, isCandidate } from '../indexer/extract/index.js';
import { imagePages, sniffImage } from '../indexer/extract/image-format.js';
import { resolveTessdata } from '../indexer/extract/ocr.js';
import { MAX_IMAGE_PIXELS } from '../indexer/extract/limits.js';
import { foldAccents } from '../indexer/common/normalize.js';
import { Library } from '../indexer/library/library.js';
import { bmp, renderLines, tiff } from './images-helpers.js';
import { SHARED_DATA, tempDir } from './helpers.js';

const TCVN3_PDF = path.join(SHARED_DATA, 'viparse', 'corpus', 'public-domain', 'tcvn3', '2006-1E499_ND109veDKKD_dacotrenmucPTDNN-V.pdf');

const tessdata = resolveTessdata(undefined);
const folded = (s: string) => foldAccents(s.toLowerCase()).replace(/\s+/g, ' ');
const textOf = (doc: { blocks: Array<{ text: string; page: number | null }> }, page?: number) =>
  folded(doc.blocks.filter((b) => page === undefined || b.page === page).map((b) => b.text).join(' '));

const first = renderLines(['Quyết định về quản lý', 'nhiệm vụ khoa học']);
const second = renderLines(['Trang hai nói về', 'chuyển giao công nghệ']);

describe('image headers', () => {
  it('knows each kind by its bytes and reads page sizes without decoding', () => {
    expect(sniffImage(first.png)).toBe('png');
    expect(sniffImage(first.jpg)).toBe('jpg');
    expect(sniffImage(bmp(first.gray))).toBe('bmp');
    expect(sniffImage(tiff([first.gray]))).toBe('tiff');
    expect(sniffImage(Buffer.from('BMW báo cáo quý 3, không phải ảnh'))).toBeNull();
    for (const [kind, data] of [['png', first.png], ['jpg', first.jpg], ['bmp', bmp(first.gray)]] as const) {
      expect(imagePages(data, kind).map((p) => [p.width, p.height]), kind).toEqual([[1000, 168]]);
    }
    expect(imagePages(tiff([first.gray, second.gray]), 'tiff')).toHaveLength(2);
    for (const name of ['a.jpg', 'a.JPEG', 'a.png', 'a.tif', 'a.tiff', 'a.bmp']) expect(isCandidate(name), name).toBe(true);
  });

  it('fails a damaged image with a reason naming it, before any OCR', async () => {
    const cut = first.png.subarray(0, 20);
    await expect(extractFile('cut.png', cut)).rejects.toMatchObject({ kind: 'corrupt', coded: { code: 'failure.corrupt', params: { format: 'image' } } });
    await expect(extractFile('not-an-image.jpg', Buffer.from('just some text, not a JPEG'))).rejects.toMatchObject({
      kind: 'corrupt',
      message: expect.stringMatching(/not a readable image/),
    });
    const loop = tiff([first.gray]);
    loop.writeUInt32LE(loop.readUInt32LE(4), loop.readUInt32LE(4) + 2 + 10 * 12); // the page chain points back at itself
    await expect(extractFile('loop.tif', loop)).rejects.toMatchObject({ kind: 'corrupt', message: expect.stringMatching(/TIFF image is damaged.*loops/) });
  });

  it('holds a page image to the pixel limit, read from its header', async () => {
    const huge = Buffer.from(first.png);
    huge.writeUInt32BE(20_000, 16);
    huge.writeUInt32BE(20_000, 20);
    const error = await extractFile('huge.png', huge).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExtractionError);
    expect(error).toMatchObject({ kind: 'too-large', coded: { code: 'failure.imagePixels', params: { megapixels: 400, limit: Math.round(MAX_IMAGE_PIXELS / 1e6) } } });
  });

  it('says that an image needs OCR when OCR is off', async () => {
    await expect(extractFile('a.png', first.png, { ocr: false })).rejects.toMatchObject({ kind: 'empty', coded: { code: 'failure.imageNoText', params: { cause: 'ocr-off' } } });
  });
});

describe.skipIf(!tessdata)('images read by OCR', () => {
  it('reads PNG, JPEG and BMP as documents of OCR text, without a page number to cite', async () => {
    for (const [name, data] of [['a.png', first.png], ['a.jpg', first.jpg], ['a.bmp', bmp(first.gray)]] as const) {
      const doc = await extractFile(name, data);
      expect(doc.format, name).toBe(path.extname(name).slice(1));
      expect(doc.pageCount).toBe(1);
      expect(doc.notes?.ocrPages).toEqual([1]);
      // One image is often one page of a longer letter (4_2.jpg): "tr. 1" would be a wrong citation.
      expect(doc.blocks.every((b) => b.ocr === true && b.page === null)).toBe(true);
      expect(textOf(doc), name).toContain('nhiem vu khoa hoc');
    }
    // A header that reads but pixels that do not decode: a damaged image, named, and the OCR engine survives it.
    await expect(extractFile('cut.png', first.png.subarray(0, 120))).rejects.toMatchObject({ kind: 'corrupt', message: expect.stringMatching(/PNG image is damaged/) });
  });

  it('reads every page of a TIFF, plain or Deflate-coded, as pages', async () => {
    const progress: Array<[number, number]> = [];
    const doc = await extractFile('two.tif', tiff([first.gray, second.gray]), { ocr: { onProgress: (p) => progress.push([p.done, p.pagesToOcr]) } });
    expect(doc.format).toBe('tiff');
    expect(doc.pageCount).toBe(2);
    expect(doc.notes?.ocrPages).toEqual([1, 2]);
    expect(textOf(doc, 1)).toContain('quan ly');
    expect(textOf(doc, 2)).toContain('chuyen giao cong nghe');
    expect(progress).toEqual([[0, 2], [1, 2], [2, 2]]);
    const deflated = await extractFile('one.tiff', tiff([second.gray], 'deflate'));
    expect(textOf(deflated)).toContain('chuyen giao cong nghe');
  });

  it('OCRs at most the page limit of a TIFF and lists the rest', async () => {
    const doc = await extractFile('two.tif', tiff([first.gray, second.gray]), { ocr: { maxPages: 1 } });
    expect(doc.notes?.ocrPages).toEqual([1]);
    expect(doc.notes?.ocrFailures).toEqual([{ page: 2, reason: expect.stringMatching(/more than 1 pages to OCR/) }]);
    expect(doc.pageCount).toBe(2);
  });

  describe('in a library', () => {
    const work = tempDir('images');
    const folder = path.join(work.dir, 'scans');
    let library: Library;
    beforeAll(async () => {
      mkdirSync(folder);
      writeFileSync(path.join(folder, 'ho-so.tif'), tiff([first.gray, second.gray]));
      writeFileSync(path.join(folder, 'hong.jpg'), first.jpg.subarray(0, 200));
      cpSync(TCVN3_PDF, path.join(folder, 'nghi-dinh-tcvn3.pdf'));
      library = await Library.open({ dataDir: path.join(work.dir, 'data'), embedInWorker: false });
    });
    afterAll(async () => {
      await library?.close();
      work.cleanup();
    });

    it('finds a passage by its page, and lists a damaged image as failed instead of skipping it', async () => {
      const summary = await library.index({ paths: [folder] });
      expect(summary.indexed).toBe(2);
      expect(summary.failed.map((f) => [path.basename(f.path), f.kind])).toEqual([['hong.jpg', 'corrupt']]);
      const found = await library.search({ query: 'chuyển giao công nghệ', limit: 3 });
      // Two short pages make one passage: it runs onto page 2, where the words are.
      expect(found.hits[0]).toMatchObject({ path: path.join(folder, 'ho-so.tif'), format: 'tiff', pageEnd: 2, ocr: true });
      const status = await library.status();
      expect(status.failures.map((f) => path.basename(f.path))).toEqual(['hong.jpg']);
    });

    it('says where a passage is on an OCR\'d page and on a TCVN3-font page, for the viewer to mark', async () => {
      const onScan = await library.pageMarks({ path: path.join(folder, 'ho-so.tif'), page: 2, text: 'Trang hai nói về chuyển giao công nghệ' });
      expect(onScan.source).toBe('ocr');
      // Two printed lines, each one rectangle, inside the page and in reading order.
      expect(onScan.boxes).toHaveLength(2);
      for (const [left, top, right, bottom] of onScan.boxes) expect(0 <= left && left < right && right <= 1 && 0 <= top && top < bottom && bottom <= 1).toBe(true);
      expect(onScan.boxes[0]![1]).toBeLessThan(onScan.boxes[1]![1]);
      expect((await library.pageMarks({ path: path.join(folder, 'ho-so.tif'), page: 1, text: 'chuyển giao công nghệ' })).boxes).toEqual([]);

      // The text layer of this PDF is TCVN3 bytes (mojibake to the viewer): converted, it is found.
      const hit = (await library.search({ query: 'đăng ký kinh doanh', limit: 5 })).hits.find((h) => h.path.endsWith('nghi-dinh-tcvn3.pdf'))!;
      const converted = await library.pageMarks({ path: hit.path, page: hit.page!, text: hit.text });
      expect(converted.source).toBe('converted');
      expect(converted.boxes.length).toBeGreaterThan(0);
    });
  });
});
