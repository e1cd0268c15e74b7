/**
 * The foundation of a shared library on object storage (issue 18), against a
 * local S3 server (moto): the `s3://` location and the AWS credentials, our
 * small S3 client with its conditional puts, the writer lease (refusal naming
 * the holder, renewal, take-over after it lapses, release), the
 * conditional-write probe — passing on moto and failing through a proxy that
 * drops the condition headers (the lost-writes case) — and LanceDB itself
 * making and querying a table at `s3://bucket/prefix` with our storage options.
 * No timing is asserted: lapses use injected clocks, or short durations polled.
 */
import '../indexer/store/lance-env.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as lancedb from '@lancedb/lancedb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../indexer/api/errors.js';
import type { Message } from '../indexer/api/messages.js';
import { formatMessage } from '../indexer/common/messages/format.js';
import { WriterLease, readLease } from '../indexer/store/remote/lease.js';
import { describeS3Config, isS3Url, keyIn, lanceStorageOptions, lanceUri, parseS3Location, parseIni, resolveS3Config } from '../indexer/store/remote/location.js';
import { probeConditionalWrites, requireConditionalWrites } from '../indexer/store/remote/probe.js';
import { S3Client, S3Error, signRequest, toUserError } from '../indexer/store/remote/s3-client.js';
import { tempDir, thrown } from './helpers.js';
import { SKIP_WITHOUT_MOTO, createBucket, freePort, headerStrippingProxy, startMoto, testConfig, type MotoServer } from './s3-helpers.js';

const codeOf = (error: unknown) => (error instanceof UserError ? error.code : error instanceof S3Error ? error.kind : String(error));

