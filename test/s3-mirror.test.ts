/**
 * A reader's local copy of a library on object storage (store/remote/mirror.ts,
 * issue 18): one look copies what the bucket holds under the prefix and nothing
 * else (no lease, no name leaving the copy's folder), a changed side file of the
 * same size is copied again by its etag, a file the writer cleaned up leaves the
 * copy only after two looks, and a look that cannot reach the bucket leaves the
 * copy as it was.
 */
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReadMirror, mirroredName } from '../indexer/store/remote/mirror.js';
import { S3Client } from '../indexer/store/remote/s3-client.js';
import { tempDir } from './helpers.js';
import { SKIP_WITHOUT_MOTO, createBucket, cuttableProxy, startMoto, testConfig, type CuttableProxy, type MotoServer } from './s3-helpers.js';

const BUCKET = 'mirror-test';
const PREFIX = 'so/thu-vien';

describe('which object names a copy takes', () => {
  it('keeps names under the prefix, never the lease, folders or a name that leaves the folder', () => {
    expect(mirroredName('lancedb/passages.lance/data/a.lance')).toBe('lancedb/passages.lance/data/a.lance');
    expect(mirroredName('index.json')).toBe('index.json');
    expect(mirroredName('_kho/writer-lease.json')).toBeNull();
    expect(mirroredName('lancedb/')).toBeNull();
    expect(mirroredName('../../etc/passwd')).toBeNull();
    expect(mirroredName('lancedb/../../x')).toBeNull();
    expect(mirroredName('a//b')).toBeNull();
    expect(mirroredName('a\\..\\b')).toBeNull();
    expect(mirroredName('.kho-mirror.json')).toBeNull();
  });
});

describe.skipIf(SKIP_WITHOUT_MOTO)('a reader copy of s3://…', () => {
  const work = tempDir('s3-mirror');
  let moto: MotoServer;
  let cut: CuttableProxy;
  let writer: S3Client;
  const key = (name: string) => `${PREFIX}/${name}`;

  beforeAll(async () => {
    moto = await startMoto();
    await createBucket(moto.endpoint, BUCKET);
    cut = await cuttableProxy(moto.endpoint);
    writer = new S3Client(testConfig(moto.endpoint, BUCKET, PREFIX));
  });

  afterAll(async () => {
    await cut?.close();
    await moto?.stop();
    work.cleanup();
  });

  it('copies the prefix, follows changes and removals, and keeps the copy when the bucket is out of reach', async () => {
    await writer.put(key('index.json'), '{"version":6}');
    await writer.put(key('settings.json'), '{"folders":["A"]}');
    await writer.put(key('lancedb/passages.lance/data/one.lance'), Buffer.alloc(5000, 1));
    await writer.put(key('lancedb/passages.lance/_versions/1.manifest'), Buffer.alloc(100, 2));
    await writer.put(key('_kho/writer-lease.json'), '{"holder":"x"}');
    // Not the library's: a document someone left under the prefix, and a name no disk can hold.
    await writer.put(key('van-ban/qd-12.pdf'), 'x');
    await writer.put(key(`lancedb/${'đ'.repeat(200)}.lance`), 'x');
    await writer.put(`elsewhere/index.json`, '{}');
    const dir = path.join(work.dir, 'copy');
    const mirror = new ReadMirror(new S3Client(testConfig(cut.endpoint, BUCKET, PREFIX), { backoffMs: [50] }), dir, 0);
    expect(await mirror.syncedAt()).toBeNull();

    const first = await mirror.sync();
    expect(first.downloaded).toBe(4);
    expect(mirror.skipped.map((s) => s.reason)).toEqual(['ENAMETOOLONG']);
    expect(existsSync(path.join(dir, 'van-ban'))).toBe(false);
    expect(readFileSync(path.join(dir, 'lancedb/passages.lance/data/one.lance')).length).toBe(5000);
    expect((await mirror.read('settings.json'))!.toString()).toBe('{"folders":["A"]}');
    expect(existsSync(path.join(dir, '_kho'))).toBe(false);
    expect(await mirror.read('nothing.json')).toBeNull();
    expect(await mirror.syncedAt()).not.toBeNull();

    // Nothing new: nothing copied. A side file changed to the same length: copied again (etag).
    expect((await mirror.sync()).downloaded).toBe(0);
    await writer.put(key('settings.json'), '{"folders":["B"]}');
    await writer.put(key('lancedb/passages.lance/data/two.lance'), Buffer.alloc(300, 3));
    await writer.put(key('lancedb/passages.lance/_versions/2.manifest'), Buffer.alloc(100, 4));
    expect((await mirror.sync()).downloaded).toBe(3);
    expect((await mirror.read('settings.json'))!.toString()).toBe('{"folders":["B"]}');

    // A new process on the same copy (its record on disk) needs nothing either.
    expect((await new ReadMirror(new S3Client(testConfig(cut.endpoint, BUCKET, PREFIX)), dir).sync()).downloaded).toBe(0);

    // The writer cleaned a version up: the copy keeps its files one look longer, then lets them go.
    await writer.delete(key('lancedb/passages.lance/data/one.lance'));
    await writer.delete(key('lancedb/passages.lance/_versions/1.manifest'));
    const oneLocal = path.join(dir, 'lancedb/passages.lance/data/one.lance');
    const old = new Date(Date.now() - 60_000);
    utimesSync(oneLocal, old, old);
    utimesSync(path.join(dir, 'lancedb/passages.lance/_versions/1.manifest'), old, old);
    expect((await mirror.sync()).removed).toBe(0);
    expect(existsSync(oneLocal)).toBe(true);
    expect((await mirror.sync()).removed).toBe(2);
    expect(existsSync(oneLocal)).toBe(false);
    expect(existsSync(path.join(dir, 'lancedb/passages.lance/data/two.lance'))).toBe(true);

    // A file copied again by another process after the first look that missed it (newer than that look) stays.
    const fresh = path.join(dir, 'lancedb/passages.lance/data/fresh.lance');
    writeFileSync(fresh, 'x');
    utimesSync(fresh, old, old);
    await mirror.sync();
    writeFileSync(fresh, 'y');
    const later = new Date(Date.now() + 1000);
    utimesSync(fresh, later, later);
    expect((await mirror.sync()).removed).toBe(0);
    expect(existsSync(fresh)).toBe(true);

    // A server answering with something that is not a listing (a proxy's login page) never empties the copy.
    const portal = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Đăng nhập mạng</html>'));
    await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
    const portalClient = new S3Client(testConfig(`http://127.0.0.1:${(portal.address() as AddressInfo).port}`, BUCKET, PREFIX), { backoffMs: [] });
    await expect(new ReadMirror(portalClient, dir, 0).sync()).rejects.toThrow(/not a listing/);
    portal.close();
    expect(existsSync(path.join(dir, 'lancedb/passages.lance/data/two.lance'))).toBe(true);

    // No network: the look fails, the copy is as it was.
    await cut.cut();
    await writer.put(key('settings.json'), '{"folders":["C"]}');
    await expect(mirror.sync()).rejects.toThrow(/offline/);
    expect((await mirror.read('settings.json'))!.toString()).toBe('{"folders":["B"]}');
    await cut.restore();
    await mirror.sync();
    expect((await mirror.read('settings.json'))!.toString()).toBe('{"folders":["C"]}');
  });
});
