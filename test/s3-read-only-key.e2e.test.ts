/**
 * The department set-up of the README with real permissions (issue 18): one
 * bucket, a writer key that may write and a read-only key for the desks. moto
 * checks signatures and IAM policies here (INITIAL_NO_AUTH_ACTION_COUNT: the
 * set-up's own requests pass, every later one is checked), so our requests
 * must be signed right, a desk with the read-only key searches, and whatever
 * would write from it is refused saying why — and writes nothing.
 *
 * The library is indexed into a folder and put into the bucket with the writer
 * key, object by object, as a writer leaves it: moto's signature check rejects
 * LanceDB's own listing requests (it computes a different canonical query for
 * `prefix=…%2F…`, which AWS accepts), so LanceDB cannot write through a checking
 * moto. Readers never use LanceDB's S3 client: they read through their copy.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Client } from '../indexer/store/remote/s3-client.js';
import { CORPUS, kho, tempDir } from './helpers.js';
import { SKIP_WITHOUT_MOTO, startMoto, type MotoServer } from './s3-helpers.js';

const BUCKET = 'so-tttt';
/**
 * The library at the bucket's root: moto's signature check also miscomputes our own listing
 * of a prefix holding `/` (the same `%2F` query as LanceDB's), so the listing here has none.
 */
const DATA = `s3://${BUCKET}`;
/** The set-up's requests before moto starts checking: the bucket, then two users with a policy and a key each. */
const SETUP_ACTIONS = 7;

interface Key {
  id: string;
  secret: string;
}

describe.skipIf(SKIP_WITHOUT_MOTO)('a writer key and a read-only key (moto checking IAM policies)', () => {
  const work = tempDir('s3-keys');
  let moto: MotoServer;
  let writerKey: Key;
  let readerKey: Key;
  const envOf = (key: Key, desk: string) => ({
    AWS_ACCESS_KEY_ID: key.id,
    AWS_SECRET_ACCESS_KEY: key.secret,
    AWS_ENDPOINT_URL: moto.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_PROFILE: '',
    HOME: path.join(work.dir, desk),
    XDG_DATA_HOME: path.join(work.dir, desk, 'data'),
    XDG_CONFIG_HOME: path.join(work.dir, desk, 'config'),
  });
  const clientOf = (key: Key) =>
    new S3Client({ location: { bucket: BUCKET, prefix: '', url: DATA }, region: 'us-east-1', endpoint: moto.endpoint, credentials: { accessKeyId: key.id, secretAccessKey: key.secret }, credentialSource: 'test' });
  const objects = async () => (await clientOf(readerKey).list('')).map((o) => `${o.key} ${o.etag}`).sort();

  beforeAll(async () => {
    moto = await startMoto({ INITIAL_NO_AUTH_ACTION_COUNT: String(SETUP_ACTIONS) });
    // Unsigned set-up requests: moto routes them by the service named in the credential scope.
    const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
    const scope = (service: string) => `AWS4-HMAC-SHA256 Credential=SETUP/${day}/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=0`;
    const bucket = await fetch(`${moto.endpoint}/${BUCKET}`, { method: 'PUT', headers: { authorization: scope('s3') } });
    expect(bucket.status).toBe(200);
    const iam = async (params: Record<string, string>) => {
      const reply = await fetch(`${moto.endpoint}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: scope('iam') },
        body: new URLSearchParams({ ...params, Version: '2010-05-08' }).toString(),
      });
      const text = await reply.text();
      if (!reply.ok) throw new Error(`IAM ${params.Action}: ${reply.status} ${text}`);
      return text;
    };
    const user = async (name: string, actions: string[]): Promise<Key> => {
      await iam({ Action: 'CreateUser', UserName: name });
      await iam({ Action: 'PutUserPolicy', UserName: name, PolicyName: 'kho', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] }) });
      const key = await iam({ Action: 'CreateAccessKey', UserName: name });
      return { id: /<AccessKeyId>(.*?)</.exec(key)![1]!, secret: /<SecretAccessKey>(.*?)</.exec(key)![1]! };
    };
    writerKey = await user('may-ghi', ['s3:*']);
    readerKey = await user('ban-lam-viec', ['s3:GetObject', 's3:ListBucket']);
    // From here on moto checks: an unsigned request is refused.
    expect((await fetch(`${moto.endpoint}/${BUCKET}?list-type=2`)).ok).toBe(false);
  });

  afterAll(async () => {
    await moto?.stop();
    work.cleanup();
  });

  it('with the writer key’s library in the bucket, a desk with the read-only key searches, is refused every write, and writes nothing', async () => {
    const folder = path.join(work.dir, 'built');
    const indexed = await kho(['index', CORPUS, '--data', folder, '--json', '--lang', 'en'], envOf(writerKey, 'writer'));
    expect(indexed.code, indexed.stderr).toBe(0);
    const writer = clientOf(writerKey);
    for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const file = path.join(entry.parentPath, entry.name);
      await writer.put(`${path.relative(folder, file).split(path.sep).join('/')}`, readFileSync(file));
    }
    const before = await objects();
    expect(before.some((o) => o.startsWith('lancedb/'))).toBe(true);

    const desk = envOf(readerKey, 'desk');
    const found = await kho(['search', 'chuyển giao công nghệ', '--data', DATA, '--json', '--lang', 'en'], desk);
    expect(found.code, found.stderr).toBe(0);
    expect(JSON.parse(found.stdout).hits.length).toBeGreaterThan(0);
    const status = JSON.parse((await kho(['status', '--data', DATA, '--json', '--lang', 'en'], desk)).stdout);
    expect(status.notices.find((n: any) => n.code === 'remote.where').params.role).toBe('reader');

    // Indexing with the read-only key: refused at the first write (the conditional-write check), saying why.
    const index = await kho(['index', CORPUS, '--data', DATA, '--lang', 'en'], desk);
    expect(index.code).toBe(1);
    expect(index.stderr).toMatch(/access to s3:\/\/so-tttt was refused \(AccessDenied\)/);
    const override = await kho(['doc', path.join(CORPUS, 'qd-1234-2024-ubnd-thanh-hoa-ho-tro-doi-moi-sang-tao.pdf'), '--data', DATA, '--set-status', 'expired', '--lang', 'en'], desk);
    expect(override.code).toBe(1);
    expect(override.stderr).toMatch(/only reads s3:\/\//);
    expect(await objects()).toEqual(before);
  });
});