describe('an s3:// location and its credentials', () => {
  it('parses s3://bucket/prefix and refuses bad ones by name', () => {
    expect(isS3Url('S3://x/y')).toBe(true);
    expect(isS3Url('/srv/kho')).toBe(false);
    expect(parseS3Location('s3://so-noi-vu/van-ban/2025/')).toEqual({ bucket: 'so-noi-vu', prefix: 'van-ban/2025', url: 's3://so-noi-vu/van-ban/2025' });
    expect(parseS3Location('s3://kho.tinh')).toEqual({ bucket: 'kho.tinh', prefix: '', url: 's3://kho.tinh' });
    const problems: Record<string, string> = {
      'http://kho/x': 'scheme', 's3://': 'bucket', 's3://Kho/x': 'bucket', 's3://ab/x': 'bucket', 's3://a..b/x': 'bucket', 's3://192.168.1.10/x': 'bucket',
      's3://kho/a//b': 'prefix', 's3://kho/a/../b': 'prefix', 's3://kho/a\\b': 'prefix', [`s3://kho/${'x'.repeat(600)}`]: 'prefix', 's3://kho/a?versionId=1': 'query',
    };
    for (const [url, problem] of Object.entries(problems)) {
      const error = (() => {
        try {
          parseS3Location(url);
        } catch (e) {
          return e;
        }
        return null;
      })();
      expect(error, url).toBeInstanceOf(UserError);
      expect((error as UserError<'remote.badLocation'>).params).toEqual({ url, problem });
    }
    const message = new UserError('remote.badLocation', { url: 's3://Kho', problem: 'bucket' }).toMessage();
    expect(formatMessage(message, 'vi')).toMatch(/tên bucket không hợp lệ/);
    expect(keyIn(parseS3Location('s3://kho/phong'), '_kho', 'writer-lease.json')).toBe('phong/_kho/writer-lease.json');
    expect(lanceUri(parseS3Location('s3://kho'))).toBe('s3://kho/lancedb');
  });

  it('takes keys, region and endpoint from the environment, else from the profile in a temporary HOME', () => {
    const home = tempDir('s3-home');
    try {
      const location = parseS3Location('s3://kho/phong');
      const env = { AWS_ACCESS_KEY_ID: 'AKENV', AWS_SECRET_ACCESS_KEY: 'secret-env', AWS_SESSION_TOKEN: 'tok', AWS_DEFAULT_REGION: 'ap-southeast-1', AWS_ENDPOINT_URL: 'http://10.0.0.5:9000/' };
      const fromEnv = resolveS3Config(location, { env, home: home.dir });
      expect(fromEnv).toMatchObject({ region: 'ap-southeast-1', endpoint: 'http://10.0.0.5:9000', credentials: { accessKeyId: 'AKENV', secretAccessKey: 'secret-env', sessionToken: 'tok' }, credentialSource: 'environment' });
      expect(lanceStorageOptions(fromEnv)).toEqual({
        aws_access_key_id: 'AKENV', aws_secret_access_key: 'secret-env', aws_session_token: 'tok', aws_region: 'ap-southeast-1',
        aws_endpoint: 'http://10.0.0.5:9000', aws_virtual_hosted_style_request: 'false', allow_http: 'true',
      });
      expect(resolveS3Config(location, { env: { ...env, AWS_ENDPOINT_URL_S3: 'https://s3.tinh.gov.vn' }, home: home.dir }).endpoint).toBe('https://s3.tinh.gov.vn');
      expect(JSON.stringify(describeS3Config(fromEnv))).not.toMatch(/secret|AKENV|tok/);

      // No keys anywhere: told what to set.
      expect(() => resolveS3Config(location, { env: {}, home: home.dir })).toThrow(/no credentials for s3:\/\/kho\/phong/);
      expect(() => resolveS3Config(location, { env: { AWS_PROFILE: 'khong-co' }, home: home.dir })).toThrow(/profile "khong-co"/);

      mkdirSync(path.join(home.dir, '.aws'));
      writeFileSync(path.join(home.dir, '.aws', 'credentials'), '[default]\naws_access_key_id = AKDEF\naws_secret_access_key = secret-def\n\n[van-thu]\n# the reader key\naws_access_key_id=AKVT\naws_secret_access_key = secret-vt\n');
      writeFileSync(
        path.join(home.dir, '.aws', 'config'),
        '[default]\nregion = us-west-2\n\n[profile van-thu]\nregion = ap-southeast-1\nservices = phong-it\n\n[services phong-it]\ns3 =\n  endpoint_url = http://minio.local:9000\n\n[profile cu]\nregion=eu-west-1\ns3 =\n  endpoint_url = http://ceph.local:7480\n',
      );
      expect(resolveS3Config(location, { env: {}, home: home.dir })).toMatchObject({ region: 'us-west-2', endpoint: null, credentials: { accessKeyId: 'AKDEF' }, credentialSource: 'profile default' });
      const profiled = resolveS3Config(location, { env: { AWS_PROFILE: 'van-thu' }, home: home.dir });
      expect(profiled).toMatchObject({ region: 'ap-southeast-1', endpoint: 'http://minio.local:9000', credentials: { accessKeyId: 'AKVT', secretAccessKey: 'secret-vt' }, credentialSource: 'profile van-thu' });
      expect(lanceStorageOptions(profiled).aws_session_token).toBeUndefined();
      // A profile with a region and endpoint but no keys of its own: keys from the environment win anyway.
      expect(resolveS3Config(location, { env: { AWS_PROFILE: 'cu', AWS_ACCESS_KEY_ID: 'AK', AWS_SECRET_ACCESS_KEY: 's' }, home: home.dir })).toMatchObject({ region: 'eu-west-1', endpoint: 'http://ceph.local:7480' });
      expect(() => resolveS3Config(location, { env: { AWS_PROFILE: 'cu' }, home: home.dir })).toThrow(/add keys to the profile "cu"/);
      expect(() => resolveS3Config(location, { env: { ...env, AWS_ENDPOINT_URL: 'ftp://x' }, home: home.dir })).toThrow(/not an object storage endpoint/);
      expect(parseIni('[a]\nk = v = w\n; c\n').get('a')?.get('k')).toBe('v = w');
    } finally {
      home.cleanup();
    }
  });

  it('signs requests as botocore does (AWS Signature V4)', () => {
    const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', sessionToken: 'tok/en+1' };
    const at = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
    const list = new URL('http://127.0.0.1:9000/my-bucket/');
    for (const [k, v] of Object.entries({ 'list-type': '2', prefix: 'dept/văn bản/', 'continuation-token': 'a+b=' })) list.searchParams.set(k, v);
    // Reference signatures computed with botocore's S3SigV4Auth for the same requests.
    expect(signRequest('GET', list, {}, new Uint8Array(0), credentials, 'eu-west-1', at).authorization).toMatch(/Signature=fe63d27ec982c0edc210f6461a94f70d1dd3bb16a29987a619320c3021b99bac$/);
    const put = new URL(`http://127.0.0.1:9000/my-bucket/${['dept', 'văn bản', '_kho', 'x(1).json'].map((s) => encodeURIComponent(s).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)).join('/')}`);
    const signed = signRequest('PUT', put, { 'if-none-match': '*' }, Buffer.from('{"a":1}'), credentials, 'eu-west-1', at);
    expect(signed.authorization).toMatch(/SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=5273de853a59974c88af55898df8322ee8e1c07913c30bfe792eb1d1b5e09785$/);
    expect(signed['if-none-match']).toBe('*');
  });
});

