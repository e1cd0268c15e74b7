/**
 * One library, two processes: the web server serves (and rescans) while a
 * CLI `kho index` adds a file. The server sees the new file without a
 * restart, its own rescan stores nothing twice, `kho verify` is clean, and a
 * second writer is told which process holds the write lock.
 * `kho verify --repair` fixes duplicated passages from the stores themselves.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as lancedb from '@lancedb/lancedb';
import { afterAll, describe, expect, it } from 'vitest';
import { Library } from '../indexer/library/library.js';
import { Overrides } from '../indexer/policy/overrides.js';
import { startServer } from '../indexer/transports/web/server.js';
import { CORPUS, kho, khoJson, ROOT, tempDir } from './helpers.js';

const work = tempDir('two-proc');
afterAll(() => work.cleanup());

function smallLibrary(name: string): string {
  const folder = path.join(work.dir, name);
  mkdirSync(folder);
  for (const f of readdirSync(CORPUS).filter((n) => n.endsWith('.txt')).slice(0, 3)) cpSync(path.join(CORPUS, f), path.join(folder, f));
  return folder;
}

const UNIQUE = 'Tàu ngầm xanh lam số hiệu 7731 neo tại vịnh Vân Phong';

describe('two processes on one library', () => {
  it('the server sees a CLI index run, rescans without duplicates, and verify stays clean', async () => {
    const folder = smallLibrary('thu-vien');
    const data = path.join(work.dir, 'data');
    await khoJson(['index', folder, '--data', data]);
    const rendererDir = path.join(work.dir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Kho</title>');
    const library = await Library.open({ dataDir: data, embedInWorker: false });
    const server = await startServer({ library, port: 0, rendererDir });
    const api = async (method: string, body: unknown) => {
      const res = await fetch(`${server.url}api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
        body: JSON.stringify(body),
      });
      const answer = (await res.json()) as any;
      return { status: res.status, body: answer.ok ? answer.value : answer };
    };
    try {
      const before = await api('search', { query: 'tàu ngầm xanh lam 7731' });
      expect(before.status).toBe(200);
      expect(before.body.hits.map((h: any) => path.basename(h.path))).not.toContain('new-doc.txt');

      writeFileSync(path.join(folder, 'new-doc.txt'), `${UNIQUE}.\n`);
      const cli = await kho(['index', folder, '--data', data, '--json']);
      expect(cli.code, cli.stderr).toBe(0);

      await expect.poll(async () => (await api('search', { query: 'tàu ngầm xanh lam 7731' })).body.hits.some((h: any) => path.basename(h.path) === 'new-doc.txt')).toBe(true);

      // The server's own rescan (what its watcher does) finds nothing new to store.
      const rescan = await api('index', { paths: [] });
      expect(rescan.status, JSON.stringify(rescan.body)).toBe(200);
      const verify = await kho(['verify', '--data', data, '--json']);
      expect(JSON.parse(verify.stdout).problems).toEqual([]);
      expect(verify.code).toBe(0);
      const status = await api('status', {});
      expect(status.body.documents).toBe(4);
    } finally {
      await server.close();
      await library.close();
    }
  });

  it('tells a second writer which process holds the lock, and changes nothing', async () => {
    const folder = smallLibrary('khoa');
    const data = path.join(work.dir, 'data-locked');
    await khoJson(['index', folder, '--data', data]);
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 600000)'], { stdio: 'ignore' });
    try {
      writeFileSync(path.join(data, 'write.lock'), String(holder.pid));
      writeFileSync(path.join(folder, 'new-doc.txt'), `${UNIQUE}.\n`);
      const result = await kho(['index', folder, '--data', data, '--lang', 'en', '--no-wait']);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain(`process ${holder.pid}`);
      expect((await khoJson(['status', '--data', data])).documents).toBe(3);
    } finally {
      holder.kill();
    }
  });

  it('kho index waits while another process writes, says so once, then indexes', async () => {
    const folder = smallLibrary('khoa-cho');
    const data = path.join(work.dir, 'data-wait');
    await khoJson(['index', folder, '--data', data]);
    // A live process holds the lock; it lets go (exits, leaving a stale lock file) once our run is waiting.
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 600000)'], { stdio: 'ignore' });
    try {
      writeFileSync(path.join(data, 'write.lock'), String(holder.pid));
      writeFileSync(path.join(folder, 'new-doc.txt'), `${UNIQUE}.\n`);
      const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'kho.js'), 'index', folder, '--data', data, '--lang', 'en'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      await expect.poll(() => stderr, { timeout: 10 * 60_000 }).toContain(`another process (${holder.pid}) is writing`);
      expect((await khoJson(['status', '--data', data])).documents).toBe(3); // nothing written while it waits
      holder.kill();
      expect(await exited).toBe(0);
      expect(stderr.split(`(${holder.pid})`).length - 1).toBe(1); // said once, not at every look
      expect((await khoJson(['status', '--data', data])).documents).toBe(4);
      expect((await khoJson(['search', UNIQUE, '--data', data])).hits[0].path).toMatch(/new-doc\.txt$/);
    } finally {
      holder.kill();
    }
  }, 20 * 60_000);

  it('kho verify --repair removes passages stored twice and re-indexes their document', async () => {
    const folder = smallLibrary('lap');
    const data = path.join(work.dir, 'data-dup');
    await khoJson(['index', folder, '--data', data]);
    const expected = await khoJson(['status', '--data', data]);
    // What a second writer with a stale catalogue did: store a document's passages again.
    const db = await lancedb.connect(path.join(data, 'lancedb'));
    const passages = await db.openTable('passages');
    const [one] = await passages.query().limit(1).toArray();
    const rows = await passages.query().where(`docId = '${one.docId}'`).toArray();
    await passages.add(rows.map((r) => ({ ...r })));
    db.close();
    const broken = await kho(['verify', '--data', data, '--json']);
    expect(broken.code).not.toBe(0);
    expect(JSON.parse(broken.stdout).problems.join('\n')).toMatch(/stored more than once/);

    const repaired = await kho(['verify', '--repair', '--data', data, '--json']);
    expect(repaired.code, repaired.stderr).toBe(0);
    expect(JSON.parse(repaired.stdout)).toMatchObject({ ok: true, problems: [] });
    const status = await khoJson(['status', '--data', data]);
    expect([status.documents, status.passages]).toEqual([expected.documents, expected.passages]);
  });
});

describe('small files shared by two writers', () => {
  it('keeps both writers\' status overrides (each write applies its change to a fresh read, under the file lock)', async () => {
    const file = path.join(work.dir, 'overrides.json');
    const app = await Overrides.open(file);
    const cli = await Overrides.open(file);
    await app.set('/a.pdf', 'expired');
    await cli.set('/b.pdf', 'in-force');
    await app.clear('/a.pdf');
    await cli.set('/c.pdf', 'expired');
    const reopened = await Overrides.open(file);
    expect(Object.keys(reopened.all()).sort()).toEqual(['/b.pdf', '/c.pdf']);
    expect(readdirSync(work.dir).filter((f) => f.endsWith('.lock'))).toEqual([]);
  });

  it('moves a damaged overrides file aside before writing, never over it', async () => {
    const file = path.join(work.dir, 'damaged-overrides.json');
    writeFileSync(file, '{"version": 1, "overrides": {"/x.pdf": tru');
    const overrides = await Overrides.open(file);
    expect(overrides.size).toBe(0);
    await overrides.set('/y.pdf', 'expired');
    const aside = readdirSync(work.dir).filter((f) => f.startsWith('damaged-overrides.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(path.join(work.dir, aside[0]!), 'utf8')).toBe('{"version": 1, "overrides": {"/x.pdf": tru');
  });
});
