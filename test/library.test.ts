/**
 * The library as the app's library page and document page use it, in process
 * (the built code, as the Electron main process and the server hold it):
 * folders in and out, the document list with its notes, the viewer's text,
 * status overrides that survive a restart, "more like this" by embedding, and
 * an indexing run that is searched while it runs, cancelled, and resumed.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndexProgress, KhoApi } from '../indexer/api/contract.js';
import { CORPUS, ROOT, SHARED_DATA, tempDir, TEST_MODEL } from './helpers.js';

type LibraryLike = KhoApi & { close(): Promise<void>; verify(): Promise<{ ok: boolean; problems: string[] }>; index: KhoApi['index'] };
interface LibraryModule {
  Library: { open(options: { dataDir: string; onProgress?: (p: IndexProgress) => void; embedInWorker?: boolean }): Promise<LibraryLike> };
}
const { Library } = (await import(path.join(ROOT, 'dist', 'indexer', 'library', 'library.js'))) as LibraryModule;

const TCVN3_RTF = path.join(SHARED_DATA, 'viparse', 'corpus', 'public-domain', 'tcvn3', '2004-A33.rtf');
const corpusFile = (prefix: string) => path.join(CORPUS, readdirSync(CORPUS).find((f) => f.startsWith(prefix))!);

describe('library folders, documents and policy memory in process', () => {
  const work = tempDir('library');
  const plans = path.join(work.dir, 'ke-hoach');
  const archive = path.join(work.dir, 'luu-tru');
  let library: LibraryLike;

  beforeAll(async () => {
    mkdirSync(plans);
    mkdirSync(archive);
    for (const f of readdirSync(CORPUS).filter((n) => /\.(pdf|docx|md)$/.test(n))) cpSync(path.join(CORPUS, f), path.join(plans, f));
    cpSync(TCVN3_RTF, path.join(archive, 'cong-van-cu.rtf'));
    writeFileSync(path.join(archive, 'ghi-chu.txt'), 'Ghi chú lưu trữ: hồ sơ thẩm định giống lúa chịu mặn vụ chiêm xuân.\n');
    library = await Library.open({ dataDir: path.join(work.dir, 'data'), embedInWorker: false });
    await library.index({ paths: [plans, archive] });
  });
  afterAll(async () => {
    await library?.close();
    work.cleanup();
  });

  it('filters by format and by where the text came from, before ranking (dinhdang:, nguon:)', async () => {
    const pathsOf = async (query: string) => {
      const found = await library.search({ query, limit: 100 });
      expect(found.browse, query).toBe(true);
      expect(found.total.documents, query).toBe(found.hits.length);
      return found.hits.map((h) => path.basename(h.path)).sort();
    };
    const inPlans = readdirSync(plans);
    expect(await pathsOf('dinhdang:pdf')).toEqual(inPlans.filter((f) => f.endsWith('.pdf')).sort());
    // A family: Word documents are .doc, .docx, .rtf and .odt.
    expect(await pathsOf('dinhdang:word')).toEqual([...inPlans.filter((f) => f.endsWith('.docx')), 'cong-van-cu.rtf'].sort());
    // The TCVN3 file is the one whose text was converted; it is never "original Unicode".
    expect(await pathsOf('nguon:macu')).toEqual(['cong-van-cu.rtf']);
    expect(await pathsOf('nguon:goc')).not.toContain('cong-van-cu.rtf');
    expect(await pathsOf('nguon:goc')).toContain('ghi-chu.txt');
    // With words, the filter comes first: every hit is a PDF.
    const words = await library.search({ query: 'đổi mới dinhdang:pdf', limit: 100, collapse: 'passage' });
    expect(words.hits.length).toBeGreaterThan(0);
    expect(new Set(words.hits.map((h) => h.format))).toEqual(new Set(['pdf']));
  });

  it('lists documents with their status and what was done to their text', async () => {
    const status = await library.status();
    expect(status.folders).toEqual([plans, archive]);
    expect(status.running).toBeNull();
    const all = await library.documents({});
    expect(all.total).toBe(status.documents);
    const legacy = all.items.find((d) => d.path.endsWith('cong-van-cu.rtf'))!;
    expect(legacy.notes.legacyEncodings?.tcvn3).toBeGreaterThan(0);
    const replaced = all.items.find((d) => path.basename(d.path).startsWith('qd-1520'))!;
    expect(replaced.status).toBe('replaced');
    expect(replaced.metadata?.number).toBe('1520/QĐ-UBND');
    const onlyArchive = await library.documents({ folder: archive });
    expect(onlyArchive.items.map((d) => path.basename(d.path)).sort()).toEqual(['cong-van-cu.rtf', 'ghi-chu.txt']);
    const byText = await library.documents({ text: 'quy che quan ly nhiem vu' }); // accents optional
    expect(byText.items.length).toBeGreaterThanOrEqual(2);
    // Facets count every matching document (not just the hits shown) by folder and validity too.
    const found = await library.search({ query: 'quy chế quản lý nhiệm vụ khoa học', limit: 3 });
    expect(found.facets.thumuc.find((f) => f.value === 'ke-hoach')?.count).toBeGreaterThanOrEqual(2);
    expect(found.facets.hieuluc.find((f) => f.value === 'het')?.count).toBeGreaterThanOrEqual(1);
    const narrowed = await library.search({ query: 'quy chế quản lý nhiệm vụ khoa học hieuluc:het', limit: 20 });
    expect(narrowed.hits.length).toBeGreaterThan(0);
    expect(narrowed.hits.every((h) => h.status === 'replaced' || h.status === 'expired')).toBe(true);
    const paged = await library.documents({ limit: 3, offset: 3 });
    expect(paged.items.map((d) => d.path)).toEqual(all.items.slice(3, 6).map((d) => d.path));
  });

  it('gives the viewer a document text in reading order with pages and the hit passage in it', async () => {
    const pdf = path.join(plans, path.basename(corpusFile('qd-1234')));
    const text = await library.documentText({ path: pdf });
    expect(text.format).toBe('pdf');
    expect(text.passages.length).toBeGreaterThan(3);
    const pages = text.passages.map((p) => p.page ?? 0);
    expect(pages).toEqual([...pages].sort((a, b) => a - b));
    expect(Math.max(...pages)).toBe(text.pages);
    const hit = (await library.search({ query: 'khởi nghiệp đổi mới sáng tạo', limit: 20 })).hits.find((h) => h.path === pdf)!;
    const same = text.passages.find((p) => p.passageId === hit.passageId)!;
    expect(same.text).toBe(hit.text);
    expect(same.page).toBe(hit.page);
    await expect(library.documentText({ path: path.join(work.dir, 'khong-co.pdf') })).rejects.toThrow(/not a document of the library/);
  });

  it('keeps a status override across a restart and lets it go again', async () => {
    const old = path.join(plans, path.basename(corpusFile('qd-1520')));
    const set = await library.setStatus({ path: old, value: 'in-force', note: 'Đơn vị vẫn áp dụng đến hết năm' });
    expect(set.status).toMatchObject({ value: 'in-force', source: 'override', note: 'Đơn vị vẫn áp dụng đến hết năm' });
    await library.close();
    library = await Library.open({ dataDir: path.join(work.dir, 'data'), embedInWorker: false });
    expect((await library.document({ path: old })).status.value).toBe('in-force');
    const hits = (await library.search({ query: 'quy chế quản lý nhiệm vụ khoa học', limit: 30 })).hits.filter((h) => h.path === old);
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) expect(h.status).toBe('in-force');
    // Renamed and re-indexed (relinked by content): the override follows the document.
    const renamed = path.join(plans, 'quyet-dinh-1520-cu.pdf');
    renameSync(old, renamed);
    expect(await library.index({ paths: [plans] })).toMatchObject({ relinked: 1, indexed: 0 });
    expect((await library.document({ path: renamed })).status).toMatchObject({ value: 'in-force', source: 'override' });
    renameSync(renamed, old);
    await library.index({ paths: [plans] });
    const cleared = await library.setStatus({ path: old, value: null });
    expect(cleared.status).toMatchObject({ value: 'replaced', source: 'library' });
    await expect(library.setStatus({ path: old, value: 'bogus' as never })).rejects.toThrow(/unknown status "bogus"/);
  });

  it('finds more like this by embedding once a model is installed, keeping the new version of a decision', async () => {
    const old = path.join(plans, path.basename(corpusFile('qd-1520')));
    const byTerms = await library.related({ path: old, limit: 5 });
    expect(byTerms[0]).toMatchObject({ via: 'terms', path: path.join(plans, path.basename(corpusFile('qd-2876'))) });
    // The library's term vectors are built once per catalogue version, not on every call.
    const { TermIndex } = (await import(path.join(ROOT, 'dist', 'indexer', 'search', 'related.js'))) as { TermIndex: { built: number } };
    const built = TermIndex.built;
    expect(await library.related({ path: old, limit: 5 })).toEqual(byTerms);
    const firstPassage = (await library.documentText({ path: old })).passages[0]!;
    expect((await library.related({ path: old, passageId: firstPassage.passageId, limit: 3 })).every((r) => r.via === 'terms')).toBe(true);
    expect(TermIndex.built).toBe(built);
    await library.importModel({ folder: TEST_MODEL });
    const byMeaning = await library.related({ path: old, limit: 5 });
    expect(byMeaning.every((r) => r.via === 'embedding' && r.path !== old)).toBe(true);
    expect(byMeaning[0]!.path).toBe(path.join(plans, path.basename(corpusFile('qd-2876'))));
    expect(byMeaning[0]!.passage?.text.length).toBeGreaterThan(20);
    const passage = (await library.documentText({ path: old })).passages[2]!;
    const likePassage = await library.related({ path: old, passageId: passage.passageId, limit: 3 });
    expect(likePassage.length).toBeGreaterThan(0);
    await expect(library.related({ path: old, passageId: 'someone-else.k.1' })).rejects.toThrow(/not part of/);
  });

  it('takes a folder out of every index without touching its files, and a rescan does not bring it back', async () => {
    const phrase = 'giống lúa chịu mặn vụ chiêm xuân';
    expect((await library.search({ query: phrase })).hits[0]?.path).toBe(path.join(archive, 'ghi-chu.txt'));
    const result = await library.removeFolder({ folder: archive });
    expect(result).toEqual({ removed: 2, folders: [plans] });
    expect((await library.search({ query: phrase })).hits.some((h) => h.path.startsWith(archive))).toBe(false);
    expect(existsSync(path.join(archive, 'ghi-chu.txt')) && existsSync(path.join(archive, 'cong-van-cu.rtf'))).toBe(true);
    await library.index({ paths: [] });
    expect((await library.documents({ folder: archive })).total).toBe(0);
    expect((await library.verify()).problems).toEqual([]);
    await expect(library.removeFolder({ folder: archive })).rejects.toThrow(/not a library folder/);
  });
});

describe('an indexing run searched while it runs, cancelled, and resumed', () => {
  const work = tempDir('resume');
  const folder = path.join(work.dir, 'bien-ban');
  const FILES = 120;
  afterAll(() => work.cleanup());

  it('answers the same search throughout, stops after a file when cancelled, and finishes the rest on the next run', async () => {
    mkdirSync(folder);
    const base = readFileSync(corpusFile('tb-186'), 'utf8');
    for (let i = 0; i < FILES; i++) writeFileSync(path.join(folder, `bien-ban-${String(i).padStart(3, '0')}.txt`), `Biên bản họp số ${i + 1}/BB-TTUD về mô hình số ${i * 7 + 3}.\n\n${base}\n`);
    const dataDir = path.join(work.dir, 'data');
    // A first library already holds the corpus: searches on it must not flicker while the run writes.
    const seed = await Library.open({ dataDir, embedInWorker: false });
    await seed.index({ paths: [CORPUS] });
    // Words the new files do not hold: the answer may not change while they are added.
    const query = 'gia công trên máy phay CNC cho sinh viên cao đẳng';
    const before = (await seed.search({ query, limit: 3 })).hits.map((h) => h.passageId);
    expect(before.length).toBe(3);
    await seed.close();

    let cancelAt: Promise<void> | null = null;
    const writer = await Library.open({
      dataDir,
      embedInWorker: false,
      onProgress: (p) => {
        if (p.phase === 'extract' && p.filesDone >= 40 && !cancelAt) cancelAt = writer.cancelIndex();
      },
    });
    // The app searches through the same library that indexes (one per window / server).
    const reader = writer;
    const run = writer.index({ paths: [folder] });
    let searches = 0;
    let finished = false;
    void run.finally(() => (finished = true));
    while (!finished) {
      const hits = (await reader.search({ query, limit: 3 })).hits.map((h) => h.passageId);
      expect(hits).toEqual(before);
      searches++;
    }
    const first = await run;
    expect(searches).toBeGreaterThan(0);
    expect(first.cancelled).toBe(true);
    expect(first.indexed).toBeGreaterThanOrEqual(40);
    expect(first.indexed).toBeLessThan(FILES);
    const interrupted = await writer.status();
    expect(interrupted.notices).toContainEqual({ code: 'index.interrupted', params: { cancelled: true, done: expect.any(Number), total: expect.any(Number) } });

    const second = await writer.index({ paths: [] }); // resumes the interrupted run's folder
    expect(second.cancelled).toBe(false);
    expect(second.indexed + second.unchanged).toBe(FILES);
    expect(second.indexed).toBe(FILES - first.indexed);
    const last = (await reader.search({ query: `"Biên bản họp số ${FILES}/BB-TTUD"` })).hits;
    expect(path.basename(last[0]!.path)).toBe(`bien-ban-${FILES - 1}.txt`);
    expect((await writer.documents({ folder })).total).toBe(FILES);
    expect((await writer.verify()).problems).toEqual([]);
    await writer.close();
  });
});