describe.skipIf(SKIP_WITHOUT_MOTO)('a library bucket on a local S3 server (moto)', () => {
  let moto: MotoServer;
  const bucket = 'so-noi-vu';
  beforeAll(async () => {
    moto = await startMoto();
    await createBucket(moto.endpoint, bucket);
  });
  afterAll(async () => {
    await moto?.stop();
  });
  const clientOf = (prefix: string, endpoint = moto.endpoint) => new S3Client(testConfig(endpoint, bucket, prefix), { backoffMs: [50, 100] });

  it('puts, gets, heads, lists and deletes objects (Vietnamese keys too)', async () => {
    const client = clientOf('phong/a');
    const key = keyIn(client.config.location, 'văn bản', 'Quyết định (số 1).json');
    const { etag } = await client.put(key, '{"tieuDe":"Quyết định"}');
    expect(etag).toMatch(/^".+"$/);
    const got = await client.get(key);
    expect(got?.body.toString('utf8')).toBe('{"tieuDe":"Quyết định"}');
    expect(got?.etag).toBe(etag);
    expect(await client.head(key)).toMatchObject({ etag, size: Buffer.byteLength('{"tieuDe":"Quyết định"}') });
    await client.put(keyIn(client.config.location, 'khac.txt'), 'x');
    expect((await client.list('phong/a/')).map((e) => e.key).sort()).toEqual(['phong/a/khac.txt', key].sort());
    await client.delete(key);
    expect(await client.get(key)).toBeNull();
    expect(await client.head(key)).toBeNull();
    await client.delete(key); // already gone: no error
    expect(codeOf(await thrown(() => new S3Client(testConfig(moto.endpoint, 'khong-co-bucket', 'x'), { backoffMs: [] }).list('x/')))).toBe('no-bucket');
  });

  it('honours create-only and replace-if-unchanged puts', async () => {
    const client = clientOf('phong/b');
    const key = keyIn(client.config.location, 'cau-hinh.json');
    const first = await client.put(key, 'v1', { ifNoneMatch: true });
    expect(codeOf(await thrown(() => client.put(key, 'v1 again', { ifNoneMatch: true })))).toBe('precondition-failed');
    const second = await client.put(key, 'v2', { ifMatch: first.etag });
    expect(codeOf(await thrown(() => client.put(key, 'v3 from a stale read', { ifMatch: first.etag })))).toBe('precondition-failed');
    expect((await client.get(key))?.body.toString()).toBe('v2');
    expect(second.etag).not.toBe(first.etag);
  });

  it('reports a server that does not answer as offline, after retrying', async () => {
    const port = await freePort();
    const client = new S3Client(testConfig(`http://127.0.0.1:${port}`, bucket, 'x'), { backoffMs: [10, 10] });
    const error = await thrown(() => client.get('x/y'));
    expect(error).toBeInstanceOf(S3Error);
    expect(error).toMatchObject({ kind: 'offline', detail: 'ECONNREFUSED', retried: true });
    const user = toUserError(error, 's3://so-noi-vu/x') as UserError<'remote.offline'>;
    expect(formatMessage(user.toMessage(), 'vi')).toBe('Không kết nối được kho lưu trữ của s3://so-noi-vu/x (ECONNREFUSED); hãy kiểm tra mạng.');
  });

  it('gives one writer the lease: a second is refused by name; renewal; release', async () => {
    const client = clientOf('phong/lease');
    const a = await WriterLease.acquire(client, { identity: { user: 'an', host: 'may-chu', pid: 101 }, autoRenew: false });
    expect(a.held).toBe(true);
    const refused = await thrown(() => WriterLease.acquire(client, { identity: { user: 'binh', host: 'may-ban', pid: 202 }, autoRenew: false }));
    expect(codeOf(refused)).toBe('remote.leaseHeld');
    expect((refused as UserError<'remote.leaseHeld'>).params).toMatchObject({ url: 's3://so-noi-vu/phong/lease', holder: 'an@may-chu (pid 101)', expiresAt: a.record.expiresAt });
    expect(formatMessage((refused as UserError).toMessage(), 'vi')).toMatch(/^an@may-chu \(pid 101\) đang ghi vào s3:\/\/so-noi-vu\/phong\/lease/);
    const before = a.record.expiresAt;
    await a.renew();
    expect(a.record.renewals).toBe(1);
    expect(Date.parse(a.record.expiresAt)).toBeGreaterThanOrEqual(Date.parse(before));
    expect((await readLease(client))?.record).toEqual(a.record);
    await a.release();
    expect(await readLease(client)).toBeNull();
    const b = await WriterLease.acquire(client, { identity: { user: 'binh', host: 'may-ban', pid: 202 }, autoRenew: false });
    expect(b.record.holder).toBe('binh@may-ban (pid 202)');
    await b.release();
  });

  it('takes over a lapsed lease once: of two takers one wins, and the old holder learns it lost', async () => {
    // moto checks If-Match but not atomically (both of two racing writes pass about 1 time in 300):
    // such a round is played again on a fresh prefix. A server ignoring If-Match would fail every round.
    for (let round = 0; ; round++) {
      const prefix = `phong/takeover-${round}`;
      const client = clientOf(prefix);
      const url = `s3://so-noi-vu/${prefix}`;
      const lost: Message[] = [];
      const old = await WriterLease.acquire(client, { identity: { user: 'an', host: 'may-chu', pid: 1 }, autoRenew: false, onLost: (e) => lost.push(e.toMessage()) });
      // Ten minutes later by the takers' clock: the lease (60 s) has lapsed.
      const later = () => client.serverNow() + 10 * 60_000;
      const notices: Message[] = [];
      const takers = await Promise.allSettled(
        ['c', 'd'].map((user, i) => WriterLease.acquire(client, { identity: { user, host: 'may-ban', pid: 300 + i }, autoRenew: false, now: later, onNotice: (m) => notices.push(m) })),
      );
      const won = takers.filter((t): t is PromiseFulfilledResult<WriterLease> => t.status === 'fulfilled');
      const refused = takers.filter((t): t is PromiseRejectedResult => t.status === 'rejected');
      if (won.length === 2 && round < 3) continue;
      expect(won).toHaveLength(1);
      expect(refused).toHaveLength(1);
      const winner = won[0]!.value;
      expect((refused[0]!.reason as UserError<'remote.leaseHeld'>).params.holder).toBe(winner.record.holder);
      expect(winner.record.takenOverFrom).toBe('an@may-chu (pid 1)');
      expect(notices).toEqual([{ code: 'remote.leaseTakenOver', params: { url, previous: 'an@may-chu (pid 1)', expiredAt: old.record.expiresAt } }]);
      const renewal = await thrown(() => old.renew());
      expect((renewal as UserError<'remote.leaseLost'>).params).toEqual({ url, holder: winner.record.holder });
      expect(old.held).toBe(false);
      expect(lost).toHaveLength(1);
      expect(() => old.assertHeld()).toThrow(/no longer the writer/);
      await old.release(); // lost: leaves the winner's lease alone
      expect((await readLease(client))?.holder).toBe(winner.record.holder);
      await winner.release();
      return;
    }
  });

  it('keeps a renewed lease, and lets it be taken over once its holder stops renewing (short real durations)', async () => {
    const client = clientOf('phong/lapse');
    const short = { durationMs: 2_000, renewEveryMs: 300, graceMs: 1_000 };
    const holder = await WriterLease.acquire(client, { ...short, identity: { user: 'an', host: 'may-chu', pid: 7 } });
    await expect.poll(() => holder.record.renewals).toBeGreaterThanOrEqual(3);
    expect(codeOf(await thrown(() => WriterLease.acquire(client, { ...short, identity: { user: 'binh', host: 'may-ban', pid: 8 }, autoRenew: false })))).toBe('remote.leaseHeld');
    // The holder is "killed": its renewal timer stops, and it never releases.
    clearInterval((holder as unknown as { timer: NodeJS.Timeout }).timer);
    let taker: WriterLease | null = null;
    await expect
      .poll(async () => {
        taker = await WriterLease.acquire(client, { ...short, identity: { user: 'binh', host: 'may-ban', pid: 8 }, autoRenew: false }).catch(() => null);
        return taker?.record.holder ?? null;
      })
      .toBe('binh@may-ban (pid 8)');
    expect(codeOf(await thrown(() => holder.renew()))).toBe('remote.leaseLost');
    await taker!.release();
  });

  it('passes the conditional-write probe on moto', async () => {
    const client = clientOf('phong/probe');
    const result = await probeConditionalWrites(client);
    expect(result).toMatchObject({ honoured: true, failed: null, createOnly: 'refused', staleEtag: 'refused' });
    // moto checks If-None-Match but not atomically: now and then (1 race in 300) both win one round.
    expect(result.race.filter((r) => r === 'one-winner').length).toBeGreaterThanOrEqual(result.race.length - 1);
    expect(() => requireConditionalWrites(result, client)).not.toThrow();
    expect(await client.list('phong/probe/')).toEqual([]); // probe objects cleaned up
  });

  it('fails the probe through a proxy that drops If-None-Match and If-Match, and refuses by name', async () => {
    const proxy = await headerStrippingProxy(moto.endpoint);
    try {
      const client = clientOf('phong/proxy', proxy.endpoint);
      const result = await probeConditionalWrites(client);
      expect(result).toMatchObject({ honoured: false, failed: 'race', createOnly: 'accepted', staleEtag: 'accepted' });
      expect(result.race.every((r) => r === 'both-won')).toBe(true);
      expect(proxy.stripped).toBeGreaterThan(0);
      const refusal = (() => {
        try {
          requireConditionalWrites(result, client);
        } catch (error) {
          return error as UserError<'remote.noConditionalWrites'>;
        }
        return null;
      })();
      expect(refusal?.params).toEqual({ url: 's3://so-noi-vu/phong/proxy', endpoint: proxy.endpoint, check: 'race' });
      expect(refusal?.message).toMatch(/does not honour conditional writes \(two create-only writes of the same object both succeeded\)/);
    } finally {
      await proxy.close();
    }
  });

  it('lets LanceDB create, index and query a table at s3://bucket/prefix with our storage options, and a second reader see it', async () => {
    const location = parseS3Location(`s3://${bucket}/phong/lance`);
    const config = { ...testConfig(moto.endpoint, bucket, location.prefix), location };
    const storageOptions = lanceStorageOptions(config);
    const db = await lancedb.connect(lanceUri(location), { storageOptions });
    const rows = Array.from({ length: 40 }, (_, i) => ({ id: `p${i}`, terms: i === 7 ? 'quyết_định bổ_nhiệm cán_bộ' : `báo_cáo số ${i}`, vector: Array.from({ length: 8 }, (_, d) => (d === i % 8 ? 1 : 0.01)) }));
    const table = await db.createTable('passages', rows);
    await table.createIndex('terms', { config: lancedb.Index.fts({ baseTokenizer: 'whitespace', lowercase: false, stem: false, removeStopWords: false, asciiFolding: false, withPosition: false }) });
    const hits = await table.query().fullTextSearch('bổ_nhiệm').limit(5).toArray();
    expect(hits.map((h) => h.id)).toEqual(['p7']);
    const near = await table.query().nearestTo(rows[3]!.vector).limit(1).toArray();
    expect(near[0]!.id).toMatch(/^p(3|11|19|27|35)$/);
    const keys = await clientOf('phong/lance').list('phong/lance/lancedb/passages.lance/_versions/');
    expect(keys.length).toBeGreaterThan(0);
    // Another process's view: a second connection reads what the first committed.
    const reader = await (await lancedb.connect(lanceUri(location), { storageOptions })).openTable('passages');
    expect(await reader.countRows()).toBe(40);
    await table.add([{ id: 'p40', terms: 'công_văn mới', vector: Array.from({ length: 8 }, () => 0.5) }]);
    await reader.checkoutLatest();
    expect(await reader.countRows()).toBe(41);
    expect((await reader.query().fullTextSearch('công_văn').toArray()).map((h) => h.id)).toEqual(['p40']);
  });
});
