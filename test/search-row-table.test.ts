/**
 * The first stage read by row address (search/row-table.ts, issue 14 speed):
 * once a passages-table version's row table is read (in the background, from
 * its second search), match sets come from LanceDB as row addresses mapped
 * back through it.
 * The answers must be the very ones of the id-reading path — hits, totals,
 * facets, pages — and follow the library when an index run moves the table
 * on. Also: a long question typed with accents still finds passages written
 * without them (keyword.ts EXACT_CANDIDATES_MIN_WORDS falls back).
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SearchRequest, SearchResponse } from '../indexer/api/contract.js';
import { decreeDocument, ISSUERS } from '../bench/lib/decree-docs.mjs';
import { ROOT, tempDir } from './helpers.js';

interface LibraryLike {
  index(request: { paths: string[] }): Promise<unknown>;
  search(request: SearchRequest): Promise<SearchResponse>;
  close(): Promise<void>;
}
const dist = (rel: string) => import(path.join(ROOT, 'dist', 'indexer', rel));
const { Library } = (await dist('library/library.js')) as { Library: { open(options: { dataDir: string; embedInWorker?: boolean }): Promise<LibraryLike> } };
const { LanceStore } = (await dist('store/lance.js')) as { LanceStore: { prototype: Record<string, (...args: unknown[]) => unknown> } };

const TOPICS = ['chuyển đổi số', 'cải cách hành chính', 'an toàn thông tin', 'phòng cháy chữa cháy'];

function write(folder: string, type: 'ke-hoach' | 'bao-cao', i: number): void {
  const topic = TOPICS[i % TOPICS.length]!;
  const { text } = decreeDocument({
    type, number: i, date: `202${i % 4}-0${1 + (i % 9)}-1${i % 9}`, issuer: ISSUERS[i % ISSUERS.length],
    summary: `Triển khai ${topic} đợt ${i}`,
    articles: [
      `MỤC ĐÍCH\nĐẩy mạnh ${topic} trong cơ quan số ${i}, gắn với chuyển đổi số.`,
      `NHIỆM VỤ\nTổ chức thực hiện ${topic} đợt ${i} theo lộ trình; báo cáo kết quả chuyển đổi số.`,
      `KINH PHÍ\nKinh phí thực hiện ${topic} do ngân sách bảo đảm.`,
    ],
  });
  mkdirSync(path.join(folder, type), { recursive: true });
  writeFileSync(path.join(folder, type, `${type}-${i}.txt`), text);
}

/** What a response says, without its timing. */
function shape(r: SearchResponse) {
  return { hits: r.hits.map((h) => [h.passageId, h.morePassages.map((m) => m.passageId), h.highlights]), total: r.total, facets: r.facets, partial: r.partial };
}

const QUERIES: SearchRequest[] = [
  { query: 'chuyển đổi số', limit: 5 },
  { query: 'chuyển đổi số', limit: 5, offset: 5 },
  { query: 'chuyển đổi số', limit: 20, collapse: 'passage' },
  { query: 'chuyen doi so', limit: 10 },
  { query: 'chuyển đổi số loai:bao-cao', limit: 10 },
  { query: 'chuyển đổi số thumuc:ke-hoach nam:2021', limit: 10 },
  { query: 'kinh phí -"ngân sách"', limit: 10 },
  { query: 'an toàn thông tin', limit: 10, sort: 'date' },
  { query: 'thông tin xyzkhongco', limit: 10 },
];

describe('the first stage read by row address', () => {
  const work = tempDir('kho-search-rows-');
  const folder = path.join(work.dir, 'thu-vien');
  let library: LibraryLike;

  beforeAll(async () => {
    for (let i = 1; i <= 8; i++) write(folder, 'ke-hoach', i);
    for (let i = 1; i <= 4; i++) write(folder, 'bao-cao', i);
    library = await Library.open({ dataDir: path.join(work.dir, 'data'), embedInWorker: false });
    await library.index({ paths: [folder] });
  });

  afterAll(async () => {
    vi.restoreAllMocks();
    await library?.close();
    work.cleanup();
  });

  it('answers as the id-reading path does, and follows an index run', async () => {
    // A copy of the library whose store never answers by address (as if its table always moved on): the id path.
    cpSync(path.join(work.dir, 'data'), path.join(work.dir, 'data-ids'), { recursive: true });
    const viaIds = await Library.open({ dataDir: path.join(work.dir, 'data-ids'), embedInWorker: false });
    const original = LanceStore.prototype.matchRowIds!;
    let idsOnly = false;
    let byAddress = 0;
    const spy = vi.spyOn(LanceStore.prototype, 'matchRowIds').mockImplementation(function (this: unknown, ...args: unknown[]) {
      if (idsOnly) return Promise.resolve(null);
      byAddress++;
      return original.apply(this, args);
    });
    try {
      // The row table is read in the background from a version's second search: wait until searches use it.
      let k = 0;
      await expect.poll(async () => {
        await library.search({ query: `chuyển đổi số đợt ${k++ % 8}`, limit: 5 });
        return byAddress;
      }).toBeGreaterThan(0);
      for (let round = 0; round < 2; round++) {
        for (const q of QUERIES) {
          idsOnly = false;
          const a = shape(await library.search(q));
          idsOnly = true;
          const b = shape(await viaIds.search(q));
          expect(a, JSON.stringify(q)).toEqual(b);
        }
      }
      expect(byAddress).toBeGreaterThan(0);
      idsOnly = false;
      write(folder, 'bao-cao', 5);
      await library.index({ paths: [folder] });
      for (let k = 0; k < 3; k++) {
        const after = await library.search({ query: k === 0 ? 'chuyển đổi số loai:bao-cao' : `chuyển đổi số loai:bao-cao nam:202${k}`, limit: 10 });
        if (k === 0) expect(after.total.documents).toBe(5);
        if (k === 0) expect(after.hits.some((h) => h.path.endsWith('bao-cao-5.txt'))).toBe(true);
      }
      const last = await library.search({ query: 'chuyển đổi số cơ quan loai:bao-cao', limit: 10 });
      expect(last.total.documents).toBe(5);
      expect(last.hits.some((h) => h.path.endsWith('bao-cao-5.txt'))).toBe(true);
    } finally {
      spy.mockRestore();
      await viaIds.close();
    }
  });

  it('finds passages written without accents for a long question typed with them', async () => {
    // A library of its own, smaller than the candidates asked for: the question's words as typed find too few.
    const plain = path.join(work.dir, 'khong-dau');
    mkdirSync(plain, { recursive: true });
    writeFileSync(path.join(plain, 'ghi-chu.txt'), 'Ghi chu cuoc hop\n\nCan bo phu trach bao cao ket qua ra soat thiet bi phong chay chua chay tai tru so co quan truoc ngay cuoi thang.\n');
    writeFileSync(path.join(plain, 'ke-hoach.txt'), 'Kế hoạch rà soát thiết bị\n\nCơ quan tổ chức rà soát thiết bị văn phòng trong quý.\n');
    const other = await Library.open({ dataDir: path.join(work.dir, 'data-khong-dau'), embedInWorker: false });
    try {
      await other.index({ paths: [plain] });
      const r = await other.search({ query: 'cán bộ phụ trách báo cáo kết quả rà soát thiết bị phòng cháy tại trụ sở cơ quan', limit: 10, collapse: 'passage' });
      expect(r.hits.some((h) => h.path.endsWith('ghi-chu.txt'))).toBe(true);
    } finally {
      await other.close();
    }
  });
});
