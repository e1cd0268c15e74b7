/**
 * What search keeps between calls (issue 14: the match lists of the first
 * stage, the filter results and facet tables of a catalogue version) is
 * dropped when the library changes: after an index run adds a document, the
 * same query — filtered or not — counts it in its totals and facets, and a
 * filter-only listing shows it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchRequest, SearchResponse } from '../indexer/api/contract.js';
import { decreeDocument, ISSUERS } from '../bench/lib/decree-docs.mjs';
import { ROOT, tempDir } from './helpers.js';

interface LibraryLike {
  index(request: { paths: string[] }): Promise<unknown>;
  search(request: SearchRequest): Promise<SearchResponse>;
  close(): Promise<void>;
}
const { Library } = (await import(path.join(ROOT, 'dist', 'indexer', 'library', 'library.js'))) as {
  Library: { open(options: { dataDir: string; embedInWorker?: boolean }): Promise<LibraryLike> };
};

function write(folder: string, type: 'ke-hoach' | 'bao-cao', i: number): void {
  const { text } = decreeDocument({
    type, number: i, date: `202${i % 4}-0${1 + (i % 9)}-1${i % 9}`, issuer: ISSUERS[i % ISSUERS.length],
    summary: `Triển khai chuyển đổi số đợt ${i}`,
    articles: [`MỤC ĐÍCH\nĐẩy mạnh chuyển đổi số trong cơ quan số ${i}.`, `NHIỆM VỤ\nTổ chức thực hiện đợt ${i} theo lộ trình.`],
  });
  mkdirSync(path.join(folder, type), { recursive: true });
  writeFileSync(path.join(folder, type, `${type}-${i}.txt`), text);
}

const count = (list: Array<{ value: string; count: number }>, value: string) => list.find((f) => f.value === value)?.count ?? 0;

describe('search caches follow the library', () => {
  const work = tempDir('kho-search-cache-');
  const folder = path.join(work.dir, 'thu-vien');
  let library: LibraryLike;

  beforeAll(async () => {
    for (let i = 1; i <= 6; i++) write(folder, 'ke-hoach', i);
    for (let i = 1; i <= 3; i++) write(folder, 'bao-cao', i);
    library = await Library.open({ dataDir: path.join(work.dir, 'data'), embedInWorker: false });
    await library.index({ paths: [folder] });
  });

  afterAll(async () => {
    await library?.close();
    work.cleanup();
  });

  it('counts a document added by a later index run in totals, facets and listings', async () => {
    const queries = ['chuyển đổi số', 'chuyển đổi số loai:bao-cao', 'chuyển đổi số thumuc:bao-cao', 'loai:bao-cao'];
    const before = new Map<string, SearchResponse>();
    // Twice, so that the second answer comes from what the first kept.
    for (let k = 0; k < 2; k++) for (const q of queries) before.set(q, await library.search({ query: q, limit: 20 }));
    expect(before.get('chuyển đổi số')!.total.documents).toBe(9);
    expect(count(before.get('chuyển đổi số')!.facets.loai, 'bao-cao')).toBe(3);
    expect(before.get('chuyển đổi số loai:bao-cao')!.total.documents).toBe(3);
    expect(count(before.get('chuyển đổi số loai:bao-cao')!.facets.loai, 'ke-hoach')).toBe(6);

    write(folder, 'bao-cao', 4);
    await library.index({ paths: [folder] });

    const after = await library.search({ query: 'chuyển đổi số', limit: 20 });
    expect(after.total.documents).toBe(10);
    expect(count(after.facets.loai, 'bao-cao')).toBe(4);
    expect(count(after.facets.thumuc, 'bao-cao')).toBe(4);
    for (const q of ['chuyển đổi số loai:bao-cao', 'chuyển đổi số thumuc:bao-cao']) {
      const filtered = await library.search({ query: q, limit: 20 });
      expect(filtered.total.documents, q).toBe(4);
      expect(filtered.hits.some((h) => h.path.endsWith('bao-cao-4.txt')), q).toBe(true);
      // The filter's own facet still offers the other values, counted afresh.
      expect(count(filtered.facets.loai, 'bao-cao') + count(filtered.facets.thumuc, 'bao-cao'), q).toBeGreaterThanOrEqual(4);
    }
    const listing = await library.search({ query: 'loai:bao-cao', limit: 20 });
    expect(listing.total.documents).toBe(4);
    expect(count(listing.facets.loai, 'bao-cao')).toBe(4);
  });
});
