/**
 * OCR progress by page: a scan takes seconds a page, so a run reading scans
 * reports pages done / pages known and a time left while the file is still
 * being read — from the OCR in the extraction worker (the built pool, as the
 * CLI and the apps run it) up to the progress a library reports.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { IndexProgress } from '../indexer/api/contract.js';
import type { OcrProgress } from '../indexer/extract/types.js';
import { resolveTessdata } from '../indexer/extract/ocr.js';
import { OcrTally } from '../indexer/ingest/ocr-progress.js';
import { Library } from '../indexer/library/library.js';
import { notesColumn } from '../indexer/store/json-columns.js';
import { renderLines, tiff } from './images-helpers.js';
import { ROOT, tempDir } from './helpers.js';

const tessdata = resolveTessdata(undefined);
const pages = [['Trang một về', 'quản lý khoa học'], ['Trang hai về', 'chuyển giao công nghệ'], ['Trang ba về', 'đổi mới sáng tạo']].map((lines) => renderLines(lines).gray);

describe('the run tally', () => {
  it('sums pages over the files being read at once, with a time left from the pace so far', () => {
    let now = 1_000;
    const tally = new OcrTally(() => now);
    expect(tally.page('a.pdf', { page: 1, pagesToOcr: 4, done: 0 })).toEqual({ pagesDone: 0, pagesTotal: 4, file: 'a.pdf' });
    now += 1_000;
    expect(tally.page('b.tif', { page: 1, pagesToOcr: 2, done: 0 })).toMatchObject({ pagesDone: 0, pagesTotal: 6, file: 'b.tif' });
    now += 3_000; // 2 pages in 4 s: 4 left take 8 s
    tally.page('a.pdf', { page: 1, pagesToOcr: 4, done: 1 });
    expect(tally.page('b.tif', { page: 1, pagesToOcr: 2, done: 1 })).toEqual({ pagesDone: 2, pagesTotal: 6, etaSeconds: 8, file: 'b.tif' });
    // A file that stops early (timeout, failure) counts as read: the total is never left hanging.
    expect(tally.finish('a.pdf')).toMatchObject({ pagesDone: 5, pagesTotal: 6 });
    expect(tally.finish('not-ocrd.docx')).toBeNull();
  });
});

describe.skipIf(!tessdata)('OCR progress', () => {
  const work = tempDir('ocr-progress');
  afterAll(() => work.cleanup());

  it('comes out of the extraction worker page by page, before the file is done', async () => {
    const { ExtractionPool } = (await import(path.join(ROOT, 'dist', 'indexer', 'ingest', 'extract-pool.js'))) as typeof import('../indexer/ingest/extract-pool.js');
    const pool = new ExtractionPool(undefined, 1);
    expect(pool.isolated, 'run `npx tsc -p tsconfig.json` first: the pool runs the built worker').toBe(true);
    const events: Array<OcrProgress & { finished: boolean }> = [];
    let finished = false;
    pool.onOcrProgress = (file, p) => events.push({ ...p, finished, page: file === 'three.tif' ? p.page : -1 });
    try {
      const doc = await pool.analyze('three.tif', tiff(pages));
      finished = true;
      expect(notesColumn.decode(doc.notes).ocrPages).toEqual([1, 2, 3]);
    } finally {
      await pool.close();
    }
    expect(events.map((e) => [e.done, e.pagesToOcr])).toEqual([[0, 3], [1, 3], [2, 3], [3, 3]]);
    expect(events.every((e) => !e.finished && e.page > 0)).toBe(true);
  });

  it('reaches the library progress with pages done / total while the file is read', async () => {
    const folder = path.join(work.dir, 'scans');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'ba-trang.tif'), tiff(pages));
    const seen: IndexProgress[] = [];
    const library = await Library.open({ dataDir: path.join(work.dir, 'data'), embedInWorker: false, onProgress: (p) => seen.push(structuredClone(p)) });
    try {
      await library.index({ paths: [folder] });
    } finally {
      await library.close();
    }
    const during = seen.filter((p) => p.phase === 'extract' && p.filesDone === 0 && p.ocr);
    expect(during.map((p) => [p.ocr!.pagesDone, p.ocr!.pagesTotal])).toEqual([[0, 3], [1, 3], [2, 3], [3, 3]]);
    expect(during.every((p) => p.ocr!.file === path.join(folder, 'ba-trang.tif'))).toBe(true);
    expect(seen.at(-1)).toMatchObject({ phase: 'done', filesDone: 1, ocr: { pagesDone: 3, pagesTotal: 3 } });
  });
});
