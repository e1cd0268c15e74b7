/**
 * The end of an index run leaves each LanceDB table small: its newest version,
 * synced, and one identical rollback copy (indexer/store/settle.ts) — and a
 * torn newest manifest still rolls back, losing nothing.
 */
import { cpSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as lancedb from '@lancedb/lancedb';
import { afterAll, describe, expect, it } from 'vitest';
import { localTableDir, settleTable, SETTLED_VERSIONS, syncTree } from '../indexer/store/settle.js';
import { CORPUS, kho, khoJson, tempDir, TEST_MODEL } from './helpers.js';

const work = tempDir('settle');
afterAll(() => work.cleanup());

const manifests = (data: string, table: string) =>
  readdirSync(path.join(data, 'lancedb', `${table}.lance`, '_versions')).filter((f) => f.endsWith('.manifest'));

const tables = (data: string) => readdirSync(path.join(data, 'lancedb')).filter((f) => f.endsWith('.lance')).map((f) => f.replace(/\.lance$/, ''));

describe('settling tables at the end of a run', () => {
  it('keeps at most two versions of every table after two runs, and a torn newest manifest still rolls back', async () => {
    const data = path.join(work.dir, 'data');
    const library = path.join(work.dir, 'library');
    cpSync(CORPUS, library, { recursive: true });
    await khoJson(['model', 'import', TEST_MODEL, '--data', data]);
    await khoJson(['index', library, '--data', data]);
    writeFileSync(path.join(library, 'ghi-chu-moi.txt'), 'Ghi chú mới về chuyển giao công nghệ và đổi mới sáng tạo.\n');
    await khoJson(['index', library, '--data', data]);
    const names = tables(data);
    expect(names.some((n) => n.startsWith('vectors_'))).toBe(true);
    for (const table of names) expect(manifests(data, table).length, table).toBeLessThanOrEqual(SETTLED_VERSIONS);
    const expected = await khoJson(['status', '--data', data]);

    for (const table of ['passages', 'documents']) {
      const versions = path.join(data, 'lancedb', `${table}.lance`, '_versions');
      const newest = manifests(data, table).map((f) => BigInt(f.replace('.manifest', ''))).sort((a, b) => (a < b ? -1 : 1))[0];
      truncateSync(path.join(versions, `${newest}.manifest`), 0);
    }
    // The rollback copy is the newest version itself: nothing is lost, no re-index needed.
    expect((await kho(['search', 'chuyển giao công nghệ', '--data', data])).code).toBe(0);
    const status = await khoJson(['status', '--data', data]);
    expect([status.documents, status.passages]).toEqual([expected.documents, expected.passages]);
    expect((await khoJson(['verify', '--data', data])).ok).toBe(true);
  });

  it('names a local table folder (to sync it) and none on object storage', async () => {
    const dir = path.join(work.dir, 'plain');
    const db = await lancedb.connect(dir);
    try {
      const table = await db.createTable('t', [{ a: 1 }]);
      expect(localTableDir(table)).toBe(path.join(dir, 't.lance'));
      expect(await syncTree(path.join(dir, 't.lance'))).toBe(true);
      for (let i = 0; i < 4; i++) await table.add([{ a: i }]);
      await settleTable(table);
      expect((await table.listVersions()).length).toBe(SETTLED_VERSIONS);
      expect(await table.countRows()).toBe(5);
      // Nothing new since: settling again commits nothing.
      const version = await table.version();
      await settleTable(table);
      expect(await table.version()).toBe(version);
    } finally {
      db.close();
    }
    expect(localTableDir({ display: () => 'NativeTable(t, uri=s3://bucket/kho/lancedb/t.lance, read_consistency_interval=None)' } as never)).toBeNull();
  });
});
