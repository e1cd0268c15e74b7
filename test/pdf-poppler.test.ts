/**
 * poppler's pdftotext as the PDF text source (pdf-poppler.ts) against pdf.js,
 * the default: the same text, pages and comparable lines on the corpus PDFs,
 * the same (or better) legacy conversion on the viparse TCVN3 PDFs, the same
 * errors on the bad-input PDFs, and pdf.js whenever pdftotext is missing,
 * fails, hangs or answers garbage — with no error for the user.
 */
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractFile, type ExtractedDocument, type ExtractOptions } from '../indexer/extract/index.js';
import { DEFAULT_PDFTOTEXT, parseBbox, PopplerError, popplerLines } from '../indexer/extract/pdf-poppler.js';
// @ts-expect-error -- a plain .mjs script without type declarations
import { makeBadInputs } from '../scripts/make-bad-inputs.mjs';
// @ts-expect-error -- a plain .mjs script without type declarations
import { scorePair } from '../scripts/eval-viparse.mjs';
import { CORPUS, SHARED_DATA, tempDir } from './helpers.js';

const HAVE_POPPLER = existsSync(DEFAULT_PDFTOTEXT);
const TCVN3 = path.join(SHARED_DATA, 'viparse', 'corpus', 'public-domain', 'tcvn3');
const pdfs = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.pdf')).sort().map((f) => path.join(dir, f));
const text = (doc: ExtractedDocument) => doc.blocks.map((b) => b.text).join('\n');
const flat = (doc: ExtractedDocument) => text(doc).replace(/\s+/g, ' ').trim();
const wordsPerPage = (doc: ExtractedDocument) => {
  const pages = new Map<number | null, number>();
  for (const b of doc.blocks) pages.set(b.page, (pages.get(b.page) ?? 0) + b.text.split(/\s+/).length);
  return [...pages].sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
};
const read = (file: string, options: ExtractOptions) => extractFile(file, readFileSync(file), { ocr: false, ...options });

const work = tempDir('pdf-poppler');
afterAll(() => work.cleanup());

