/**
 * Issue 20 (indexing speed): what an unchanged re-run skips must not cost
 * correctness. The title index is worked out lazily and written only when it
 * changed; the run reads many small files ahead of their turn; the walk
 * carries where each file is read.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { walk } from '../indexer/ingest/walk.js';
import { Library } from '../indexer/library/library.js';
import { TitleIndex } from '../indexer/store/minisearch.js';
import { tempDir } from './helpers.js';

const work = tempDir('ingest-rerun');
afterAll(() => work.cleanup());

const suggestions = async (library: Library, prefix: string) => (await library.suggest({ prefix, limit: 10 })).map((s) => s.text);

describe('the title index, loaded lazily', () => {
  it('suggests the phrases of the first documents added to an empty index and of documents changed after a load', async () => {
    const file = path.join(work.dir, 'titles.json');
    const fresh = TitleIndex.empty(file);
    fresh.upsert({ id: 'a', title: 'Kế hoạch chuyển đổi số', fileName: 'a.txt', headings: '' });
    fresh.upsert({ id: 'b', title: 'Báo cáo chuyển giao công nghệ', fileName: 'b.txt', headings: '' });
    expect(fresh.suggest('chuyen d', 5).map((s) => s.text)).toContain('chuyển đổi số');
    await fresh.save();
    const loaded = (await TitleIndex.load(file))!;
    expect(loaded.suggest('chuyen g', 5).map((s) => s.text)).toContain('chuyển giao công nghệ');
    loaded.upsert({ id: 'a', title: 'Kế hoạch đổi mới sáng tạo', fileName: 'a.txt', headings: '' });
    expect(loaded.suggest('doi moi', 5).map((s) => s.text)).toContain('đổi mới sáng tạo');
    expect(loaded.suggest('chuyen d', 5).map((s) => s.text)).not.toContain('chuyển đổi số');
    loaded.remove('b');
    expect(loaded.suggest('chuyen g', 5)).toEqual([]);
  });

  it('is saved gzipped, and a file saved as plain JSON before still loads', async () => {
    const file = path.join(work.dir, 'titles-gz.json');
    const titles = TitleIndex.empty(file);
    for (let i = 0; i < 200; i++) titles.upsert({ id: `d${i}`, title: `Quyết định số ${i}/QĐ-UBND về chuyển đổi số cấp xã`, fileName: `qd-${i}.txt`, headings: 'Điều 1. Phạm vi điều chỉnh\nĐiều 2. Đối tượng áp dụng' });
    await titles.save();
    const saved = readFileSync(file);
    expect([saved[0], saved[1]]).toEqual([0x1f, 0x8b]);
    const json = gunzipSync(saved);
    expect(saved.length).toBeLessThan(json.length / 4);
    // A library from before: the same content, not compressed.
    writeFileSync(file, json);
    const old = (await TitleIndex.load(file))!;
    expect(old.size).toBe(200);
    for (const prefix of ['chuyen d', 'pham vi', 'quyết']) {
      expect(old.suggest(prefix, 5).length, prefix).toBeGreaterThan(0);
      expect(old.suggest(prefix, 5), prefix).toEqual(titles.suggest(prefix, 5));
    }
  });
});

describe('an indexing run over many small files', () => {
  const folder = path.join(work.dir, 'thu-muc');
  const data = path.join(work.dir, 'data');
  const titles = path.join(data, 'titles.minisearch.json');
  // More files than the run reads ahead, with identical copies inside the look-ahead window.
  const FILES = 150;
  const text = (i: number) => `Kế hoạch số ${i}/KH-UBND về chuyển đổi số năm ${2000 + (i % 25)}\n\nNội dung thứ ${i} của kế hoạch.\n`;

  it('indexes every file in order, copies as copies, and an unchanged re-run rewrites nothing', async () => {
    mkdirSync(folder, { recursive: true });
    for (let i = 0; i < FILES; i++) writeFileSync(path.join(folder, `kh-${String(i).padStart(3, '0')}.txt`), text(i % 140)); // the last 10 copy the first 10
    const library = await Library.open({ dataDir: data, embedInWorker: false });
    try {
      const first = await library.index({ paths: [folder] });
      expect(first).toMatchObject({ indexed: 140, duplicates: 10, failed: [] });
      const before = { bytes: readFileSync(titles), mtimeMs: statSync(titles).mtimeMs };
      const again = await library.index({ paths: [folder] });
      // A copy's own size and time are not recorded: it is read again and found a copy again.
      expect(again).toMatchObject({ indexed: 0, unchanged: 140, duplicates: 10, failed: [] });
      expect(readFileSync(titles).equals(before.bytes)).toBe(true);
      expect(statSync(titles).mtimeMs).toBe(before.mtimeMs);
    } finally {
      await library.close();
    }
  });

  it('after a reopen, a changed file updates the suggestions (the index loaded from disk, then changed)', async () => {
    writeFileSync(path.join(folder, 'kh-020.txt'), 'Báo cáo tổng kết hợp tác quốc tế\n\nNội dung mới.\n');
    const library = await Library.open({ dataDir: data, embedInWorker: false });
    try {
      expect(await library.index({ paths: [folder] })).toMatchObject({ indexed: 1, unchanged: 139, duplicates: 10, failed: [] });
      expect(await suggestions(library, 'hop tac q')).toContain('hợp tác quốc tế');
      expect((await suggestions(library, 'chuyen d')).some((t) => t.startsWith('chuyển đổi số'))).toBe(true);
    } finally {
      await library.close();
    }
  });
});

describe('the walk', () => {
  it('says where each file is read: the recorded path, or under a mapped root the local one', async () => {
    const root = path.join(work.dir, 'goc');
    mkdirSync(path.join(root, 'con'), { recursive: true });
    writeFileSync(path.join(root, 'con', 'a.txt'), 'a');
    writeFileSync(path.join(root, 'b.txt'), 'b');
    writeFileSync(path.join(root, 'khong-phai.xyz'), 'c');
    const plain = await walk([root]);
    expect(plain.files.map((f) => [path.relative(root, f.path), f.local === f.path])).toEqual([['b.txt', true], [path.join('con', 'a.txt'), true]]);
    const recorded = path.join(work.dir, 'o-may-khac');
    const mapped = await walk([recorded], (p) => (p === recorded ? root : p));
    expect(mapped.files.map((f) => [path.relative(recorded, f.path), path.relative(root, f.local)])).toEqual([['b.txt', 'b.txt'], [path.join('con', 'a.txt'), path.join('con', 'a.txt')]]);
  });
});
