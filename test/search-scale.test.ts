/**
 * Search over a whole match set (issue 14), through the real ingest:
 * - the 520-file library (400 plans in ke-hoach/, 120 reports in bao-cao/,
 *   all about "chuyển đổi số", Decree 30 headers): filters apply before
 *   ranking, totals and facets count every matching document, paging walks
 *   the whole set, a query of filters alone lists documents;
 * - a one-file-per-article library (three ALQAC laws): no two of the top 10
 *   hits are the same article.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchRequest, SearchResponse } from '../indexer/api/contract.js';
import { digitalTransformationLibrary } from '../bench/lib/decree-docs.mjs';
import { khoJson, ROOT, SHARED_DATA, tempDir } from './helpers.js';

interface LibraryLike {
  index(request: { paths: string[] }): Promise<unknown>;
  search(request: SearchRequest): Promise<SearchResponse>;
  close(): Promise<void>;
}
const { Library } = (await import(path.join(ROOT, 'dist', 'indexer', 'library', 'library.js'))) as {
  Library: { open(options: { dataDir: string; embedInWorker?: boolean }): Promise<LibraryLike> };
};

async function allPages(library: LibraryLike, query: string, limit = 100): Promise<SearchResponse[]> {
  const pages: SearchResponse[] = [];
  for (let offset = 0; ; offset += limit) {
    const page = await library.search({ query, limit, offset });
    pages.push(page);
    if (page.hits.length < limit || pages.length > 30) return pages;
  }
}

describe('a 520-file library: 400 plans and 120 reports about "chuyển đổi số"', () => {
  const work = tempDir('kho-search-scale-');
  const folder = path.join(work.dir, 'thu-vien');
  const dataDir = path.join(work.dir, 'data');
  let library: LibraryLike;

  beforeAll(async () => {
    for (const [rel, text] of digitalTransformationLibrary()) {
      mkdirSync(path.dirname(path.join(folder, rel)), { recursive: true });
      writeFileSync(path.join(folder, rel), text);
    }
    library = await Library.open({ dataDir, embedInWorker: false });
    await library.index({ paths: [folder] });
  });

  afterAll(async () => {
    await library?.close();
    work.cleanup();
  });

  it('filters before ranking: a folder or type filter returns all 120 reports, paged', async () => {
    for (const query of ['chuyển đổi số thumuc:bao-cao', 'chuyển đổi số loai:bao-cao']) {
      const pages = await allPages(library, query);
      const first = pages[0]!;
      expect(first.total.documents).toBe(120);
      expect(first.total.exact).toBe(true);
      expect(first.partial).toBe(false);
      expect(first.hits).toHaveLength(100);
      expect(pages[1]!.offset).toBe(100);
      const hits = pages.flatMap((p) => p.hits);
      expect(hits.every((h) => h.path.includes(`${path.sep}bao-cao${path.sep}`))).toBe(true);
      expect(new Set(hits.map((h) => h.passageId)).size).toBe(hits.length);
      expect(new Set(hits.map((h) => h.path)).size).toBe(120);
      // The filtered field's facet still offers the other value: bao-cao 120, ke-hoach 400.
      const facet = query.includes('thumuc:') ? first.facets.thumuc : first.facets.loai;
      expect(Object.fromEntries(facet.map((f) => [f.value, f.count]))).toEqual({ 'bao-cao': 120, 'ke-hoach': 400 });
      // Every matching passage is shown once, as a hit or as one of its article's other passages.
      expect(hits.reduce((n, h) => n + 1 + h.morePassages.length, 0)).toBe(first.total.passages);
    }
  });

  it('counts facets over every matching document', async () => {
    const r = await library.search({ query: 'chuyển đổi số', limit: 5 });
    expect(r.total.documents).toBe(520);
    const count = (list: Array<{ value: string; count: number }>, value: string) => list.find((f) => f.value === value)?.count;
    expect(count(r.facets.thumuc, 'bao-cao')).toBe(120);
    expect(count(r.facets.thumuc, 'ke-hoach')).toBe(400);
    expect(count(r.facets.loai, 'bao-cao')).toBe(120);
    expect(count(r.facets.loai, 'ke-hoach')).toBe(400);
    expect(r.facets.nam.reduce((n, f) => n + f.count, 0)).toBe(520);
    // Issuers are merged by canonical form and never taken from a file name.
    expect(r.facets.coquan.every((f) => !/\.txt$|ke-hoach|bao-cao/.test(f.value))).toBe(true);
  });

  it('lists the documents of a filter alone, sorted and paged', async () => {
    const first = await library.search({ query: 'loai:bao-cao', limit: 100 });
    expect(first.browse).toBe(true);
    expect(first.total.documents).toBe(120);
    expect(first.hits).toHaveLength(100);
    const second = await library.search({ query: 'loai:bao-cao', limit: 100, offset: 100 });
    expect(second.hits).toHaveLength(20);
    const paths = [...first.hits, ...second.hits].map((h) => h.path);
    expect(new Set(paths).size).toBe(120);
    const dates = first.hits.map((h) => h.metadata?.date ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
    const byNumber = await library.search({ query: 'loai:bao-cao', limit: 5, sort: 'number' });
    expect(byNumber.hits.map((h) => h.metadata?.number?.split('/')[0])).toEqual(['1', '2', '3', '4', '5']);
  });

  it('serves pages and totals through the CLI', async () => {
    const r = await khoJson<SearchResponse>(['--data', dataDir, 'search', 'chuyển đổi số thumuc:bao-cao', '--limit', '100', '--page', '2', '--json']);
    expect(r.offset).toBe(100);
    expect(r.total.documents).toBe(120);
    expect(r.hits.length).toBeGreaterThan(0);
  });
});

const ALQAC = path.join(SHARED_DATA, 'alqac2024');

describe.runIf(existsSync(path.join(ALQAC, 'law.json')))('one hit per article on a one-file-per-article library', () => {
  const work = tempDir('kho-search-articles-');
  let library: LibraryLike;
  const LAWS = ['Luật Viên chức', 'Luật Cư trú', 'Luật An ninh mạng'];
  let questions: string[] = [];

  beforeAll(async () => {
    const laws = (JSON.parse(readFileSync(path.join(ALQAC, 'law.json'), 'utf8')) as Array<{ id: string; articles: Array<{ id: string; text: string }> }>)
      .filter((l) => LAWS.includes(l.id));
    laws.forEach((law, i) => {
      const dir = path.join(work.dir, 'luat', `luat-${i}`);
      mkdirSync(dir, { recursive: true });
      for (const a of law.articles) writeFileSync(path.join(dir, `dieu-${a.id}.txt`), `${law.id}\n\nĐiều ${a.id}. ${a.text.trim()}\n`);
    });
    questions = (JSON.parse(readFileSync(path.join(ALQAC, 'train.json'), 'utf8')) as Array<{ text: string; relevant_articles: Array<{ law_id: string }> }>)
      .filter((q) => LAWS.includes(q.relevant_articles[0]!.law_id))
      .map((q) => q.text)
      .slice(0, 40);
    library = await Library.open({ dataDir: path.join(work.dir, 'data'), embedInWorker: false });
    await library.index({ paths: [path.join(work.dir, 'luat')] });
  });

  afterAll(async () => {
    await library?.close();
    work.cleanup();
  });

  it('never shows one article twice in the top 10, and lists passages when asked', async () => {
    expect(questions.length).toBeGreaterThan(10);
    const article = (h: { path: string; section: string | null }) => `${h.path}#${/Điều \d+\w?/u.exec(h.section ?? '')?.[0] ?? ''}`;
    let collapsed = 0;
    for (const query of questions) {
      const r = await library.search({ query, limit: 10 });
      const keys = r.hits.map(article);
      expect(new Set(keys).size).toBe(keys.length);
      collapsed += r.hits.reduce((n, h) => n + h.morePassages.length, 0);
    }
    expect(collapsed).toBeGreaterThan(0);
    const passages = await library.search({ query: questions[0]!, limit: 10, collapse: 'passage' });
    expect(passages.hits.every((h) => h.morePassages.length === 0)).toBe(true);
  });
});
