/**
 * Search against a brute-force reference (issue 14): many small random
 * libraries — documents with random metadata and words, several passages
 * each — held in one real store (LanceDB + catalogue + policy view), one
 * folder per library, each query confined to its library by `thumuc:`. For
 * every query: the total, the facets, paging through every page, and the
 * date, number and title orders are compared with what a plain scan of the
 * library says. Keyword mode (no model): the hits are then exactly the match set.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentMetadata, SearchRequest, SearchResponse } from '../indexer/api/contract.js';
import { LanceStore, type DocumentRow, type PassageRow, type StoredPassage } from '../indexer/store/lance.js';
import { Catalogue } from '../indexer/store/catalogue.js';
import { passageId } from '../indexer/store/ids.js';
import { Overrides } from '../indexer/policy/overrides.js';
import { PolicyView } from '../indexer/policy/policy.js';
import { search, type SearchContext } from '../indexer/search/search.js';
import { indexTerms, tokenizeText } from '../indexer/vietnamese/tokenize.js';
import { parseQuery } from '../indexer/vietnamese/query.js';
import { Highlighter } from '../indexer/search/highlight.js';
import { articleKey, collapse } from '../indexer/search/collapse.js';
import type { DocEntry } from '../indexer/search/doc-index.js';
import { seeded } from '../bench/lib/decree-docs.mjs';
import { tempDir } from './helpers.js';

const LIBRARIES = 200;
/** Syllables, with spellings that fold alike (công/cộng/cong, số/sở) and function words. */
const VOCAB = ['công', 'cộng', 'cong', 'số', 'sở', 'đổi', 'mới', 'chuyển', 'dữ', 'liệu', 'và', 'của', 'hạ', 'tầng', 'hạnh', 'hành'];
const TYPES: Array<[string, string]> = [['quyet-dinh', 'Quyết định'], ['ke-hoach', 'Kế hoạch'], ['bao-cao', 'Báo cáo']];
const SUBFOLDERS = ['alpha', 'beta'];

interface Doc { row: DocumentRow; meta: DocumentMetadata; folder: string; passages: PassageRow[] }

function metadata(type: [string, string], number: number, year: number, month: number): DocumentMetadata {
  const none = { symbol: null, issuer: null, issuerParent: null, issuerName: null, place: null, dateText: null, summary: null, signer: null, signerPosition: null, title: null, author: null, authorDegree: null, unit: null, department: null, code: null, partOf: null };
  return { ...none, kind: 'administrative', type: type[0], typeName: type[1], number: `${number}/QĐ-UBND`, date: `${year}-${String(month).padStart(2, '0')}-10`, year, sources: {} };
}

function makeLibrary(lib: number, rng: () => number): Doc[] {
  const pick = <T>(a: T[]) => a[Math.floor(rng() * a.length)]!;
  const docs: Doc[] = [];
  const count = 2 + Math.floor(rng() * 7);
  for (let d = 0; d < count; d++) {
    const id = `l${lib}d${d}`;
    const folder = pick(SUBFOLDERS);
    const meta = metadata(pick(TYPES), 1 + Math.floor(rng() * 40), 2018 + Math.floor(rng() * 5), 1 + Math.floor(rng() * 12));
    const passages: PassageRow[] = [];
    const n = 1 + Math.floor(rng() * 4);
    for (let p = 0; p < n; p++) {
      const text = Array.from({ length: 3 + Math.floor(rng() * 6) }, () => pick(VOCAB)).join(' ');
      const section = rng() < 0.5 ? `Điều ${1 + Math.floor(rng() * 3)}` : null;
      passages.push({ id: passageId(id, "k", p), docId: id, ordinal: p, text, terms: indexTerms(text).join(' '), page: null, pageEnd: null, section, start: p * 100, end: p * 100 + text.length, ocr: false });
    }
    const row: DocumentRow = {
      id, path: `/thu-vien/lib-${String(lib).padStart(3, '0')}/${folder}/van-ban-${d}.txt`, aliases: '[]', title: `Văn bản ${pick(VOCAB)} ${d}`,
      metadata: JSON.stringify(meta), relations: JSON.stringify({ references: [], effective: null }), format: 'txt', size: 1, mtimeMs: 0,
      hash: `h${id}`, key: 'k', pageCount: null, passages: n, indexedAt: '2024-01-01T00:00:00Z', notes: '{}',
    };
    docs.push({ row, meta, folder, passages });
  }
  return docs;
}

