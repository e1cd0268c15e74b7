/**
 * Storage faults never lose the index: a table that cannot be read now is
 * retried and reported (never dropped, no byte changed); a torn newest
 * version rolls back with what it replaced kept in `_quarantine/`; a table
 * with no readable version is moved aside only by the explicit repair step;
 * JSON files tell missing from damaged; renames are retried while a file is
 * held open. Faults are injected through a wrapper around the LanceDB
 * connection and a shim over `rename`.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as lancedb from '@lancedb/lancedb';
import { Field, Float64, Schema, Utf8 } from 'apache-arrow';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { UserError } from '../indexer/api/errors.js';
import { Library } from '../indexer/library/library.js';
import { LanceStore } from '../indexer/store/lance.js';
import { openTable } from '../indexer/store/open-table.js';
import { CORPUS, kho, khoJson, tempDir, treeHash } from './helpers.js';

/** `rename` fails with EBUSY this many more times (a file held open by an antivirus on Windows). */
const renameFaults = vi.hoisted(() => ({ busy: 0 }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const rename: typeof actual.rename = async (from, to) => {
    if (renameFaults.busy > 0) {
      renameFaults.busy--;
      throw Object.assign(new Error('EBUSY: resource busy or locked'), { code: 'EBUSY' });
    }
    return actual.rename(from, to);
  };
  return { ...actual, default: { ...actual, rename }, rename };
});
const { readJson, readJsonOrSetAside, writeJsonAtomic } = await import('../indexer/store/atomic.js');

const work = tempDir('faults');
afterAll(() => work.cleanup());

const schema = new Schema([new Field('id', new Utf8(), false), new Field('n', new Float64(), false)]);
const QUICK = { backoffMs: [1, 1, 1] };

/** A store folder with a `passages` table of 30 rows over three versions. */
async function storeWithRows(name: string): Promise<string> {
  const dir = path.join(work.dir, name, 'lancedb');
  mkdirSync(dir, { recursive: true });
  const db = await lancedb.connect(dir);
  const table = await db.createTable('passages', Array.from({ length: 10 }, (_, i) => ({ id: `a${i}`, n: i })));
  await table.add(Array.from({ length: 10 }, (_, i) => ({ id: `b${i}`, n: i })));
  await table.add(Array.from({ length: 10 }, (_, i) => ({ id: `c${i}`, n: i })));
  table.close();
  db.close();
  return dir;
}

/** The connection, with `openTable` and `countRows` failing as told (a 403 from a share, EACCES, EIO). */
function faulty(db: lancedb.Connection, faults: { open: number; count: number }, error: Error): lancedb.Connection {
  const bind = (target: object, prop: string | symbol) => {
    const value = Reflect.get(target, prop);
    return typeof value === 'function' ? value.bind(target) : value;
  };
  return new Proxy(db, {
    get(target, prop) {
      if (prop !== 'openTable') return bind(target, prop);
      return async (name: string) => {
        if (faults.open-- > 0) throw error;
        const table = await target.openTable(name);
        return new Proxy(table, {
          get(t, p) {
            if (p === 'countRows') return async () => (faults.count-- > 0 ? Promise.reject(error) : t.countRows());
            return bind(t, p);
          },
        });
      };
    },
  });
}

async function rowsOf(dir: string): Promise<number> {
  const db = await lancedb.connect(dir);
  try {
    return await (await db.openTable('passages')).countRows();
  } finally {
    db.close();
  }
}

