/**
 * The LanceDB wrapper on its own: Vietnamese terms in the full-text index
 * (exact above folded), vectors with and without the ANN index, deletes.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { LanceStore, type PassageRow } from '../indexer/store/lance.js';
import { indexTerms, queryTerms } from '../indexer/vietnamese/tokenize.js';
import { tempDir } from './helpers.js';

function passage(id: string, text: string): PassageRow {
  return { id, docId: id.split('.')[0]!, ordinal: 0, text, terms: indexTerms(text).join(' '), page: 1, pageEnd: 1, section: null, start: 0, end: text.length, ocr: false };
}

describe('LanceStore', () => {
  const work = tempDir('store');
  afterAll(() => work.cleanup());

  it('ranks exact-accent matches above folded ones, and both above none', async () => {
    const store = await LanceStore.open(`${work.dir}/fts`);
    await store.addPassages([
      passage('a.k.0', 'Chính sách đội mới của xã được bàn tại hội nghị.'),
      passage('b.k.0', 'Chính sách đổi mới sáng tạo của tỉnh được bàn tại hội nghị.'),
      passage('c.k.0', 'Báo cáo tài chính năm 2024 của sở.'),
    ]);
    const accented = await store.keywordSearch(queryTerms('đổi mới'), 10);
    expect(accented.map((r) => r.id)).toEqual(['b.k.0', 'a.k.0']);
    const folded = await store.keywordSearch(queryTerms('doi moi'), 10);
    expect(new Set(folded.map((r) => r.id))).toEqual(new Set(['a.k.0', 'b.k.0']));
    const code = await store.keywordSearch(queryTerms('2024'), 10);
    expect(code.map((r) => r.id)).toEqual(['c.k.0']);
    // Rows added after the index exists are found before and after optimize.
    await store.addPassages([passage('d.k.0', 'Đề án đổi mới sáng tạo mở.')]);
    expect((await store.keywordSearch(queryTerms('đề án'), 10)).map((r) => r.id)).toEqual(['d.k.0']);
    await store.optimize();
    expect((await store.keywordSearch(queryTerms('đề án'), 10)).map((r) => r.id)).toEqual(['d.k.0']);
    await store.deletePassagesByIds(['d.k.0'], []);
    expect(await store.keywordSearch(queryTerms('đề án'), 10)).toEqual([]);
    store.close();
  });

  it('finds nearest vectors flat, then through an IVF-PQ index once the table is large', async () => {
    const store = await LanceStore.open(`${work.dir}/vec`);
    const dims = 32;
    const table = await store.openVectors('vectors_test_32', dims);
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32) - 0.5;
    const unit = (v: Float32Array) => {
      const n = Math.hypot(...v);
      return v.map((x) => x / n);
    };
    const rows = Array.from({ length: 2000 }, (_, i) => ({ id: `d${i}.k.0`, docId: `d${i}`, vector: unit(Float32Array.from({ length: dims }, random)) }));
    await table.add(rows);
    const probe = unit(rows[123]!.vector.map((x) => x + random() * 0.01));
    expect((await table.search(probe, 5))[0]!.id).toBe('d123.k.0');
    await table.optimize(dims, 1000);
    expect(await table.hasAnnIndex()).toBe(true);
    const hits = await table.search(probe, 10);
    expect(hits.map((h) => h.id)).toContain('d123.k.0');
    table.close();
    store.close();
  });
});
