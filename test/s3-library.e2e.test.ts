/**
 * A department's library on object storage (issue 18), end to end through the
 * `kho` CLI against a local S3 server (moto): one process indexes a folder into
 * `s3://bucket/prefix`; other processes — the CLI and `kho serve` — read it;
 * a file added on the writer's side shows up in both; a second writer is
 * refused naming the holder; the lease is taken over once its killed holder's
 * lease lapses; a reader cut off from the storage keeps answering from what it
 * loaded and says it is offline; a server that drops `If-None-Match` is refused.
 * Every `kho` is a separate process. No timing is asserted: waits poll, with
 * hang guards only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Client } from '../indexer/store/remote/s3-client.js';
import { CORPUS, kho, ROOT, tempDir } from './helpers.js';
import {
  SKIP_WITHOUT_MOTO, TEST_KEYS, createBucket, cuttableProxy, freePort, headerStrippingProxy, startMoto, testConfig, type CuttableProxy, type MotoServer,
} from './s3-helpers.js';

const BUCKET = 'so-khcn';
const PREFIX = 'phong-tong-hop/thu-vien';
const DATA = `s3://${BUCKET}/${PREFIX}`;
/** A word no corpus document holds: the file added while readers run. */
const NEW_WORD = 'zyxtrongdong';
/** Hang guard for one wait (not a budget). */
const GUARD_MS = 10 * 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, guardMs = GUARD_MS): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - started > guardMs) throw new Error(`gave up waiting: ${what}`);
    await sleep(500);
  }
}

interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
}

function start(args: string[], env: NodeJS.ProcessEnv): Running {
  const childEnv = { ...process.env, ...env };
  delete childEnv.KHO_DATA;
  delete childEnv.KHO_MODELS;
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'kho.js'), ...args], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return { child, stdout: () => out, stderr: () => err };
}