describe('opening a table: never drop', () => {
  const forbidden = new Error('lance error: LanceError(IO): Generic HTTP error: 403 Forbidden, reading _versions/…manifest');

  it('retries a passing open error and then opens the table whole', async () => {
    const dir = await storeWithRows('passing');
    const db = faulty(await lancedb.connect(dir), { open: 2, count: 1 }, forbidden);
    const table = await openTable(db, dir, 'passages', schema, QUICK);
    expect(await table.countRows()).toBe(30);
    db.close();
  });

  for (const where of ['open', 'count'] as const) {
    it(`reports a lasting ${where} error as store.unreadable and changes no byte`, async () => {
      const dir = await storeWithRows(`lasting-${where}`);
      const before = treeHash(dir);
      const db = faulty(await lancedb.connect(dir), { open: where === 'open' ? 99 : 0, count: where === 'count' ? 99 : 0 }, forbidden);
      const failure = await openTable(db, dir, 'passages', schema, QUICK).catch((e: unknown) => e);
      db.close();
      expect(failure).toBeInstanceOf(UserError);
      expect((failure as UserError).code).toBe('store.unreadable');
      expect(treeHash(dir)).toEqual(before);
      expect(await rowsOf(dir)).toBe(30);
    });
  }

  it('rolls a torn newest version back, keeping it in _quarantine and saying so', async () => {
    const dir = await storeWithRows('torn');
    const versions = path.join(dir, 'passages.lance', '_versions');
    const manifests = readdirSync(versions).filter((f) => f.endsWith('.manifest')).sort();
    truncateSync(path.join(versions, manifests[0]!), 0); // counting down: the first is the newest
    const notices: unknown[] = [];
    const db = await lancedb.connect(dir);
    const table = await openTable(db, dir, 'passages', schema, { ...QUICK, onNotice: (m) => notices.push(m) });
    expect(await table.countRows()).toBe(20);
    db.close();
    expect(notices).toEqual([{ code: 'store.rolledBack', params: expect.objectContaining({ table: 'passages', versions: 1 }) }]);
    expect(readdirSync(path.join(dir, 'passages.lance', '_quarantine')).some((f) => f.startsWith(manifests[0]!))).toBe(true);
  });

  it('leaves a table with no readable version to the explicit repair, which moves it aside', async () => {
    const dir = path.join(work.dir, 'ruined', 'lancedb');
    mkdirSync(dir, { recursive: true });
    const first = await lancedb.connect(dir);
    (await first.createTable('passages', [{ id: 'a', n: 1 }])).close();
    first.close();
    const versions = path.join(dir, 'passages.lance', '_versions');
    for (const f of readdirSync(versions).filter((n) => n.endsWith('.manifest'))) truncateSync(path.join(versions, f), 0);
    const before = treeHash(dir);
    const db = await lancedb.connect(dir);
    const failure = await openTable(db, dir, 'passages', schema, QUICK).catch((e: unknown) => e);
    expect((failure as UserError).code).toBe('store.damaged');
    expect(treeHash(dir)).toEqual(before);

    const notices: any[] = [];
    const fresh = await openTable(db, dir, 'passages', schema, { ...QUICK, repair: true, onNotice: (m) => notices.push(m) });
    expect(await fresh.countRows()).toBe(0);
    db.close();
    expect(notices[0].code).toBe('store.repaired');
    // What was replaced is kept, byte for byte.
    const kept = treeHash(notices[0].params.quarantine);
    const table = Object.entries(before).filter(([file]) => file.startsWith(`passages.lance${path.sep}`));
    expect(table.length).toBeGreaterThan(0);
    for (const [file, hash] of table) expect(kept[path.relative('passages.lance', file)], file).toBe(hash);
  });
});

describe('a library through faults', () => {
  it('a read error on open changes nothing; the sources are untouched and the next run completes', async () => {
    const folder = path.join(work.dir, 'lib-src');
    mkdirSync(folder);
    for (const f of readdirSync(CORPUS).filter((n) => n.endsWith('.txt')).slice(0, 3)) cpSync(path.join(CORPUS, f), path.join(folder, f));
    const sources = treeHash(folder);
    const data = path.join(work.dir, 'lib-data');
    await khoJson(['index', folder, '--data', data]);
    const expected = await khoJson(['status', '--data', data]);
    // The newest manifest cannot be read now (a file system refusing it): here, a folder stands in its place.
    const versions = path.join(data, 'lancedb', 'passages.lance', '_versions');
    const newest = readdirSync(versions).filter((f) => f.endsWith('.manifest')).sort()[0]!;
    const saved = readFileSync(path.join(versions, newest));
    rmSync(path.join(versions, newest));
    mkdirSync(path.join(versions, newest));
    const before = treeHash(data);
    for (const args of [['status'], ['index', folder]]) {
      const result = await kho([...args, '--data', data, '--lang', 'en']);
      expect(result.code, args.join(' ')).not.toBe(0);
      expect(result.stderr).toMatch(/the passages table .* cannot be read now|damaged/);
      expect(treeHash(data)).toEqual(before);
    }
    // The fault passes: nothing was lost, and the next run completes.
    rmSync(path.join(versions, newest), { recursive: true });
    writeFileSync(path.join(versions, newest), saved);
    const status = await khoJson(['status', '--data', data]);
    expect([status.documents, status.passages]).toEqual([expected.documents, expected.passages]);
    await khoJson(['index', folder, '--data', data]);
    expect((await khoJson(['verify', '--data', data])).ok).toBe(true);
    expect(treeHash(folder)).toEqual(sources);
  });

  it('a data folder that disappears is reported, not recreated by a read', async () => {
    const data = path.join(work.dir, 'gone-data');
    const folder = path.join(work.dir, 'gone-src');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'a.txt'), 'Báo cáo tổng kết công tác năm.\n');
    await khoJson(['index', folder, '--data', data]);
    rmSync(data, { recursive: true });
    const result = await kho(['search', 'báo cáo', '--data', data, '--lang', 'en']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('there is no library');
    expect(existsSync(data)).toBe(false);
  });
});