/** A stand-in pdftotext: a shell script. */
function fakeTool(name: string, body: string): string {
  const file = path.join(work.dir, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

describe.skipIf(!HAVE_POPPLER)('poppler text source: same text as pdf.js', () => {
  it('gives the corpus PDFs the same text, pages, title and words per page, with comparable paragraphs', async () => {
    const files = pdfs(CORPUS);
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const file of files) {
      const name = path.basename(file);
      const [pdfjs, poppler] = [await read(file, { pdfTextSource: 'pdfjs' }), await read(file, { pdfTextSource: 'poppler' })];
      expect(poppler.pageCount, name).toBe(pdfjs.pageCount);
      expect(poppler.title, name).toBe(pdfjs.title);
      expect(flat(poppler), name).toBe(flat(pdfjs));
      expect(wordsPerPage(poppler), name).toEqual(wordsPerPage(pdfjs));
      // Paragraph breaks are judged from line gaps; poppler gives boxes, not font sizes: close, not always equal.
      expect(Math.abs(poppler.blocks.length - pdfjs.blocks.length), name).toBeLessThanOrEqual(Math.ceil(pdfjs.blocks.length * 0.05));
      expect(poppler.notes?.legacyEncodings, name).toBeUndefined();
    }
  });

  it('converts the viparse TCVN3 PDFs as well as pdf.js or better (METRIC.md diacritic accuracy)', async () => {
    const files = pdfs(TCVN3);
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const file of files) {
      const name = path.basename(file);
      const truth = readFileSync(path.join(SHARED_DATA, 'viparse', 'ground-truth', name.replace(/\.pdf$/, '.txt')), 'utf8');
      const [pdfjs, poppler] = [await read(file, { pdfTextSource: 'pdfjs' }), await read(file, { pdfTextSource: 'poppler' })];
      expect(Object.keys(poppler.notes?.legacyEncodings ?? {}), name).toContain('tcvn3');
      expect(poppler.pageCount, name).toBe(pdfjs.pageCount);
      const [a, b] = [scorePair(text(pdfjs), truth).diacritic as number, scorePair(text(poppler), truth).diacritic as number];
      expect(b, name).toBeGreaterThanOrEqual(Math.min(a, 0.97));
      expect(b, name).toBeGreaterThanOrEqual(0.97);
    }
  });

  it('uses what pdftotext reports, through the same line building, legacy conversion and paragraphs', async () => {
    const xhtml = (words: string) =>
      `<html><head><title>Quy&amp;ết</title></head><body><doc><page width="600" height="800">${words}</page></doc></body></html>`;
    const word = (x: number, y: number, w: string) => `<word xMin="${x}" yMin="${y - 11}" xMax="${x + w.length * 6}" yMax="${y}">${w}</word>`;
    // A TCVN3 line ("Bé tr−ëng" with the minus for ư), a word break inside a word, and a wide gap to the next paragraph.
    const tcvn3 = ['zqpoppler', 'Bé', 'tr−ëng', 'Bé', 'Tµi', 'chÝnh', 'c¨n', 'cø', 'LuËt', 'Tæ', 'chøc', 'ChÝnh', 'phñ'];
    let x = 40;
    const line1 = tcvn3.map((w) => word((x += w.length * 6 + 6) - w.length * 6 - 6, 100, w)).join('');
    const line2 = [word(100, 160, 'Th'), word(113, 160, 'ông'), word(140, 160, 'tư')].join('');
    const fake = fakeTool('pdftotext-fixed', `cat >/dev/null\ncat <<'XHTML'\n${xhtml(line1 + line2)}\nXHTML`);
    const doc = await read(path.join(CORPUS, 'qd-1234-2024-ubnd-thanh-hoa-ho-tro-doi-moi-sang-tao.pdf'), { pdfTextSource: 'poppler', pdftotext: fake });
    expect(doc.title).toBe('Quy&ết');
    expect(doc.pageCount).toBe(1);
    expect(doc.blocks.map((b) => [b.page, b.text])).toEqual([
      [1, 'zqpoppler Bộ trưởng Bộ Tài chính căn cứ Luật Tổ chức Chính phủ'],
      [1, 'Thông tư'],
    ]);
    expect(doc.notes?.legacyEncodings).toEqual({ tcvn3: 1 });
  });

  it('reads the bad-input PDFs to the same result or the same error as pdf.js', async () => {
    const dir = path.join(work.dir, 'bad');
    const manifest = (await makeBadInputs(dir)) as Array<{ file: string; kind: string }>;
    const cases = manifest.filter((e) => /pdf/.test(e.kind) && e.file.endsWith('.pdf') && !e.file.startsWith('lon/') && existsSync(path.join(dir, e.file)));
    expect(cases.length).toBeGreaterThanOrEqual(6);
    const outcome = (file: string, options: ExtractOptions) =>
      read(file, options).then(
        (doc) => ({ ok: doc }),
        (error: { kind?: string; message?: string; coded?: unknown }) => ({ kind: error.kind, message: error.message, coded: error.coded }),
      );
    for (const e of cases) {
      const file = path.join(dir, e.file);
      expect(await outcome(file, { pdfTextSource: 'poppler' }), e.kind).toEqual(await outcome(file, { pdfTextSource: 'pdfjs' }));
    }
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('poppler text source: pdf.js whenever pdftotext cannot help', () => {
  const file = path.join(CORPUS, 'nq-15-2021-hdnd-thanh-hoa-chinh-sach-khoa-hoc-cong-nghe-doi-moi-sang-tao.pdf');

  it('falls back to pdf.js, without an error, when pdftotext is missing, fails, or answers garbage', async () => {
    const pdfjs = await read(file, { pdfTextSource: 'pdfjs' });
    const tools = [
      path.join(work.dir, 'no-such-dir', 'pdftotext'),
      fakeTool('pdftotext-fails', 'cat >/dev/null\necho "Syntax Error: broken" >&2\nexit 1'),
      fakeTool('pdftotext-garbage', 'cat >/dev/null\necho "not xhtml at all"'),
      fakeTool('pdftotext-cut', 'cat >/dev/null\necho \'<html><body><doc><page width="600" height="800"><word xMin="1" yMin="1" xMax="9" yMax="9">x</word>\''),
    ];
    for (const pdftotext of tools) expect(await read(file, { pdfTextSource: 'poppler', pdftotext }), path.basename(pdftotext)).toEqual(pdfjs);
  });

  it('is off unless asked for (option or KHO_PDF_TEXT)', async () => {
    const marker = path.join(work.dir, 'ran');
    const spy = fakeTool('pdftotext-spy', `touch ${marker}\nexit 3`);
    const saved = process.env.KHO_PDF_TEXT;
    try {
      delete process.env.KHO_PDF_TEXT;
      await read(file, { pdftotext: spy });
      expect(existsSync(marker)).toBe(false);
      process.env.KHO_PDF_TEXT = 'poppler';
      expect((await read(file, { pdftotext: spy })).pageCount).toBeGreaterThan(0);
      expect(existsSync(marker)).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.KHO_PDF_TEXT;
      else process.env.KHO_PDF_TEXT = saved;
    }
  });

  it('says why, stops a hung pdftotext and caps its output', async () => {
    const data = readFileSync(file);
    await expect(popplerLines(data, { pdftotext: path.join(work.dir, 'nope') })).rejects.toThrow(/did not start/);
    const hung = fakeTool('pdftotext-hangs', 'sleep 30');
    const started = Date.now();
    await expect(popplerLines(data, { pdftotext: hung, timeoutMs: 300 })).rejects.toThrow(/no answer within/);
    expect(Date.now() - started).toBeLessThan(20_000); // a hang guard, not a timing budget
    if (HAVE_POPPLER) await expect(popplerLines(data, { maxOutputBytes: 1000 })).rejects.toThrow(/more output than the 1,000-byte limit/);
    expect(() => parseBbox('<html></html>')).toThrow(PopplerError);
  });
});