/** The reference: which passages of `docs` match the words, as first-stage.ts defines it. */
function referenceMatch(docs: Doc[], words: string[]): { ids: Set<string>; partial: boolean } {
  const query = tokenizeText(words.join(' '));
  const tokensOf = (p: PassageRow) => tokenizeText(p.text);
  const all = docs.flatMap((d) => d.passages);
  const holds = (p: PassageRow, fold: boolean, every: boolean) => {
    const tokens = tokensOf(p);
    const has = (q: (typeof query)[number]) => tokens.some((t) => (!fold && q.exact !== q.folded ? t.exact === q.exact : t.folded === q.folded));
    return every ? query.every(has) : query.some(has);
  };
  let ids = all.filter((p) => holds(p, false, true));
  if (ids.length === 0) ids = all.filter((p) => holds(p, true, true));
  if (ids.length > 0) return { ids: new Set(ids.map((p) => p.id)), partial: false };
  return { ids: new Set(all.filter((p) => holds(p, true, false)).map((p) => p.id)), partial: true };
}

describe('search against a brute-force reference over random libraries', () => {
  const work = tempDir('kho-search-property-');
  let ctx: SearchContext;
  const libraries: Doc[][] = [];

  beforeAll(async () => {
    const rng = seeded(2024);
    for (let lib = 0; lib < LIBRARIES; lib++) libraries.push(makeLibrary(lib, rng));
    const store = await LanceStore.open(path.join(work.dir, 'lance'));
    const docs = libraries.flat();
    await store.upsertDocuments(docs.map((d) => d.row));
    await store.addPassages(docs.flatMap((d) => d.passages));
    await store.optimize();
    const catalogue = await Catalogue.load(store);
    const policy = new PolicyView(catalogue, await Overrides.open(path.join(work.dir, 'overrides.json')));
    ctx = { store, documents: catalogue, vectors: null, notices: [], policy };
  });

  afterAll(() => {
    ctx?.store.close();
    work.cleanup();
  });

  async function pages(request: SearchRequest): Promise<SearchResponse[]> {
    const out: SearchResponse[] = [];
    const limit = request.limit ?? 10;
    for (let offset = 0; out.length < 50; offset += limit) {
      const r = await search(ctx, { ...request, offset });
      out.push(r);
      if (r.hits.length < limit) return out;
    }
    return out;
  }

  it(`agrees on filters, facets, totals, paging and sorting in ${LIBRARIES} libraries`, async () => {
    const rng = seeded(17);
    const pick = <T>(a: T[]) => a[Math.floor(rng() * a.length)]!;
    for (const [lib, docs] of libraries.entries()) {
      const words = Array.from({ length: 1 + Math.floor(rng() * 3) }, () => pick(VOCAB));
      const filters: string[] = [`thumuc:lib-${String(lib).padStart(3, '0')}`];
      // Each filter as a field and a test, so a facet can be counted without its own field's filters.
      const tests: Array<[string, (d: Doc) => boolean]> = [['thumuc', (d) => docs.includes(d)]];
      if (rng() < 0.4) {
        const [type] = pick(TYPES);
        filters.push(`loai:${type}`);
        tests.push(['loai', (d) => d.meta.type === type]);
      }
      if (rng() < 0.3) {
        const year = 2018 + Math.floor(rng() * 5);
        filters.push(`nam:${year}..${year + 1}`);
        tests.push(['nam', (d) => d.meta.year! >= year && d.meta.year! <= year + 1]);
      }
      if (rng() < 0.3) {
        const folder = pick(SUBFOLDERS);
        filters.push(`thumuc:${folder}`);
        tests.push(['thumuc', (d) => d.folder === folder]);
      }
      const everyDoc = libraries.flat();
      const keptBut = (field: string | null) => everyDoc.filter((d) => tests.every(([f, t]) => f === field || t(d)));
      const kept = keptBut(null);
      const label = `library ${lib}: ${words.join(' ')} ${filters.join(' ')}`;
      const limit = 1 + Math.floor(rng() * 4);

      // Words and filters: the match set, paged one passage per hit.
      const expected = referenceMatch(kept, words);
      const byId = new Map(kept.flatMap((d) => d.passages.map((p) => [p.id, d] as const)));
      const got = await pages({ query: `${words.join(' ')} ${filters.join(' ')}`, limit, collapse: 'passage' });
      const first = got[0]!;
      expect(first.total, label).toEqual({ passages: expected.ids.size, documents: new Set([...expected.ids].map((id) => byId.get(id)!.row.id)).size, exact: true });
      expect(first.partial, label).toBe(expected.partial && expected.ids.size > 0);
      const hits = got.flatMap((r) => r.hits);
      expect(hits.map((h) => h.passageId).sort(), label).toEqual([...expected.ids].sort());
      const matchedDocs = [...new Set([...expected.ids].map((id) => byId.get(id)!))];
      // A facet counts the documents matching the words and every filter but its own field's.
      const count = (field: string, f: (d: Doc) => string) => {
        const pool = tests.some(([name]) => name === field) ? keptBut(field) : kept;
        const ids = referenceMatch(pool, words).ids;
        const matched = pool.filter((d) => d.passages.some((p) => ids.has(p.id)));
        return Object.fromEntries([...new Set(matched.map(f))].map((v) => [v, matched.filter((d) => f(d) === v).length]));
      };
      const facet = (list: Array<{ value: string; count: number }>) => Object.fromEntries(list.map((f) => [f.value, f.count]));
      expect(facet(first.facets.loai), label).toEqual(count('loai', (d) => d.meta.type!));
      expect(facet(first.facets.nam), label).toEqual(count('nam', (d) => String(d.meta.year)));
      expect(facet(first.facets.thumuc), label).toEqual(count('thumuc', (d) => d.folder));

      // One hit per article: every matching passage once, as a hit or beside it.
      const articles = (await pages({ query: `${words.join(' ')} ${filters.join(' ')}`, limit: 100 })).flatMap((r) => r.hits);
      expect(articles.flatMap((h) => [h.passageId, ...h.morePassages.map((m) => m.passageId)]).sort(), label).toEqual([...expected.ids].sort());

      // Filters alone: the documents, in each order, paged.
      const sort = pick(['date', 'number', 'title'] as const);
      const listed = (await pages({ query: filters.join(' '), limit, sort })).flatMap((r) => r.hits);
      const order = [...kept].sort((a, b) => {
        if (sort === 'date') return b.meta.date!.localeCompare(a.meta.date!) || a.row.path.localeCompare(b.row.path);
        if (sort === 'number') return parseInt(a.meta.number!, 10) - parseInt(b.meta.number!, 10) || a.row.path.localeCompare(b.row.path);
        const key = (d: Doc) => d.row.title.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').toLowerCase();
        return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.row.path.localeCompare(b.row.path);
      });
      expect(listed.map((h) => h.path), `${label} sort ${sort}`).toEqual(order.map((d) => d.row.path));

      // Words sorted by date: documents newest first, each document's passages together.
      const dated = (await pages({ query: `${words.join(' ')} ${filters.join(' ')}`, limit, sort: 'date', collapse: 'passage' })).flatMap((r) => r.hits);
      const docOrder = [...new Set(dated.map((h) => h.path))];
      expect(docOrder, label).toEqual(matchedDocs.sort((a, b) => b.meta.date!.localeCompare(a.meta.date!) || a.row.path.localeCompare(b.row.path)).map((d) => d.row.path));
      expect(dated.map((h) => h.path), label).toEqual(docOrder.flatMap((p) => dated.filter((h) => h.path === p).map((h) => h.path)));
    }
  });
});

