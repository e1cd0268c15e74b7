/**
 * The LanceDB wrapper on its own: Vietnamese terms in the full-text index
 * (exact above folded), vectors with and without the ANN index, deletes —
 * and the typed helpers for passage ids and the JSON columns.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { documentIdOf, isPassageOf, ordinalOf, parsePassageId, passageId, versionKeyOf, versionPrefix } from '../indexer/store/ids.js';
import { aliasesColumn, metadataColumn, notesColumn, relationsColumn } from '../indexer/store/json-columns.js';
import { LanceStore, type PassageRow } from '../indexer/store/lance.js';
import { startsWith } from '../indexer/store/sql.js';
import { indexTerms, queryTerms } from '../indexer/vietnamese/tokenize.js';
import { tempDir } from './helpers.js';

function passage(id: string, text: string): PassageRow {
  return { id, docId: documentIdOf(id), ordinal: 0, text, terms: indexTerms(text).join(' '), page: 1, pageEnd: 1, section: null, start: 0, end: text.length, ocr: false };
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

describe('passage ids', () => {
  it('round-trips docId, version key and ordinal', () => {
    const id = passageId('0f3a9c1b2d4e5f60718293a4', 'a1b2c3d4e5f6', 17);
    expect(id).toBe('0f3a9c1b2d4e5f60718293a4.a1b2c3d4e5f6.17');
    expect(parsePassageId(id)).toEqual({ docId: '0f3a9c1b2d4e5f60718293a4', key: 'a1b2c3d4e5f6', n: '17' });
    expect(documentIdOf(id)).toBe('0f3a9c1b2d4e5f60718293a4');
    expect(versionKeyOf(id)).toBe('a1b2c3d4e5f6');
    expect(ordinalOf(id)).toBe(17);
  });

  it('keeps dots and odd characters in the ordinal part, and refuses them in the document id or key', () => {
    // The ALQAC script numbers passages by article ("12.3"): the rest of the id after the key is the ordinal.
    const id = passageId('law7', 'k', '12.3');
    expect(parsePassageId(id)).toEqual({ docId: 'law7', key: 'k', n: '12.3' });
    expect(parsePassageId(passageId('a_b%c', "o'k", 0))).toEqual({ docId: 'a_b%c', key: "o'k", n: '0' });
    expect(() => passageId('a.b', 'k', 0)).toThrow();
    expect(() => passageId('a', 'k.1', 0)).toThrow();
  });

  it('says which ids are not passage ids', () => {
    for (const bad of ['', 'abc', 'abc.', 'abc.key', 'abc.key.', '.key.1', 'abc..1']) {
      expect(parsePassageId(bad)).toBeNull();
      expect(documentIdOf(bad)).toBe('');
      expect(versionKeyOf(bad)).toBeNull();
    }
  });

  it('matches a document by its whole id, not a prefix of it', () => {
    expect(isPassageOf('doc1.k.0', 'doc1')).toBe(true);
    expect(isPassageOf('doc10.k.0', 'doc1')).toBe(false);
    expect(isPassageOf('doc1.k.0', 'doc')).toBe(false);
    expect(isPassageOf('someone-else.k.1', 'doc1')).toBe(false);
    expect(versionPrefix('doc1', 'k')).toBe('doc1.k.');
    expect(passageId('doc1', 'k', 3).startsWith(versionPrefix('doc1', 'k'))).toBe(true);
    expect(passageId('doc1', 'kk', 3).startsWith(versionPrefix('doc1', 'k'))).toBe(false);
  });
});

describe('JSON columns', () => {
  it('encode as before (stored rows stay byte-identical) and decode what they wrote', () => {
    expect(aliasesColumn.encode([])).toBe('[]');
    expect(aliasesColumn.decode(aliasesColumn.encode(['/a/b.docx', '/c d.pdf']))).toEqual(['/a/b.docx', '/c d.pdf']);
    expect(metadataColumn.encode(null)).toBe('null');
    expect(metadataColumn.decode('null')).toBeNull();
    const meta = { kind: 'administrative', type: 'quyet-dinh', number: '12/QĐ-UBND' } as never;
    expect(metadataColumn.decode(metadataColumn.encode(meta))).toEqual(meta);
    expect(notesColumn.encode(undefined)).toBe('{}');
    expect(notesColumn.decode(notesColumn.encode({ ocrPages: [2, 3] }))).toEqual({ ocrPages: [2, 3] });
    const relations = { references: [], effective: null };
    expect(relationsColumn.encode(relations)).toBe(JSON.stringify(relations));
    expect(relationsColumn.decode(relationsColumn.encode(relations))).toEqual(relations);
  });

  it('read a damaged or missing value as empty', () => {
    expect(aliasesColumn.decode('{not json')).toEqual([]);
    expect(aliasesColumn.decode('["/a", 3, null]')).toEqual(['/a']);
    expect(metadataColumn.decode('')).toBeNull();
    expect(metadataColumn.decode('[1]')).toBeNull();
    expect(notesColumn.decode('')).toEqual({});
    expect(notesColumn.decode('oops')).toEqual({});
    expect(relationsColumn.decode('oops')).toEqual({ references: [], effective: null });
    expect(relationsColumn.decode('{"references":"x"}')).toEqual({ references: [], effective: null });
  });
});

describe('store filters', () => {
  const work = tempDir('store-filters');
  afterAll(() => work.cleanup());

  it('match a version prefix literally: % and _ in ids are not wildcards', async () => {
    expect(startsWith('id', "o'k.")).toBe("starts_with(id, 'o''k.')");
    const store = await LanceStore.open(`${work.dir}/like`);
    const ids = [
      passageId('a_b', 'k1', 0), passageId('a_b', 'k2', 0), // one document, an old and a new version
      passageId('axb', 'k1', 0), // "_" read as a wildcard would take this one for a_b's
      passageId('a%b', 'k1', 0), passageId('a%b', 'kx', 0),
      passageId("o'k", 'k1', 0), passageId("o'k", 'k2', 0),
      passageId('d', 'k_', 0), passageId('d', 'kx', 0), // as LIKE patterns, "d.k_.%" would keep kx
      passageId('e', 'k%', 0), passageId('e', 'k1x', 0), // and "e.k%.%" would keep k1x
    ];
    await store.addPassages(ids.map((id) => passage(id, 'Điều 1. Phạm vi điều chỉnh.')));
    // Keep one version of each named document; its other versions go, other documents stay.
    await store.deleteStalePassages([['a_b', 'k2'], ['a%b', 'k1'], ["o'k", 'k2'], ['d', 'k_'], ['e', 'k%']], []);
    expect([...(await store.passageIds())].sort()).toEqual(['a%b.k1.0', 'a_b.k2.0', "o'k.k2.0", 'axb.k1.0', 'd.k_.0', 'e.k%.0'].sort());
    const batches = [];
    for await (const batch of store.passagesWhere({ docId: "o'k" }, 10)) batches.push(...batch.map((p) => p.id));
    expect(batches).toEqual(["o'k.k2.0"]);
    store.close();
  });
});
