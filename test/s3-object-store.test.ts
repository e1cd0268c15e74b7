/**
 * The side files of a library on object storage (issue 18): paths under a
 * mounted `s3://…` location go to its object store, in every form `path.join`
 * leaves them; the S3 store refuses a reader's write and a write over another
 * process's change (conditional puts), and the JSON helpers of atomic.ts read
 * and write through it.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../indexer/api/errors.js';
import { readJson, writeJsonAtomic } from '../indexer/store/atomic.js';
import { isObjectPath, mountObjectStore, objectFor, type ObjectStore } from '../indexer/store/object-store.js';
import { S3ObjectStore } from '../indexer/store/remote/object-store.js';
import { S3Client } from '../indexer/store/remote/s3-client.js';
import { thrown } from './helpers.js';
import { SKIP_WITHOUT_MOTO, createBucket, startMoto, testConfig, type MotoServer } from './s3-helpers.js';

const memory = (where: string): ObjectStore & { objects: Map<string, Buffer> } => {
  const objects = new Map<string, Buffer>();
  return {
    where,
    objects,
    get: async (name) => objects.get(name) ?? null,
    put: async (name, data) => void objects.set(name, Buffer.from(data)),
    setAside: async (name, to) => void objects.set(to, objects.get(name)!),
  };
};

describe('side files of a library on object storage', () => {
  it('sends paths under a mounted s3:// location to its store, as path.join leaves them', async () => {
    const store = memory('s3://kho/phong');
    const unmount = mountObjectStore('s3://kho/phong', store);
    try {
      expect(isObjectPath('/srv/kho/index.json')).toBe(false);
      expect(objectFor('/srv/kho/index.json')).toBeNull();
      expect(objectFor('s3://kho/phong/index.json')).toEqual({ store, name: 'index.json' });
      expect(objectFor(path.posix.join('s3://kho/phong', 'overrides.json'))).toEqual({ store, name: 'overrides.json' });
      expect(objectFor(path.win32.join('s3://kho/phong', 'job.json'))).toEqual({ store, name: 'job.json' });
      expect(() => objectFor('s3://kho/khac/index.json')).toThrow(/no object store/);
      await writeJsonAtomic('s3://kho/phong/settings.json', { folders: ['/mnt/vanban'] });
      expect(store.objects.get('settings.json')!.toString()).toBe('{\n  "folders": [\n    "/mnt/vanban"\n  ]\n}\n');
      expect(await readJson('s3:/kho/phong/settings.json', null)).toEqual({ folders: ['/mnt/vanban'] });
      expect(await readJson('s3://kho/phong/missing.json', 'fallback')).toBe('fallback');
      store.objects.set('failures.json', Buffer.from('{ torn'));
      expect(((await thrown(() => readJson('s3://kho/phong/failures.json', []))) as UserError).code).toBe('data.fileCorrupt');
    } finally {
      unmount();
    }
  });
});

describe.skipIf(SKIP_WITHOUT_MOTO)('the S3 object store (moto)', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMoto();
    await createBucket(moto.endpoint, 'kho-obj');
  });
  afterAll(async () => moto?.stop());

  it('writes with conditions: a change by another process is never overwritten; a reader never writes', async () => {
    const config = testConfig(moto.endpoint, 'kho-obj', 'phong');
    const writer = new S3ObjectStore(new S3Client(config, { backoffMs: [] }), { readOnly: false });
    const other = new S3ObjectStore(new S3Client(config, { backoffMs: [] }), { readOnly: false });
    const reader = new S3ObjectStore(new S3Client(config, { backoffMs: [] }), { readOnly: true });
    await writer.put('settings.json', '{"v":1}');
    await writer.put('settings.json', '{"v":2}');
    expect((await reader.get('settings.json'))!.toString()).toBe('{"v":2}');
    expect(await reader.get('none.json')).toBeNull();
    // Another process replaces it: this writer's next put (conditional on what it wrote) is refused.
    await other.put('settings.json', '{"v":"other"}');
    const conflict = (await thrown(() => writer.put('settings.json', '{"v":3}'))) as UserError<'remote.writeConflict'>;
    expect(conflict.code).toBe('remote.writeConflict');
    expect(conflict.params).toEqual({ url: 's3://kho-obj/phong', name: 'settings.json' });
    expect((await reader.get('settings.json'))!.toString()).toBe('{"v":"other"}');
    // Having read it again, the writer may replace it.
    await writer.get('settings.json');
    await writer.put('settings.json', '{"v":4}');
    expect((await reader.get('settings.json'))!.toString()).toBe('{"v":4}');
    expect(((await thrown(() => reader.put('settings.json', '{}'))) as UserError).code).toBe('remote.readOnly');
    // A writer whose lease is gone writes nothing.
    const lost = new S3ObjectStore(new S3Client(config), { readOnly: false, guard: () => { throw new UserError('remote.leaseLost', { url: config.location.url, holder: null }); } });
    expect(((await thrown(() => lost.put('settings.json', '{}'))) as UserError).code).toBe('remote.leaseLost');
  });
});