describe.skipIf(SKIP_WITHOUT_MOTO)('a department library on object storage (kho --data s3://…)', () => {
  const work = tempDir('s3-library');
  const folder = path.join(work.dir, 'van-ban');
  const home = path.join(work.dir, 'home');
  let moto: MotoServer;
  let cut: CuttableProxy;
  let env: NodeJS.ProcessEnv;
  const running: Running[] = [];
  let writer: Running;
  let web: { base: string; token: string; run: Running };
  const files = () => readdirSync(folder).filter((f) => !f.startsWith('.') && f !== 'README.md');

  const call = async (method: string, body: unknown) => {
    const response = await fetch(`${web.base}/api/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${web.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  const cliSearch = async (query: string) => {
    const result = await kho(['search', query, '--data', DATA, '--json', '--lang', 'en'], env);
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout);
  };

  beforeAll(async () => {
    moto = await startMoto();
    await createBucket(moto.endpoint, BUCKET);
    cut = await cuttableProxy(moto.endpoint);
    cpSync(CORPUS, folder, { recursive: true });
    mkdirSync(home, { recursive: true });
    env = {
      AWS_ACCESS_KEY_ID: TEST_KEYS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: TEST_KEYS.secretAccessKey,
      AWS_ENDPOINT_URL: moto.endpoint,
      AWS_REGION: 'us-east-1',
      AWS_PROFILE: '',
      HOME: home,
      XDG_DATA_HOME: path.join(home, '.local', 'share'),
      // A killed writer's lease lapses after 3 s (+ the 5 s take-over grace) instead of a minute.
      KHO_S3_LEASE_MS: '3000',
    };
  }, GUARD_MS);

  afterAll(async () => {
    for (const r of running) if (r.child.exitCode === null) r.child.kill('SIGKILL');
    await cut?.close();
    await moto?.stop();
    work.cleanup();
  });

  it('indexes a folder into s3:// from one process, writing no credentials into the bucket', async () => {
    const result = await kho(['index', folder, '--data', DATA, '--json', '--lang', 'en'], env);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).indexed).toBe(files().length);
    const client = new S3Client(testConfig(moto.endpoint, BUCKET, PREFIX));
    const objects = await client.list(`${PREFIX}/`);
    const names = objects.map((o) => o.key.slice(PREFIX.length + 1));
    for (const side of ['index.json', 'settings.json', 'titles.minisearch.json', 'failures.json']) expect(names).toContain(side);
    expect(names.some((n) => n.startsWith('lancedb/documents.lance/'))).toBe(true);
    expect(names).not.toContain('_kho/writer-lease.json'); // released when the run ended
    for (const o of objects) {
      const body = (await client.get(o.key))!.body;
      expect(body.includes(TEST_KEYS.secretAccessKey), o.key).toBe(false);
      expect(body.includes(TEST_KEYS.accessKeyId), o.key).toBe(false);
    }
  }, GUARD_MS);

  it('is searched from another process, which only reads; status says where it lives', async () => {
    const response = await cliSearch('chuyển giao công nghệ');
    expect(response.hits.length).toBeGreaterThan(0);
    const status = await kho(['status', '--data', DATA, '--json'], env);
    expect(status.code, status.stderr).toBe(0);
    const where = JSON.parse(status.stdout).notices.find((n: any) => n.code === 'remote.where');
    expect(where.params).toMatchObject({ url: DATA, endpoint: moto.endpoint, role: 'reader', holder: null, probe: 'honoured' });
    const text = await kho(['status', '--data', DATA, '--lang', 'en'], env);
    expect(text.stdout).toMatch(/library on object storage: s3:\/\/so-khcn\/phong-tong-hop\/thu-vien .*only reads; writer: none; conditional writes: honoured/);
  }, GUARD_MS);

  it('has one writer (kho watch): a second is refused naming it; readers (CLI and kho serve) see a new file', async () => {
    writer = start(['watch', '--data', DATA, '--lang', 'en'], env);
    running.push(writer);
    await until('the writer watching', async () => /watching/i.test(writer.stderr()) || writer.child.exitCode !== null);
    expect(writer.child.exitCode, writer.stderr()).toBeNull();

    // `kho serve` may write, but another process holds the lease: it serves as a reader, through a proxy we can cut.
    const port = await freePort();
    const serve = start(['serve', '--data', DATA, '--port', String(port), '--json', '--lang', 'en'], { ...env, AWS_ENDPOINT_URL: cut.endpoint });
    running.push(serve);
    const line = await until('kho serve to start', async () => serve.stdout().split('\n').find((l) => l.startsWith('{')) ?? (serve.child.exitCode !== null && '{"failed":true}'));
    const started = JSON.parse(line);
    expect(started.url, serve.stderr()).toBeDefined();
    web = { base: new URL(started.url).origin, token: /#token=(\w+)/.exec(started.url)![1]!, run: serve };
    // Written to stderr just after the address line on stdout: another pipe, maybe a moment later.
    await expect.poll(() => serve.stderr()).toMatch(new RegExp(`pid ${writer.child.pid}\\) is already writing to s3://`));
    const webStatus = await call('status', undefined);
    expect(webStatus.body.value.notices.find((n: any) => n.code === 'remote.where').params).toMatchObject({ role: 'reader', holder: expect.stringContaining(`pid ${writer.child.pid}`) });

    const second = await kho(['index', folder, '--data', DATA, '--no-wait', '--lang', 'en'], env);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`(pid ${writer.child.pid}) is already writing to ${DATA}`);

    // A reader never writes: a status override from the CLI is refused.
    const doc = await kho(['doc', path.join(folder, files()[0]!), '--data', DATA, '--set-status', 'expired', '--lang', 'en'], env);
    expect(doc.code).toBe(1);
    expect(doc.stderr).toMatch(/only reads s3:\/\//);

    expect((await cliSearch(NEW_WORD)).hits).toHaveLength(0);
    writeFileSync(path.join(folder, 'tb-99-2025-thong-bao-moi.txt'), `THÔNG BÁO\nVề việc thử nghiệm giống lúa ${NEW_WORD} tại xã Quảng Phú.\nĐề nghị các phòng phối hợp thực hiện.\n`);
    const seen = await until('the CLI reader to find the new file', async () => (await cliSearch(NEW_WORD)).hits[0]);
    expect(seen.path).toBe(path.join(folder, 'tb-99-2025-thong-bao-moi.txt'));
    const seenOnWeb = await until('the web reader to find the new file', async () => (await call('search', { query: NEW_WORD })).body.value?.hits?.[0]);
    expect(seenOnWeb.path).toBe(seen.path);
  }, 4 * GUARD_MS);

  it('keeps serving the last version on a reader cut off from the storage, and says it is offline', async () => {
    await cut.cut();
    // The reader's next look (every few seconds) fails: it reports offline instead of failing the request.
    const status = await until('the web reader to report offline', async () => {
      const reply = await call('status', undefined);
      return reply.body.value?.notices?.some((n: any) => n.code === 'remote.offlineKept') && reply.body.value;
    });
    expect(status.documents).toBe(files().length);
    expect(status.notices.find((n: any) => n.code === 'remote.where').params.role).toBe('reader');
    // The reader searches its local copy (store/remote/mirror.ts): answers, and says they may be old.
    const offlineSearch = (await call('search', { query: NEW_WORD })).body.value;
    expect(offlineSearch.hits[0].path).toBe(path.join(folder, 'tb-99-2025-thong-bao-moi.txt'));
    expect(offlineSearch.notices.map((n: any) => n.code)).toContain('remote.offlineKept');
    expect((await call('suggest', { prefix: 'chuyen gi' })).body.value.length).toBeGreaterThan(0);
    // A new process on the same desk with no network opens the copy, searches it and says it is offline.
    const offlineCli = await kho(['search', NEW_WORD, '--data', DATA, '--json', '--lang', 'en'], { ...env, AWS_ENDPOINT_URL: cut.endpoint });
    expect(offlineCli.code, offlineCli.stderr).toBe(0);
    expect(JSON.parse(offlineCli.stdout).hits[0].path).toBe(path.join(folder, 'tb-99-2025-thong-bao-moi.txt'));
    expect(offlineCli.stderr + offlineCli.stdout).toMatch(/offline: s3:\/\/so-khcn/);
    // Without a copy (another user on that desk), the same search says the storage is out of reach.
    const noCopy = await kho(['search', NEW_WORD, '--data', DATA, '--json', '--lang', 'en'], { ...env, AWS_ENDPOINT_URL: cut.endpoint, XDG_DATA_HOME: path.join(work.dir, 'other-user') });
    expect(noCopy.code).toBe(1);
    expect(noCopy.stderr).toMatch(/cannot reach the object storage of s3:\/\/so-khcn/);
    await cut.restore();
    await until('the web reader back online', async () => {
      const reply = await call('status', undefined);
      return reply.body.value && !reply.body.value.notices.some((n: any) => n.code === 'remote.offlineKept');
    });
    expect((await call('search', { query: NEW_WORD })).body.value.hits.length).toBeGreaterThan(0);
  }, 4 * GUARD_MS);

  it('opens a hit at its page on a desk that mounts the share elsewhere (its own root mapping and copy)', async () => {
    const desk = path.join(work.dir, 'desk-2');
    const share = path.join(desk, 'S', 'van-ban');
    cpSync(folder, share, { recursive: true });
    const deskEnv = { ...env, XDG_DATA_HOME: path.join(desk, 'data'), KHO_ROOT_MAP: path.join(desk, 'root-map.json') };
    const roots = JSON.parse((await kho(['roots', '--data', DATA, '--json'], deskEnv)).stdout);
    expect(roots).toHaveLength(1);
    expect(roots[0]).toMatchObject({ recorded: folder, mapped: null });
    const mapped = await kho(['roots', 'map', roots[0].id, share, '--data', DATA, '--json'], deskEnv);
    expect(mapped.code, mapped.stderr).toBe(0);
    expect(JSON.parse(mapped.stdout)[0]).toMatchObject({ mapped: share, local: share });

    const port = await freePort();
    const serve = start(['serve', '--data', DATA, '--port', String(port), '--json', '--lang', 'en'], deskEnv);
    running.push(serve);
    const line = await until('the second desk to serve', async () => serve.stdout().split('\n').find((l) => l.startsWith('{')) ?? (serve.child.exitCode !== null && '{"failed":true}'));
    const url = new URL(JSON.parse(line).url);
    const token = /#token=(\w+)/.exec(url.href)![1]!;
    try {
      const reply = await fetch(`${url.origin}/api/search`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ query: 'quy chế quản lý nhiệm vụ khoa học', limit: 20 }) });
      const hit = ((await reply.json()) as any).value.hits.find((h: any) => h.path.endsWith('.pdf') && h.page >= 1);
      expect(hit.path.startsWith(folder)).toBe(true);
      const file = await fetch(`${url.origin}/api/file?path=${encodeURIComponent(hit.path)}&token=${token}`);
      expect(file.status).toBe(200);
      expect(Buffer.from(await file.arrayBuffer()).equals(readFileSync(path.join(share, path.relative(folder, hit.path))))).toBe(true);
    } finally {
      serve.child.kill('SIGTERM');
    }
  }, 4 * GUARD_MS);

  it('lets the next writer take the lease over once its killed holder lapses', async () => {
    writer.child.kill('SIGKILL');
    const taken = await until('the lease to be taken over', async () => {
      const result = await kho(['index', folder, '--data', DATA, '--no-wait', '--json', '--lang', 'en'], env);
      return result.code === 0 && result;
    });
    expect(taken.stderr).toMatch(new RegExp(`took over writing to ${DATA.replace(/[/.]/g, '\\$&')} from .*pid ${writer.child.pid}`));
    const status = JSON.parse((await kho(['status', '--data', DATA, '--json'], env)).stdout);
    expect(status.notices.find((n: any) => n.code === 'remote.where').params.holder).toBeNull();
    expect(status.documents).toBe(files().length);
  }, 4 * GUARD_MS);

  it('rides out a short network cut on the writer, losing nothing', async () => {
    const data = `s3://${BUCKET}/phong-ghi`;
    const small = path.join(work.dir, 'ghi');
    mkdirSync(small);
    for (const f of files().slice(0, 2)) cpSync(path.join(folder, f), path.join(small, f));
    const writerCut = await cuttableProxy(moto.endpoint);
    // The default lease (a minute): a cut of a few seconds must not cost the writer its lease.
    const writerEnv = { ...env, AWS_ENDPOINT_URL: writerCut.endpoint, KHO_S3_LEASE_MS: '' };
    try {
      const first = await kho(['index', small, '--data', data, '--lang', 'en'], writerEnv);
      expect(first.code, first.stderr).toBe(0);
      const watch = start(['watch', '--data', data, '--lang', 'en'], writerEnv);
      running.push(watch);
      await until('the writer watching', async () => /watching/i.test(watch.stderr()) || watch.child.exitCode !== null);
      await writerCut.cut();
      const word = 'qwvanbanmatmang';
      writeFileSync(path.join(small, 'tb-100-2025-mat-mang.txt'), `THÔNG BÁO\nVề việc kiểm tra đường truyền ${word} của cơ quan.\n`);
      await sleep(4_000);
      await writerCut.restore();
      const hit = await until('the file written during the cut to reach readers', async () => {
        const result = await kho(['search', word, '--data', data, '--json'], env);
        return result.code === 0 && JSON.parse(result.stdout).hits[0];
      });
      expect(hit.path).toBe(path.join(small, 'tb-100-2025-mat-mang.txt'));
      expect(watch.child.exitCode, watch.stderr()).toBeNull();
      expect(watch.stderr()).not.toMatch(/no longer the writer/);
      const status = JSON.parse((await kho(['status', '--data', data, '--json'], env)).stdout);
      expect(status.documents).toBe(3);
      expect(status.notices.find((n: any) => n.code === 'remote.where').params.holder).toContain(`pid ${watch.child.pid}`);
      watch.child.kill('SIGTERM');
      await until('the writer to stop', async () => watch.child.exitCode !== null || watch.child.signalCode !== null);
    } finally {
      await writerCut.close();
    }
  }, 4 * GUARD_MS);

  it('refuses to write through a server that drops If-None-Match, saying why', async () => {
    const proxy = await headerStrippingProxy(moto.endpoint);
    try {
      const other = `s3://${BUCKET}/phong-khac`;
      const result = await kho(['index', folder, '--data', other, '--lang', 'en'], { ...env, AWS_ENDPOINT_URL: proxy.endpoint });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/does not honour conditional writes \(.+\): two writers could lose each other's work/);
      expect(proxy.stripped).toBeGreaterThan(0);
      const client = new S3Client(testConfig(moto.endpoint, BUCKET, 'phong-khac'));
      // Nothing of the library was written: only the probe's record, for `kho status`.
      expect((await client.list('phong-khac/')).map((o) => o.key)).toEqual(['phong-khac/_kho/probe.json']);
    } finally {
      await proxy.close();
    }
  }, GUARD_MS);
});