describe('honest highlighting', () => {
  const marked = (query: string, text: string, folded = false) => {
    const parsed = parseQuery(query);
    return new Highlighter(parsed, folded).ranges(text).map(([s, e]) => text.slice(s, e));
  };

  it('marks accented words as typed and accent-free words in every spelling', () => {
    expect(marked('công', 'CÔNG nghệ và CỘNG đồng, công việc')).toEqual(['CÔNG', 'công']);
    expect(marked('cong', 'CÔNG nghệ và CỘNG đồng')).toEqual(['CÔNG', 'CỘNG']);
    expect(marked('hành', 'Hạnh phúc, hành chính')).toEqual(['hành']);
    expect(marked('hỏa', 'hoá chất, hỏa hoạn')).toEqual(['hỏa']);
    // Matched only once accents were ignored: marked the same way.
    expect(marked('công', 'CỘNG đồng', true)).toEqual(['CỘNG']);
    // In a query typed with accents, a level-tone word is that word: "thu" is not "thụ".
    expect(marked('thuế thu nhập', 'thuế thu nhập, thụ hưởng, thu chi')).toEqual(['thuế thu nhập', 'thu']);
    // Mostly typed without accents: every spelling.
    expect(marked('thue thu nhập', 'thụ hưởng, thu chi')).toEqual(['thụ', 'thu']);
  });

  it('marks function words only inside a run of the query words', () => {
    expect(marked('quyền và nghĩa vụ', 'quyền và nghĩa vụ của cha và mẹ')).toEqual(['quyền và nghĩa vụ']);
    expect(marked('quyền và nghĩa vụ', 'cha và mẹ có quyền')).toEqual(['quyền']);
    expect(marked('của', 'trách nhiệm của cơ quan')).toEqual(['của']);
  });
});

