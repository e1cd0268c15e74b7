/**
 * Scans and bad text layers, on the real Đà Nẵng letters: pages without a text
 * layer and pages whose OCR layer is garbage are detected and recognised with
 * Vietnamese language data from a local folder; OCR blocks are marked; a page
 * that cannot be recognised is named with its reason; character error rate on
 * the two page images stays at the level measured by scripts/eval-ocr.mjs.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractFile } from '../indexer/extract/index.js';
import { OcrEngine, resolveTessdata, SYSTEM_TESSDATA } from '../indexer/extract/ocr.js';
import { judgeTextLayer } from '../indexer/extract/pdf.js';
import { foldAccents } from '../indexer/common/normalize.js';
// @ts-expect-error -- a plain .mjs script without type declarations
import { cer } from '../scripts/eval-ocr.mjs';
import { CORPUS, SHARED_DATA, tempDir } from './helpers.js';

const SCANS = path.join(SHARED_DATA, 'scans-danang');
const tessdata = resolveTessdata(undefined);
const folded = (s: string) => foldAccents(s.toLowerCase()).replace(/\s+/g, ' ');

describe('OCR language data', () => {
  it('comes from $KHO_TESSDATA or the system folder, never from the network', () => {
    // CI installs tesseract-ocr-vie; without it the rest of this file cannot mean anything.
    expect(tessdata, 'install tesseract-ocr-vie or set KHO_TESSDATA').not.toBeNull();
    if (!process.env.KHO_TESSDATA) expect(SYSTEM_TESSDATA).toContain(tessdata);
    expect(existsSync(path.join(tessdata!, 'vie.traineddata'))).toBe(true);
    expect(resolveTessdata('/nonexistent/tessdata')).toBeNull();
  });

  it('fails with a named reason when the data is missing, instead of crashing', async () => {
    const empty = tempDir('tessdata');
    try {
      const file = path.join(SCANS, '2.pdf');
      await expect(extractFile(file, readFileSync(file), { ocr: { tessdata: empty.dir } })).rejects.toMatchObject({
        kind: 'empty',
        message: expect.stringMatching(/^no text layer \(a scanned document\) and OCR could not read it: no OCR language data/),
      });
      // A document with text keeps it; only its scanned pages are listed as not OCR'd.
      const mixed = path.join(SCANS, '1.pdf');
      const doc = await extractFile(mixed, readFileSync(mixed), { ocr: { tessdata: empty.dir } });
      expect(doc.notes?.ocrFailures?.map((f) => f.page)).toEqual([1, 2]);
      for (const f of doc.notes!.ocrFailures!) expect(f.reason).toMatch(/^no OCR language data/);
    } finally {
      empty.cleanup();
    }
  });
});

describe('text layers', () => {
  it('keeps the good text layers of the sample corpus and the converted TCVN3 PDFs', async () => {
    const pdfs = [
      ...readdirSync(CORPUS).filter((f) => f.endsWith('.pdf')).map((f) => path.join(CORPUS, f)),
      path.join(SHARED_DATA, 'viparse', 'corpus', 'public-domain', 'tcvn3', '2006-1E499_ND109veDKKD_dacotrenmucPTDNN-V.pdf'),
    ];
    let judged = 0;
    for (const file of pdfs) {
      const doc = await extractFile(file, readFileSync(file), { ocr: false });
      for (let page = 1; page <= doc.pageCount!; page++) {
        const text = doc.blocks.filter((b) => b.page === page).map((b) => b.text).join('\n');
        if (text.length <= 200) continue; // too little text to judge (a cover, a signature page)
        expect(judgeTextLayer(text), `${path.basename(file)} p${page}`).toBeNull();
        judged++;
      }
    }
    // Most pages carry text: a loop that judged none would pass without testing anything.
    expect(judged).toBeGreaterThanOrEqual(pdfs.length * 2);
  });

  it('finds the missing text layer of 2.pdf and the garbage OCR layers of 1.pdf and 3.pdf', async () => {
    const scan = path.join(SCANS, '2.pdf');
    await expect(extractFile(scan, readFileSync(scan), { ocr: false })).rejects.toMatchObject({ kind: 'empty', message: expect.stringMatching(/no text layer \(a scanned document\) and OCR is turned off/) });
    for (const [name, pages] of [['1.pdf', 2], ['3.pdf', 6]] as const) {
      const file = path.join(SCANS, name);
      const doc = await extractFile(file, readFileSync(file), { ocr: false });
      expect(doc.pageCount).toBe(pages);
      for (let page = 1; page <= pages; page++) {
        const text = doc.blocks.filter((b) => b.page === page).map((b) => b.text).join('\n');
        expect(judgeTextLayer(text), `${name} p${page}`).toMatch(/^garbage text layer|without Vietnamese accents/);
      }
    }
  });
});

describe.skipIf(!tessdata)('OCR', () => {
  const engine = new OcrEngine(tessdata ?? '');
  afterAll(() => engine.terminate());

  it('reads the Đà Nẵng page images with a character error rate under 15%', async () => {
    for (const name of ['4_1', '4_2']) {
      const result = await engine.recognize(readFileSync(path.join(SCANS, `${name}.jpg`)));
      const score = cer(result.text, readFileSync(path.join(SCANS, `${name}_gt.txt`), 'utf8'));
      // Measured 9.0% and 9.8% (references are machine-made: part of that is theirs).
      expect(score.cer, name).toBeLessThan(0.15);
    }
  });

  it('replaces a garbage layer and fills an image-only PDF, marking OCR blocks, reporting progress', async () => {
    const progress: number[] = [];
    const scanned = path.join(SCANS, '2.pdf');
    const doc = await extractFile(scanned, readFileSync(scanned), { ocr: { onProgress: (p) => progress.push(p.done) } });
    expect(doc.notes?.ocrPages).toEqual([1, 2]);
    expect(progress).toEqual([0, 1, 2]); // the total first, then each page
    expect(doc.blocks.length).toBeGreaterThanOrEqual(5);
    expect(doc.blocks.every((b) => b.ocr === true && (b.page === 1 || b.page === 2))).toBe(true);
    expect(folded(doc.blocks.map((b) => b.text).join(' '))).toContain('doc lap - tu do - hanh phuc');

    const garbled = path.join(SCANS, '1.pdf');
    const before = await extractFile(garbled, readFileSync(garbled), { ocr: false });
    const after = await extractFile(garbled, readFileSync(garbled));
    expect(after.notes?.ocrPages).toEqual([1, 2]);
    const text = after.blocks.map((b) => b.text).join(' ');
    expect(text).toMatch(/CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|Độc lập - Tự do - Hạnh phúc/);
    expect(before.blocks.map((b) => b.text).join(' ')).not.toMatch(/Độc lập/);
  });

  it('gives up on a page past its time limit, with the reason', async () => {
    const file = path.join(SCANS, '1.pdf');
    const doc = await extractFile(file, readFileSync(file), { ocr: { pageTimeoutMs: 1 } });
    expect(doc.notes?.ocrFailures?.map((f) => f.page)).toEqual([1, 2]);
    for (const f of doc.notes!.ocrFailures!) expect(f.reason).toMatch(/OCR took longer than/);
    const scan = path.join(SCANS, '2.pdf');
    await expect(extractFile(scan, readFileSync(scan), { ocr: { pageTimeoutMs: 1 } })).rejects.toMatchObject({ kind: 'empty', message: expect.stringMatching(/OCR took longer than/) });
  });
});