describe('JSON files and renames', () => {
  it('tells a missing file from a damaged one, and keeps the damaged one', async () => {
    const file = path.join(work.dir, 'settings.json');
    expect(await readJson(file, { fallback: true })).toEqual({ fallback: true });
    writeFileSync(file, '{"folders": ["/a"');
    await expect(readJson(file, {})).rejects.toMatchObject({ code: 'data.fileCorrupt' });
    expect(readFileSync(file, 'utf8')).toBe('{"folders": ["/a"');
  });

  it('moves a damaged file aside (named) only for a caller about to write a new one', async () => {
    const file = path.join(work.dir, 'failures.json');
    writeFileSync(file, '[{"path": trunc');
    let movedTo = '';
    expect(await readJsonOrSetAside(file, [], (m) => (movedTo = m))).toEqual([]);
    expect(movedTo).toMatch(/failures\.json\.corrupt-/);
    expect(readFileSync(movedTo, 'utf8')).toBe('[{"path": trunc');
    expect(existsSync(file)).toBe(false);
  });

  it('retries a rename while the target is held open, then fails clearly when it stays held', async () => {
    const file = path.join(work.dir, 'held.json');
    renameFaults.busy = 3;
    await writeJsonAtomic(file, { a: 1 });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ a: 1 });
    renameFaults.busy = 1000;
    await expect(writeJsonAtomic(file, { a: 2 })).rejects.toMatchObject({ code: 'EBUSY' });
    renameFaults.busy = 0;
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ a: 1 });
    expect(readdirSync(work.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('faults in the middle of an index run', () => {
  it('a full disk on write, then a held file on rename: nothing committed is lost and the next run completes', async () => {
    const folder = path.join(work.dir, 'run-src');
    mkdirSync(folder);
    for (const f of readdirSync(CORPUS).filter((n) => n.endsWith('.txt')).slice(0, 3)) cpSync(path.join(CORPUS, f), path.join(folder, f));
    const data = path.join(work.dir, 'run-data');
    const library = await Library.open({ dataDir: data, embedInWorker: false });
    try {
      await library.index({ paths: [folder] });
      const committed = (await library.status()).passages;
      writeFileSync(path.join(folder, 'moi-1.txt'), 'Thông báo kết luận cuộc họp giao ban tháng sáu.\n');
      writeFileSync(path.join(folder, 'moi-2.txt'), 'Kế hoạch kiểm tra công tác văn thư lưu trữ năm nay.\n');
      const sources = treeHash(folder);

      // The disk fills while passages are written.
      const add = LanceStore.prototype.addPassages;
      LanceStore.prototype.addPassages = async () => {
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      };
      try {
        await expect(library.index({ paths: [folder] })).rejects.toThrow(/ENOSPC/);
      } finally {
        LanceStore.prototype.addPassages = add;
      }
      expect((await library.status()).passages).toBeGreaterThanOrEqual(committed);
      expect((await library.verify()).problems).toEqual([]);

      // Every rename is refused (a file held open) while the run writes its logs.
      renameFaults.busy = 1000;
      await expect(library.index({ paths: [folder] })).rejects.toMatchObject({ code: 'EBUSY' });
      renameFaults.busy = 0;
      expect((await library.status()).passages).toBeGreaterThanOrEqual(committed);

      const summary = await library.index({ paths: [folder] });
      expect(summary.failed).toEqual([]);
      const report = await library.verify();
      expect(report).toMatchObject({ ok: true, documents: 5 });
      expect(treeHash(folder)).toEqual(sources);
      expect((await library.search({ query: 'văn thư lưu trữ' })).hits.some((h) => h.path.endsWith('moi-2.txt'))).toBe(true);
    } finally {
      renameFaults.busy = 0;
      await library.close();
    }
  });
});