describe('one hit per article', () => {
  const entry = (id: string, hash: string, extra: Partial<DocumentRow> = {}) => ({
    id, row: { id, path: `/v/${id}`, aliases: '[]', title: 'Quyết định', hash, passages: 2, ...extra } as DocumentRow,
    meta: { number: '5/QĐ-UBND', date: '2024-01-02' } as DocumentMetadata,
  }) as unknown as DocEntry;
  const p = (docId: string, n: number, section: string | null, text = `đoạn ${n}`): StoredPassage =>
    ({ id: passageId(docId, 'k', n), docId, ordinal: n, text, page: null, pageEnd: null, section, start: 0, end: 1, ocr: false });

  it('groups the passages of one Điều and shows a twin document once', async () => {
    expect(articleKey('Chương II › Điều 5 › khoản 2')).toBe('Chương II › Điều 5');
    expect(articleKey('II. NHIỆM VỤ')).toBe('II. NHIỆM VỤ');
    const passages = [p('a', 0, 'Điều 1 › khoản 1', 'giống'), p('b', 0, 'Điều 1 › khoản 1', 'giống'), p('a', 1, 'Điều 1 › khoản 2'), p('a', 2, 'Điều 2'), p('c', 0, 'Điều 1', 'giống')];
    const entries = new Map([['a', entry('a', 'h1')], ['b', entry('b', 'h2')], ['c', entry('c', 'h3', { title: 'Khác' })]]);
    const texts = new Map(passages.map((x) => [x.id, x]));
    const rank = { score: 1, keywordRank: null, vectorRank: null };
    const order = passages.map((x): [string, typeof rank] => [x.id, rank]);
    const groups = await collapse(order, { mode: 'article', need: 10, texts, fetch: async () => {}, entry: (id) => entries.get(id) });
    expect(groups.map((g) => [g.passage.id, g.more.map((m) => m.passage.id), g.twins])).toEqual([
      [passages[0]!.id, [passages[2]!.id], ['b']],
      [passages[3]!.id, [], []],
      [passages[4]!.id, [], []],
    ]);
    const flat = await collapse(order, { mode: 'passage', need: 10, texts, fetch: async () => {}, entry: (id) => entries.get(id) });
    expect(flat).toHaveLength(5);
  });
});
